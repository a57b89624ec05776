"""The effective hourly wage per month, worked out on paper."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from livetally.core.hourly_wage import hourly_wage_by_month
from livetally.core.report import DayTotal, cash_per_hour


def day(date: str, cash: str, streams: int, minutes: int, timed_cash: str, untimed: int
        ) -> DayTotal:  # fmt: skip
    return DayTotal(
        dt.date.fromisoformat(date), Decimal(cash), streams, minutes, Decimal(timed_cash), untimed
    )


DAYS = [
    day("2026-11-02", "60", 2, 120, "60", 0),
    day("2026-11-20", "45", 2, 60, "40", 1),  # $5 of it streamed without a duration
    day("2026-12-01", "3", 1, 0, "0", 1),
]


def test_after_the_payout_fee_and_the_set_aside() -> None:
    november, december = hourly_wage_by_month(DAYS, Decimal(1), Decimal(2), Decimal(25))
    # $100 over 3 timed hours; the fee keeps $2, the set-aside is 25% of the $98 left.
    assert (november.month, november.streams, november.untimed) == ("2026-11", 4, 1)
    assert (november.cash, november.fee, november.reserve) == (
        Decimal(100),
        Decimal(2),
        Decimal("24.5"),
    )
    assert november.net == Decimal("73.5")
    assert november.hours == 3
    assert november.per_hour == Decimal("24.5") == cash_per_hour(Decimal("73.5"), 180)
    # No stream of December had a duration: no wage to tell, not a zero.
    assert (december.month, december.cash) == ("2026-12", Decimal(0))
    assert december.per_hour is None


def test_without_fee_or_set_aside_it_is_the_cash_per_hour() -> None:
    (november, _) = hourly_wage_by_month(DAYS, Decimal("0.9"), Decimal(0))
    assert november.per_hour == Decimal(30)  # $100 x 0.9 over 3 hours
    assert november.fee == november.reserve == 0
