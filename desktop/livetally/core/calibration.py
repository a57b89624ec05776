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
from livetally.core.rates import RateProfile

#: Calibrated rates keep this many decimal places: far finer than any wallet reading.
_RATE_STEP = Decimal("1e-12")


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
            f"these readings do not fit {profile.country}'s coin price: {problems[0].message}",
        )
    return Calibration(before=profile, after=after)


def _rate(value: Decimal) -> Decimal:
    rounded = value.quantize(_RATE_STEP)
    return rounded if rounded > 0 else value
