"""Whether a diamond balance can be cashed out yet, and what it would pay."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from livetally.core.money import (
    CENT,
    ONE,
    ZERO,
    InputError,
    round_down,
    round_up,
    whole_diamonds,
)
from livetally.core.rates import HUNDRED, RateProfile
from livetally.core.words import counted


@dataclass(frozen=True)
class PayoutStatus:
    """A balance measured against the profile's payout minimum, rounded as paid out.

    TikTok counts whole diamonds and pays whole cents, so ``gross_usd`` is the cash value
    of the whole diamonds rounded down to the cent; the minimum applies to it. The payout
    fee (PayPal's or the bank's) comes off after, rounded up, so ``net_usd`` never promises
    more than arrives.
    """

    balance_diamonds: int
    gross_usd: Decimal
    fee_usd: Decimal
    net_usd: Decimal
    minimum_usd: Decimal
    withdrawable: bool
    missing_usd: Decimal
    missing_diamonds: int

    @property
    def progress(self) -> Decimal:
        """How far the balance is towards the minimum, 0..1 (1 once withdrawable)."""
        if self.minimum_usd <= 0 or self.withdrawable:
            return ONE
        return self.gross_usd / self.minimum_usd


def payout_fee(gross_usd: Decimal, fee_percent: Decimal) -> Decimal:
    """The payout method's fee on a whole-cent gross, rounded up to the cent."""
    return round_up(gross_usd * fee_percent / HUNDRED, CENT)


def payout_after_fee(gross_usd: Decimal, fee_percent: Decimal) -> Decimal:
    """What arrives from a whole-cent gross once the payout method has taken its fee."""
    return gross_usd - payout_fee(gross_usd, fee_percent)


@dataclass(frozen=True)
class Balance:
    """Diamonds credited and not yet cashed out, and their exact worth.

    The worth is each stream's diamonds at the rate that stream was logged with (the same
    figure every report adds up), less what was cashed out, oldest diamonds first. So the
    balance a creator sees is the sum of the streams they see, for as long as nothing has
    been cashed out, whatever their rates were.
    """

    diamonds: int
    worth_usd: Decimal

    def plus(self, diamonds: int, profile: RateProfile) -> Balance:
        """This balance once ``diamonds`` more are credited at ``profile``'s rate."""
        return Balance(self.diamonds + diamonds, self.worth_usd + diamonds * profile.diamond_usd)


def payout_status(
    balance_diamonds: Decimal | int, profile: RateProfile, worth_usd: Decimal | None = None
) -> PayoutStatus:
    """Measure a diamond balance against ``profile``: its whole diamonds, worth ``worth_usd``
    (exact; by default the whole diamonds at ``profile``'s rate), rounded down to the cent."""
    if balance_diamonds < 0:
        raise InputError("diamonds", f"must not be negative, got {balance_diamonds}")
    whole = whole_diamonds(Decimal(balance_diamonds))
    worth = whole * profile.diamond_usd if worth_usd is None else max(worth_usd, ZERO)
    gross = round_down(worth, CENT)
    fee = payout_fee(gross, profile.payout_fee_percent)
    minimum = profile.payout_minimum_usd
    withdrawable = gross >= minimum
    # The gross is whole cents, so a minimum between cents is reached at the next cent; the
    # diamonds still to come are worth today's rate.
    missing = round_up(minimum, CENT) - worth
    return PayoutStatus(
        balance_diamonds=whole,
        gross_usd=gross,
        fee_usd=fee,
        net_usd=gross - fee,
        minimum_usd=minimum,
        withdrawable=withdrawable,
        missing_usd=ZERO if withdrawable else minimum - gross,
        missing_diamonds=0 if withdrawable else int(round_up(missing / profile.diamond_usd, ONE)),
    )


def balance_status(balance: Balance, profile: RateProfile) -> PayoutStatus:
    """The ledger's balance against ``profile``'s payout minimum: what every view shows."""
    return payout_status(max(balance.diamonds, 0), profile, balance.worth_usd)


#: How far a payout's cash per diamond may stray from the profile's before it is taken as a
#: typo (10,000 diamonds for $5, say): half to twice the expected price.
PLAUSIBLE_RATE = (Decimal("0.5"), Decimal(2))


def payout_problem(diamonds: int, cash_usd: Decimal, fee_usd: Decimal) -> str | None:
    """Why a payout cannot be recorded at all, or None. A payout moves diamonds and money:
    none of either is not a payout, and a fee cannot exceed what was paid out."""
    if diamonds <= 0:
        return "a payout cashes out at least 1 diamond"
    if cash_usd <= 0:
        return "a payout pays out more than $0.00; check the cash you received"
    if fee_usd > cash_usd:
        return f"the fee (${fee_usd}) is larger than the cash received (${cash_usd})"
    return None


def payout_rate_warning(
    diamonds: int, cash_usd: Decimal, fee_usd: Decimal, profile: RateProfile
) -> str | None:
    """A warning when the payout's price per diamond is far from ``profile``'s, else None."""
    paid_per_diamond = (cash_usd + fee_usd) / diamonds
    ratio = paid_per_diamond / profile.diamond_usd
    low, high = PLAUSIBLE_RATE
    if low <= ratio <= high:
        return None
    return (
        f"{counted(diamonds, 'diamond')} for ${cash_usd + fee_usd} is ${paid_per_diamond:.4f} "
        "a diamond, "
        f"far from the ${profile.diamond_usd} your {profile.country} rates say (a typo?)"
    )
