"""The registry of settings: every key settings.toml may hold, its type and its bounds.

One table drives reading, checking and (later) the settings dialog, so a new figure is
added in one place. Each check returns ``None`` when the value is fine, else what was
expected, in words a creator can act on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

#: The layout version this LiveTally writes; older files are migrated on load.
SCHEMA_VERSION = 1

COUNTRY_CODE = re.compile(r"[A-Z]{2}")
CURRENCY_CODE = re.compile(r"[A-Z]{3}")

Check = Callable[[Decimal], str | None]


def _positive(value: Decimal) -> str | None:
    return None if value > 0 else "a number greater than 0"


def _not_negative(value: Decimal) -> str | None:
    return None if value >= 0 else "a number of 0 or more"


def _percent(value: Decimal) -> str | None:
    return None if 0 <= value < 100 else "a percentage from 0 up to (not including) 100"


@dataclass(frozen=True)
class NumberField:
    """A decimal figure, read exactly from its TOML text."""

    name: str
    check: Check
    description: str


@dataclass(frozen=True)
class TextField:
    name: str
    description: str


Field = NumberField | TextField

#: Figures a country inherits from [defaults] and may override in its own section.
RATE_FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        NumberField("coin_usd", _positive, "what a viewer pays for one coin, in USD"),
        NumberField(
            "diamonds_per_coin", _positive, "diamonds credited to the creator per coin of gifts"
        ),
        NumberField("diamond_usd", _positive, "cash value of one diamond at withdrawal, in USD"),
        NumberField(
            "payout_minimum_usd", _not_negative, "smallest balance that can be withdrawn, in USD"
        ),
        TextField("payout_method", "how the money leaves TikTok (PayPal, bank, ...)"),
        NumberField("payout_fee_percent", _percent, "what the payout method keeps, in percent"),
    )
}

#: Keys of a [countries.XX] section besides the rate figures.
COUNTRY_FIELDS: dict[str, Field] = {
    "name": TextField("name", "the country's name as shown"),
    "currency": TextField("currency", "the country's currency, one of [currencies]"),
    **RATE_FIELDS,
}

#: Keys of the [app] section.
APP_FIELDS: dict[str, Field] = {
    "country": TextField("country", "the country profile used unless another is chosen"),
    "currency": TextField("currency", "the currency for reports and charts"),
}

TOP_LEVEL_KEYS = ("schema_version", "app", "defaults", "currencies", "countries")

EXCHANGE_RATE = NumberField("rate", _positive, "units of the currency per 1 USD")
