"""Where chart axes put their ticks: dates that name whole units, values from zero.

**Dates.** The cash-per-stream chart spans a few days or many years. A tick names a whole unit (a
day, a month or a year) so that no label is ever a bare day number beside a bare month
name, which reads as one date ("29 Oct" for "Sep 29" next to "October"): day ticks carry
their month, month ticks their year where it changes, year ticks the year. The step is the
finest one whose ticks fit the room the axis has, so labels never collide.

**Values.** Money axes start at zero and end on a tick (:func:`value_scale`), so the
highest bar never passes the top tick and every tick is a round figure.

Plain dates and Decimals in, plain ticks out; the charts turn them into positions and text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from enum import Enum


class TickUnit(Enum):
    """What a tick's label names: ``Sep 29``, ``Oct`` (``Oct 2026``) or ``2026``."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateTick:
    """One tick: at the start of ``day``, naming ``unit``; ``with_year`` for a month tick
    that is the first on the axis or the first of a new year."""

    day: dt.date
    unit: TickUnit
    with_year: bool = False


#: Steps tried finest first: days between day ticks, months between month ticks, years.
DAY_STEPS = (1, 2, 7, 14)
MONTH_STEPS = (1, 2, 3, 6)
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)


def date_ticks(first: dt.date, last: dt.date, most: int) -> list[DateTick]:
    """Ticks on the days from ``first`` to ``last`` (inclusive), at least one and at most
    ``most`` of them (1 if less is asked), at the finest step that fits.

    Day ticks fall on every day, every other day (by day number since year 1, so they do
    not jump as the range moves), every Monday or every other Monday; month ticks on the
    1st of every month, or of months 1, 3, 5... (2), 1, 4, 7, 10 (3) or 1, 7 (6); year
    ticks on January 1st of years divisible by the step.
    """
    if first > last:
        raise ValueError(f"the axis starts ({first}) after it ends ({last})")
    most = max(most, 1)
    for unit, step in _steps():
        ticks = list(_ticks(first, last, unit, step, most + 1))
        if 1 <= len(ticks) <= most:
            return ticks
    # Too little room for any step that lands in the range (a few weeks on a stub of an
    # axis, say): the first day alone still says where the axis is.
    return [DateTick(first, TickUnit.DAY)]


def _steps() -> Iterator[tuple[TickUnit, int]]:
    yield from ((TickUnit.DAY, step) for step in DAY_STEPS)
    yield from ((TickUnit.MONTH, step) for step in MONTH_STEPS)
    yield from ((TickUnit.YEAR, step) for step in YEAR_STEPS)


def _ticks(
    first: dt.date, last: dt.date, unit: TickUnit, step: int, limit: int
) -> Iterator[DateTick]:
    """The ticks of one step, stopping after ``limit`` (enough to know it is too many)."""
    previous_year: int | None = None
    for count, day in enumerate(_days(first, last, unit, step), 1):
        with_year = unit is TickUnit.MONTH and day.year != previous_year
        previous_year = day.year
        yield DateTick(day, unit, with_year)
        if count >= limit:
            return


def _days(first: dt.date, last: dt.date, unit: TickUnit, step: int) -> Iterator[dt.date]:
    if unit is TickUnit.DAY:
        ordinal = first.toordinal()
        if step >= 7:  # Mondays (ordinal 1, 0001-01-01, was a Monday)
            period = step
            ordinal += (1 - ordinal) % period
        else:
            ordinal += -ordinal % step
        while ordinal <= last.toordinal():
            yield dt.date.fromordinal(ordinal)
            ordinal += step
    elif unit is TickUnit.MONTH:
        index = first.year * 12 + first.month - 1  # months since year 0
        if first.day > 1:
            index += 1  # the 1st of first's month lies before the range
        index += -index % step
        while index // 12 <= dt.MAXYEAR:
            day = dt.date(index // 12, index % 12 + 1, 1)
            if day > last:
                return
            yield day
            index += step
    else:
        year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
        year += -year % step
        while year <= last.year and year <= dt.MAXYEAR:
            yield dt.date(year, 1, 1)
            year += step


# -- values ------------------------------------------------------------------------------------

#: Round steps between value ticks, times a power of ten.
_NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def value_scale(highest: Decimal, intervals: int = 5) -> tuple[Decimal, Decimal]:
    """``(step, top)`` of an axis from zero that shows ``highest`` in at most ``intervals``
    round steps (1, 2, 2.5 or 5 times a power of ten), ``top`` being the first multiple of
    ``step`` at or above ``highest``: of the steps that fit, the one with the lowest top
    (the least empty space over the tallest bar), the smaller step on a tie.

    An axis with nothing above zero is drawn from 0 to 1.
    """
    if intervals < 1:
        raise ValueError(f"an axis needs at least 1 interval, got {intervals}")
    if not highest.is_finite() or highest <= 0:
        highest = Decimal(1)
    raw = highest / intervals
    power = Decimal(1).scaleb(raw.adjusted())  # 10 ** floor(log10(raw))
    steps = [power * nice for nice in _NICE if power * nice >= raw]
    scales = [(s * (highest / s).to_integral_value(rounding=ROUND_CEILING), s) for s in steps]
    top, step = min(scales)
    return step, top
