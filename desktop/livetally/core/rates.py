"""Country rate profiles and exchange rates: the figures every conversion starts from.

A profile holds only figures a creator can check in the TikTok app or their wallet. The
creator's share of what viewers paid is *derived* from them, never stored, so it cannot
disagree with the figures it comes from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from livetally.core.money import ONE, ZERO, InputError

#: The figures of the money model's source text: TikTok keeps half of what viewers pay.
DEFAULT_COIN_USD = Decimal("0.01")
DEFAULT_DIAMONDS_PER_COIN = Decimal("0.1")
DEFAULT_DIAMOND_USD = Decimal("0.05")
DEFAULT_PAYOUT_MINIMUM_USD = Decimal(50)

HUNDRED = Decimal(100)

#: The profile's editable figures, in the order they are shown and written.
RATE_FIELDS = (
    "coin_usd",
    "diamonds_per_coin",
    "diamond_usd",
    "payout_minimum_usd",
    "payout_method",
    "payout_fee_percent",
)


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field; the settings layer adds the file and line."""

    field: str
    message: str


@dataclass(frozen=True)
class RateProfile:
    """What coins, diamonds and cash are worth for creators in one country."""

    country: str
    name: str
    currency: str
    coin_usd: Decimal = DEFAULT_COIN_USD
    diamonds_per_coin: Decimal = DEFAULT_DIAMONDS_PER_COIN
    diamond_usd: Decimal = DEFAULT_DIAMOND_USD
    payout_minimum_usd: Decimal = DEFAULT_PAYOUT_MINIMUM_USD
    payout_method: str = "PayPal"
    payout_fee_percent: Decimal = ZERO

    @property
    def creator_usd_per_coin(self) -> Decimal:
        """Cash the creator ends up with for each coin viewers spend on gifts."""
        return self.diamonds_per_coin * self.diamond_usd

    @property
    def creator_share(self) -> Decimal:
        """Creator's part of what viewers paid, 0..1 (exact; round only when shown)."""
        return self.creator_usd_per_coin / self.coin_usd

    @property
    def tiktok_share(self) -> Decimal:
        """TikTok's part of what viewers paid: everything the creator does not get."""
        return ONE - self.creator_share

    def problems(self) -> list[FieldProblem]:
        """Everything that makes this profile unusable, one entry per field."""
        found = [
            FieldProblem(name, "must be greater than 0")
            for name in ("coin_usd", "diamonds_per_coin", "diamond_usd")
            if getattr(self, name) <= 0
        ]
        if self.payout_minimum_usd < 0:
            found.append(FieldProblem("payout_minimum_usd", "must not be negative"))
        if not ZERO <= self.payout_fee_percent < HUNDRED:
            found.append(
                FieldProblem("payout_fee_percent", "must be from 0 up to (not including) 100")
            )
        if not self.payout_method.strip():
            found.append(FieldProblem("payout_method", "must not be empty"))
        if not found and self.creator_share > ONE:
            found.append(
                FieldProblem(
                    "diamond_usd",
                    "diamonds_per_coin x diamond_usd / coin_usd gives a creator share of "
                    f"{self.creator_share * HUNDRED:.1f}%, above 100% of what viewers paid",
                )
            )
        return found

    def with_figures(self, **figures: Decimal | str) -> RateProfile:
        """A copy with some figures changed; the caller checks :meth:`problems`."""
        return dataclasses.replace(self, **figures)  # type: ignore[arg-type]


class ExchangeRates(Mapping[str, Decimal]):
    """Units of each currency per 1 USD, with USD itself always 1."""

    def __init__(self, units_per_usd: Mapping[str, Decimal]) -> None:
        self._rates = {code.upper(): rate for code, rate in units_per_usd.items()}
        if self._rates.setdefault("USD", ONE) != ONE:
            raise ValueError(f"USD must be 1 unit per USD, got {self._rates['USD']}")

    def __getitem__(self, currency: str) -> Decimal:
        return self._rates[currency.upper()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rates)

    def __len__(self) -> int:
        return len(self._rates)

    def units_per_usd(self, currency: str) -> Decimal:
        """The rate for ``currency``, or an :class:`InputError` naming the known ones."""
        try:
            return self[currency]
        except KeyError:
            known = ", ".join(sorted(self._rates))
            raise InputError("currency", f"unknown currency {currency!r}; known: {known}") from None

    def usd_to(self, amount_usd: Decimal, currency: str) -> Decimal:
        """Convert an exact USD amount into ``currency``, still exact."""
        return amount_usd * self.units_per_usd(currency)

    def to_usd(self, amount: Decimal, currency: str) -> Decimal:
        """Convert an amount in ``currency`` back to USD (exact to 28 digits)."""
        return amount / self.units_per_usd(currency)
