"""Calibration: the creator's own wallet is the truth, so profiles learn from it.

Public figures disagree (some guides say 200 diamonds = $1, others 1 diamond = $0.05), and
TikTok changes rates by country and over time. Two readings a creator can take from the app
pin the profile down: the wallet's diamonds beside their cash value gives ``diamond_usd``;
one gift's coin price beside the diamonds it credited gives ``diamonds_per_coin``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from livetally.core.money import InputError
from livetally.core.rates import HUNDRED, FieldProblem, RateProfile

#: Calibrated rates keep this many decimal places: far finer than any wallet reading.
_RATE_STEP = Decimal("1e-12")
#: The creator shares real accounts report; outside them a reading is almost always a
#: typo (a misplaced decimal point gives 5% or 500%), and calibration rewrites every
#: figure from then on, so it is saved only once the creator confirms it.
PLAUSIBLE_SHARE = (Decimal("0.20"), Decimal("0.70"))


@dataclass(frozen=True)
class WalletReading:
    """What the creator read off the TikTok app."""

    wallet_diamonds: int
    wallet_usd: Decimal
    gift_coins: int | None = None
    gift_diamonds: int | None = None


@dataclass(frozen=True)
class Calibration:
    before: RateProfile
    after: RateProfile

    @property
    def warning(self) -> str | None:
        """Why the new figures look like a typo, or None when the share is plausible."""
        share = self.after.creator_share
        low, high = PLAUSIBLE_SHARE
        if low <= share <= high:
            return None
        return (
            f"these readings give a creator share of {share * HUNDRED:.1f}%, outside the "
            f"{low * HUNDRED:.0f}-{high * HUNDRED:.0f}% real accounts get; a typo (a misplaced "
            "decimal point?) would change every figure from now on"
        )


def calibrate(profile: RateProfile, reading: WalletReading) -> Calibration:
    """The profile with its figures taken from ``reading``, checked for consistency."""
    if reading.wallet_diamonds <= 0:
        raise InputError("wallet_diamonds", "must be greater than 0")
    if reading.wallet_usd <= 0:
        raise InputError("wallet_usd", "must be greater than 0")
    figures: dict[str, Decimal] = {
        "diamond_usd": _rate(reading.wallet_usd / reading.wallet_diamonds),
    }
    if (reading.gift_coins is None) != (reading.gift_diamonds is None):
        raise InputError("gift_coins", "give --gift-coins and --gift-diamonds together")
    if reading.gift_coins is not None and reading.gift_diamonds is not None:
        if reading.gift_coins <= 0:
            raise InputError("gift_coins", "must be greater than 0")
        if reading.gift_diamonds <= 0:
            raise InputError("gift_diamonds", "must be greater than 0")
        figures["diamonds_per_coin"] = _rate(Decimal(reading.gift_diamonds) / reading.gift_coins)
    after = profile.with_figures(**figures)
    problems = after.problems()
    if problems:
        raise InputError(
            "wallet_usd",
            f"these readings do not fit {profile.country}'s figures: {_worded(problems[0])}",
        )
    return Calibration(before=profile, after=after)


def _rate(value: Decimal) -> Decimal:
    rounded = value.quantize(_RATE_STEP)
    return rounded if rounded > 0 else value


def _worded(problem: FieldProblem) -> str:
    """A profile problem in a sentence: the field is named where the message does not."""
    if problem.message.startswith("expected"):
        return f"{problem.field} {problem.message}"
    return problem.message
