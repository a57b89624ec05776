"""The columns "what pays" reads from the ledger are those of the streams as objects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from livetally.core.records import StreamRecord
from livetally.core.stream_facts import facts_of_streams
from livetally.core.what_pays import Dimension, what_pays
from livetally.storage.ledger import Ledger
from livetally.storage.stream_facts import read_stream_facts
from tests.storage.conftest import US

DEAR = US.with_figures(diamond_usd=Decimal("0.0049"))


def test_facts_read_in_one_query_match_the_streams(ledger: Ledger) -> None:
    ledger.import_streams(
        [
            StreamRecord("2026-01-31T23:30:00-05:00", 10_001, duration_minutes=60, tags=("qa",)),
            StreamRecord("2026-02-01T04:30:00Z", 333, tags=("collab", "qa")),
            StreamRecord("2026-02-01T20:00:00+09:00", 7, duration_minutes=0),
        ],
        US,
    )
    ledger.import_streams([StreamRecord("2026-02-14 10:00Z", 12_345, duration_minutes=5)], DEAR)
    for first, last in [(None, None), (dt.date(2026, 2, 1), None), (None, dt.date(2026, 1, 31))]:
        read = read_stream_facts(ledger, first, last)
        made = facts_of_streams(ledger.streams_between(first, last))
        assert read.unit == made.unit  # the finest unit the rates of the period need
        assert sorted(
            zip(
                read.weekdays,
                read.hours,
                read.minutes,
                read.cash,
                map(sorted, read.tags),
                strict=True,
            )
        ) == sorted(
            zip(
                made.weekdays,
                made.hours,
                made.minutes,
                made.cash,
                map(sorted, made.tags),
                strict=True,
            )
        )
    # Only what a grouping needs is read: no start times for tags, no tags for lengths.
    by_tag = read_stream_facts(ledger, None, None, [Dimension.TAG])
    assert (len(by_tag), by_tag.unit, by_tag.weekdays, by_tag.hours) == (
        4,
        Decimal("0.0001"),
        [],
        [],
    )
    with pytest.raises(ValueError, match="read without what grouping by hour needs"):
        what_pays(by_tag, Dimension.HOUR)
    by_length = read_stream_facts(ledger, None, None, [Dimension.LENGTH])
    assert (by_length.tags, len(what_pays(by_length, Dimension.LENGTH))) == ([], 2)
    assert len(read_stream_facts(ledger, dt.date(2030, 1, 1), None)) == 0
