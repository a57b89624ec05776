"""Chart figures: moving average, cash per hour by tag, income by month, its CSV."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from livetally.core.chart_data import (
    MovingAverage,
    TagRate,
    TagRates,
    monthly_income_csv,
    source_label,
)
from livetally.core.rates import ExchangeRates
from livetally.core.records import IncomeRecord, LoggedStream, StreamRecord
from livetally.core.report import UNTAGGED
from tests.conftest import logged_at_us_rates
from tests.oracles import cash_per_hour_by_tag, cash_per_stream, income_by_month

RATES = ExchangeRates({"EUR": Decimal("0.8"), "JPY": Decimal(150)})


def stream(
    started_at: str, cash: str, minutes: int | None = 60, *tags: str, stream_id: int = 0
) -> LoggedStream:
    """A stream that made exactly ``cash`` USD at the default rates ($0.05 a diamond)."""
    diamonds = Decimal(cash) / Decimal("0.05")
    record = StreamRecord(started_at, int(diamonds * 10), duration_minutes=minutes, tags=tags)
    return logged_at_us_rates(stream_id, record, diamonds)


def income(day: str, source: str, amount: str, currency: str = "USD") -> IncomeRecord:
    return IncomeRecord(dt.date.fromisoformat(day), source, Decimal(amount), currency)


# -- cash per stream -------------------------------------------------------------------------


def test_points_come_in_time_order_by_the_instant_not_the_written_clock() -> None:
    late_evening_new_york = stream("2026-01-01T23:00:00-05:00", "20", stream_id=1)  # 04:00Z
    early_london = stream("2026-01-02T02:00:00+00:00", "10", stream_id=2)
    series = cash_per_stream([late_evening_new_york, early_london])
    assert [p.stream_id for p in series.points] == [2, 1]
    assert series.points[0].started == dt.datetime(2026, 1, 2, 2, tzinfo=dt.UTC)
    assert series.points[0].started.utcoffset() is not None, "aware datetimes"
    assert [p.cash_usd for p in series.points] == [Decimal(10), Decimal(20)]


def test_moving_average_trails_over_the_last_window_streams() -> None:
    streams = [
        stream(f"2026-02-0{day}T20:00:00+01:00", cash, stream_id=day)
        for day, cash in zip(range(5, 0, -1), ["50", "40", "30", "20", "10"], strict=True)
    ]
    series = cash_per_stream(streams, window=3)
    assert [p.cash_usd for p in series.points] == [Decimal(v) for v in (10, 20, 30, 40, 50)]
    # (10)/1, (10+20)/2, (10+20+30)/3, (20+30+40)/3, (30+40+50)/3
    assert series.moving_average == (
        Decimal(10),
        Decimal(15),
        Decimal(20),
        Decimal(30),
        Decimal(40),
    )
    assert series.window == 3


def test_moving_average_is_exact_decimal() -> None:
    streams = [
        stream("2026-02-01T20:00:00Z", "10", stream_id=1),
        stream("2026-02-02T20:00:00Z", "10", stream_id=2),
        stream("2026-02-03T20:00:00Z", "20.01", stream_id=3),
    ]
    series = cash_per_stream(streams)
    assert series.moving_average[-1] == Decimal("40.01") / 3
    assert all(isinstance(v, Decimal) for v in series.moving_average)


def test_default_window_is_seven_streams() -> None:
    streams = [
        stream(f"2026-03-{day:02d}T20:00:00Z", str(day), stream_id=day) for day in range(1, 11)
    ]
    series = cash_per_stream(streams)
    assert series.window == 7
    assert series.moving_average[-1] == Decimal(4 + 5 + 6 + 7 + 8 + 9 + 10) / 7


def test_no_streams_is_an_empty_series_and_a_bad_window_is_refused() -> None:
    assert cash_per_stream([]).is_empty
    assert not cash_per_stream([stream("2026-01-01T00:00:00Z", "1")]).is_empty
    with pytest.raises(ValueError, match="at least 1"):
        cash_per_stream([], window=0)


def test_the_running_average_equals_the_plain_mean_of_each_window() -> None:
    """One addition and one subtraction per stream, yet each mean is exactly the window's
    sum over its length, as when every window was added up afresh."""
    rng = random.Random(5)
    values = [Decimal(rng.randint(0, 10**7)) / 10 ** rng.randint(0, 6) for _ in range(500)]
    for window in (1, 2, 7, 30):
        average = MovingAverage(window)
        for end, value in enumerate(values, 1):
            recent = values[max(0, end - window) : end]
            assert average.add(value) == sum(recent, Decimal(0)) / len(recent)


def test_a_running_total_that_would_round_is_added_up_afresh() -> None:
    """Values of 28 digits make the running total round: the means still equal the plain
    sum of each window (rounded as Decimal rounds it), never a drifting total."""
    big = [Decimal("1234567890123456789012345678"), Decimal("0.1234567890123456789012345678")]
    values = big * 5
    average = MovingAverage(3)
    for end, value in enumerate(values, 1):
        recent = values[max(0, end - 3) : end]
        assert average.add(value) == sum(recent, Decimal(0)) / len(recent)


def test_a_moving_average_needs_a_window_of_one_or_more() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        MovingAverage(0)


# -- cash per hour by tag --------------------------------------------------------------------

TAGGED = [
    stream("2026-10-30T20:00:00-07:00", "50", 120, "qa", "collab", stream_id=1),
    stream("2026-11-02T21:00:00+01:00", "10", 60, "qa", stream_id=2),
    stream("2026-11-03T21:00:00+01:00", "5", None, "qa", stream_id=3),  # no length
    stream("2026-11-04T21:00:00+01:00", "7", None, "talent", stream_id=4),  # no length
    stream("2026-11-07T18:00:00+01:00", "0.015", None, stream_id=5),  # untagged, no length
    stream("2026-11-08T18:00:00+01:00", "3", 30, stream_id=6),  # untagged, 30 minutes
]


def test_cash_per_hour_by_tag_best_first() -> None:
    rates = cash_per_hour_by_tag(TAGGED)
    assert rates == [
        TagRate("collab", 1, Decimal(2), Decimal(50), Decimal(25)),
        TagRate("qa", 2, Decimal(3), Decimal(60), Decimal(20), untimed_streams=1),
        TagRate(UNTAGGED, 1, Decimal("0.5"), Decimal(3), Decimal(6), untimed_streams=1),
    ]
    assert all(r.cash_per_hour_usd == r.cash_usd / r.hours for r in rates)


def test_tags_without_any_logged_minutes_are_named_not_rated() -> None:
    rates = cash_per_hour_by_tag(TAGGED)
    assert isinstance(rates, TagRates)
    assert isinstance(rates, list), "usable as list[TagRate]"
    assert rates.without_hours == ("talent",)
    assert rates.untimed_streams == 3, "each stream once, whatever its tags"
    assert "talent" not in [r.tag for r in rates]


def test_equal_rates_are_ordered_by_cash_then_tag() -> None:
    streams = [
        stream("2026-01-01T20:00:00Z", "10", 60, "b", "a", stream_id=1),
        stream("2026-01-02T20:00:00Z", "20", 120, "c", stream_id=2),
    ]
    assert [r.tag for r in cash_per_hour_by_tag(streams)] == ["c", "a", "b"]


def test_no_streams_no_rates() -> None:
    rates = cash_per_hour_by_tag([])
    assert rates == []
    assert rates.without_hours == ()
    assert rates.untimed_streams == 0


# -- income by month -------------------------------------------------------------------------

MONTH_STREAMS = [
    stream("2026-01-10T20:00:00+01:00", "40", stream_id=1),
    stream("2026-01-31T23:30:00-08:00", "10", stream_id=2),  # Feb 1 in UTC, Jan 31 for her
    stream("2026-04-02T20:00:00+01:00", "25", stream_id=3),
]
MONTH_INCOME = [
    income("2026-02-05", "sponsorship", "200"),
    income("2026-02-20", "other", "5"),
    income("2026-04-30", "patreon", "20", "EUR"),  # $25
    income("2026-04-01", "affiliate", "0"),  # names its source though it adds nothing
]


def test_every_month_in_range_is_present_even_empty_ones() -> None:
    data = income_by_month(MONTH_STREAMS, MONTH_INCOME, RATES, "usd", None, None)
    assert data.currency == "USD"
    assert data.months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert data.month_totals == {
        "2026-01": Decimal(50),
        "2026-02": Decimal(205),
        "2026-03": Decimal(0),
        "2026-04": Decimal(50),
    }
    assert all(data.amount("2026-03", s) == 0 for s in data.sources)


def test_sources_in_a_stable_order_live_gifts_first_other_last() -> None:
    data = income_by_month(MONTH_STREAMS, MONTH_INCOME, RATES, "USD", None, None)
    assert data.sources == ("live_gifts", "sponsorship", "affiliate", "patreon", "other")


def test_amounts_per_month_and_source_and_totals() -> None:
    data = income_by_month(MONTH_STREAMS, MONTH_INCOME, RATES, "USD", None, None)
    assert data.amount("2026-01", "live_gifts") == Decimal(50), "Jan 31 by her own clock"
    assert data.amount("2026-02", "sponsorship") == Decimal(200)
    assert data.amount("2026-04", "patreon") == Decimal(25)
    assert data.amount("2026-04", "affiliate") == Decimal(0)
    assert len(data.amounts) == len(data.months) * len(data.sources)
    assert data.source_totals == {
        "live_gifts": Decimal(75),
        "sponsorship": Decimal(200),
        "affiliate": Decimal(0),
        "patreon": Decimal(25),
        "other": Decimal(5),
    }
    assert data.total == Decimal(305) == sum(data.month_totals.values())


def test_shares_of_the_range_total_sum_to_one() -> None:
    data = income_by_month(MONTH_STREAMS, MONTH_INCOME, RATES, "USD", None, None)
    assert data.shares["live_gifts"] == Decimal(75) / Decimal(305)
    assert data.shares["affiliate"] == 0
    assert abs(sum(data.shares.values(), Decimal(0)) - 1) < Decimal("1e-26")
    even = income_by_month(
        [], [income("2026-01-01", "a", "1"), income("2026-01-02", "b", "3")], RATES, "USD"
    )
    assert even.shares == {"a": Decimal("0.25"), "b": Decimal("0.75")}
    assert sum(even.shares.values()) == 1


def test_converted_into_the_chart_currency() -> None:
    data = income_by_month(MONTH_STREAMS, MONTH_INCOME, RATES, "EUR", None, None)
    assert data.amount("2026-04", "patreon") == Decimal(20)
    assert data.amount("2026-01", "live_gifts") == Decimal(40)  # $50 x 0.8


def test_bounds_cut_records_and_set_the_months() -> None:
    data = income_by_month(
        MONTH_STREAMS,
        MONTH_INCOME,
        RATES,
        "USD",
        dt.date(2026, 2, 10),
        dt.date(2026, 5, 15),
    )
    assert data.months == ("2026-02", "2026-03", "2026-04", "2026-05")
    assert data.sources == ("live_gifts", "affiliate", "patreon", "other")
    assert data.month_totals["2026-02"] == Decimal(5), "the 5 Feb sponsorship is before the range"
    assert data.month_totals["2026-05"] == 0


def test_a_missing_bound_comes_from_the_records() -> None:
    data = income_by_month(MONTH_STREAMS, MONTH_INCOME, RATES, "USD", dt.date(2025, 11, 1), None)
    assert data.months[0] == "2025-11"
    assert data.months[-1] == "2026-04"
    only_first = income_by_month([], [], RATES, "USD", dt.date(2026, 3, 9), None)
    assert only_first.months == ("2026-03",)
    assert only_first.is_empty


def test_nothing_at_all_is_empty() -> None:
    data = income_by_month([], [], RATES, "USD", None, None)
    assert data.is_empty
    assert (data.months, data.sources, data.total) == ((), (), Decimal(0))


def test_zero_total_gives_zero_shares() -> None:
    data = income_by_month([], [income("2026-01-01", "affiliate", "0")], RATES, "USD")
    assert data.shares == {"affiliate": Decimal(0)}
    assert not data.is_empty


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="after it ends"):
        income_by_month([], [], RATES, "USD", dt.date(2026, 2, 1), dt.date(2026, 1, 1))


# -- CSV ----------------------------------------------------------------------------------


def test_monthly_csv_rounds_each_figure_down_to_the_cent() -> None:
    streams = [stream("2026-01-10T20:00:00Z", "10.019", stream_id=1)]
    entries = [income("2026-01-15", "sponsorship", "0.009"), income("2026-03-01", "other", "7")]
    data = income_by_month(streams, entries, RATES, "USD", None, None)
    assert monthly_income_csv(data) == (
        "Month,LIVE gifts,Sponsorship,Other,Total\r\n"
        "2026-01,10.01,0.00,0.00,10.02\r\n"  # total from the exact 10.028
        "2026-02,0.00,0.00,0.00,0.00\r\n"
        "2026-03,0.00,0.00,7.00,7.00\r\n"
    )


def test_monthly_csv_in_a_currency_without_cents() -> None:
    data = income_by_month(
        [stream("2026-01-10T20:00:00Z", "10.019", stream_id=1)], [], RATES, "JPY"
    )
    assert monthly_income_csv(data) == "Month,LIVE gifts,Total\r\n2026-01,1502,1502\r\n"


def test_monthly_csv_keeps_a_source_name_from_acting_as_a_formula() -> None:
    data = income_by_month([], [income("2026-01-01", "=cmd", "1")], RATES, "USD")
    assert monthly_income_csv(data).splitlines()[0] == "Month,'=Cmd,Total"


def test_monthly_csv_of_nothing_is_the_header() -> None:
    data = income_by_month([], [], RATES, "USD")
    assert monthly_income_csv(data) == "Month,Total\r\n"


def test_source_labels_read_as_people_write_them() -> None:
    assert source_label("live_gifts") == "LIVE gifts"
    assert source_label("sponsorship") == "Sponsorship"
    assert source_label("creator_rewards") == "Creator Rewards"
    assert source_label("patreon_tips") == "Patreon Tips"
