"""Exact sums over streams held as columns: the one function that adds the log up.

The stream log's summary, the filter's totals and the table's running totals all come from
:func:`add_up`, so the figures the window shows agree with each other and with the ledger.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NamedTuple, TypeVar

from livetally.core.money import whole_diamonds
from livetally.core.report import cash_per_hour

#: A blank count in a column (every real count is 0 or more).
BLANK = -1


class Rates(NamedTuple):
    """The rates a stream was logged at; one object shared by every stream logged at them."""

    country: str
    coin_usd: Decimal
    diamonds_per_coin: Decimal
    diamond_usd: Decimal


class Figures(NamedTuple):
    """Exact sums over some rows (:class:`StreamSummary` adds the rates they give)."""

    streams: int
    minutes: int
    coins: int
    diamonds: Decimal
    cash: Decimal
    #: Likes and peak viewers of the streams that logged both: likes per viewer.
    likes: int
    timed_cash: Decimal
    viewers: int
    #: Streams without a duration: left out of ``minutes`` and ``timed_cash``.
    untimed: int


def add_up(
    coins: Sequence[int],
    minutes: Sequence[int],
    diamonds: Sequence[int],
    timed: Sequence[int],
    likes: Sequence[int],
    viewers: Sequence[int],
    rates: Sequence[Rates],
) -> Figures:
    """Exact sums over streams given as columns.

    ``diamonds`` are whole (schema version 3); ``timed``, ``likes`` and ``viewers`` are the
    streams' :func:`summed_columns`. With those kept per stream, every figure is a sum or a
    count of picked values in C: the text filter's summary asks for this on every pause in
    typing. The diamonds of the streams logged at one diamond rate are added up, then
    multiplied by that rate once: the same exact value as adding up each stream's cash.
    """
    by_rate: dict[Decimal, tuple[int, int]] = {}
    if rates and rates.count(rates[0]) == len(rates):  # the usual case: one set of rates
        by_rate[rates[0].diamond_usd] = (sum(diamonds), sum(timed))
    else:
        for value, timed_value, rate in zip(diamonds, timed, rates, strict=True):
            key = rate.diamond_usd
            total, timed_total = by_rate.get(key, (0, 0))
            by_rate[key] = (total + value, timed_total + timed_value)
    # Counts are never negative; a blank length is stored as BLANK (-1), so C-level sums and
    # counts give the figures without a Python step per stream.
    blank_minutes = minutes.count(BLANK)
    return Figures(
        streams=len(minutes),
        minutes=sum(minutes) + blank_minutes,
        coins=sum(coins),
        diamonds=Decimal(sum(total for total, _ in by_rate.values())),
        cash=sum((rate * total for rate, (total, _) in by_rate.items()), Decimal(0)),
        likes=sum(likes),
        timed_cash=sum((rate * timed for rate, (_, timed) in by_rate.items()), Decimal(0)),
        viewers=sum(viewers),
        untimed=blank_minutes + minutes.count(0),
    )


def diamond_counts(texts: Sequence[str]) -> list[int]:
    """Diamonds texts as numbers to add up: whole, as every stream's are since schema
    version 3, so ints; any other value exactly, as a Decimal (added up as exactly)."""
    try:
        return list(map(int, texts))
    except ValueError:
        exact = list(map(Decimal, texts))
        return [int(d) if d == d.to_integral_value() else d for d in exact]  # type: ignore[misc]


def summed_columns(
    diamonds: Sequence[int], minutes: Sequence[int], likes: Sequence[int], peak: Sequence[int]
) -> tuple[list[int], list[int], list[int]]:
    """What the rates of :class:`StreamSummary` add up, per stream: its diamonds if it
    logged a length (else 0), and its likes and peak viewers if it logged both (else 0 and
    0). Blanks are BLANK (-1). Worked out by C loops (a count times a bool)."""
    timed = list(map(operator.mul, diamonds, map((0).__lt__, minutes)))
    both = list(map(operator.and_, map((0).__le__, likes), map((0).__le__, peak)))
    return timed, list(map(operator.mul, likes, both)), list(map(operator.mul, peak, both))


_V = TypeVar("_V")


def one_getter(slot: int) -> Callable[[Sequence[_V]], tuple[_V]]:
    """``itemgetter`` of one slot, as a one-item tuple like the many-slot getter gives."""
    return lambda column: (column[slot],)


def plus(a: Figures, b: Figures) -> Figures:
    return Figures(
        a.streams + b.streams,
        a.minutes + b.minutes,
        a.coins + b.coins,
        a.diamonds + b.diamonds,
        a.cash + b.cash,
        a.likes + b.likes,
        a.timed_cash + b.timed_cash,
        a.viewers + b.viewers,
        a.untimed + b.untimed,
    )


def minus(a: Figures, b: Figures) -> Figures:
    """``a`` without ``b``'s streams: exact, as every figure is a whole number or a Decimal."""
    return Figures(
        a.streams - b.streams,
        a.minutes - b.minutes,
        a.coins - b.coins,
        a.diamonds - b.diamonds,
        a.cash - b.cash,
        a.likes - b.likes,
        a.timed_cash - b.timed_cash,
        a.viewers - b.viewers,
        a.untimed - b.untimed,
    )


NO_FIGURES = Figures(0, 0, 0, Decimal(0), Decimal(0), 0, Decimal(0), 0, 0)


class StreamSummary(Figures):
    """Exact totals over some streams (the table's :class:`Figures`) and the rates they
    give; round only when shown. Money is creator USD.

    Rates are taken only over the streams that logged the figure they divide by: cash per
    hour over streams with a duration, likes per viewer over streams with both likes and
    peak viewers, so a stream logged without its length does not inflate the hourly figure.
    """

    __slots__ = ()

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    @property
    def whole_diamonds(self) -> int:
        """The diamonds as credited: whole ones, rounded down."""
        return whole_diamonds(self.diamonds)

    @property
    def cash_per_hour(self) -> Decimal | None:
        """USD per streamed hour (:func:`~livetally.core.report.cash_per_hour`)."""
        return cash_per_hour(self.timed_cash, self.minutes)

    @property
    def likes_per_viewer(self) -> Decimal | None:
        """Likes per peak viewer, the engagement figure creators compare streams by; None
        when no stream logged both figures (or its peak was 0 viewers)."""
        return Decimal(self.likes) / self.viewers if self.viewers else None
