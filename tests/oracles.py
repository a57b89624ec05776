"""Reference oracles: the plain, one-stream-at-a-time ways to the figures LiveTally works
out in bulk (SQLite's day and tag totals, the column store).

They lived in ``core`` while nothing but tests called them, so each total existed twice and
a reader could not tell which path was real. Here they are what they are: the obvious
definition, which the quick production paths must match exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from livetally.core.chart_data import (
    DEFAULT_WINDOW,
    CashPoint,
    CashSeries,
    MonthlyIncome,
    TagRates,
    cash_series,
    monthly_income,
    tag_rates,
)
from livetally.core.chart_data import TagTotal as ChartTagTotal
from livetally.core.rates import ExchangeRates
from livetally.core.records import IncomeRecord, LoggedStream
from livetally.core.report import (
    UNTAGGED,
    DayTotal,
    Grouping,
    Report,
    TagTotal,
    build_report_from_days,
    build_tag_report,
)

_ZERO = Decimal(0)
_NOTHING: tuple[Decimal, int, int, Decimal, int] = (_ZERO, 0, 0, _ZERO, 0)


def _plus_stream(
    totals: tuple[Decimal, int, int, Decimal, int], stream: LoggedStream
) -> tuple[Decimal, int, int, Decimal, int]:
    cash, count, minutes, timed_cash, untimed = totals
    length = stream.record.duration_minutes or 0
    return (
        cash + stream.creator_usd,
        count + 1,
        minutes + length,
        timed_cash + stream.creator_usd if length > 0 else timed_cash,
        untimed + (length <= 0),
    )


def live_days(streams: Iterable[LoggedStream]) -> list[DayTotal]:
    """``streams`` added up per day they started on (each at its logged rates), by day."""
    days: dict[dt.date, tuple[Decimal, int, int, Decimal, int]] = {}
    for stream in streams:
        key = stream.record.started.date()
        days[key] = _plus_stream(days.get(key, _NOTHING), stream)
    return [DayTotal(day, *days[day]) for day in sorted(days)]


def live_tags(streams: Iterable[LoggedStream]) -> list[TagTotal]:
    """``streams`` added up per tag, each at its logged rates; a stream with two tags counts
    towards both, one with none towards :data:`UNTAGGED`. In order of first appearance."""
    tags: dict[str, tuple[Decimal, int, int, Decimal, int]] = {}
    for stream in streams:
        for tag in stream.record.tags or (UNTAGGED,):
            tags[tag] = _plus_stream(tags.get(tag, _NOTHING), stream)
    return [TagTotal(tag, *totals) for tag, totals in tags.items()]


def build_report(
    grouping: Grouping,
    streams: Iterable[LoggedStream],
    income: Iterable[IncomeRecord],
    rates: ExchangeRates,
    currency: str,
) -> Report:
    """Group ``streams`` and ``income`` by ``grouping``, all converted into ``currency``.

    Tag and weekday reports cover streams only (income has neither); a stream with
    several tags counts towards each of them.
    """
    streams = list(streams)
    if grouping is not Grouping.TAG:  # every other grouping needs only each day's totals
        return build_report_from_days(grouping, live_days(streams), income, rates, currency)
    return build_tag_report(live_tags(streams), live_days(streams), rates, currency)


def cash_per_stream(streams: Iterable[LoggedStream], window: int = DEFAULT_WINDOW) -> CashSeries:
    """Each stream's creator cash (USD, at its logged rates) and the average of the last
    ``window`` streams, so a creator sees both single LIVEs and where things are heading."""
    if window < 1:
        raise ValueError(f"window must be at least 1 stream, got {window}")
    keyed = [(s.record.started, s.id, s) for s in streams]  # each start parsed once
    keyed.sort(key=lambda item: (item[0], item[1]))
    return cash_series([CashPoint(s.id, started, s.creator_usd) for started, _, s in keyed], window)


def cash_per_hour_by_tag(streams: Iterable[LoggedStream]) -> TagRates:
    """Cash per streamed hour for each tag, best first, so a creator sees which tactic pays.

    A stream with two tags counts towards both; untagged streams form ``(untagged)``, a
    baseline to compare tactics with.
    """
    totals: dict[str, ChartTagTotal] = {}
    untimed = 0
    for stream in streams:
        record = stream.record
        minutes = record.duration_minutes
        if not minutes:
            untimed += 1
        for tag in record.tags or (UNTAGGED,):
            was = totals.get(tag) or ChartTagTotal()
            if minutes:
                totals[tag] = ChartTagTotal(
                    was.streams + 1,
                    was.minutes + minutes,
                    was.cash_usd + stream.creator_usd,
                    was.untimed_streams,
                )
            else:
                totals[tag] = ChartTagTotal(
                    was.streams, was.minutes, was.cash_usd, was.untimed_streams + 1
                )
    return tag_rates(totals, untimed)


def income_by_month(
    streams: Iterable[LoggedStream],
    income: Iterable[IncomeRecord],
    rates: ExchangeRates,
    currency: str,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> MonthlyIncome:
    """Every source's income per month from ``first`` to ``last`` (inclusive), in ``currency``.

    Streams are dated by the creator's own clock, as in reports. A missing bound is taken from
    the earliest or latest record in range; every month in between is present even when
    nothing came in, so a quiet month shows as a gap rather than vanishing.
    """
    if first is not None and last is not None and first > last:
        raise ValueError(f"the range starts ({first}) after it ends ({last})")
    return monthly_income(live_days(streams), income, rates, currency, first, last)
