"""The year report's figures on a year worked out on paper (tests/year_report_fixtures.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from livetally.core.rates import ExchangeRates
from livetally.core.report import Grouping
from livetally.core.year_report import YearReport, build_year_report, year_period
from tests.conftest import logged_at_us_rates
from tests.oracles import build_report, live_days
from tests.year_report_fixtures import (
    BY_SOURCE_USD,
    INCOME,
    PAYOUTS,
    SET_ASIDE_AT_25,
    STREAMS,
    TOTAL_USD,
    YEAR,
)

RATES = ExchangeRates({"USD": Decimal(1), "EUR": Decimal("0.92"), "JPY": Decimal(150)})
LOGGED = [logged_at_us_rates(n, record) for n, record in enumerate(STREAMS, 1)]


def year(currency: str = "USD", percent: Decimal = Decimal(25)) -> YearReport:
    return build_year_report(YEAR, live_days(LOGGED), INCOME, PAYOUTS, RATES, currency, percent)


def test_totals_by_source_and_month_as_worked_out_on_paper() -> None:
    report = year()
    assert report.shown(report.total) == TOTAL_USD
    assert {s: report.shown(v) for s, v in report.by_source.items()} == BY_SOURCE_USD
    assert report.sources == ("live_gifts", "sponsorship", "affiliate", "merchandise")
    assert report.months == tuple(f"2025-{m:02d}" for m in range(1, 13))
    assert report.month_total("2025-01") == Decimal("59.60")
    assert report.amount("2025-03", "live_gifts") == Decimal("20.00")
    assert report.shown(report.amount("2025-03", "affiliate")) == Decimal("50.00")
    assert report.month_total("2025-12") == Decimal("22.34")
    assert report.month_total("2025-07") == 0  # a quiet month is there, at nothing
    months = sum((report.month_total(m) for m in report.months), Decimal(0))
    assert report.shown(months) == TOTAL_USD


def test_streams_hours_payouts_and_fees_of_the_year_only() -> None:
    report = year()
    assert (report.streams, report.minutes, report.untimed) == (4, 180, 1)
    assert report.hours == 3
    paid = report.payouts
    assert (paid.count, paid.diamonds) == (2, 1_192)
    assert (paid.received, paid.fees) == (Decimal("59.00"), Decimal("1.60"))
    assert (report.first, report.last) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_the_tax_set_aside_is_the_percentage_of_the_total_as_shown() -> None:
    assert year().tax_set_aside == SET_ASIDE_AT_25
    assert year(percent=Decimal(0)).tax_set_aside == 0
    report = year()
    assert report.set_aside(report.month_total("2025-02")) == Decimal("62.50")


def test_the_same_total_as_every_other_report_of_those_days() -> None:
    first, last = year_period(YEAR)
    in_year = [s for s in LOGGED if first <= s.record.started.date() <= last]
    income = [e for e in INCOME if first <= e.date <= last]
    for currency in ("USD", "EUR", "JPY"):
        other = build_report(Grouping.SOURCE, in_year, income, RATES, currency)
        report = year(currency)
        assert report.total == other.total
        assert dict(report.by_source) == other.by_source()


def test_another_currency_converts_everything_and_names_the_rates_used() -> None:
    report = year("eur")
    assert report.currency == "EUR"
    assert report.shown(report.total) == Decimal("369.78")  # 401.94 x 0.92 = 369.7848
    assert report.shown(report.by_source["affiliate"]) == Decimal("46.00")
    assert report.payouts.received == Decimal("54.2800")  # 59.00 x 0.92
    assert dict(report.rates_used) == {"EUR": Decimal("0.92")}
    yen = year("JPY")
    assert yen.shown(yen.total) == Decimal(60291)  # whole yen: 60,291.00
    assert dict(yen.rates_used) == {"EUR": Decimal("0.92"), "JPY": 150}


def test_a_year_with_nothing_in_it_is_all_zeros() -> None:
    empty = build_year_report(2019, live_days(LOGGED), INCOME, PAYOUTS, RATES, "USD")
    assert (empty.total, empty.streams, empty.sources, empty.payouts.count) == (0, 0, (), 0)
    assert len(empty.months) == 12
    assert dataclasses.replace(empty, tax_reserve_percent=Decimal(30)).tax_set_aside == 0


@pytest.mark.parametrize("bad", [0, 1899, 10_000])
def test_a_year_outside_four_digits_is_refused(bad: int) -> None:
    with pytest.raises(ValueError, match="a year from 1900 to 9999"):
        year_period(bad)
