"""What the filter and the charts ask of the stream log, read straight from its columns.

:func:`matching_slots` is the filter's one test over the columns. The others take the
column store and the slots to read, in start order (the table model gives
them for the rows a filter shows), so no object is made per stream beyond what the chart
itself keeps. Money stays exact: cash is diamonds times the stream's own diamond rate.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Collection, Generator, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from livetally.core.records import parse_timestamp
from livetally.models.stream_columns import ZERO, StreamData

if TYPE_CHECKING:
    from livetally.core.chart_data import CashPoint, TagTotal


def matching_slots(
    data: StreamData,
    words: Sequence[str],
    first: dt.date | None,
    last: dt.date | None,
    tag: str | None,
) -> Sequence[int]:
    """The slots (live ones, in no particular order; ``range`` when nothing filters) whose
    stream has ``tag``, started on ``first``..``last`` on its own clock and holds every one
    of ``words`` (case-folded) in its search text: plain passes over the columns in the
    order they are stored, and the words looked up in the column store's word index."""
    slots: Sequence[int] = range(len(data))
    if tag is not None:
        slots = _holding(slots, data.tags, tag)
    if first is not None or last is not None:
        starts = data.started_at
        low = first.isoformat() if first is not None else "0000-00-00"
        high = last.isoformat() if last is not None else "9999-99-99"
        slots = [k for k in slots if low <= starts[k][:10] <= high]
    for word in words:
        slots = _among(slots, data.slots_holding(word))
    if data.dead:
        slots = list(itertools.filterfalse(data.dead.__contains__, slots))
    return slots


def _among(slots: Sequence[int], found: Collection[int]) -> list[int]:
    """The ``slots`` that are also ``found`` (a word's slots, in no order)."""
    if isinstance(slots, range):
        return list(found)
    kept = found if isinstance(found, set) else set(found)
    return [k for k in slots if k in kept]


def _holding(slots: Sequence[int], column: Sequence[Any], part: str) -> list[int]:
    """The slots whose value in ``column`` holds ``part`` (``part in value``), tested by C
    loops (map, compress) rather than a Python step per stream: the tag filter runs this
    over 100,000 tag lists."""
    values = column if isinstance(slots, range) else map(column.__getitem__, slots)
    return list(itertools.compress(slots, map(operator.contains, values, itertools.repeat(part))))


def cash_points(data: StreamData, slots: list[int]) -> list[CashPoint]:
    """Each stream of ``slots`` as a point of the cash chart: its start on its own clock
    and its exact cash."""
    from livetally.core.chart_data import CashPoint

    starts, diamonds, rates, ids = data.started_at, data.diamonds, data.rates, data.ids
    zones: dict[dt.tzinfo, dt.tzinfo] = {}  # one object per UTC offset, not per stream
    points = []
    for k in slots:
        started = parse_timestamp(starts[k])
        zone = started.tzinfo
        assert zone is not None
        shared = zones.setdefault(zone, zone)
        if shared is not zone:
            started = started.replace(tzinfo=shared)
        cash = Decimal(diamonds[k]) * rates[k].diamond_usd
        points.append(CashPoint(ids[k], started, cash))
    return points


def chart_points(data: StreamData, slots: list[int]) -> Iterator[tuple[float, Decimal]]:
    """:func:`cash_points` as the cash chart draws them: each stream's start as POSIX
    seconds and its exact cash, made one at a time as they are read."""
    starts, diamonds, rates = data.started_at, data.diamonds, data.rates
    for k in slots:
        cash = Decimal(diamonds[k]) * rates[k].diamond_usd
        yield parse_timestamp(starts[k]).timestamp(), cash


def tag_totals(
    data: StreamData, slots: list[int], step: int
) -> Generator[None, None, tuple[dict[str, TagTotal], int]]:
    """Each tag's streams of ``slots`` added up for the cash per hour chart (see
    :func:`~livetally.core.chart_data.tag_rates`), and how many of those streams have no
    length; ``step`` streams per ``yield``.

    Exact: each tag's diamonds are added up per diamond rate, then multiplied by it.
    """
    from livetally.core.chart_data import TagTotal
    from livetally.core.report import UNTAGGED

    tag_lists, minutes, diamonds, rates = data.tags, data.minutes, data.diamonds, data.rates
    untagged = (UNTAGGED,)
    timed: dict[tuple[str, Decimal], Decimal] = {}  # (tag, rate) -> diamonds
    counts: dict[str, list[int]] = {}  # tag -> [timed streams, minutes, untimed streams]
    untimed = 0
    for start in range(0, len(slots), step):
        for k in slots[start : start + step]:
            tags = tag_lists[k] or untagged
            length = minutes[k]
            if length > 0:
                value = Decimal(diamonds[k])
                rate = rates[k].diamond_usd
                for tag in tags:
                    key = (tag, rate)
                    timed[key] = timed.get(key, ZERO) + value
                    found = counts.get(tag) or counts.setdefault(tag, [0, 0, 0])
                    found[0] += 1
                    found[1] += length
            else:
                untimed += 1
                for tag in tags:
                    found = counts.get(tag) or counts.setdefault(tag, [0, 0, 0])
                    found[2] += 1
        if start + step < len(slots):
            yield
    cash: dict[str, Decimal] = {}
    for (tag, rate), value in timed.items():
        cash[tag] = cash.get(tag, ZERO) + value * rate
    totals = {
        tag: TagTotal(streams, length, cash.get(tag, ZERO), left_out)
        for tag, (streams, length, left_out) in counts.items()
    }
    return totals, untimed
