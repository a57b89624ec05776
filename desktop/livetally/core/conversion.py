"""Coins, gifts, diamonds and cash targets turned into what each party gets.

Each function returns exact values; :meth:`Conversion.shown` is the one place where they
are rounded for display, so sums over many streams can be taken before any rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from livetally.core.money import (
    CENT,
    ONE,
    InputError,
    minor_unit,
    round_down,
    round_half_up,
    round_up,
    whole_diamonds,
)
from livetally.core.payout import PayoutStatus, payout_after_fee, payout_status
from livetally.core.rates import HUNDRED, ExchangeRates, RateProfile
from livetally.core.records import credited_diamonds


@dataclass(frozen=True)
class ShownConversion:
    """A conversion rounded for people: cents, whole diamonds, local minor units.

    The creator's cash is rounded down (never promise money that does not come), the
    viewers' spend commercially, and TikTok's cut is the difference of the two shown
    figures, so the three always add up on screen.
    """

    coins: Decimal
    viewer_spend_usd: Decimal
    tiktok_cut_usd: Decimal
    creator_usd: Decimal
    diamonds: int
    creator_local: Decimal


@dataclass(frozen=True)
class Conversion:
    """Exact outcome of viewers spending ``coins`` on gifts under ``profile``.

    ``diamonds`` are whole (:func:`credited_diamonds`), and ``creator_usd`` is exactly
    their worth, so the cash shown is the shown diamonds times ``diamond_usd``, rounded down.
    """

    profile: RateProfile
    currency: str
    units_per_usd: Decimal
    coins: Decimal
    viewer_spend_usd: Decimal
    diamonds: Decimal
    creator_usd: Decimal

    @property
    def tiktok_cut_usd(self) -> Decimal:
        return self.viewer_spend_usd - self.creator_usd

    @property
    def creator_local(self) -> Decimal:
        return self.creator_usd * self.units_per_usd

    @property
    def creator_share(self) -> Decimal:
        return self.profile.creator_share

    @property
    def payout(self) -> PayoutStatus:
        """These diamonds on their own, measured against the payout minimum."""
        return payout_status(self.diamonds, self.profile)

    def shown(self) -> ShownConversion:
        spend = round_half_up(self.viewer_spend_usd)
        creator = round_down(self.creator_usd)
        return ShownConversion(
            coins=round_up(self.coins, ONE),
            viewer_spend_usd=spend,
            tiktok_cut_usd=spend - creator,
            creator_usd=creator,
            diamonds=whole_diamonds(self.diamonds),
            creator_local=round_down(self.creator_local, minor_unit(self.currency)),
        )


@dataclass(frozen=True)
class TargetPlan:
    """What it takes to reach a cash target: whole diamonds, whole coins of gifts."""

    target_usd: Decimal
    gross_usd: Decimal
    diamonds_needed: int
    coins_needed: int


def _conversion(
    profile: RateProfile,
    rates: ExchangeRates,
    currency: str | None,
    coins: Decimal,
    diamonds: Decimal,
) -> Conversion:
    code = (currency or profile.currency).upper()
    return Conversion(
        profile=profile,
        currency=code,
        units_per_usd=rates.units_per_usd(code),
        coins=coins,
        viewer_spend_usd=coins * profile.coin_usd,
        diamonds=diamonds,
        creator_usd=diamonds * profile.diamond_usd,
    )


def convert_coins(
    coins: int | Decimal,
    profile: RateProfile,
    rates: ExchangeRates,
    currency: str | None = None,
) -> Conversion:
    """Viewers spent ``coins`` on gifts: who gets what, in USD and ``currency``.

    ``currency`` defaults to the profile's own; likes never enter here, they pay nothing.
    """
    if coins < 0:
        raise InputError("coins", f"must not be negative, got {coins}")
    exact = Decimal(coins)
    return _conversion(profile, rates, currency, exact, credited_diamonds(exact, profile))


def convert_diamonds(
    diamonds: int | Decimal,
    profile: RateProfile,
    rates: ExchangeRates,
    currency: str | None = None,
) -> Conversion:
    """A diamond count back to its cash, and the coins of gifts that would credit it.

    The diamonds are kept as given; only the coins come from a division.
    """
    if diamonds < 0:
        raise InputError("diamonds", f"must not be negative, got {diamonds}")
    exact = Decimal(diamonds)
    return _conversion(profile, rates, currency, exact / profile.diamonds_per_coin, exact)


def plan_for_target(target_usd: Decimal, profile: RateProfile) -> TargetPlan:
    """Diamonds and coins needed for ``target_usd`` to reach the creator after the fee.

    The target is what the creator wants to receive, so it is matched against the payout
    as it is paid: the gross in whole cents, less the fee rounded up. Both counts round up,
    as anything less falls short.
    """
    if target_usd < 0:
        raise InputError("target_usd", f"must not be negative, got {target_usd}")
    gross = _smallest_gross_paying(target_usd, profile.payout_fee_percent)
    diamonds = int(round_up(gross / profile.diamond_usd, ONE))
    coins = int(round_up(Decimal(diamonds) / profile.diamonds_per_coin, ONE))
    return TargetPlan(
        target_usd=target_usd, gross_usd=gross, diamonds_needed=diamonds, coins_needed=coins
    )


def _smallest_gross_paying(net_usd: Decimal, fee_percent: Decimal) -> Decimal:
    """The least whole-cent gross whose payout, after the fee rounded up, is ``net_usd``.

    The payout grows by at most a cent for each cent of gross (the fee is below 100%),
    so the exact estimate is off by a cent or two at most and a short walk settles it.
    """
    gross = round_up(net_usd / (ONE - fee_percent / HUNDRED), CENT)
    while payout_after_fee(gross, fee_percent) < net_usd:
        gross += CENT
    while gross > 0 and payout_after_fee(gross - CENT, fee_percent) >= net_usd:
        gross -= CENT
    return gross
