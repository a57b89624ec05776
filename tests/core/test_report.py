"""Reports: LIVE gifts and other income grouped, converted, summed exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from livetally.core.rates import ExchangeRates
from livetally.core.records import IncomeRecord, LoggedStream, StreamRecord
from livetally.core.report import UNTAGGED, Grouping
from tests.conftest import logged_at_us_rates
from tests.oracles import build_report

RATES = ExchangeRates({"EUR": Decimal("0.8")})


def stream(started_at: str, coins: int, minutes: int | None, *tags: str) -> LoggedStream:
    return logged_at_us_rates(
        coins, StreamRecord(started_at, coins, duration_minutes=minutes, tags=tags)
    )


STREAMS = [
    stream("2026-10-30T20:00:00-07:00", 10_000, 120, "qa", "collab"),  # Friday, $50
    stream("2026-11-02T21:00:00+01:00", 2_000, 60, "qa"),  # Monday, $10
    stream("2026-11-07T18:00:00+01:00", 33, None),  # Saturday, 3 diamonds, $0.15, untagged
]
INCOME = [
    IncomeRecord(dt.date(2026, 10, 5), "sponsorship", Decimal(200), "USD"),
    IncomeRecord(dt.date(2026, 11, 9), "affiliate", Decimal(40), "EUR"),  # $50
    IncomeRecord(dt.date(2026, 11, 20), "sponsorship", Decimal("0.005"), "USD"),
]


def test_by_source_puts_live_gifts_first_and_sums_exactly() -> None:
    report = build_report(Grouping.SOURCE, STREAMS, INCOME, RATES, "USD")
    assert report.by_source() == {
        "live_gifts": Decimal("60.15"),
        "sponsorship": Decimal("200.005"),
        "affiliate": Decimal(50),
    }
    assert report.total == Decimal("310.155")


def test_by_month_uses_the_creators_own_clock() -> None:
    report = build_report(Grouping.MONTH, STREAMS, INCOME, RATES, "USD")
    assert [g.key for g in report.groups] == ["2026-10", "2026-11"]
    october, november = report.groups
    assert october.by_source == {"live_gifts": Decimal(50), "sponsorship": Decimal(200)}
    assert november.by_source == {
        "live_gifts": Decimal("10.15"),
        "affiliate": Decimal(50),
        "sponsorship": Decimal("0.005"),
    }


def test_converted_into_the_report_currency() -> None:
    report = build_report(Grouping.SOURCE, STREAMS, INCOME, RATES, "eur")
    assert report.currency == "EUR"
    assert report.by_source()["affiliate"] == Decimal(40)
    assert report.by_source()["live_gifts"] == Decimal("48.12")


def test_by_tag_counts_streams_hours_and_cash_per_hour() -> None:
    report = build_report(Grouping.TAG, STREAMS, INCOME, RATES, "USD")
    groups = {g.key: g for g in report.groups}
    assert set(groups) == {"qa", "collab", UNTAGGED}
    qa = groups["qa"]
    assert (qa.streams, qa.hours, qa.total) == (2, Decimal(3), Decimal(60))
    assert qa.cash_per_hour == Decimal(20)
    assert groups["collab"].cash_per_hour == Decimal(25)
    assert groups[UNTAGGED].cash_per_hour is None, "no duration logged, no hourly rate"
    assert report.total == Decimal("60.15"), "a stream with two tags is counted once"
    assert all(g.by_source.keys() == {"live_gifts"} for g in report.groups), "streams only"


def test_by_weekday_in_calendar_order() -> None:
    report = build_report(Grouping.WEEKDAY, STREAMS, INCOME, RATES, "USD")
    assert [(g.key, g.streams) for g in report.groups] == [
        ("Monday", 1),
        ("Friday", 1),
        ("Saturday", 1),
    ]


def test_nothing_gives_an_empty_report() -> None:
    report = build_report(Grouping.MONTH, [], [], RATES, "USD")
    assert (report.groups, report.total) == ([], Decimal(0))
