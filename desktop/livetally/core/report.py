"""Earnings reports: LIVE gifts and every other source, grouped and in one currency.

Amounts are summed exactly in the report currency and rounded once, by the caller, when
shown. LIVE gift income is derived from the stream log (each stream at the rates it was
logged with); it is never entered twice.
"""

from __future__ import annotations

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
    per_usd = rates.units_per_usd(currency)
    groups: dict[str, Group] = {}
    total = Decimal(0)

    def group(key: str) -> Group:
        return groups.setdefault(key, Group(key))

    for stream in streams:
        cash = stream.creator_usd * per_usd
        total += cash
        for key in _stream_keys(grouping, stream):
            target = group(key)
            target.add(LIVE_GIFTS_SOURCE, cash)
            target.streams += 1
            target.minutes += stream.record.duration_minutes or 0
    if grouping in (Grouping.MONTH, Grouping.SOURCE):
        for entry in income:
            amount = entry.amount / rates.units_per_usd(entry.currency) * per_usd
            total += amount
            key = entry.date.strftime("%Y-%m") if grouping is Grouping.MONTH else entry.source
            group(key).add(entry.source, amount)
    ordered = sorted(groups.values(), key=_order(grouping))
    return Report(grouping, currency.upper(), ordered, total)


def _stream_keys(grouping: Grouping, stream: LoggedStream) -> tuple[str, ...]:
    started = stream.record.started  # the creator's own clock, as entered
    if grouping is Grouping.MONTH:
        return (started.strftime("%Y-%m"),)
    if grouping is Grouping.SOURCE:
        return (LIVE_GIFTS_SOURCE,)
    if grouping is Grouping.WEEKDAY:
        return (WEEKDAYS[started.weekday()],)
    return stream.record.tags or (UNTAGGED,)


def _order(grouping: Grouping) -> Callable[[Group], tuple[object, ...]]:
    if grouping is Grouping.WEEKDAY:
        return lambda g: (WEEKDAYS.index(g.key),)
    if grouping is Grouping.MONTH:
        return lambda g: (g.key,)
    return lambda g: (g.key != LIVE_GIFTS_SOURCE, -g.total, g.key)
