"""Figures the charts ask of the stream log, read straight from its columns.

Each takes the column store and the slots to read, in start order (the table model gives
them for the rows a filter shows), so no object is made per stream beyond what the chart
itself keeps. Money stays exact: cash is diamonds times the stream's own diamond rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from livetally.core.records import parse_timestamp
from livetally.models.stream_columns import ZERO, StreamData

if TYPE_CHECKING:
    from livetally.core.chart_data import CashPoint, TagTotal


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
