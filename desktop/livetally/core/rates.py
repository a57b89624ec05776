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

from livetally.core.money import ONE, ZERO, InputError, format_decimal

#: The figures of the money model's source text: TikTok keeps half of what viewers pay.
DEFAULT_COIN_USD = Decimal("0.01")
DEFAULT_DIAMONDS_PER_COIN = Decimal("0.1")
DEFAULT_DIAMOND_USD = Decimal("0.05")
DEFAULT_PAYOUT_MINIMUM_USD = Decimal(50)

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Bounds:
    """The range a figure must lie in, inclusive at both ends.

    Each range is far wider than any real TikTok or currency figure, so it only ever
    refuses typos and values that would blow up the arithmetic (``1e-400`` turns every
    division into an overflow; a 5,000-digit figure cannot be rounded to the cent).
    """

    minimum: Decimal
    maximum: Decimal

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            return False
        if isinstance(value, Decimal) and not value.is_finite():
            return False
        return self.minimum <= value <= self.maximum

    def expected(self) -> str:
        """What the message says was expected: ``a number between 0.0001 and 1``."""
        return f"a number between {shown_bound(self.minimum)} and {shown_bound(self.maximum)}"


def shown_bound(value: Decimal) -> str:
    """A bound or a figure as a person reads it: ``10,000``, ``0.0001``, never ``1E+4``."""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def shown_value(value: Decimal | str, limit: int = 40) -> str:
    """A figure quoted back in a message, cut short when it is absurdly long."""
    if isinstance(value, str):
        text = value
    else:
        text = format_decimal(value) if abs(value.adjusted()) < 30 else str(value)
    return text if len(text) <= limit else f"{text[: limit - 4]}... ({len(text):,} characters)"


@dataclass(frozen=True)
class FigureSpec:
    """One figure of a country profile: its key, how forms label it, its range.

    The one declaration of each figure: settings.toml's reader, the settings dialog and
    calibration all take the label and the bounds from here, so they cannot disagree.
    ``label`` marks its access key with ``&`` as Qt does; ``bounds`` is None for text.
    """

    name: str
    label: str
    description: str
    bounds: Bounds | None = None

    @property
    def plain_label(self) -> str:
        return self.label.replace("&", "")


#: The profile's editable figures, in the order they are shown and written.
FIGURES: dict[str, FigureSpec] = {
    spec.name: spec
    for spec in (
        FigureSpec(
            "coin_usd",
            "C&oin price (USD)",
            "what a viewer pays for one coin, in USD",
            Bounds(Decimal("0.001"), Decimal(1)),
        ),
        FigureSpec(
            "diamonds_per_coin",
            "D&iamonds per coin",
            "diamonds credited to the creator per coin of gifts",
            Bounds(Decimal("0.001"), Decimal(10)),
        ),
        FigureSpec(
            "diamond_usd",
            "Diamond &value (USD)",
            "cash value of one diamond at withdrawal, in USD",
            Bounds(Decimal("0.0001"), Decimal(1)),
        ),
        FigureSpec(
            "payout_minimum_usd",
            "Payout minim&um (USD)",
            "smallest balance that can be withdrawn, in USD",
            Bounds(Decimal(0), Decimal(10_000)),
        ),
        FigureSpec(
            "payout_method", "Payout me&thod", "how the money leaves TikTok (PayPal, bank, ...)"
        ),
        FigureSpec(
            "payout_fee_percent",
            "Payout &fee (%)",
            "what the payout method keeps, in percent",
            Bounds(Decimal(0), Decimal(50)),
        ),
    )
}
RATE_FIELDS = tuple(FIGURES)

#: Units of a currency per 1 USD: from the Kuwaiti dinar (0.3) to the Iranian rial.
EXCHANGE_RATE_BOUNDS = Bounds(Decimal("0.01"), Decimal(10_000_000))
EXCHANGE_RATE = FigureSpec(
    "rate", "Units per USD", "units of the currency per 1 USD", EXCHANGE_RATE_BOUNDS
)


#: ``[app] tax_reserve_percent``: the share of income the creator keeps aside for tax. Their
#: own estimate (LiveTally gives no tax advice); 0, the default, shows no set-aside at all.
TAX_RESERVE_BOUNDS = Bounds(Decimal(0), HUNDRED)
TAX_RESERVE_PERCENT = FigureSpec(
    "tax_reserve_percent",
    "Tax &set-aside (%)",
    "the share of your income you keep aside for tax, in percent (your own estimate)",
    TAX_RESERVE_BOUNDS,
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
        found: list[FieldProblem] = []
        for spec in FIGURES.values():
            value = getattr(self, spec.name)
            if spec.bounds is None:
                if not str(value).strip():
                    found.append(FieldProblem(spec.name, "must not be empty"))
            elif value not in spec.bounds:
                found.append(
                    FieldProblem(
                        spec.name, f"expected {spec.bounds.expected()}, got {shown_value(value)}"
                    )
                )
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
