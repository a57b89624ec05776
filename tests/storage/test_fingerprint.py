"""Fingerprints and UTC keys are stored: the quick forms must write what the plain ones wrote.

A ledger made by an earlier LiveTally holds keys written with ``strftime`` and fingerprints
built from them; if either text changed by a byte, importing the same file again would let
every row in twice. ``_reference_*`` below are the plain forms as they were, kept verbatim.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.core.money import format_decimal
from livetally.core.records import IncomeRecord, StreamRecord
from livetally.storage.fingerprint import (
    UTC_KEY_FORMAT,
    income_fingerprint,
    stream_fingerprint,
    utc_key,
    utc_keys,
)

PROPERTY = settings(database=None, max_examples=400, deadline=None)


def _reference_utc_key(started: dt.datetime) -> str:
    return started.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _reference_stream_fingerprint(record: StreamRecord, started_utc: str) -> str:
    def optional(value: int | None) -> str:
        return "" if value is None else str(value)

    parts = [
        "stream",
        started_utc,
        optional(record.duration_minutes),
        str(record.coins),
        "" if record.diamonds is None else format_decimal(record.diamonds),
        optional(record.likes),
        optional(record.peak_viewers),
        optional(record.new_followers),
        ";".join(sorted(record.tags)),
        record.notes,
    ]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
stamps = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    offsets,
)
counts = st.none() | st.integers(min_value=0, max_value=10**12)
records = st.builds(
    StreamRecord,
    started_at=stamps.map(dt.datetime.isoformat),
    coins=st.integers(min_value=0, max_value=10**12),
    duration_minutes=counts,
    diamonds=st.none() | st.integers(min_value=0, max_value=10**12).map(Decimal),
    likes=counts,
    peak_viewers=counts,
    new_followers=counts,
    tags=st.lists(st.text(max_size=8), max_size=4).map(tuple),
    notes=st.text(max_size=30),
)


def test_the_key_is_strftimes_text_to_the_byte() -> None:
    assert UTC_KEY_FORMAT == "%Y-%m-%dT%H:%M:%S.%fZ"
    started = dt.datetime.fromisoformat("2026-11-20T19:30:00+01:00")
    assert utc_key(started) == "2026-11-20T18:30:00.000000Z"
    late = dt.datetime.fromisoformat("2026-01-01T02:03:04.000056+05:30")
    assert utc_key(late) == "2025-12-31T20:33:04.000056Z"


@pytest.mark.parametrize(
    "text",
    [
        "0999-06-01T12:00:00Z",  # strftime writes such years its own way (glibc: "999-...")
        "0001-01-02T00:00:00.5+00:00",
        "0010-03-04T05:06:07-11:00",
        "0999-12-31T23:00:00-02:00",  # year 1000 in UTC
        "1000-01-01T00:30:00+01:00",  # year 999 in UTC
        "9999-12-31T23:59:59.999999Z",
    ],
)
def test_years_before_1000_are_written_as_strftime_writes_them(text: str) -> None:
    started = dt.datetime.fromisoformat(text)
    assert utc_key(started) == _reference_utc_key(started)


@PROPERTY
@given(stamps)
def test_any_instant_gets_strftimes_key(started: dt.datetime) -> None:
    try:
        expected = _reference_utc_key(started)
    except OverflowError:  # outside the years 1..9999 once in UTC
        with pytest.raises(OverflowError):
            utc_key(started)
        return
    assert utc_key(started) == expected


@PROPERTY
@given(st.lists(stamps, max_size=20))
def test_keys_in_bulk_are_the_keys_one_by_one(started: list[dt.datetime]) -> None:
    if any(_overflows(stamp) for stamp in started):
        with pytest.raises(OverflowError):
            utc_keys(started)
        return
    assert utc_keys(started) == [_reference_utc_key(stamp) for stamp in started]


def _overflows(stamp: dt.datetime) -> bool:
    try:
        stamp.astimezone(dt.UTC)
    except OverflowError:
        return True
    return False


@PROPERTY
@given(records)
def test_a_stream_fingerprint_is_the_one_written_before(record: StreamRecord) -> None:
    key = _reference_utc_key(record.started)
    assert stream_fingerprint(record, key) == _reference_stream_fingerprint(record, key)


@pytest.mark.parametrize(
    ("record", "key", "fingerprint"),
    [
        (
            StreamRecord("2026-11-20T19:30:00+01:00", 10000),
            "2026-11-20T18:30:00.000000Z",
            "a08bf1c5b01bc8cbc18487b1024d37c1",
        ),
        (
            StreamRecord(
                "2026-01-01T02:03:04.000056+05:30",
                309,
                duration_minutes=116,
                diamonds=Decimal("30"),
                likes=217058,
                peak_viewers=4418,
                new_followers=197,
                tags=("talent", "qa"),
                notes="birthday rainy",
            ),
            "2025-12-31T20:33:04.000056Z",
            "3a73a5ab020217fa0033c860934a7a9d",
        ),
        (
            StreamRecord(
                "0999-12-31T23:00:00-02:00",
                0,
                diamonds=Decimal(0),
                tags=("Q A",),
                notes="ancient\nline",
            ),
            "1000-01-01T01:00:00.000000Z",
            "6ba4a764dd02c26a97711a1294185fe0",
        ),
        (
            StreamRecord(
                "9999-12-31T23:59:59.999999Z",
                1,
                duration_minutes=0,
                likes=0,
                peak_viewers=0,
                new_followers=0,
                notes="=x",
            ),
            "9999-12-31T23:59:59.999999Z",
            "773da7ef501e6ea19c80e1125ab7fd3f",
        ),
    ],
)
def test_known_fingerprints_from_before_still_come_out(
    record: StreamRecord, key: str, fingerprint: str
) -> None:
    """Written down from the LiveTally before the quick forms: ledgers hold these."""
    assert utc_key(record.started) == key
    assert stream_fingerprint(record, key) == fingerprint


def test_known_income_fingerprints_from_before_still_come_out() -> None:
    deal = IncomeRecord(dt.date(2026, 11, 3), "sponsorship", Decimal("250.00"), "EUR", "Brand X")
    tip = IncomeRecord(dt.date(2026, 11, 4), "ko-fi", Decimal(5), "USD")
    assert income_fingerprint(deal) == "c828d593b0c44bcb8e435a15b53afdfd"
    assert income_fingerprint(tip) == "308880cea0e1f9e9719f46170dcb1e40"
