"""Which backups survive pruning, checked with a fake clock over months of use.

Twelve imports in a day once pruned away that day's daily backup and the manual one. The
rule now: the 10 newest, the newest of each of the last 14 days, the newest of each of the
last 12 months, and every manual backup.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.storage import backups as backups_module
from livetally.storage.backups import (
    KEEP_DAYS,
    KEEP_NEWEST,
    backups_to_keep,
    list_backups,
    make_backup,
    prune_backups,
)
from livetally.storage.ledger import Ledger
from tests.storage.conftest import US

REASONS = ("daily", "import", "restore", "migration", "manual")
START = dt.datetime(2025, 1, 1, 9, 0)


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[dt.datetime, str, int]]:
    """Backups over up to two years, newest first, each with its reason and an id."""
    offsets = draw(st.lists(st.integers(0, 2 * 365 * 24 * 60), min_size=1, max_size=60))
    taken = sorted({START + dt.timedelta(minutes=m) for m in offsets}, reverse=True)
    reasons = draw(st.lists(st.sampled_from(REASONS), min_size=len(taken), max_size=len(taken)))
    return [(when, reason, n) for n, (when, reason) in enumerate(zip(taken, reasons, strict=True))]


@settings(max_examples=200, deadline=None, database=None)
@given(histories(), st.integers(0, 30))
def test_the_rule_keeps_what_it_promises(
    history: list[tuple[dt.datetime, str, int]], days_later: int
) -> None:
    today = history[0][0].date() + dt.timedelta(days=days_later)
    kept = backups_to_keep(history, today)
    assert {n for _, _, n in history[:KEEP_NEWEST]} <= kept
    assert {n for _, reason, n in history if reason == "manual"} <= kept
    for back in range(KEEP_DAYS):
        day = today - dt.timedelta(days=back)
        that_day = [n for when, _, n in history if when.date() == day]
        if that_day:
            assert that_day[0] in kept, f"the newest backup of {day}"
    for months_back in range(12):
        index = today.year * 12 + today.month - 1 - months_back
        year, month = divmod(index, 12)
        that_month = [n for when, _, n in history if (when.year, when.month) == (year, month + 1)]
        if that_month:
            assert that_month[0] in kept, f"the newest backup of {year}-{month + 1}"
    # Nothing else: older imports of a day, and months past the year, go.
    newest_of_day = {}
    newest_of_month = {}
    for when, _, n in history:  # newest first
        newest_of_day.setdefault(when.date(), n)
        newest_of_month.setdefault((when.year, when.month), n)
    month_index = today.year * 12 + today.month
    allowed = (
        {n for _, _, n in history[:KEEP_NEWEST]}
        | {n for _, reason, n in history if reason == "manual"}
        | {n for day, n in newest_of_day.items() if (today - day).days < KEEP_DAYS}
        | {n for (y, m), n in newest_of_month.items() if month_index - (y * 12 + m) < 12}
    )
    assert kept <= allowed


def _ledger(tmp_path: Path) -> Ledger:
    return Ledger.open(tmp_path / "livetally.sqlite3", tmp_path / "backups")


def test_twelve_imports_in_a_day_keep_the_daily_and_the_manual_backup(tmp_path: Path) -> None:
    backups = tmp_path / "elsewhere"  # not the folder the ledger's own daily backup goes to
    with _ledger(tmp_path) as ledger:
        now = dt.datetime(2026, 11, 20, 8, 0).astimezone()
        daily = make_backup(ledger.connection, backups, "daily", now)
        manual = make_backup(ledger.connection, backups, "manual", now + dt.timedelta(minutes=1))
        yesterday = make_backup(ledger.connection, backups, "daily", now - dt.timedelta(days=1))
        for n in range(12):
            make_backup(ledger.connection, backups, "import", now + dt.timedelta(minutes=10 + n))
        prune_backups(backups, now + dt.timedelta(hours=1))
    left = list_backups(backups)
    assert manual in left
    assert yesterday in left, "the newest backup of yesterday"
    assert len([p for p in left if "-import" in p.name]) == KEEP_NEWEST
    # The day's newest backup (an import) stands for the day; the morning's daily, older
    # than the ten newest, goes.
    assert daily not in left


def test_an_import_that_adds_nothing_writes_nothing(tmp_path: Path) -> None:
    stream = StreamRecord("2026-11-20T19:30:00+01:00", 10_000)
    entry = IncomeRecord(
        dt.date(2026, 11, 20), "affiliate", __import__("decimal").Decimal(5), "USD"
    )
    with _ledger(tmp_path) as ledger:
        ledger.import_streams([stream], US)
        ledger.import_income([entry])
        before = sorted(p.name for p in (tmp_path / "backups").iterdir())
        changes = ledger.connection.total_changes
        assert ledger.import_streams([stream], US).new == 0
        assert ledger.import_income([entry]).new == 0
        assert ledger.connection.total_changes == changes
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == before


def test_an_imports_backup_holds_the_ledger_as_it_was_before(tmp_path: Path) -> None:
    with _ledger(tmp_path) as ledger:
        ledger.add_stream(StreamRecord("2026-11-19T19:30:00+01:00", 1), US)
        ledger.import_streams([StreamRecord("2026-11-20T19:30:00+01:00", 2)], US)
    (backup,) = [p for p in list_backups(tmp_path / "backups") if "-import" in p.name]
    with closing(sqlite3.connect(backup)) as db:
        assert db.execute("SELECT coins FROM streams").fetchall() == [(1,)]
    assert backups_module.KEEP_MONTHS == 12
