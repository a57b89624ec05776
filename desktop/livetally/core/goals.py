"""A monthly income goal and how the month is pacing towards it.

The goal covers every source (LIVE gifts and all other income) in the report currency. Its
pacing reads the month's forecast (:mod:`livetally.core.forecast`), so "projected" is the
same figure ``livetally forecast`` gives for the month, and "earned" the same as the
monthly report's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from livetally.core.money import ONE, ZERO

if TYPE_CHECKING:  # the goal itself is stored and read without the forecast's machinery
    from livetally.core.forecast import MonthForecast
    from livetally.core.rates import ExchangeRates


@dataclass(frozen=True)
class MonthlyGoal:
    """A goal as set: in force from ``set_on`` until a later one (an amount of 0: none)."""

    set_on: dt.date
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class GoalPacing:
    """A month against its goal, exact (rounded by whoever shows it).

    ``goal`` is None when none is in force; ``needed_per_day`` is what each day after the
    as-of day must bring to reach it (0 once reached; None when no day is left and it was
    not reached); ``on_track`` says whether the projection reaches it.
    """

    month: dt.date
    currency: str
    goal: Decimal | None
    earned: Decimal
    projected: Decimal
    needed_per_day: Decimal | None
    days_left: int
    on_track: bool | None

    @property
    def progress(self) -> Decimal | None:
        """Earned over the goal, 0..1; None without a goal."""
        if self.goal is None:
            return None
        return min(self.earned / self.goal, ONE) if self.goal > 0 else ONE


def goal_pacing(
    goal: MonthlyGoal | None, month: MonthForecast, rates: ExchangeRates, currency: str
) -> GoalPacing:
    """How ``month`` (as forecast) paces towards ``goal``, converted into ``currency``."""
    earned, projected = month.total.earned_so_far, month.total.projected
    days_left = month.days_left
    currency = currency.upper()
    if goal is None or goal.amount <= 0:
        return GoalPacing(month.month, currency, None, earned, projected, None, days_left, None)
    target = goal.amount
    if goal.currency.upper() != currency:
        target = rates.usd_to(rates.to_usd(goal.amount, goal.currency), currency)
    missing = max(target - earned, ZERO)
    needed: Decimal | None = ZERO
    if missing > 0:
        needed = missing / days_left if days_left else None
    return GoalPacing(
        month.month, currency, target, earned, projected, needed, days_left, projected >= target
    )
