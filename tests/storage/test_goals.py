"""The monthly goal in the ledger: added with its day, never overwritten, read as of a day."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

from livetally.core.goals import MonthlyGoal
from livetally.storage.ledger import Ledger
from livetally.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def goal(day: str, amount: str) -> MonthlyGoal:
    return MonthlyGoal(dt.date.fromisoformat(day), Decimal(amount), "USD")


def test_a_new_ledger_has_no_goal(ledger: Ledger) -> None:
    assert ledger.goals.in_force(dt.date(2026, 11, 20)) is None
    assert ledger.goals.history() == []


def test_each_goal_is_kept_and_the_one_in_force_is_the_latest_set_by_then(
    ledger: Ledger,
) -> None:
    ledger.goals.set(goal("2026-10-01", "500"))
    ledger.goals.set(goal("2026-11-15", "750.50"))
    ledger.goals.set(goal("2026-11-15", "800"))  # changed the same day: the later one
    ledger.goals.set(goal("2026-12-01", "0"))  # taken away
    goals = ledger.goals
    assert goals.in_force(dt.date(2026, 9, 30)) is None
    assert goals.in_force(dt.date(2026, 11, 14)) == goal("2026-10-01", "500")
    assert goals.in_force(dt.date(2026, 11, 15)) == goal("2026-11-15", "800")
    assert goals.in_force(dt.date(2026, 12, 1)) is None
    assert goals.history() == [
        goal("2026-10-01", "500"),
        goal("2026-11-15", "750.50"),
        goal("2026-11-15", "800"),
        goal("2026-12-01", "0"),
    ]
    assert str(goals.history()[1].amount) == "750.50"  # the cents as typed


def test_goals_survive_closing_the_ledger(tmp_path: Path) -> None:
    path, backups = tmp_path / "livetally.sqlite3", tmp_path / "backups"
    with Ledger.open(path, backups) as ledger:
        ledger.goals.set(goal("2026-11-01", "500"))
    with Ledger.open(path, backups, writable=False) as ledger:
        assert ledger.goals.history() == [goal("2026-11-01", "500")]


def test_a_ledger_from_before_goals_gets_the_table(tmp_path: Path) -> None:
    path, backups = tmp_path / "livetally.sqlite3", tmp_path / "backups"
    before = [step.__name__ for step in MIGRATIONS].index("_monthly_goals")
    with closing(sqlite3.connect(path)) as db:  # a ledger of the version before the goals
        for step in MIGRATIONS[:before]:
            step(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {before}")
        db.commit()
    with Ledger.open(path, backups) as ledger:
        assert ledger.goals.history() == []
        ledger.goals.set(goal("2026-11-01", "500"))
        (version,) = ledger.connection.execute("PRAGMA user_version").fetchone()
    assert version == SCHEMA_VERSION
