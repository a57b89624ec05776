"""Schema migrations: every earlier version is brought forward, with a backup first."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.storage import connection as connection_module
from livetally.storage import inspect as inspect_module
from livetally.storage.ledger import Ledger
from livetally.storage.lock import DataHomeLock
from livetally.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def _pragmas(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as db:
        return (
            db.execute("PRAGMA application_id").fetchone()[0],
            db.execute("PRAGMA user_version").fetchone()[0],
        )


def test_a_new_home_gets_the_current_schema_and_no_stray_files(tmp_path: Path) -> None:
    database = tmp_path / "livetally.sqlite3"
    Ledger.open(database, tmp_path / "backups").close()
    assert _pragmas(database) == (APPLICATION_ID, SCHEMA_VERSION)
    assert not (tmp_path / ".livetally.sqlite3.new").exists()


def test_version_0_left_by_an_interrupted_first_run_is_completed(tmp_path: Path) -> None:
    database = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        db.execute("PRAGMA journal_mode = WAL")  # a real, but empty, SQLite file
    with Ledger.open(database, tmp_path / "backups") as ledger:
        assert ledger.tags()[0] == "qa"
    assert _pragmas(database) == (APPLICATION_ID, SCHEMA_VERSION)


def test_every_earlier_version_migrates_with_a_backup_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "livetally.sqlite3"
    backups = tmp_path / "backups"
    with Ledger.open(database, backups) as ledger:
        ledger.connection.execute(
            "INSERT INTO payouts (date, diamonds, cash_usd, method, fee_usd, created_at) "
            "VALUES ('2026-11-25', 1000, '50', 'PayPal', '0', 'now')"
        )
    before = set(backups.iterdir()) if backups.exists() else set()

    def add_note_column(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE payouts ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    newer = [*MIGRATIONS, add_note_column]
    monkeypatch.setattr(connection_module, "MIGRATIONS", newer)
    monkeypatch.setattr(connection_module, "SCHEMA_VERSION", len(newer))
    monkeypatch.setattr(inspect_module, "SCHEMA_VERSION", len(newer))

    with Ledger.open(database, backups) as ledger:
        row = ledger.connection.execute("SELECT diamonds, note FROM payouts").fetchone()
    assert row == (1000, "")
    assert _pragmas(database) == (APPLICATION_ID, SCHEMA_VERSION + 1)
    (backup,) = [p for p in set(backups.iterdir()) - before if "migration" in p.name]
    assert _pragmas(backup) == (APPLICATION_ID, SCHEMA_VERSION), "the backup is pre-migration"


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "livetally.sqlite3"
    Ledger.open(database, tmp_path / "backups").close()

    def half_done(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("disk full")

    newer = [*MIGRATIONS, half_done]
    monkeypatch.setattr(connection_module, "MIGRATIONS", newer)
    monkeypatch.setattr(connection_module, "SCHEMA_VERSION", len(newer))
    monkeypatch.setattr(inspect_module, "SCHEMA_VERSION", len(newer))
    with pytest.raises(RuntimeError, match="disk full"):
        Ledger.open(database, tmp_path / "backups")
    with closing(sqlite3.connect(database)) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables
    assert _pragmas(database) == (APPLICATION_ID, SCHEMA_VERSION)
    with DataHomeLock(tmp_path):  # and the failed open let go of the data home
        pass


def test_a_version_1_ledger_with_data_becomes_current(tmp_path: Path) -> None:
    database = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        MIGRATIONS[0](db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO streams (started_at, started_utc, coins, diamonds, diamonds_entered, "
            "country, coin_usd, diamonds_per_coin, diamond_usd, fingerprint, created_at) "
            "VALUES ('2026-01-02T20:00:00Z', '2026-01-02T20:00:00.000000Z', 10000, '1000', 0, "
            "'US', '0.01', '0.1', '0.05', 'f1', 'now')"
        )
        db.commit()
    with Ledger.open(database, tmp_path / "backups") as ledger:
        (stream,) = ledger.streams()
        assert (stream.record.coins, stream.creator_usd, stream.sample) == (10_000, 50, False)
        assert not ledger.has_sample_data()
    assert _pragmas(database) == (APPLICATION_ID, SCHEMA_VERSION)
    (backup,) = (tmp_path / "backups").glob("*-migration.sqlite3")
    assert _pragmas(backup) == (APPLICATION_ID, 1)


def test_version_3_credits_each_stored_stream_whole_diamonds(tmp_path: Path) -> None:
    """Before version 3, 1,927 coins were kept as 192.7 diamonds and 3 coins as 0.3: every
    total then disagreed with the whole diamonds shown. The fraction goes, once, with a
    backup of the ledger as it was; whole and entered figures stay as they were."""
    database = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        MIGRATIONS[0](db)
        MIGRATIONS[1](db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 2")
        for n, (coins, diamonds, entered) in enumerate(
            [(1927, "192.7", 0), (3, "0.3", 0), (10_000, "1000", 0), (50, "1000.5", 1)]
        ):
            db.execute(
                "INSERT INTO streams (started_at, started_utc, coins, diamonds, "
                "diamonds_entered, country, coin_usd, diamonds_per_coin, diamond_usd, "
                "fingerprint, created_at) VALUES (?, ?, ?, ?, ?, 'US', '0.01', '0.1', '0.05', "
                "?, 'now')",
                (f"2026-01-0{n + 1}T20:00:00Z", f"2026-01-0{n + 1}T20:00:00.000000Z", coins,
                 diamonds, entered, f"f{n}"),
            )  # fmt: skip
        db.commit()
    with Ledger.open(database, tmp_path / "backups") as ledger:
        streams = ledger.streams()
        assert [s.diamonds for s in streams] == [192, 0, 1000, 1000]
        assert [s.creator_usd for s in streams] == [Decimal("9.60"), 0, 50, 50]
        assert ledger.balance_diamonds() == 2192
        assert sum(day.cash_usd for day in ledger.live_days()) == Decimal("109.60")
    assert _pragmas(database) == (APPLICATION_ID, SCHEMA_VERSION)
    (backup,) = (tmp_path / "backups").glob("*-migration.sqlite3")
    with closing(sqlite3.connect(backup)) as db:
        kept = [d for (d,) in db.execute("SELECT diamonds FROM streams ORDER BY id")]
    assert kept == ["192.7", "0.3", "1000", "1000.5"]
