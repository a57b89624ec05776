"""Each stream's figures as "what pays" groups them: whole-number columns, no object per
stream.

Cash per hour with an interval needs each stream's own cash and minutes (a bootstrap
resamples streams), and grouping needs its weekday, start hour and tags. Held as columns
of whole numbers (cash as a count of a unit fine enough for every diamond rate), 100,000
streams are gathered by C loops and resampled as integer sums; Decimals are made at the
edge (``core.what_pays``).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from livetally.core.records import LoggedStream, parse_timestamp

_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class StreamFacts:
    """What grouping needs of each stream, as columns (one entry per stream).

    ``weekdays`` (0 Monday .. 6 Sunday) and ``hours`` (0-23) are on the creator's own clock,
    as the stream's start was entered with its UTC offset. ``minutes`` is 0 for a stream
    logged without a duration. ``cash`` is the creator's USD (after TikTok's cut, at the
    rates the stream was logged with) as a whole number of :attr:`unit`.

    A reader that knows the grouping may leave out the columns it does not need (the start
    times cost most to read): ``weekdays`` and ``hours``, or ``tags``, are then empty, and
    grouping by them is refused.
    """

    weekdays: Sequence[int]
    hours: Sequence[int]
    minutes: Sequence[int]
    cash: Sequence[int]
    tags: Sequence[tuple[str, ...]]
    unit: Decimal = _ONE

    def __len__(self) -> int:
        return len(self.minutes)


def stream_facts(
    started_at: Sequence[str] | None,
    minutes: Iterable[int | None],
    diamonds: Iterable[int],
    diamond_usd: Sequence[Decimal | str],
    tags: Sequence[tuple[str, ...]] | None,
) -> StreamFacts:
    """:class:`StreamFacts` from columns as the ledger keeps them: each stream's start as
    entered, its minutes (None, 0 or less: not logged), its whole diamonds and the diamond
    rate it was logged at (a Decimal or its exact text), and its tags. ``started_at`` or
    ``tags`` may be None: not read, as no grouping asked for them.

    Every step is a C loop over a column (no Python code per stream but a slice), so
    100,000 streams take a few hundredths of a second.
    """
    weekdays, hours = ([], []) if started_at is None else local_weekdays_hours(started_at)
    cash, unit = cash_in_units(diamonds, diamond_usd)
    return StreamFacts(
        weekdays,
        hours,
        [length if length and length > 0 else 0 for length in minutes],
        cash,
        [] if tags is None else tags,
        unit,
    )


def facts_of_streams(streams: Iterable[LoggedStream]) -> StreamFacts:
    """:class:`StreamFacts` of ``streams`` handed over as objects (tests, small logs)."""
    streams = list(streams)
    records = [stream.record for stream in streams]
    return stream_facts(
        [record.started_at for record in records],
        [record.duration_minutes for record in records],
        [int(stream.diamonds) for stream in streams],
        [stream.diamond_usd for stream in streams],
        [record.tags for record in records],
    )


def local_weekdays_hours(started_at: Sequence[str]) -> tuple[list[int], list[int]]:
    """The weekday (0 Monday) and hour each stream started on its own clock: the date and
    hour as written, ``2026-11-20T19:30+01:00`` being a Friday at 19:00.

    Read from the text's fixed places (each distinct day parsed once); a text of another
    shape makes every one be parsed in full, as :func:`parse_timestamp` reads it.
    """
    days = [text[:10] for text in started_at]
    try:
        weekday_of = {day: dt.date.fromisoformat(day).weekday() for day in set(days)}
        hours = list(map(int, [text[11:13] for text in started_at]))
        if all(text[10:11] in ("T", " ") for text in started_at) and (not hours or max(hours) < 24):
            return list(map(weekday_of.__getitem__, days)), hours
    except ValueError:
        pass
    starts = [parse_timestamp(text) for text in started_at]
    return [start.weekday() for start in starts], [start.hour for start in starts]


def cash_in_units(
    diamonds: Iterable[int], diamond_usd: Sequence[Decimal | str]
) -> tuple[list[int], Decimal]:
    """Each stream's cash (whole diamonds times its diamond rate) as a whole number of a
    unit, and that unit: the finest any of the rates needs (0.05 needs hundredths, 0.0049
    ten-thousandths), so every figure is exact."""
    rates = {rate: Decimal(rate) for rate in set(diamond_usd)}
    exponent = min([0, *(_exponent(rate) for rate in rates.values())])
    units = {key: int(rate.scaleb(-exponent)) for key, rate in rates.items()}
    if len(units) == 1:  # one rate, as most logs have: no lookup per stream
        (only,) = units.values()
        return list(map(only.__mul__, diamonds)), Decimal(1).scaleb(exponent)
    cash = list(map(operator.mul, diamonds, map(units.__getitem__, diamond_usd)))
    return cash, Decimal(1).scaleb(exponent)


def _exponent(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int), "a diamond rate is a finite number"
    return exponent


def untimed_streams(facts: StreamFacts) -> int:
    """Streams without a duration: left out of every cash per hour, each counted once."""
    return operator.countOf(facts.minutes, 0)
