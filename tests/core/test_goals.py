"""Pacing towards a monthly goal, worked out on paper from a steady creator's month.

The month: November 2026 as of the 20th, $100 earned, $150 projected, 10 days left (the
steady creator of ``test_forecast``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from livetally.core.forecast import Estimate, MonthForecast
from livetally.core.goals import GoalPacing, MonthlyGoal, goal_pacing
from livetally.core.rates import ExchangeRates

RATES = ExchangeRates({"USD": Decimal(1), "EUR": Decimal("0.8")})
NOV = dt.date(2026, 11, 1)


def month(earned: int = 100, projected: int = 150, days_left: int = 10) -> MonthForecast:
    total = Estimate(Decimal(projected), Decimal(projected), Decimal(projected), Decimal(earned))
    return MonthForecast(NOV, days_left, total, {"live_gifts": total})


def goal(amount: str, currency: str = "USD") -> MonthlyGoal:
    return MonthlyGoal(dt.date(2026, 11, 1), Decimal(amount), currency)


def test_behind_the_goal_says_what_each_day_left_must_bring() -> None:
    # $200: $100 to go in 10 days is $10 a day; the projected $150 falls short.
    assert goal_pacing(goal("200"), month(), RATES, "USD") == GoalPacing(
        NOV, "USD", Decimal(200), Decimal(100), Decimal(150), Decimal(10), 10, False
    )


@pytest.mark.parametrize(("amount", "needed"), [("150", 5), ("125", "2.5")])
def test_a_goal_the_projection_reaches_is_on_track(amount: str, needed: object) -> None:
    pacing = goal_pacing(goal(amount), month(), RATES, "USD")
    assert pacing.on_track is True
    assert pacing.needed_per_day == Decimal(str(needed))


def test_a_goal_already_reached_needs_nothing_more() -> None:
    pacing = goal_pacing(goal("80"), month(), RATES, "USD")
    assert (pacing.needed_per_day, pacing.on_track, pacing.progress) == (0, True, 1)


def test_the_month_s_last_day_short_of_the_goal_has_no_daily_need() -> None:
    pacing = goal_pacing(goal("500"), month(100, 100, 0), RATES, "USD")
    assert (pacing.needed_per_day, pacing.days_left, pacing.on_track) == (None, 0, False)
    assert pacing.progress == Decimal("0.2")


def test_a_dollar_goal_is_measured_in_the_report_currency() -> None:
    # $200 is 160 EUR; the month's euros: 100 earned, 150 projected: 6 EUR a day to go.
    pacing = goal_pacing(goal("200"), month(), RATES, "eur")
    assert (pacing.currency, pacing.goal, pacing.needed_per_day) == ("EUR", 160, 6)
    assert pacing.on_track is False


@pytest.mark.parametrize("none", [None, goal("0")])
def test_without_a_goal_there_is_only_the_month(none: MonthlyGoal | None) -> None:
    pacing = goal_pacing(none, month(), RATES, "USD")
    assert (pacing.goal, pacing.needed_per_day, pacing.on_track, pacing.progress) == (
        None, None, None, None)  # fmt: skip
    assert (pacing.earned, pacing.projected, pacing.days_left) == (100, 150, 10)
