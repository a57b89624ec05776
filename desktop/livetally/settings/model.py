"""The checked, ready-to-use content of settings.toml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from livetally.core.money import ZERO, InputError
from livetally.core.rates import ExchangeRates, RateProfile


@dataclass(frozen=True)
class Settings:
    """Everything the engine needs from the settings file, already validated."""

    path: Path
    schema_version: int
    country: str
    currency: str
    exchange_rates: ExchangeRates
    profiles: Mapping[str, RateProfile]
    #: ``[app] tax_reserve_percent``, 0..100: the creator's own estimate; 0 when not set.
    tax_reserve_percent: Decimal = ZERO

    def profile(self, country: str | None = None) -> RateProfile:
        """The profile for ``country`` (default: the app's), or an error listing the known."""
        code = (country or self.country).strip().upper()
        try:
            return self.profiles[code]
        except KeyError:
            known = ", ".join(sorted(self.profiles))
            raise InputError(
                "country", f"no profile for {code!r} in {self.path.name}; known: {known}"
            ) from None
