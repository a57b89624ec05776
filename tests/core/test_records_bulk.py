"""The quick ways to make many records and times give exactly what the plain ways give."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.core.records import (
    IncomeRecord,
    LoggedIncome,
    StreamRecord,
    logged_income,
    parse_timestamp,
    parse_timestamps,
    parse_usual_timestamps,
    stream_records,
)
from livetally.core.stream_fields import (
    DETAIL_NAMES,
    STREAM_DETAILS,
    DetailKind,
    Origin,
    StreamDetail,
)

PROPERTY = settings(database=None, max_examples=300, deadline=None)

# Pieces of timestamps, usual and not, so that drawn texts are often nearly right.
_PIECES = [
    "2026-11-20",
    "20261120",
    "2026-02-30",
    "2026-W47-5",
    "T",
    " ",
    "t",
    "X",
    "19:30",
    ":00",
    ".5",
    ".123456",
    ".1234567",
    "+01:00",
    "-05:30",
    "+24:00",
    "Z",
    "z",
    "\n",
    "\u0663",  # ARABIC-INDIC DIGIT THREE: \d matches it unless told ASCII
    "0",
    "-",
]
texts = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join)
usual = st.builds(
    lambda stamp, zone, seconds, fraction: stamp.replace(tzinfo=zone).isoformat(
        timespec="microseconds" if fraction else "seconds" if seconds else "minutes"
    ),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.sampled_from(
        [
            dt.UTC,
            dt.timezone(dt.timedelta(hours=-8)),
            dt.timezone(dt.timedelta(hours=5, minutes=30)),
        ]
    ),
    st.booleans(),
    st.booleans(),
)


def _parsed(text: str) -> dt.datetime | str:
    """parse_timestamp's value, or its error message."""
    try:
        return parse_timestamp(text)
    except ValueError as error:
        return str(error)


@PROPERTY
@given(st.lists(texts | usual, max_size=8))
def test_timestamps_in_bulk_are_parse_timestamp_of_each(batch: list[str]) -> None:
    one_by_one = [_parsed(text) for text in batch]
    problems = [found for found in one_by_one if isinstance(found, str)]
    if problems:  # the first bad one is reported, as one by one
        with pytest.raises(ValueError, match=f"^{re.escape(problems[0])}$"):
            parse_timestamps(batch)
    else:
        assert parse_timestamps(batch) == one_by_one


@PROPERTY
@given(st.lists(texts | usual, max_size=8))
def test_usual_timestamps_are_only_ones_parse_timestamp_takes_as_they_are(
    batch: list[str],
) -> None:
    found = parse_usual_timestamps(batch)
    if found is not None:
        assert found == [parse_timestamp(text) for text in batch]
        assert all(text == text.strip() for text in batch)  # stored as written: no spaces


def test_usual_timestamps_give_up_on_anything_else() -> None:
    assert parse_usual_timestamps(["2026-11-20T19:30:00+01:00", "2026-11-20T19:30Z"]) is not None
    for odd in (" 2026-11-20T19:30:00+01:00", "2026-11-20T19:30:00", "20261120T193000Z",
                "2026-02-30T19:30:00Z", "2026-11-20X19:30:00Z"):  # fmt: skip
        assert parse_usual_timestamps(["2026-11-20T19:30:00Z", odd]) is None


_tag_lists = st.lists(st.sampled_from(["qa", "QA", "chat", " chat ", "Q A", "", "a;b", "x,y"]))


def _detail_values(detail: StreamDetail) -> st.SearchStrategy[int | str | None]:
    if detail.kind is DetailKind.COUNT:
        return st.none() | st.integers(0, 999)
    if detail.kind is DetailKind.KEY:
        return st.none() | st.text("0123456789", min_size=1, max_size=19)
    return st.text(max_size=10)


def _detail_columns(n: int) -> st.SearchStrategy[dict[str, list[int | str | None]]]:
    """A column for some of the details (those left out are empty in every record)."""
    return st.fixed_dictionaries(
        {},
        optional={
            detail.name: st.lists(_detail_values(detail), min_size=n, max_size=n)
            for detail in STREAM_DETAILS
        },
    )


columns = st.integers(min_value=0, max_value=6).flatmap(
    lambda n: st.tuples(
        st.lists(usual, min_size=n, max_size=n),
        st.lists(st.integers(0, 10**12), min_size=n, max_size=n),
        st.lists(st.none() | st.integers(0, 999), min_size=n, max_size=n),
        st.lists(st.none() | st.integers(0, 10**6).map(Decimal), min_size=n, max_size=n),
        st.lists(_tag_lists.map(tuple), min_size=n, max_size=n),
        st.lists(st.text(max_size=10), min_size=n, max_size=n),
        _detail_columns(n),
        st.sampled_from(Origin),
    )
)


@PROPERTY
@given(columns, st.booleans())
def test_stream_records_are_the_class_made_records(
    made: tuple[object, ...], normalised: bool
) -> None:
    started, coins, duration, diamonds, tags, notes, details, origin = made
    if normalised:  # as a CSV file's tags come: the quick way is taken
        tags = [StreamRecord("", 0, tags=t).tags for t in tags]  # type: ignore[attr-defined]
    rows = len(started)  # type: ignore[arg-type]
    expected = [
        StreamRecord(
            started[k],  # type: ignore[index]
            coins[k],  # type: ignore[index]
            duration[k],  # type: ignore[index]
            diamonds[k],  # type: ignore[index]
            tags=tags[k],  # type: ignore[index]
            notes=notes[k],  # type: ignore[index]
            origin=origin,  # type: ignore[arg-type]
            **{name: column[k] for name, column in details.items()},  # type: ignore[attr-defined]
        )
        for k in range(rows)
    ]
    got = stream_records(
        started,  # type: ignore[arg-type]
        coins,  # type: ignore[arg-type]
        duration,  # type: ignore[arg-type]
        diamonds,  # type: ignore[arg-type]
        tags,  # type: ignore[arg-type]
        notes,  # type: ignore[arg-type]
        details,  # type: ignore[arg-type]
        origin,  # type: ignore[arg-type]
    )
    assert got == expected
    for record, plain in zip(got, expected, strict=True):
        assert record.tags == plain.tags
        assert record.origin == plain.origin
        assert [getattr(record, name) for name in DETAIL_NAMES] == [
            getattr(plain, name) for name in DETAIL_NAMES
        ]
        assert record.gifts == ()
        assert type(record) is StreamRecord
        with pytest.raises(AttributeError):  # still frozen
            record.coins = 1  # type: ignore[misc]


def test_stream_records_refuse_a_detail_that_is_not_declared() -> None:
    with pytest.raises(ValueError, match="not stream details: viewers"):
        stream_records([], [], [], [], [], [], {"viewers": []})


def test_logged_income_is_the_class_made_entry() -> None:
    day = dt.date(2026, 11, 3)
    quick = logged_income(7, day, "sponsorship", Decimal("250.00"), "EUR", "Brand X", True)
    plain = LoggedIncome(
        7, IncomeRecord(day, "sponsorship", Decimal("250.00"), "EUR", "Brand X"), True
    )
    assert quick == plain
    assert hash(quick.record) == hash(plain.record)
    assert repr(quick) == repr(plain)
    with pytest.raises(AttributeError):
        quick.record.amount = Decimal(0)  # type: ignore[misc]
