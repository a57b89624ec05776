"""The diamonds per rate that triggers keep equal a sum over every stream, after any change."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.storage import stream_rows
from livetally.storage.balance import balance_until
from livetally.storage.bulk import diamonds_totalled_once
from livetally.storage.connection import transaction
from livetally.storage.errors import DuplicateError
from livetally.storage.ledger import Ledger
from livetally.storage.schema import APPLICATION_ID, MIGRATIONS

US = RateProfile("US", "United States", "USD")
DE = RateProfile("DE", "Germany", "EUR", diamond_usd=Decimal("0.045"))
START = dt.datetime(2026, 1, 1, 19, tzinfo=dt.UTC)


def _summed(connection: sqlite3.Connection) -> dict[str, int]:
    rows = connection.execute(
        "SELECT diamond_usd, sum(CAST(diamonds AS INTEGER)) FROM streams GROUP BY diamond_usd"
    )
    return {rate: int(total) for rate, total in rows}


def _kept(connection: sqlite3.Connection) -> dict[str, int]:
    rows = connection.execute("SELECT diamond_usd, diamonds FROM diamond_totals")
    return {rate: int(total) for rate, total in rows if total}


@pytest.mark.parametrize("totalled_once_from", [stream_rows.TOTALLED_ONCE_FROM, 3])
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_kept_totals_follow_every_add_edit_delete_and_import(
    tmp_path: Path, seed: int, totalled_once_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the real threshold, imports of five streams go through the trigger; with 3,
    through the one statement at the end (what an import of thousands does)."""
    monkeypatch.setattr(stream_rows, "TOTALLED_ONCE_FROM", totalled_once_from)
    rng = random.Random(seed)
    ledger = Ledger.open(tmp_path / "livetally.sqlite3", tmp_path / "backups")
    for step in range(60):
        ids = [stream.id for stream in ledger.streams()]
        action = rng.choice(["add", "add", "edit", "delete", "import", "restore"])
        started = (START + dt.timedelta(hours=step)).isoformat()
        record = StreamRecord(started, rng.randint(0, 50_000))
        profile = rng.choice([US, DE])
        if action == "add" or not ids:
            ledger.add_stream(record, profile)
        elif action == "edit":
            ledger.replace_stream(rng.choice(ids), record, profile)
        elif action == "delete":
            deleted = ledger.delete_streams(rng.sample(ids, min(2, len(ids))))
            if rng.random() < 0.5:
                ledger.restore_streams(deleted)
        elif action == "import":
            more = [StreamRecord(f"{started[:11]}0{n}:00:00+00:00", n * 97) for n in range(5)]
            ledger.import_streams(more, profile)
        else:
            ledger.add_sample_data([record], [], profile)
            ledger.remove_sample_data()
        assert _kept(ledger.connection) == _summed(ledger.connection), (seed, step, action)
    balance = ledger.balance()
    assert balance.diamonds == sum(_summed(ledger.connection).values())
    ledger.close()


def test_an_older_ledger_gets_its_totals_from_its_streams(tmp_path: Path) -> None:
    database = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        for step in MIGRATIONS[:6]:
            step(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 6")
        for n, (diamonds, rate) in enumerate([("100", "0.05"), ("250", "0.05"), ("7", "0.045")]):
            db.execute(
                "INSERT INTO streams (started_at, started_utc, coins, diamonds, "
                "diamonds_entered, country, coin_usd, diamonds_per_coin, diamond_usd, "
                "fingerprint, created_at) VALUES (?, ?, 0, ?, 1, 'US', '0.01', '0.1', ?, ?, 'now')",
                (f"2026-01-0{n + 1}T20:00:00Z", f"2026-01-0{n + 1}T20:00:00.000000Z", diamonds,
                 rate, f"f{n}"),
            )  # fmt: skip
        db.commit()
    with Ledger.open(database, tmp_path / "backups") as ledger:
        assert _kept(ledger.connection) == {"0.05": 350, "0.045": 7}
        assert ledger.balance().diamonds == 357


def test_a_balance_as_of_a_day_before_the_last_stream_still_counts_only_up_to_it(
    tmp_path: Path,
) -> None:
    ledger = Ledger.open(tmp_path / "livetally.sqlite3", tmp_path / "backups")
    ledger.add_stream(StreamRecord("2026-01-01T20:00:00+01:00", 1000), US)
    ledger.add_stream(StreamRecord("2026-01-05T23:30:00-10:00", 2000), US)  # 6 Jan in UTC
    assert balance_until(ledger.connection, dt.date(2026, 1, 4)).diamonds == 100
    assert balance_until(ledger.connection, dt.date(2026, 1, 5)).diamonds == 300
    assert balance_until(ledger.connection, dt.date(2026, 3, 1)).diamonds == 300
    assert balance_until(ledger.connection).diamonds == 300
    ledger.close()


def _trigger(connection: sqlite3.Connection) -> str | None:
    found = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'diamonds_added'"
    ).fetchone()
    return None if found is None else str(found[0])


