"""Axis rules: date ticks name whole days, months or years and fit their room; money axes
run from zero to a round top tick; the trend line breaks across a pause of over two weeks."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import ROUND_CEILING, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livetally.core.axis_ticks import DateTick, TickUnit, date_ticks, value_scale
from livetally.core.chart_data import TREND_GAP, joins_next, trend_joins
from livetally.core.records import StreamRecord
from tests.conftest import logged_at_us_rates
from tests.oracles import cash_per_stream

# -- dates -------------------------------------------------------------------------------------


def test_a_few_days_get_a_tick_each() -> None:
    ticks = date_ticks(dt.date(2026, 9, 28), dt.date(2026, 10, 2), 10)
    assert ticks == [
        DateTick(dt.date(2026, 9, 28), TickUnit.DAY),
        DateTick(dt.date(2026, 9, 29), TickUnit.DAY),
        DateTick(dt.date(2026, 9, 30), TickUnit.DAY),
        DateTick(dt.date(2026, 10, 1), TickUnit.DAY),
        DateTick(dt.date(2026, 10, 2), TickUnit.DAY),
    ]


def test_three_months_in_little_room_tick_every_monday_never_a_bare_month() -> None:
    """The issue's axis: Sep 8 to Dec 3 had "29 Oct 04" (Sep 29, the month, Oct 4). Every
    tick is now a day (each labelled with its month) on the same weekly step."""
    ticks = date_ticks(dt.date(2026, 9, 8), dt.date(2026, 12, 3), 13)
    assert {t.unit for t in ticks} == {TickUnit.DAY}
    assert all(t.day.weekday() == 0 for t in ticks), "Mondays"
    assert [t.day for t in ticks][:3] == [
        dt.date(2026, 9, 14),
        dt.date(2026, 9, 21),
        dt.date(2026, 9, 28),
    ]
    assert len(ticks) == 12


def test_less_room_takes_every_other_monday_then_months() -> None:
    fortnights = date_ticks(dt.date(2026, 9, 8), dt.date(2026, 12, 3), 6)
    assert {t.unit for t in fortnights} == {TickUnit.DAY}
    assert [(b.day - a.day).days for a, b in itertools.pairwise(fortnights)] == [14] * 5
    months = date_ticks(dt.date(2026, 9, 8), dt.date(2026, 12, 3), 4)
    assert months == [
        DateTick(dt.date(2026, 10, 1), TickUnit.MONTH, with_year=True),
        DateTick(dt.date(2026, 11, 1), TickUnit.MONTH),
        DateTick(dt.date(2026, 12, 1), TickUnit.MONTH),
    ]


def test_month_ticks_carry_the_year_at_the_first_and_at_each_january() -> None:
    ticks = date_ticks(dt.date(2026, 11, 1), dt.date(2027, 2, 10), 5)
    assert [(t.day, t.with_year) for t in ticks] == [
        (dt.date(2026, 11, 1), True),
        (dt.date(2026, 12, 1), False),
        (dt.date(2027, 1, 1), True),
        (dt.date(2027, 2, 1), False),
    ]


def test_quarters_and_years() -> None:
    quarters = date_ticks(dt.date(2024, 2, 1), dt.date(2026, 12, 31), 12)
    assert [t.day.month for t in quarters] == [4, 7, 10, 1, 4, 7, 10, 1, 4, 7, 10]
    years = date_ticks(dt.date(2001, 6, 1), dt.date(2026, 6, 1), 6)
    assert [t.day for t in years] == [dt.date(y, 1, 1) for y in (2005, 2010, 2015, 2020, 2025)]
    assert {t.unit for t in years} == {TickUnit.YEAR}


def test_a_reversed_range_is_refused_and_no_room_still_allows_one_tick() -> None:
    with pytest.raises(ValueError, match=r"starts .* after it ends"):
        date_ticks(dt.date(2026, 2, 1), dt.date(2026, 1, 1), 5)
    assert date_ticks(dt.date(2026, 1, 1), dt.date(2026, 1, 1), 0) == [
        DateTick(dt.date(2026, 1, 1), TickUnit.DAY)
    ]


_DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@given(_DAYS, st.integers(min_value=0, max_value=20_000), st.integers(min_value=1, max_value=30))
def test_ticks_fit_the_room_in_order_inside_the_range_and_name_one_unit(
    first: dt.date, length: int, most: int
) -> None:
    last = min(first + dt.timedelta(days=length), dt.date(2100, 12, 31))
    ticks = date_ticks(first, last, most)
    assert 1 <= len(ticks) <= most
    assert all(first <= t.day <= last for t in ticks)
    assert [t.day for t in ticks] == sorted({t.day for t in ticks})
    assert len({t.unit for t in ticks}) <= 1
    for tick in ticks:
        if tick.unit is not TickUnit.DAY:
            assert tick.day.day == 1
        if tick.unit is TickUnit.YEAR:
            assert tick.day.month == 1


# -- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("highest", "step", "top"),
    [
        ("880", "200", "1000"),
        ("73.06", "25", "75"),  # not 20 to 80: less empty space over the tallest
        ("608", "250", "750"),
        ("80", "20", "80"),
        ("20.33", "5", "25"),
        ("120", "25", "125"),
        ("0.37", "0.1", "0.4"),
        ("1", "0.2", "1"),
        ("0", "0.2", "1"),
        ("-5", "0.2", "1"),
    ],
)
def test_a_money_axis_ends_on_a_round_tick_at_or_above_the_highest_value(
    highest: str, step: str, top: str
) -> None:
    assert value_scale(Decimal(highest)) == (Decimal(step), Decimal(top))


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
    st.integers(min_value=1, max_value=10),
)
def test_the_top_tick_is_the_first_round_one_that_holds_the_highest(
    highest: Decimal, intervals: int
) -> None:
    step, top = value_scale(highest, intervals)
    assert top >= highest > top - step, "no bar passes the top tick; no empty interval"
    assert top / step <= intervals
    assert (top / step) == (top / step).to_integral_value()
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in {Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)}
    for other in (step * 2, step * 4, step * 5, step * 10):  # coarser round steps
        assert other * (highest / other).to_integral_value(rounding=ROUND_CEILING) >= top


# -- the trend line's breaks -------------------------------------------------------------------


def test_a_pause_of_more_than_two_weeks_breaks_the_trend_line() -> None:
    day = 86_400.0
    assert TREND_GAP == dt.timedelta(days=14)
    assert joins_next(0.0, 14 * day), "two weeks to the day still joins"
    assert not joins_next(0.0, 14 * day + 1)
    assert trend_joins([0.0, day, 30 * day, 31 * day]) == [True, False, True, False]
    assert trend_joins([]) == []
    assert trend_joins([5.0]) == [False]


def test_a_series_says_where_its_trend_line_breaks() -> None:
    starts = ["2026-01-01T20:00:00Z", "2026-01-03T20:00:00Z", "2026-03-01T20:00:00Z"]
    streams = [
        logged_at_us_rates(n, StreamRecord(started, 1000)) for n, started in enumerate(starts, 1)
    ]
    series = cash_per_stream(streams)
    assert series.trend_joins() == [True, False, False]
    assert len(series.moving_average) == 3, "the average itself runs on across the pause"
