"""Streams added up by day and by tag inside SQLite: reports without reading every stream.

Exact: a stream's diamonds are whole, so SQLite adds them up as integers per group and
rate, and each sum is multiplied by its rate once.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from livetally.core.report import UNTAGGED, DayTotal, TagTotal


class Where(NamedTuple):
    """A WHERE clause over ``streams`` and the parameters its placeholders take."""

    sql: str
    parameters: list[str]


def days_between(first: dt.date | None, last: dt.date | None) -> Where:
    """The streams started on ``first``..``last`` by the creator's own clock (the first ten
    characters of what they entered); None: no limit on that side."""
    clauses, parameters = [], []
    if first is not None:
        clauses.append("substr(started_at, 1, 10) >= ?")
        parameters.append(first.isoformat())
    if last is not None:
        clauses.append("substr(started_at, 1, 10) <= ?")
        parameters.append(last.isoformat())
    return Where(" AND ".join(clauses) or "1", parameters)


#: A group's whole diamonds, those of its streams with a duration, and how many had none.
_DIAMOND_SUMS = (
    "sum(CAST(diamonds AS INTEGER)), "
    "coalesce(sum(CASE WHEN duration_minutes > 0 THEN CAST(diamonds AS INTEGER) END), 0), "
    "sum(coalesce(duration_minutes, 0) <= 0)"
)


def live_days(
    connection: sqlite3.Connection, first: dt.date | None = None, last: dt.date | None = None
) -> list[DayTotal]:
    """Every day with streams (started on ``first``..``last`` by the creator's own clock),
    each day's cash, streams and minutes added up, by day: what monthly reports and the
    income chart need, without reading 100,000 streams one by one."""
    where, parameters = days_between(first, last)
    rows = connection.execute(
        "SELECT substr(started_at, 1, 10) AS day, diamond_usd, count(*), "
        f"coalesce(sum(duration_minutes), 0), {_DIAMOND_SUMS} FROM streams "
        f"WHERE {where} GROUP BY day, diamond_usd ORDER BY day",
        parameters,
    )
    days = _added_up(rows)
    return [DayTotal(dt.date.fromisoformat(day), *totals) for day, totals in days.items()]


def live_tags(
    connection: sqlite3.Connection, first: dt.date | None = None, last: dt.date | None = None
) -> list[TagTotal]:
    """Every tag of the streams started on ``first``..``last`` (:data:`UNTAGGED` for those
    with none), with the cash, streams and minutes of its streams added up: a report by
    tag without reading every stream. A stream with two tags counts towards both."""
    where, parameters = days_between(first, last)
    rows = connection.execute(
        "SELECT coalesce(t.name, ?), s.diamond_usd, count(*), "
        f"coalesce(sum(s.duration_minutes), 0), {_DIAMOND_SUMS} FROM streams s "
        "LEFT JOIN stream_tags st ON st.stream_id = s.id LEFT JOIN tags t ON t.id = st.tag_id "
        f"WHERE {where} GROUP BY t.name, s.diamond_usd",
        [UNTAGGED, *parameters],
    )
    tags = _added_up(rows)
    return [TagTotal(str(tag), *totals) for tag, totals in tags.items()]


class _Sums(NamedTuple):
    """One group's figures, in the order :class:`DayTotal` and :class:`TagTotal` take them."""

    cash: Decimal
    streams: int
    minutes: int
    timed_cash: Decimal
    untimed: int


def _added_up(rows: Iterable[tuple[Any, ...]]) -> dict[str, _Sums]:
    """The sums per key from rows of (key, rate, streams, minutes, and :data:`_DIAMOND_SUMS`),
    merging a key's rows at different rates: exact, each sum of diamonds multiplied by its
    rate once."""
    totals: dict[str, _Sums] = {}
    rates: dict[str, Decimal] = {}
    for key, diamond_usd, count, minutes, diamonds, timed, untimed in rows:
        rate = rates.get(diamond_usd)
        if rate is None:
            rate = rates[diamond_usd] = Decimal(diamond_usd)
        sums = _Sums(
            int(diamonds) * rate, int(count), int(minutes), int(timed) * rate, int(untimed)
        )
        before = totals.get(key)
        if before is not None:  # the same key at another rate
            sums = _Sums(
                sums.cash + before.cash,
                sums.streams + before.streams,
                sums.minutes + before.minutes,
                sums.timed_cash + before.timed_cash,
                sums.untimed + before.untimed,
            )
        totals[key] = sums
    return totals
