"""Dates as people read them: the locale's own form, and ISO where the locale has none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from livetally.core.rates import ExchangeRates
from livetally.core.records import IncomeRecord, LoggedIncome, StreamRecord
from livetally.models.formatting import Formatter
from livetally.models.income_table import IncomeColumn, IncomeTableModel
from livetally.models.stream_table import StreamColumn, StreamTableModel
from tests.conftest import logged_at_us_rates

C = Formatter(QLocale.c())
MOMENT = dt.datetime(2026, 11, 30, 21, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def test_the_c_locale_shows_iso_dates_not_day_month_year_with_spaces() -> None:
    assert C.date(dt.date(2026, 11, 30)) == "2026-11-30"
    assert C.date_time(MOMENT) == "2026-11-30 21:00"
    assert C.month(dt.date(2026, 11, 30)) == "November 2026"


@pytest.mark.parametrize(
    ("locale", "day", "moment"),
    [
        ("en_US", "11/30/26", "11/30/26 9:00\u202fPM"),
        ("de_DE", "30.11.26", "30.11.26 21:00"),
    ],
)
def test_other_locales_keep_their_own_short_form(locale: str, day: str, moment: str) -> None:
    fmt = Formatter(QLocale(locale))
    assert fmt.date(dt.date(2026, 11, 30)) == day
    assert fmt.date_time(MOMENT) == moment, "the stream's own clock, not this machine's"


def test_tables_follow_under_the_c_locale() -> None:
    streams = StreamTableModel(formatter=C)
    streams.set_streams([logged_at_us_rates(1, StreamRecord("2026-11-30T21:00:00-05:00", 100))])
    assert streams.index(0, StreamColumn.STARTED).data() == "2026-11-30 21:00"

    income = IncomeTableModel(formatter=C)
    entry = LoggedIncome(1, IncomeRecord(dt.date(2026, 11, 30), "affiliate", Decimal(5), "USD"))
    income.set_data([entry], [], ExchangeRates({"USD": Decimal(1)}), "USD")
    assert income.index(0, IncomeColumn.DATE).data() == "2026-11-30"
