"""Records: times must carry their offset and a written-out date; tags have one spelling."""

from __future__ import annotations

import datetime as dt

import pytest

from livetally.core.records import (
    StreamRecord,
    TimeOutOfRange,
    normalise_tag,
    parse_timestamp,
    parse_usual_timestamps,
)


@pytest.mark.parametrize(
    "text", ["2026-11-20T19:30:00+01:00", "2026-11-20 19:30Z", " 2026-11-20T19:30:00.5-05:00 "]
)
def test_times_with_an_offset_are_accepted(text: str) -> None:
    assert parse_timestamp(text).utcoffset() is not None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-11-20T19:30:00", "has no UTC offset"),
        ("20261120T193000+01:00", "does not start with a YYYY-MM-DD date"),
        ("yesterday", "does not start with a YYYY-MM-DD date"),
    ],
)
def test_other_times_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_timestamp(text)


def test_tags_are_normalised_deduplicated_and_keep_their_order() -> None:
    record = StreamRecord("2026-11-20T19:30:00Z", 1, tags=("Collab", " QA ", "collab", "", "a;b"))
    assert record.tags == ("collab", "qa", "a_b")
    assert normalise_tag("Dance  Off,Night") == "dance_off_night"
    assert record.started == dt.datetime(2026, 11, 20, 19, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"])
def test_a_time_that_leaves_the_years_1_to_9999_in_utc_is_refused_as_such(text: str) -> None:
    with pytest.raises(TimeOutOfRange, match="between the years 1 and 9999"):
        parse_timestamp(text)
    assert parse_usual_timestamps([text]) is None  # the bulk path leaves it to the above


@pytest.mark.parametrize("text", ["0001-01-01T01:30:00+01:00", "9999-12-31T22:30:00-01:00"])
def test_times_in_the_first_and_last_years_that_exist_in_utc_are_kept(text: str) -> None:
    assert parse_timestamp(text).astimezone(dt.UTC).year in (1, 9999)