def _records(count: int, first_hour: int = 0) -> list[StreamRecord]:
    return [
        StreamRecord((START + dt.timedelta(hours=first_hour + n)).isoformat(), 1000 + n)
        for n in range(count)
    ]


def test_a_large_import_totals_its_diamonds_once_and_keeps_the_trigger(
    ledger: Ledger,
) -> None:
    trigger = _trigger(ledger.connection)
    ledger.add_stream(StreamRecord("2025-12-01T20:00:00+00:00", 5000), US)
    summary = ledger.import_streams(_records(stream_rows.TOTALLED_ONCE_FROM + 5), DE)
    assert summary.new == stream_rows.TOTALLED_ONCE_FROM + 5
    assert _kept(ledger.connection) == _summed(ledger.connection)
    assert set(_kept(ledger.connection)) == {"0.05", "0.045"}
    assert _trigger(ledger.connection) == trigger  # made again, exactly as it was
    ledger.add_stream(StreamRecord("2025-12-02T20:00:00+00:00", 7000), DE)  # trigger at work
    assert _kept(ledger.connection) == _summed(ledger.connection)


def test_a_failed_large_import_leaves_totals_and_trigger_as_they_were(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream_rows, "TOTALLED_ONCE_FROM", 3)
    trigger = _trigger(ledger.connection)
    ledger.import_streams(_records(4), US)
    before = _kept(ledger.connection)

    def cancel(done: int, total: int) -> None:
        if done:  # after the first rows are in
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ledger.import_streams(_records(6, first_hour=100), US, progress=cancel)
    assert _kept(ledger.connection) == before == _summed(ledger.connection)
    assert _trigger(ledger.connection) == trigger


def test_a_caller_that_goes_on_after_a_failure_still_has_the_trigger_and_right_totals(
    ledger: Ledger,
) -> None:
    """Whatever rows went in before the failure are counted, and later inserts are too."""
    trigger = _trigger(ledger.connection)
    with transaction(ledger.connection):
        try:
            with diamonds_totalled_once(ledger.connection, "0.05", 2):
                ledger.connection.execute(
                    "INSERT INTO streams (started_at, started_utc, coins, diamonds, "
                    "diamonds_entered, country, coin_usd, diamonds_per_coin, diamond_usd, "
                    "fingerprint, created_at) VALUES ('2026-01-01T20:00:00Z', "
                    "'2026-01-01T20:00:00.000000Z', 0, '120', 1, 'US', '0.01', '0.1', '0.05', "
                    "'kept', 'now')"
                )
                raise DuplicateError("the second row was a duplicate")
        except DuplicateError:
            pass  # and the transaction goes on to commit
    assert _trigger(ledger.connection) == trigger
    assert _kept(ledger.connection) == _summed(ledger.connection) == {"0.05": 120}


def test_when_sqlite_runs_out_of_ids_the_rate_is_counted_afresh(ledger: Ledger) -> None:
    """Past the largest id SQLite numbers new rows at random: the new rows are then not
    the range after the old largest id, and the total is counted from every stream."""
    ledger.add_stream(StreamRecord("2025-12-01T20:00:00+00:00", 5000), US)
    with transaction(ledger.connection):
        ledger.connection.execute("UPDATE streams SET id = 9223372036854775807")
    summary = ledger.import_streams(_records(stream_rows.TOTALLED_ONCE_FROM), US)
    assert summary.new == stream_rows.TOTALLED_ONCE_FROM
    assert _kept(ledger.connection) == _summed(ledger.connection)


def test_totalling_once_needs_a_transaction(ledger: Ledger) -> None:
    with pytest.raises(RuntimeError), diamonds_totalled_once(ledger.connection, "0.05", 1):
        pass
