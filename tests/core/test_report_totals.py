"""Reports from totals (per day, per tag) are the reports from the streams, exactly.

``livetally report`` and the window add the streams up in SQLite and build the report from
those totals; these properties hold that to :func:`build_report` over the streams
themselves, for every grouping, currency and mix of rates, tags and income.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.core.rates import ExchangeRates
from livetally.core.records import LIVE_GIFTS_SOURCE, IncomeRecord, LoggedStream, StreamRecord
from livetally.core.report import (
    UNTAGGED,
    Grouping,
    TagTotal,
    build_report_from_days,
    build_tag_report,
)
from tests.oracles import build_report, live_days, live_tags

PROPERTY = settings(database=None, max_examples=200, deadline=None)
RATES = ExchangeRates(
    {"USD": Decimal(1), "EUR": Decimal("0.92"), "JPY": Decimal("151.37"), "GBP": Decimal("0.79")}
)


def stream(n: int, started: str, diamonds: Decimal, rate: str, minutes: int | None,
           tags: tuple[str, ...]) -> LoggedStream:  # fmt: skip
    return LoggedStream(
        id=n,
        record=StreamRecord(started, 0, duration_minutes=minutes, tags=tags),
        diamonds=diamonds,
        country="US",
        coin_usd=Decimal("0.01"),
        diamonds_per_coin=Decimal("0.1"),
        diamond_usd=Decimal(rate),
    )


places = st.tuples(st.integers(0, 10**9), st.integers(0, 6)).map(
    lambda pair: Decimal(pair[0]).scaleb(-pair[1])
)
streams = st.lists(
    st.builds(
        lambda n, day, hour, zone, diamonds, rate, minutes, tags: stream(
            n,
            f"2026-{day // 28 + 1:02d}-{day % 28 + 1:02d}T{hour:02d}:15:00{zone}",
            diamonds,
            rate,
            minutes,
            tags,
        ),
        st.integers(1, 10**6),
        st.integers(0, 83),  # three months
        st.integers(0, 23),
        st.sampled_from(["Z", "+09:00", "-05:00"]),
        places,
        st.sampled_from(["0.05", "0.0049", "0.005"]),
        st.none() | st.integers(0, 600),
        st.lists(st.sampled_from(["qa", "collab", "chat", UNTAGGED]), unique=True, max_size=3).map(
            tuple
        ),
    ),
    max_size=25,
)
income = st.lists(
    st.builds(
        IncomeRecord,
        st.dates(dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        st.sampled_from(["sponsorship", "affiliate", LIVE_GIFTS_SOURCE, "other"]),
        places,
        st.sampled_from(["USD", "EUR", "JPY", "GBP"]),
    ),
    max_size=15,
)
currencies = st.sampled_from(["USD", "EUR", "JPY"])


@PROPERTY
@given(
    streams,
    income,
    currencies,
    st.sampled_from([Grouping.MONTH, Grouping.SOURCE, Grouping.WEEKDAY]),
)
def test_a_report_from_day_totals_is_the_report_from_streams(
    logged: list[LoggedStream], entries: list[IncomeRecord], currency: str, grouping: Grouping
) -> None:
    expected = build_report(grouping, logged, entries, RATES, currency)
    got = build_report_from_days(grouping, live_days(logged), entries, RATES, currency)
    assert got == expected
    for mine, theirs in zip(got.groups, expected.groups, strict=True):
        assert list(mine.by_source) == list(theirs.by_source)  # same columns, same order


@PROPERTY
@given(streams, currencies)
def test_a_report_from_tag_totals_is_the_report_from_streams(
    logged: list[LoggedStream], currency: str
) -> None:
    expected = build_report(Grouping.TAG, logged, [], RATES, currency)
    got = build_tag_report(live_tags(logged), live_days(logged), RATES, currency)
    assert got == expected


def test_tag_totals_count_a_two_tag_stream_in_both_but_the_total_once() -> None:
    logged = [
        stream(1, "2026-01-02T20:00:00Z", Decimal(1000), "0.05", 60, ("qa", "collab")),
        stream(2, "2026-01-03T20:00:00Z", Decimal(10), "0.05", None, ()),
    ]
    assert live_tags(logged) == [
        TagTotal("qa", Decimal(50), 1, 60, Decimal(50), 0),
        TagTotal("collab", Decimal(50), 1, 60, Decimal(50), 0),
        TagTotal(UNTAGGED, Decimal("0.5"), 1, 0, Decimal(0), 1),
    ]
    report = build_tag_report(live_tags(logged), live_days(logged), RATES, "USD")
    assert report.total == Decimal("50.5")
    assert report.untimed == 1
    assert [g.key for g in report.groups] == ["collab", "qa", UNTAGGED]


def test_cash_per_hour_leaves_out_streams_without_a_duration() -> None:
    """An untimed stream's cash must not be divided by the hours of the timed ones."""
    logged = [
        stream(1, "2026-01-02T20:00:00Z", Decimal(200), "0.05", 90, ()),  # $10 in 1.5 h
        stream(2, "2026-01-03T20:00:00Z", Decimal(1000), "0.05", None, ()),  # $50, no length
    ]
    [group] = build_tag_report(live_tags(logged), live_days(logged), RATES, "USD").groups
    assert group.live_cash == Decimal(60)
    assert group.cash_per_hour == Decimal(10) / Decimal("1.5")  # not $60 / 1.5 h = $40/h
    assert group.untimed == 1
    [weekday] = [
        g
        for g in build_report_from_days(
            Grouping.WEEKDAY, live_days(logged), [], RATES, "USD"
        ).groups
        if g.streams == 1 and g.minutes
    ]
    assert weekday.cash_per_hour == Decimal(10) / Decimal("1.5")


def test_totals_of_one_tag_are_merged() -> None:
    """The ledger hands over one total per tag and rate; they make one group."""
    parts = [
        TagTotal("qa", Decimal(1), 1, 10, Decimal(1), 0),
        TagTotal("qa", Decimal(2), 2, 20, Decimal(2), 0),
    ]
    [group] = build_tag_report(parts, [], RATES, "USD").groups
    assert (group.live_cash, group.streams, group.minutes) == (Decimal(3), 3, 30)


def test_income_in_another_currency_is_converted_per_entry() -> None:
    """As build_report does: each entry converted, then added (Decimal rounds a division)."""
    entries = [IncomeRecord(dt.date(2026, 1, 5), "affiliate", Decimal(10), "JPY")] * 3
    report = build_report_from_days(Grouping.SOURCE, [], entries, RATES, "EUR")
    one = Decimal(10) / Decimal("151.37") * Decimal("0.92")
    assert report.by_source() == {"affiliate": one + one + one}
    with pytest.raises(ValueError, match="tag"):
        build_report_from_days(Grouping.TAG, [], entries, RATES, "EUR")
