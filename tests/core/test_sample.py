"""Sample data: the same every time for a given day, plausible, and all in the past."""

from __future__ import annotations

import datetime as dt

from livetally.core.sample import sample_data

TODAY = dt.date(2026, 11, 25)


def test_the_same_day_gives_the_same_sample() -> None:
    assert sample_data(TODAY) == sample_data(TODAY)


def test_about_three_months_of_streams_and_income_up_to_today() -> None:
    data = sample_data(TODAY)
    days = [s.started.date() for s in data.streams]
    assert 25 <= len(data.streams) <= 55
    assert min(days) >= TODAY - dt.timedelta(days=90)
    assert max(days) < TODAY
    assert all(s.notes == "Sample stream" and s.tags and s.duration_minutes for s in data.streams)
    assert {e.source for e in data.income} >= {"affiliate", "merchandise", "sponsorship"}
    assert all(e.date <= TODAY for e in data.income)
