"""Totals SQLite adds up, and what a bulk import stores, against the plain ways.

``live_days`` and ``live_tags`` must be the engine's own sums over ``streams()``, exactly,
whatever the diamonds' digits; an import must store each stream as it always did (the
same key, fingerprint, values and types), link tags to the right streams whatever ids
SQLite hands out, and leave the garbage collector as it found it.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.core.money import format_decimal
from livetally.core.records import LoggedStream, StreamRecord
from livetally.core.report import UNTAGGED, TagTotal
from livetally.storage.bulk import collection_paused
from livetally.storage.ledger import Ledger
from tests.oracles import live_days, live_tags
from tests.storage.conftest import US

DEAR = US.with_figures(diamond_usd=Decimal("0.0049"))
STREAMS = [
    StreamRecord("2026-03-01T19:30:00+09:00", 100, duration_minutes=60, tags=("qa", "collab")),
    StreamRecord("2026-03-01T12:00:00Z", 80, diamonds=Decimal("7"), likes=5),
    StreamRecord("2026-02-28T23:00:00-05:00", 90, duration_minutes=30, tags=("collab", "qa")),
    StreamRecord("2026-03-05T20:00:00+01:00", 10_001, duration_minutes=90, tags=(UNTAGGED,)),
    StreamRecord("2026-03-06T20:00:00+01:00", 3, diamonds=Decimal("0")),
]


def logged(ledger: Ledger) -> None:
    ledger.import_streams(STREAMS, US)
    ledger.import_streams([StreamRecord("2026-03-01T08:00:00Z", 333, tags=("qa",))], DEAR)


def by_tag(totals: list[TagTotal]) -> dict[str, TagTotal]:
    return {total.tag: total for total in totals}


def test_live_tags_add_up_like_the_engine(ledger: Ledger) -> None:
    logged(ledger)
    expected = live_tags(ledger.streams())
    assert by_tag(ledger.live_tags()) == by_tag(expected)
    # The untagged streams and the one tagged "(untagged)" are one group, as in the engine.
    untagged = by_tag(ledger.live_tags())[UNTAGGED]
    assert untagged.streams == 3
    first, last = dt.date(2026, 3, 1), dt.date(2026, 3, 5)
    between = ledger.streams_between(first, last)
    assert by_tag(ledger.live_tags(first, last)) == by_tag(live_tags(between))
    assert ledger.live_tags(dt.date(2030, 1, 1)) == []


def test_live_days_still_add_up_like_the_engine(ledger: Ledger) -> None:
    logged(ledger)
    assert ledger.live_days() == live_days(ledger.streams())


# Whole diamonds, as streams are credited, from none to 100 billion (a few written with
# trailing zeros, "1000.00", as a spreadsheet may); several streams a day, at two rates.
diamonds = st.one_of(
    st.integers(min_value=0, max_value=10**11).map(Decimal),
    st.tuples(st.integers(0, 10**11), st.integers(0, 3)).map(
        lambda pair: Decimal(pair[0]).quantize(Decimal(1).scaleb(-pair[1]))
    ),
)
day_streams = st.lists(
    st.tuples(st.integers(1, 3), st.integers(0, 23), diamonds, st.booleans(), st.booleans()),
    min_size=1,
    max_size=12,
)


@settings(database=None, max_examples=40, deadline=None)
@given(day_streams)
def test_totals_are_the_plain_decimal_sums_exactly(
    drawn: list[tuple[int, int, Decimal, bool, bool]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        with Ledger.open(home / "livetally.sqlite3", home / "backups") as ledger:
            for n, (day, hour, count, dear, tagged) in enumerate(drawn):
                record = StreamRecord(
                    f"2026-03-{day:02d}T{hour:02d}:00:{n % 60:02d}Z",
                    n,
                    duration_minutes=n,
                    diamonds=count,
                    tags=("qa",) if tagged else (),
                )
                ledger.add_stream(record, DEAR if dear else US)
            streams = ledger.streams()
            days = ledger.live_days()
            tags = by_tag(ledger.live_tags())
    for total in days:
        on_day = [s for s in streams if s.record.started.date() == total.day]
        assert total.cash_usd == sum((s.diamonds * s.diamond_usd for s in on_day), Decimal(0))
        assert total.streams == len(on_day)
        assert total.minutes == sum(s.record.duration_minutes or 0 for s in on_day)
    for tag, total in tags.items():
        having = [s for s in streams if (s.record.tags or (UNTAGGED,))[0] == tag]
        assert total.cash_usd == sum((s.diamonds * s.diamond_usd for s in having), Decimal(0))
        assert total.streams == len(having)


def _reference_fingerprint(record: StreamRecord, key: str) -> str:
    """The fingerprint as LiveTally always made it (see test_fingerprint.py)."""
    parts = [
        "stream",
        key,
        "" if record.duration_minutes is None else str(record.duration_minutes),
        str(record.coins),
        "" if record.diamonds is None else format_decimal(record.diamonds),
        "" if record.likes is None else str(record.likes),
        "" if record.peak_viewers is None else str(record.peak_viewers),
        "" if record.new_followers is None else str(record.new_followers),
        ";".join(sorted(record.tags)),
        record.notes,
    ]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def test_an_import_stores_each_stream_as_it_always_did(ledger: Ledger) -> None:
    ledger.import_streams(STREAMS[:2], US)
    ledger.add_stream(STREAMS[2], DEAR)  # one at a time: the same path, one row
    rows = ledger.connection.execute(
        "SELECT started_at, started_utc, fingerprint, diamonds, typeof(diamonds), "
        "diamonds_entered, typeof(diamonds_entered), country, coin_usd, diamonds_per_coin, "
        "diamond_usd, typeof(diamond_usd), typeof(created_at), sample, typeof(sample) "
        "FROM streams ORDER BY id"
    ).fetchall()
    for record, row, profile in zip(STREAMS[:3], rows, (US, US, DEAR), strict=True):
        key = record.started.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        entered = record.diamonds is not None
        diamonds = record.diamonds if entered else record.coins * profile.diamonds_per_coin
        assert row == (
            record.started_at,
            key,
            _reference_fingerprint(record, key),
            format_decimal(diamonds),
            "text",
            int(entered),
            "integer",
            "US",
            format_decimal(profile.coin_usd),
            format_decimal(profile.diamonds_per_coin),
            format_decimal(profile.diamond_usd),
            "text",
            "text",
            0,
            "integer",
        )
    ledger.add_sample_data([StreamRecord("2026-04-01T10:00:00Z", 5)], [], US)
    assert ledger.connection.execute(
        "SELECT sample, typeof(sample) FROM streams WHERE started_at LIKE '2026-04%'"
    ).fetchone() == (1, "integer")


def test_a_file_imported_again_adds_nothing(ledger: Ledger) -> None:
    first = ledger.import_streams(STREAMS, US)
    again = ledger.import_streams(list(reversed(STREAMS)), DEAR)  # other rates: same content
    assert (first.new, again.new, again.already_present) == (5, 0, 5)


def test_tags_go_to_the_streams_they_came_with_whatever_ids_sqlite_gives(
    ledger: Ledger,
) -> None:
    ledger.import_streams(STREAMS[:3], US)
    gone = ledger.delete_stream(ledger.streams()[-1].id)  # a gap at the end of the ids
    ledger.import_streams([gone.record, *STREAMS[3:]], US)
    # With the largest possible id taken, SQLite picks the next ids at random.
    top = LoggedStream(
        2**63 - 1,
        StreamRecord("2026-05-01T10:00:00Z", 1, tags=("talent",)),
        Decimal(0),
        "US",
        Decimal("0.01"),
        Decimal("0.1"),
        Decimal("0.05"),
    )
    ledger.restore_stream(top)
    more = [StreamRecord(f"2026-06-0{n}T10:00:00Z", n, tags=(f"tag{n}",)) for n in range(1, 6)]
    ledger.import_streams(more, US)
    by_start = {stream.record.started_at: stream.record.tags for stream in ledger.streams()}
    for record in [*STREAMS, top.record, *more]:
        assert by_start[record.started_at] == record.tags


def test_the_collector_is_left_as_it_was() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():  # nested: the outer one turns it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(sqlite3.Error), collection_paused():
        raise sqlite3.Error
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()
