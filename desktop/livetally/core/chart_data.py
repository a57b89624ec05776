"""The figures the charts draw, worked out exactly from plain records.

Kept apart from the widgets so the maths is tested without Qt and a chart can be checked
against the ledger figure by figure. Everything here is Decimal; floats appear only in
``livetally.ui.charts``, at the last step, as drawing coordinates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact

from livetally.core.money import ZERO, minor_unit, plain_decimal, round_down
from livetally.core.rates import ExchangeRates
from livetally.core.records import (
    BUILTIN_SOURCES,
    LIVE_GIFTS_SOURCE,
    IncomeRecord,
)
from livetally.core.report import (
    DayTotal,
    Grouping,
    build_report_from_days,
    cash_per_hour,
)
from livetally.core.sources import source_label as source_label  # also for ui.charts

#: Streams averaged by default in the cash-per-stream trend: about a week of daily LIVEs.
DEFAULT_WINDOW = 7

#: A pause between two streams longer than this breaks the trend line: drawn straight
#: across a month off, it would claim a steady average for weeks nobody streamed.
TREND_GAP = dt.timedelta(days=14)
_TREND_GAP_SECONDS = TREND_GAP.total_seconds()

_OTHER = "other"


# -- cash per stream -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CashPoint:
    """One stream: when it started (aware, the creator's own offset) and the cash it made."""

    stream_id: int
    started: dt.datetime
    cash_usd: Decimal


@dataclass(frozen=True)
class CashSeries:
    """Cash per stream in time order, and the trailing average at each stream.

    ``moving_average[i]`` is the mean of streams ``i - window + 1 .. i``; the first few
    streams average over the ones there are, so the trend line starts with the first LIVE.
    """

    points: tuple[CashPoint, ...]
    moving_average: tuple[Decimal, ...]
    window: int

    @property
    def is_empty(self) -> bool:
        return not self.points

    def trend_joins(self) -> list[bool]:
        """:func:`trend_joins` of the points' starts: where the average line is drawn."""
        return trend_joins(p.started.timestamp() for p in self.points)


def joins_next(started: float, next_started: float) -> bool:
    """Whether the trend line runs on from a stream starting at ``started`` to the next
    one (POSIX seconds): not across a pause longer than :data:`TREND_GAP`."""
    return next_started - started <= _TREND_GAP_SECONDS


def trend_joins(starts: Iterable[float]) -> list[bool]:
    """For streams starting at ``starts`` (POSIX seconds, in time order): whether each one's
    point of the trend line joins the next one's. The last point joins nothing (False).

    The average itself runs on across a pause (it is the average of the last streams,
    however long ago); only the line between the two points is not drawn.
    """
    joins: list[bool] = []
    previous: float | None = None
    for started in starts:
        if previous is not None:
            joins.append(joins_next(previous, started))
        previous = started
    if previous is not None:
        joins.append(False)
    return joins


def cash_series(points: Sequence[CashPoint], window: int = DEFAULT_WINDOW) -> CashSeries:
    """Each stream's cash and the average of the last ``window`` streams, from points in time
    order (ties by stream id).

    For a caller that holds its streams in another form (the stream log's columns).
    """
    average = MovingAverage(window)
    averages = tuple(average.add(p.cash_usd) for p in points)
    return CashSeries(tuple(points), averages, window)


class MovingAverage:
    """The mean of the last ``window`` values added, exactly, at the cost of one addition
    and one subtraction per value (not ``window`` additions), for a chart of 100,000 streams.

    The running total is kept with a context that traps :class:`~decimal.Inexact`: as long
    as no addition rounds it, it equals the plain sum of the values in the window, so every
    mean is exactly ``sum(window) / len(window)``. Should a sum ever round (far more digits
    than money has), the window is added up afresh from then on, as a plain sum would be.
    """

    def __init__(self, window: int = DEFAULT_WINDOW) -> None:
        if window < 1:
            raise ValueError(f"window must be at least 1 stream, got {window}")
        self.window = window
        self._values: deque[Decimal] = deque()
        self._total = ZERO
        self._exact: Context | None = Context(prec=_RUNNING_PRECISION, traps=[Inexact])

    def add(self, value: Decimal) -> Decimal:
        """Take in the next value; return the mean of the last ``window`` values so far."""
        values = self._values
        values.append(value)
        leaving = values.popleft() if len(values) > self.window else None
        exact = self._exact
        if exact is not None:
            try:
                total = exact.add(self._total, value)
                if leaving is not None:
                    total = exact.subtract(total, leaving)
            except Inexact:
                self._exact = exact = None
            else:
                self._total = total
        if exact is None:
            self._total = sum(values, ZERO)
        return self._total / len(values)


#: Digits the running total of :class:`MovingAverage` may use: the default context's, so a
#: total that the plain sum would round is noticed (as Inexact) rather than kept wider.
_RUNNING_PRECISION = 28


# -- cash per hour by tag --------------------------------------------------------------------


@dataclass(frozen=True)
class TagRate:
    """What one tactic earned per streamed hour.

    Only streams with a logged length count towards ``streams``, ``hours`` and ``cash_usd``,
    so ``cash_per_hour_usd == cash_usd / hours`` holds; ``untimed_streams`` says how many
    streams with this tag were left out for having no length.
    """

    tag: str
    streams: int
    hours: Decimal
    cash_usd: Decimal
    cash_per_hour_usd: Decimal
    untimed_streams: int = 0


class TagRates(list[TagRate]):
    """Tag rates best first, and what was left out for having no logged length.

    ``without_hours`` names the tags none of whose streams has a length (so they have no
    rate at all); ``untimed_streams`` counts the streams without a length, each once however
    many tags it has. A list, so it can be used wherever a ``list[TagRate]`` is expected.
    """

    def __init__(
        self,
        rates: Iterable[TagRate] = (),
        without_hours: Iterable[str] = (),
        untimed_streams: int = 0,
    ) -> None:
        super().__init__(rates)
        self.without_hours: tuple[str, ...] = tuple(without_hours)
        self.untimed_streams = untimed_streams


@dataclass(frozen=True, slots=True)
class TagTotal:
    """One tag's streams added up: those with a logged length (their count, minutes and
    exact USD cash) and how many had no length. What :func:`tag_rates` rates."""

    streams: int = 0
    minutes: int = 0
    cash_usd: Decimal = ZERO
    untimed_streams: int = 0


def tag_rates(totals: Mapping[str, TagTotal], untimed_streams: int) -> TagRates:
    """Cash per streamed hour for each tag, best first, from each tag's totals
    (``(untagged)`` for streams
    without a tag), for a caller that adds its streams up in another form (the stream log's
    columns) rather than as 100,000 objects. ``untimed_streams`` counts the streams without
    a length, each once however many tags it has."""
    rates = [
        TagRate(
            tag=tag,
            streams=total.streams,
            hours=Decimal(total.minutes) / 60,
            cash_usd=total.cash_usd,
            cash_per_hour_usd=cash_per_hour(total.cash_usd, total.minutes) or ZERO,
            untimed_streams=total.untimed_streams,
        )
        for tag, total in totals.items()
        if total.minutes
    ]
    rates.sort(key=lambda r: (-r.cash_per_hour_usd, -r.cash_usd, r.tag))
    without = sorted(tag for tag, total in totals.items() if not total.minutes)
    return TagRates(rates, without, untimed_streams)


# -- income by month -------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthlyIncome:
    """Income per month and source over a range of months, in one currency.

    ``amounts`` holds every (month, source) pair, zero where nothing came in, so a chart or
    table never has to guess. ``shares`` are each source's part of ``total`` (all zero when
    the total is zero).
    """

    currency: str
    months: tuple[str, ...]
    sources: tuple[str, ...]
    amounts: Mapping[tuple[str, str], Decimal]
    month_totals: Mapping[str, Decimal]
    source_totals: Mapping[str, Decimal]
    shares: Mapping[str, Decimal]
    total: Decimal

    @property
    def is_empty(self) -> bool:
        """True when no stream or income entry falls in the range: nothing to draw."""
        return not self.sources

    def amount(self, month: str, source: str) -> Decimal:
        return self.amounts[(month, source)]


def monthly_income(
    days: Iterable[DayTotal],
    income: Iterable[IncomeRecord],
    rates: ExchangeRates,
    currency: str,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> MonthlyIncome:
    """Every source's income per month, from the streams' day totals (``Ledger.live_days``),
    so a ledger of 100,000 streams is added up by SQLite rather than read stream by stream.
    Streams are dated by the creator's own clock; a missing bound is taken from the earliest
    or latest record in range, and every month in between is present, even an empty one."""
    if first is not None and last is not None and first > last:
        raise ValueError(f"the range starts ({first}) after it ends ({last})")
    kept_days = [d for d in days if _within(d.day, first, last)]
    kept_income = [e for e in income if _within(e.date, first, last)]
    report = build_report_from_days(Grouping.MONTH, kept_days, kept_income, rates, currency)

    dates = [d.day for d in kept_days] + [e.date for e in kept_income]
    start = first or (min(dates) if dates else last)
    end = last or (max(dates) if dates else first)
    months = _months(start, end) if start is not None and end is not None else ()

    groups = {group.key: group for group in report.groups}
    found = {source for group in report.groups for source in group.by_source}
    found.update(e.source for e in kept_income)  # an entry of 0 still names its source
    sources = tuple(sorted(found, key=_source_order))
    amounts = {
        (month, source): groups[month].by_source.get(source, ZERO) if month in groups else ZERO
        for month in months
        for source in sources
    }
    month_totals = {m: sum((amounts[(m, s)] for s in sources), ZERO) for m in months}
    source_totals = {s: sum((amounts[(m, s)] for m in months), ZERO) for s in sources}
    total = report.total
    shares = {s: source_totals[s] / total if total else ZERO for s in sources}
    return MonthlyIncome(
        report.currency, months, sources, amounts, month_totals, source_totals, shares, total
    )


def monthly_income_csv(data: MonthlyIncome) -> str:
    """The income chart's figures as CSV: ``Month``, one column per source (headed by its
    name, as the chart's legend shows it), ``Total``.

    Amounts are rounded down to the currency's minor unit, each from its exact value, so a
    row's total may differ from the sum of its rounded cells by a cent, as in reports.
    Lines end in ``\\r\\n`` like LiveTally's other CSV exports.
    """
    unit = minor_unit(data.currency)

    def cell(value: Decimal) -> str:
        return plain_decimal(round_down(value, unit))

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Month", *(_safe_cell(source_label(s)) for s in data.sources), "Total"])
    for month in data.months:
        row = [cell(data.amount(month, source)) for source in data.sources]
        writer.writerow([month, *row, cell(data.month_totals[month])])
    return out.getvalue()


def _within(day: dt.date, first: dt.date | None, last: dt.date | None) -> bool:
    return (first is None or day >= first) and (last is None or day <= last)


def _months(start: dt.date, end: dt.date) -> tuple[str, ...]:
    """Every ``YYYY-MM`` from ``start``'s month to ``end``'s, inclusive."""
    index = start.year * 12 + start.month - 1
    stop = end.year * 12 + end.month - 1
    return tuple(f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index, stop + 1))


_BUILTIN_ORDER: Sequence[str] = [s for s in BUILTIN_SOURCES if s != _OTHER]


def _source_order(source: str) -> tuple[int, int, str]:
    """LIVE gifts, the built-in sources as listed, the user's own A to Z, then "other".

    The same sources always come in the same order (and so the same colours), whichever
    month range is shown.
    """
    if source == LIVE_GIFTS_SOURCE:
        return (0, 0, "")
    if source in _BUILTIN_ORDER:
        return (1, _BUILTIN_ORDER.index(source), "")
    if source == _OTHER:
        return (3, 0, "")
    return (2, 0, source)


def _safe_cell(text: str) -> str:
    """A user-named source must not turn into a formula in a spreadsheet.

    The same rule as ``storage.csv_format.escape_formula``, which ``core`` cannot import.
    """
    triggers = frozenset("=+-@\t\r")
    if text[:1] in triggers or (text[:1] == "'" and text.lstrip("'")[:1] in triggers):
        return "'" + text
    return text
