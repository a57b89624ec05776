"""The monthly goal, kept in the ledger with its history.

Setting a goal adds a row and never changes one: the goal in force on a day is the latest
set on or before it, so pacing asked for as of a past day sees the goal of that day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

from livetally.core.goals import MonthlyGoal
from livetally.core.money import plain_decimal
from livetally.storage.connection import transaction


class Goals:
    """The goals of one open ledger (``Ledger.goals``)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def set(self, goal: MonthlyGoal) -> MonthlyGoal:
        """Record ``goal``, in force from its ``set_on`` day; one transaction."""
        with transaction(self._connection):
            self._connection.execute(
                "INSERT INTO goals (set_on, amount, currency, created_at) VALUES (?, ?, ?, ?)",
                (
                    goal.set_on.isoformat(),
                    plain_decimal(goal.amount),
                    goal.currency.upper(),
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                ),
            )
        return goal

    def in_force(self, day: dt.date) -> MonthlyGoal | None:
        """The goal in force on ``day``: the latest set on or before it (of two set on one
        day, the later); None when there is none or it is 0 (a goal taken away)."""
        row = self._connection.execute(
            "SELECT set_on, amount, currency FROM goals WHERE set_on <= ? "
            "ORDER BY set_on DESC, id DESC LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        if row is None:
            return None
        goal = _goal(*row)
        return goal if goal.amount > 0 else None

    def history(self) -> list[MonthlyGoal]:
        """Every goal set, oldest first."""
        rows = self._connection.execute(
            "SELECT set_on, amount, currency FROM goals ORDER BY set_on, id"
        )
        return [_goal(*row) for row in rows]


def _goal(set_on: str, amount: str, currency: str) -> MonthlyGoal:
    return MonthlyGoal(dt.date.fromisoformat(set_on), Decimal(amount), currency)
