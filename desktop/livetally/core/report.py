"""Earnings reports: LIVE gifts and every other source, grouped and in one currency.

Amounts are summed exactly in the report currency and rounded once, by the caller, when
shown. LIVE gift income is derived from the stream log (each stream at the rates it was
logged with); it is never entered twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from livetally.core.rates import ExchangeRates
from livetally.core.records import LIVE_GIFTS_SOURCE, IncomeRecord, LoggedStream

UNTAGGED = "(untagged)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Grouping(StrEnum):
    MONTH = "month"
    SOURCE = "source"
    TAG = "tag"
    WEEKDAY = "weekday"


@dataclass
class Group:
    """One row of a report: money per source, and for stream groups the time it took."""

    key: str
    by_source: dict[str, Decimal] = field(default_factory=dict)
    streams: int = 0
    minutes: int = 0

    @property
    def total(self) -> Decimal:
        return sum(self.by_source.values(), Decimal(0))

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    @property
    def live_cash(self) -> Decimal:
        return self.by_source.get(LIVE_GIFTS_SOURCE, Decimal(0))

    @property
    def cash_per_hour(self) -> Decimal | None:
        """LIVE cash per streamed hour; None when no duration was logged."""
        return self.live_cash / self.hours if self.minutes else None

    def add(self, source: str, amount: Decimal) -> None:
        self.by_source[source] = self.by_source.get(source, Decimal(0)) + amount


@dataclass(frozen=True)
class Report:
    """Groups, plus the grand total counted once per stream and entry.

    In a tag report a stream with two tags is in two groups, so adding the groups up
    would count it twice; ``total`` does not.
    """

    grouping: Grouping
    currency: str
    groups: list[Group]
    total: Decimal

    def by_source(self) -> dict[str, Decimal]:
        """Every source's total over all groups, LIVE gifts first, then largest first."""
        merged = Group("all")
        for group in self.groups:
            for source, amount in group.by_source.items():
                merged.add(source, amount)
        order = sorted(
            merged.by_source, key=lambda s: (s != LIVE_GIFTS_SOURCE, -merged.by_source[s])
        )
        return {source: merged.by_source[source] for source in order}


@dataclass(frozen=True, slots=True)
class DayTotal:
    """The LIVE streams of one calendar day (the creator's own clock), added up exactly."""

    day: dt.date
    cash_usd: Decimal
    streams: int
    minutes: int


def live_days(streams: Iterable[LoggedStream]) -> list[DayTotal]:
    """``streams`` added up per day they started on (each at its logged rates), by day."""
    days: dict[dt.date, tuple[Decimal, int, int]] = {}
    for stream in streams:
        day = stream.record.started.date()
        cash, count, minutes = days.get(day, (Decimal(0), 0, 0))
        days[day] = (
            cash + stream.creator_usd,
            count + 1,
            minutes + (stream.record.duration_minutes or 0),
        )
    return [DayTotal(day, *days[day]) for day in sorted(days)]


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
    if grouping is not Grouping.TAG:  # every other grouping needs only each day's totals
        return build_report_from_days(grouping, live_days(streams), income, rates, currency)
    per_usd = rates.units_per_usd(currency)
    groups: dict[str, Group] = {}
    total = Decimal(0)

    def group(key: str) -> Group:
        found = groups.get(key)
        if found is None:
            found = groups[key] = Group(key)
        return found

    for stream in streams:
        cash = stream.creator_usd * per_usd
        total += cash
        for key in stream.record.tags or (UNTAGGED,):
            target = group(key)
            target.add(LIVE_GIFTS_SOURCE, cash)
            target.streams += 1
            target.minutes += stream.record.duration_minutes or 0
    ordered = sorted(groups.values(), key=_order(grouping))
    return Report(grouping, currency.upper(), ordered, total)


def build_report_from_days(
    grouping: Grouping,
    days: Iterable[DayTotal],
    income: Iterable[IncomeRecord],
    rates: ExchangeRates,
    currency: str,
) -> Report:
    """:func:`build_report` (by month, source or weekday) from the streams' day totals.

    The same report, exactly: LIVE cash is added up per day before it is converted and
    grouped, and Decimal adds and multiplies money without rounding. For callers that let
    SQLite add up a large ledger (``Ledger.live_days``) instead of reading every stream.
    """
    if grouping is Grouping.TAG:
        raise ValueError("a tag report needs the streams themselves, not day totals")
    per_usd = rates.units_per_usd(currency)
    groups: dict[str, Group] = {}
    total = Decimal(0)

    def group(key: str) -> Group:
        found = groups.get(key)
        if found is None:
            found = groups[key] = Group(key)
        return found

    months: dict[tuple[int, int], str] = {}
    for day in days:
        cash = day.cash_usd * per_usd
        total += cash
        if grouping is Grouping.MONTH:
            month = months.get((day.day.year, day.day.month))
            if month is None:
                month = months[(day.day.year, day.day.month)] = day.day.strftime("%Y-%m")
            key = month
        elif grouping is Grouping.SOURCE:
            key = LIVE_GIFTS_SOURCE
        else:
            key = WEEKDAYS[day.day.weekday()]
        target = group(key)
        target.add(LIVE_GIFTS_SOURCE, cash)
        target.streams += day.streams
        target.minutes += day.minutes
    if grouping in (Grouping.MONTH, Grouping.SOURCE):
        units: dict[str, Decimal] = {}  # per currency, looked up once
        entry_months: dict[dt.date, str] = {}
        for entry in income:
            per_unit = units.get(entry.currency)
            if per_unit is None:
                per_unit = units[entry.currency] = rates.units_per_usd(entry.currency)
            amount = entry.amount
            if per_unit != 1 or per_usd != 1:  # x / 1 * 1 is x: skip the arithmetic
                amount = amount / per_unit * per_usd
            total += amount
            if grouping is Grouping.MONTH:
                key = entry_months.get(entry.date) or entry_months.setdefault(
                    entry.date, entry.date.strftime("%Y-%m")
                )
            else:
                key = entry.source
            group(key).add(entry.source, amount)
    ordered = sorted(groups.values(), key=_order(grouping))
    return Report(grouping, currency.upper(), ordered, total)


def _order(grouping: Grouping) -> Callable[[Group], tuple[object, ...]]:
    if grouping is Grouping.WEEKDAY:
        return lambda g: (WEEKDAYS.index(g.key),)
    if grouping is Grouping.MONTH:
        return lambda g: (g.key,)
    return lambda g: (g.key != LIVE_GIFTS_SOURCE, -g.total, g.key)
