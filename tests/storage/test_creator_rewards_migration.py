"""``creator_fund`` becomes ``creator_rewards``: one built-in source, whatever a file says.

Versions are never written out here: the step is found in ``MIGRATIONS`` by name, and a
ledger is made as it was just before it, so the tests hold when steps are renumbered.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core import records
from livetally.core.records import IncomeRecord
from livetally.storage.csv_read import read_income_csv
from livetally.storage.fingerprint import income_fingerprint
from livetally.storage.ledger import Ledger
from livetally.storage.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    _creator_rewards,
)

STEP = MIGRATIONS.index(_creator_rewards)
CURRENCIES = {"USD", "EUR"}


def ledger_before_the_rename(path: Path) -> None:
    """A ledger as the release before this step left it, with a ``creator_fund`` entry and
    a user source ``creator_rewards`` that an import of "Creator Rewards" made beside it."""
    with closing(sqlite3.connect(path)) as db:
        for step in MIGRATIONS[:STEP]:
            step(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {STEP}")
        (fund,) = db.execute("SELECT id FROM sources WHERE name = 'creator_fund'").fetchone()
        db.execute("INSERT INTO sources (name) VALUES ('creator_rewards')")
        (rewards,) = db.execute("SELECT id FROM sources WHERE name = 'creator_rewards'").fetchone()
        rows = [
            ("2026-01-31", fund, "30.00", "Jan", "creator_fund"),
            ("2026-02-28", rewards, "45.50", "Feb", "creator_rewards"),
            ("2026-02-28", rewards, "45.50", "Feb", "creator_rewards"),  # two equal payments
        ]
        seen: dict[str, int] = {}
        for date, source, amount, text, name in rows:
            record = IncomeRecord(dt.date.fromisoformat(date), name, Decimal(amount), "USD", text)
            base = income_fingerprint(record)
            seen[base] = seen.get(base, 0) + 1
            fingerprint = base if seen[base] == 1 else f"{base}#{seen[base]}"
            db.execute(
                "INSERT INTO income (date, source_id, amount, currency, description, "
                "fingerprint, created_at) VALUES (?, ?, ?, 'USD', ?, ?, 'then')",
                (date, source, amount, text, fingerprint),
            )
        db.commit()


def test_an_old_ledger_upgrades_to_one_creator_rewards_source_with_a_backup(
    tmp_path: Path,
) -> None:
    database = tmp_path / "livetally.sqlite3"
    ledger_before_the_rename(database)
    with Ledger.open(database, tmp_path / "backups") as ledger:
        sources = ledger.sources()
        assert "creator_fund" not in sources
        assert sources.count("creator_rewards") == 1
        assert sources.index("creator_rewards") == 3, "it keeps the built-in's place"
        entries = ledger.income()
        assert [(e.record.source, e.record.amount) for e in entries] == [
            ("creator_rewards", Decimal("30.00")),
            ("creator_rewards", Decimal("45.50")),
            ("creator_rewards", Decimal("45.50")),
        ]
        (builtin, description) = ledger.connection.execute(
            "SELECT builtin, description FROM sources WHERE name = 'creator_rewards'"
        ).fetchone()
        assert builtin == 1
        assert "Creator Rewards Program" in description
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    (backup,) = (tmp_path / "backups").glob("*-migration.sqlite3")
    with closing(sqlite3.connect(backup)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == STEP
        names = {n for (n,) in db.execute("SELECT name FROM sources")}
        assert {"creator_fund", "creator_rewards"} <= names, "the backup is as it was"


def test_importing_the_old_files_again_adds_nothing(tmp_path: Path) -> None:
    """The merged entries carry the fingerprints an import makes now, under any spelling."""
    database = tmp_path / "livetally.sqlite3"
    ledger_before_the_rename(database)
    again = tmp_path / "again.csv"
    again.write_text(
        "date,source,amount,currency,description\n"
        "2026-01-31,creator_fund,30.00,USD,Jan\n"
        "2026-02-28,Creator Rewards,45.50,USD,Feb\n"
        "2026-02-28,Creator Fund / Creator Rewards Program,45.50,USD,Feb\n",
        encoding="utf-8",
    )
    with Ledger.open(database, tmp_path / "backups") as ledger:
        summary = ledger.import_income(read_income_csv(again, CURRENCIES))
        assert (summary.new, summary.already_present) == (0, 3)
        assert len(ledger.income()) == 3


def test_every_spelling_lands_on_the_one_builtin_source(tmp_path: Path) -> None:
    spellings = [
        "creator_fund",
        "Creator Rewards",
        "creator rewards",
        "Creator Fund / Creator Rewards Program",
        "Creator Rewards Program",
        "CREATOR_REWARDS",
    ]
    path = tmp_path / "income.csv"
    lines = [f"2026-03-{n + 1:02d},{s},10,USD," for n, s in enumerate(spellings)]
    path.write_text("date,source,amount,currency,description\n" + "\n".join(lines) + "\n")
    with Ledger.open(tmp_path / "livetally.sqlite3", tmp_path / "backups") as ledger:
        ledger.import_income(read_income_csv(path, CURRENCIES))
        assert {e.record.source for e in ledger.income()} == {"creator_rewards"}
        assert ledger.sources().count("creator_rewards") == 1
        assert "creator_fund" not in ledger.sources()


def test_the_first_step_seeds_what_it_always_seeded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A migration is frozen: it writes the tags and sources of its release, not whatever
    the built-ins are today."""
    monkeypatch.setattr(records, "BUILTIN_SOURCES", {"changed": "later"})
    monkeypatch.setattr(records, "BUILTIN_TAGS", {"changed": "later"})
    with closing(sqlite3.connect(tmp_path / "v1.sqlite3")) as db:
        MIGRATIONS[0](db)
        sources = [n for (n,) in db.execute("SELECT name FROM sources ORDER BY id")]
        tags = [n for (n,) in db.execute("SELECT name FROM tags ORDER BY id")]
    assert sources == [
        "sponsorship", "affiliate", "merchandise", "creator_fund", "subscriptions", "other"
    ]  # fmt: skip
    assert tags == ["qa", "talent", "chat", "collab", "promoted", "incentive"]


def test_a_new_ledger_has_the_builtins_of_today(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "livetally.sqlite3", tmp_path / "backups") as ledger:
        assert ledger.sources() == list(records.BUILTIN_SOURCES)
        assert ledger.tags() == list(records.BUILTIN_TAGS)
