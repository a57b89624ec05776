"""The stream log's shown streams as "what pays" groups them, a step at a time.

The Stream log keeps its streams as columns (:class:`~livetally.models.stream_table.StreamData`);
this gathers the few the charts of cash per hour need into
:class:`~livetally.core.what_pays.StreamFacts`, ``step`` streams per ``yield``, so 100,000
streams are gathered between turns of the window's event loop.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Generator, Sequence
from decimal import Decimal
from typing import Any

from livetally.core.stream_facts import StreamFacts, cash_in_units, local_weekdays_hours
from livetally.models.stream_columns import StreamData


def facts_in_steps(
    data: StreamData, slots: Sequence[int], step: int = 10_000
) -> Generator[None, None, StreamFacts]:
    """The facts of the streams in ``slots`` of ``data``, ``step`` streams per ``yield``.

    A blank duration (-1 in the columns) is a stream without one; diamonds are whole (the
    columns hold their exact text), each at the diamond rate the stream was logged with.
    """
    weekdays: list[int] = []
    hours: list[int] = []
    minutes: list[int] = []
    diamonds: list[int] = []
    rates: list[Decimal] = []
    tags: list[tuple[str, ...]] = []
    whole: dict[str, int] = {}  # diamond texts repeat: each read once

    def whole_diamonds(text: str) -> int:
        value = whole.get(text)
        if value is None:
            value = whole[text] = int(Decimal(text))
        return value

    for start in range(0, len(slots), step):
        chunk = slots[start : start + step]
        pick = _picker(chunk)
        day_of_week, hour = local_weekdays_hours(pick(data.started_at))
        weekdays += day_of_week
        hours += hour
        minutes += [length if length > 0 else 0 for length in pick(data.minutes)]
        diamonds += map(whole_diamonds, pick(data.diamonds))
        rates += [rate.diamond_usd for rate in pick(data.rates)]
        tags += pick(data.tags)
        if start + step < len(slots):
            yield
    cash, unit = cash_in_units(diamonds, rates)
    return StreamFacts(weekdays, hours, minutes, cash, tags, unit)


def _picker(slots: Sequence[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """Gathers ``slots`` of a column by a C loop (itemgetter), as a sequence even for one."""
    if len(slots) == 1:
        slot = slots[0]
        return lambda column: (column[slot],)
    return operator.itemgetter(*slots)
