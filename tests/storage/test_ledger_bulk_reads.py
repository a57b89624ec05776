"""The ledger's reads for large logs: plain rows, day totals, the cached balance.

Each is checked against the plain reads it stands in for (``streams()`` and the engine's
own sums), so the quick paths can never drift from the exact ones.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

from livetally.core.records import IncomeRecord, PayoutRecord, StreamRecord
from livetally.storage.ledger import STREAM_ROW, Ledger
from tests.oracles import live_days
from tests.storage.conftest import US

STREAMS = [
    StreamRecord("2026-03-01T19:30:00+09:00", 100, duration_minutes=60, tags=("qa", "collab"),
                 notes="Alpha, with a comma"),
    StreamRecord("2026-03-01T12:00:00Z", 80, diamonds=Decimal("7"), likes=5),
    StreamRecord("2026-02-28T23:00:00-05:00", 90, duration_minutes=30, tags=("collab", "qa")),
    StreamRecord("2026-03-05T20:00:00+01:00", 10_000, duration_minutes=90, peak_viewers=300,
                 new_followers=12, tags=("Q A",)),
]  # fmt: skip


def logged(ledger: Ledger) -> None:
    for record in STREAMS:
        ledger.add_stream(record, US)
    dear = US.with_figures(diamond_usd=Decimal("0.0049"))
    ledger.add_stream(StreamRecord("2026-03-01T08:00:00Z", 333, tags=("qa",)), dear)


def test_stream_rows_hold_what_streams_holds(ledger: Ledger) -> None:
    logged(ledger)
    steps = list(ledger.stream_rows(size=2))
    rows = [row for chunk, _tags in steps for row in chunk]
    tags = [text for _chunk, texts in steps for text in texts]
    assert all(len(chunk) <= 2 for chunk, _ in steps)
    streams = ledger.streams()
    assert [row[0] for row in rows] == [stream.id for stream in streams]  # start order
    for row, text, stream in zip(rows, tags, streams, strict=True):
        fields = dict(zip(STREAM_ROW, row, strict=True))
        assert fields["started_at"] == stream.record.started_at
        assert Decimal(fields["diamonds"]) == stream.diamonds
        assert (text or "").split(",") == list(stream.record.tags or [""])
        country, coin_usd, per_coin, diamond_usd = fields["rates"].split("\x1f")
        assert (country, Decimal(diamond_usd)) == (stream.country, stream.diamond_usd)
        assert (Decimal(coin_usd), Decimal(per_coin)) == (stream.coin_usd, stream.diamonds_per_coin)


def test_stream_rows_are_one_snapshot_while_the_ledger_is_written(ledger: Ledger) -> None:
    logged(ledger)
    steps = ledger.stream_rows(size=1)
    first = next(steps)
    ledger.add_stream(StreamRecord("2026-04-01T10:00:00Z", 5), US)  # written meanwhile
    rest = [row for chunk, _ in steps for row in chunk]
    assert len(first[0]) + len(rest) == len(STREAMS) + 1  # as it was when reading began
    assert len(ledger.streams()) == len(STREAMS) + 2


def test_live_days_add_up_like_the_engine(ledger: Ledger) -> None:
    logged(ledger)
    assert ledger.live_days() == live_days(ledger.streams())
    march = ledger.live_days(dt.date(2026, 3, 1), dt.date(2026, 3, 1))
    assert march == live_days(ledger.streams_between(dt.date(2026, 3, 1), dt.date(2026, 3, 1)))
    (day,) = march  # three streams that day, two rates: one total
    assert (day.day, day.streams, day.minutes) == (dt.date(2026, 3, 1), 3, 60)
    # Whole diamonds per stream: 100 coins credit 10, 7 as given, 333 coins credit 33.
    assert day.cash_usd == 10 * Decimal("0.05") + 7 * Decimal("0.05") + 33 * Decimal("0.0049")


def test_counts_and_emptiness(ledger: Ledger) -> None:
    assert ledger.is_empty()
    assert ledger.stream_count() == 0
    ledger.add_income(IncomeRecord(dt.date(2026, 3, 1), "affiliate", Decimal("5"), "USD"))
    assert not ledger.is_empty()
    logged(ledger)
    assert ledger.stream_count() == len(STREAMS) + 1


def test_balance_follows_every_kind_of_change(ledger: Ledger) -> None:
    assert ledger.balance_diamonds() == 0
    first = ledger.add_stream(StreamRecord("2026-03-01T12:00:00Z", 10_000), US)
    assert ledger.balance_diamonds() == 1000
    assert ledger.balance_diamonds() == 1000  # asked again: the same, from the cache
    backup = ledger.backup()
    ledger.add_payout(PayoutRecord(dt.date(2026, 3, 2), 400, Decimal("20")))
    assert ledger.balance_diamonds() == 600
    ledger.delete_stream(first.id)
    assert ledger.balance_diamonds() == -400
    ledger.restore(backup)
    assert ledger.balance_diamonds() == 1000
    # Another connection (an import on a worker thread, the command line) commits:
    other = sqlite3.connect(ledger.path)
    other.execute("UPDATE streams SET diamonds = '1500'")
    other.commit()
    other.close()
    assert ledger.balance_diamonds() == 1500
