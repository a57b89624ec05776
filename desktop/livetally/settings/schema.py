"""The registry of settings: every key settings.toml may hold, its type and its bounds.

The figures themselves (label, bounds) are declared once, in ``core.rates.FIGURES``; this
adds how the file spells each key. Each check returns ``None`` when the value is fine,
else what was expected, in words a creator can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from livetally.core.rates import EXCHANGE_RATE as RATES_PER_USD
from livetally.core.rates import (
    EXCHANGE_RATE_BOUNDS,
    FIGURES,
    TAX_RESERVE_BOUNDS,
    TAX_RESERVE_PERCENT,
    Bounds,
    FigureSpec,
)

#: The layout version this LiveTally writes; older files are migrated on load.
SCHEMA_VERSION = 1

COUNTRY_CODE = re.compile(r"[A-Z]{2}")
CURRENCY_CODE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class NumberField:
    """A decimal figure, read exactly from its TOML text, within its declared bounds."""

    name: str
    description: str
    bounds: Bounds

    def check(self, value: Decimal) -> str | None:
        """None when ``value`` is fine, else what was expected, in words."""
        return None if value in self.bounds else self.bounds.expected()


@dataclass(frozen=True)
class TextField:
    name: str
    description: str


Field = NumberField | TextField


def _field(spec: FigureSpec) -> Field:
    if spec.bounds is None:
        return TextField(spec.name, spec.description)
    return NumberField(spec.name, spec.description, spec.bounds)


#: Figures a country inherits from [defaults] and may override in its own section.
RATE_FIELDS: dict[str, Field] = {name: _field(spec) for name, spec in FIGURES.items()}

#: Keys of a [countries.XX] section besides the rate figures.
COUNTRY_FIELDS: dict[str, Field] = {
    "name": TextField("name", "the country's name as shown"),
    "currency": TextField("currency", "the country's currency, one of [currencies]"),
    **RATE_FIELDS,
}

#: ``[app] tax_reserve_percent``, optional (0 when absent); declared in ``core.rates``.
TAX_RESERVE = NumberField(
    TAX_RESERVE_PERCENT.name, TAX_RESERVE_PERCENT.description, TAX_RESERVE_BOUNDS
)

#: Keys of the [app] section.
APP_FIELDS: dict[str, Field] = {
    "country": TextField("country", "the country profile used unless another is chosen"),
    "currency": TextField("currency", "the currency for reports and charts"),
    TAX_RESERVE.name: TAX_RESERVE,
}

TOP_LEVEL_KEYS = ("schema_version", "app", "defaults", "currencies", "countries")

EXCHANGE_RATE = NumberField("rate", RATES_PER_USD.description, EXCHANGE_RATE_BOUNDS)
