"""Reports from day totals are the reports from the streams themselves, exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from livetally.core.chart_data import monthly_income
from livetally.core.rates import ExchangeRates
from livetally.core.records import IncomeRecord, LoggedStream, StreamRecord
from livetally.core.report import Grouping, build_report_from_days
from tests.oracles import build_report, income_by_month, live_days

RATES = ExchangeRates({"USD": Decimal(1), "EUR": Decimal("0.92")})


def stream(stream_id: int, started: str, diamonds: str, minutes: int | None = None,
           rate: str = "0.05", tags: tuple[str, ...] = ()) -> LoggedStream:  # fmt: skip
    return LoggedStream(
        id=stream_id,
        record=StreamRecord(started, 0, duration_minutes=minutes, tags=tags),
        diamonds=Decimal(diamonds),
        country="US",
        coin_usd=Decimal("0.01"),
        diamonds_per_coin=Decimal("0.1"),
        diamond_usd=Decimal(rate),
    )


STREAMS = [
    stream(1, "2026-01-31T23:30:00-05:00", "100.5", 60),  # Jan 31 on its own clock
    stream(2, "2026-02-01T04:30:00Z", "33.3", None, "0.0049", ("qa",)),
    stream(3, "2026-02-01T20:00:00+09:00", "1000", 90),
    stream(4, "2026-03-02T10:00:00Z", "0.1", 0),
]
INCOME = [
    IncomeRecord(dt.date(2026, 2, 3), "affiliate", Decimal("19.99"), "EUR"),
    IncomeRecord(dt.date(2026, 3, 9), "sponsorship", Decimal("250.00"), "USD"),
]


def test_live_days_add_each_day_up() -> None:
    days = live_days(STREAMS)
    assert [d.day for d in days] == [dt.date(2026, 1, 31), dt.date(2026, 2, 1), dt.date(2026, 3, 2)]
    assert days[1].streams == 2
    assert days[1].minutes == 90
    assert days[1].cash_usd == Decimal("33.3") * Decimal("0.0049") + Decimal("1000") * Decimal(
        "0.05"
    )


@pytest.mark.parametrize("grouping", [Grouping.MONTH, Grouping.SOURCE, Grouping.WEEKDAY])
@pytest.mark.parametrize("currency", ["USD", "EUR"])
def test_the_same_report_from_day_totals(grouping: Grouping, currency: str) -> None:
    from_streams = build_report(grouping, STREAMS, INCOME, RATES, currency)
    from_days = build_report_from_days(grouping, live_days(STREAMS), INCOME, RATES, currency)
    assert from_days == from_streams


def test_a_tag_report_needs_the_streams() -> None:
    with pytest.raises(ValueError, match="tag"):
        build_report_from_days(Grouping.TAG, live_days(STREAMS), (), RATES, "USD")


def test_monthly_income_from_day_totals_is_the_chart_from_streams() -> None:
    for first, last in ((None, None), (dt.date(2026, 2, 1), None), (None, dt.date(2026, 2, 1))):
        expected = income_by_month(STREAMS, INCOME, RATES, "EUR", first, last)
        assert monthly_income(live_days(STREAMS), INCOME, RATES, "EUR", first, last) == expected
    with pytest.raises(ValueError, match="after it ends"):
        monthly_income([], [], RATES, "USD", dt.date(2026, 2, 1), dt.date(2026, 1, 1))
