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
from livetally.core.records import LIVE_GIFTS_SOURCE, IncomeRecord
from livetally.core.words import counted

UNTAGGED = "(untagged)"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ZERO = Decimal(0)


def cash_per_hour(timed_cash: Decimal, minutes: int) -> Decimal | None:
    """Cash per streamed hour: the one definition every view and report uses.

    ``timed_cash`` is the cash of the streams whose duration was logged and ``minutes``
    their length: a stream without a duration adds neither, so it cannot inflate the
    figure; callers count such streams and say so. None when no stream had a duration.
    """
    return timed_cash * 60 / minutes if minutes > 0 else None


def untimed_note(streams: int) -> str:
    """What every cash-per-hour figure says of the streams it left out."""
    are = "is" if streams == 1 else "are"
    return f"{counted(streams, 'stream')} without a duration {are} left out of the cash per hour."


class Grouping(StrEnum):
    MONTH = "month"
    SOURCE = "source"
    TAG = "tag"
    WEEKDAY = "weekday"


class Groups(dict[str, "Group"]):
    """A report's rows by key, each made when first asked for."""

    def __missing__(self, key: str) -> Group:
        group = self[key] = Group(key)
        return group


@dataclass
class Group:
    """One row of a report: money per source, and for stream groups the time it took."""

    key: str
    by_source: dict[str, Decimal] = field(default_factory=dict)
    streams: int = 0
    minutes: int = 0
    #: LIVE cash of the streams with a duration: the only cash an hourly figure may divide.
    timed_cash: Decimal = _ZERO
    #: Streams logged without a duration, left out of the hourly figure and counted here.
    untimed: int = 0

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
        """LIVE cash per streamed hour (:func:`cash_per_hour`)."""
        return cash_per_hour(self.timed_cash, self.minutes)

    def add_live(self, cash: Decimal, timed_cash: Decimal, totals: DayTotal | TagTotal) -> None:
        """Streams added up (``totals``), their cash already in the report currency."""
        self.add(LIVE_GIFTS_SOURCE, cash)
        self.timed_cash += timed_cash
        self.streams += totals.streams
        self.minutes += totals.minutes
        self.untimed += totals.untimed

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
    #: Streams without a duration, each counted once: left out of every cash per hour.
    untimed: int = 0

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
    #: The cash of the day's streams with a duration, and how many had none.
    timed_cash_usd: Decimal
    untimed: int


@dataclass(frozen=True, slots=True)
class TagTotal:
    """The LIVE streams with one tag (:data:`UNTAGGED`: with none), added up exactly."""

    tag: str
    cash_usd: Decimal
    streams: int
    minutes: int
    #: The cash of the tag's streams with a duration, and how many had none.
    timed_cash_usd: Decimal
    untimed: int


def build_report_from_days(
    grouping: Grouping,
    days: Iterable[DayTotal],
    income: Iterable[IncomeRecord],
    rates: ExchangeRates,
    currency: str,
) -> Report:
    """The report by month, source or weekday, from the streams' day totals.

    The same report, exactly: LIVE cash is added up per day before it is converted and
    grouped, and Decimal adds and multiplies money without rounding. For callers that let
    SQLite add up a large ledger (``Ledger.live_days``) instead of reading every stream.
    """
    if grouping is Grouping.TAG:
        raise ValueError("a tag report needs the streams themselves, not day totals")
    per_usd = rates.units_per_usd(currency)
    groups = Groups()
    total = Decimal(0)

    months: dict[tuple[int, int], str] = {}
    untimed = 0
    for day in days:
        cash = day.cash_usd * per_usd
        total += cash
        untimed += day.untimed
        if grouping is Grouping.MONTH:
            month = months.get((day.day.year, day.day.month))
            if month is None:
                month = months[(day.day.year, day.day.month)] = day.day.strftime("%Y-%m")
            key = month
        elif grouping is Grouping.SOURCE:
            key = LIVE_GIFTS_SOURCE
        else:
            key = WEEKDAYS[day.day.weekday()]
        groups[key].add_live(cash, day.timed_cash_usd * per_usd, day)
    if grouping in (Grouping.MONTH, Grouping.SOURCE):
        total += _add_income(groups, income, rates, per_usd, by_month=grouping is Grouping.MONTH)
    ordered = sorted(groups.values(), key=_order(grouping))
    return Report(grouping, currency.upper(), ordered, total, untimed)


def _add_income(
    groups: Groups,
    income: Iterable[IncomeRecord],
    rates: ExchangeRates,
    per_usd: Decimal,
    *,
    by_month: bool,
) -> Decimal:
    """Put each entry into its month's group (or its source's), converted; their total."""
    total = Decimal(0)
    # Per currency, looked up once: its units per USD, or None where x / 1 * 1 is x and
    # the arithmetic is skipped.
    units: dict[str, Decimal | None] = {}
    entry_months: dict[dt.date, str] = {}  # entries share days: each is written once
    for entry in income:
        code, amount, source = entry.currency, entry.amount, entry.source
        if code in units:
            per_unit = units[code]
        else:
            per_unit = rates.units_per_usd(code)
            per_unit = units[code] = per_unit if per_unit != 1 or per_usd != 1 else None
        if per_unit is not None:
            amount = amount / per_unit * per_usd
        total += amount
        name = entry_months.get(entry.date) if by_month else source
        if name is None:
            name = entry_months[entry.date] = entry.date.strftime("%Y-%m")
        found = groups.get(name)
        if found is None:
            found = groups[name] = Group(name)
        sums = found.by_source
        sums[source] = sums.get(source, _ZERO) + amount  # as Group.add does
    return total


def build_tag_report(
    tags: Iterable[TagTotal], days: Iterable[DayTotal], rates: ExchangeRates, currency: str
) -> Report:
    """The report by tag, from each tag's totals (``Ledger.live_tags``).

    The same report, exactly, as with :func:`build_report_from_days`: Decimal adds and
    multiplies without rounding, so adding up per tag first changes nothing. The grand
    total counts each stream once, so it comes from the day totals (``Ledger.live_days``)
    of the same streams; tag totals would count a stream with two tags twice. Totals of
    the same tag (a tag literally named :data:`UNTAGGED`, say) are merged, as
    a report from the streams themselves merges them (``tests/oracles.build_report``).
    """
    per_usd = rates.units_per_usd(currency)
    groups = Groups()
    for tag in tags:
        groups[tag.tag].add_live(tag.cash_usd * per_usd, tag.timed_cash_usd * per_usd, tag)
    days = list(days)
    total = sum((day.cash_usd * per_usd for day in days), Decimal(0))
    ordered = sorted(groups.values(), key=_order(Grouping.TAG))
    untimed = sum(day.untimed for day in days)
    return Report(Grouping.TAG, currency.upper(), ordered, total, untimed)


def stream_report(
    grouping: Grouping, groups: Iterable[Group], total: Decimal, untimed: int, currency: str
) -> Report:
    """A tag or weekday report from groups added up elsewhere (``core.what_pays``, from
    each stream's figures), in the order the report by tag gives them."""
    ordered = sorted(groups, key=_order(grouping))
    return Report(grouping, currency.upper(), ordered, total, untimed)


def _order(grouping: Grouping) -> Callable[[Group], tuple[object, ...]]:
    if grouping is Grouping.WEEKDAY:
        return lambda g: (WEEKDAYS.index(g.key),)
    if grouping is Grouping.MONTH:
        return lambda g: (g.key,)
    return lambda g: (g.key != LIVE_GIFTS_SOURCE, -g.total, g.key)
