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
from livetally.storage.balance import balance_until
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


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_kept_totals_follow_every_add_edit_delete_and_import(tmp_path: Path, seed: int) -> None:
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
