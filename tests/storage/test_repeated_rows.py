"""Two identical rows in one file are two rows: deduplication is against the ledger only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.storage.ledger import Ledger
from tests.storage.conftest import US

PAYMENT = IncomeRecord(dt.date(2026, 11, 3), "affiliate", Decimal("19.99"), "USD", "Link")
STREAM = StreamRecord("2026-11-20T19:30:00+01:00", 500, duration_minutes=30)


def test_two_equal_payments_on_one_day_are_both_kept_and_not_again(ledger: Ledger) -> None:
    assert ledger.import_income([PAYMENT, PAYMENT]).new == 2
    assert len(ledger.income()) == 2
    again = ledger.import_income([PAYMENT, PAYMENT])
    assert (again.new, again.already_present) == (0, 2)
    third = ledger.import_income([PAYMENT, PAYMENT, PAYMENT])
    assert (third.new, third.already_present) == (1, 2), "a third equal row is new"
    assert len(ledger.income()) == 3


def test_repeated_stream_rows_are_counted_the_same_way(ledger: Ledger) -> None:
    assert ledger.import_streams([STREAM, STREAM], US).new == 2
    assert ledger.import_streams([STREAM], US).new == 0
    assert ledger.import_streams([STREAM, STREAM, STREAM], US).new == 1
    assert len(ledger.streams()) == 3


def test_deleting_one_of_two_equal_rows_can_be_undone(ledger: Ledger) -> None:
    ledger.import_income([PAYMENT, PAYMENT])
    first, second = ledger.income()
    removed = ledger.delete_income(first.id)
    ledger.restore_income(removed)
    assert sorted(e.id for e in ledger.income()) == sorted([first.id, second.id])
    streams = ledger.import_streams([STREAM, STREAM], US)
    assert streams.new == 2
    one = ledger.streams()[0]
    ledger.restore_stream(ledger.delete_stream(one.id))
    assert len(ledger.streams()) == 2
