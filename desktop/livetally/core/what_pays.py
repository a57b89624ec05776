"""What pays: cash per hour by tag, weekday, start hour and length, with honest error bars.

A creator asks "does Q&A pay more than a collab, or is that noise?". Each group's figure is
the one definition of cash per hour (:func:`livetally.core.report.cash_per_hour`: the cash of
the streams with a duration over their hours; streams without one are counted apart), and
beside it a 90% interval that says how sure that figure is: the range the figure would
likely fall in had the creator streamed the same way again. Where two groups' intervals
overlap, neither may be called better (:func:`intervals_overlap`); a group of fewer than
:data:`MIN_STREAMS` timed streams is "too few streams to tell" whatever its interval says.

The interval is a bootstrap over the group's streams: draw as many streams as the group
has, with replacement, work out the cash per hour of the draw, and repeat
:data:`RESAMPLES` times; the middle 90% of those figures is the interval. The draws come
from a :class:`random.Random` seeded with the seed and the group's name, so a group's
interval is the same on every run and whatever other groups are shown. Above
:data:`BOOTSTRAP_UP_TO` timed streams in a group, drawing each of them a thousand times would
take seconds on a large log, and the bootstrap of a ratio of sums is then, to well within
its own noise, its large-sample limit: the figure plus or minus 1.645 times the bootstrap's
standard error (the delta method), which is worked out exactly from the group's sums.

Work is done on whole numbers (:class:`~livetally.core.stream_facts.StreamFacts`): each
stream's cash as an integer count of a unit and its minutes, so 100,000 streams are grouped
in one pass and resampled as integer sums. Decimals are made at the edge, where a group's
sums become a cash per hour in the report currency.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import random
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from livetally.core.records import LIVE_GIFTS_SOURCE
from livetally.core.report import (
    UNTAGGED,
    WEEKDAYS,
    Group,
    Grouping,
    Report,
    cash_per_hour,
    stream_report,
)
from livetally.core.stream_facts import StreamFacts, untimed_streams

#: Below this many streams with a duration, a group is "too few streams to tell".
MIN_STREAMS = 8
#: Resamples drawn per group: enough that the interval's ends move by a small part of its
#: width from one seed to another.
RESAMPLES = 1000
#: The seed every report and chart uses unless told otherwise, so results repeat.
SEED = 14
#: The interval's coverage, as shown to people.
CONFIDENCE = "90%"
#: Groups of up to this many timed streams are resampled stream by stream; larger ones use
#: the bootstrap's large-sample limit (see the module docstring). At most 256.
BOOTSTRAP_UP_TO = 200
TOO_FEW = "too few streams to tell"

#: The standard normal's 95th percentile: a 90% interval is 1.645 standard errors each side.
_Z90 = Decimal("1.644853626951472714863848")
_ZERO = Decimal(0)
_ONE = Decimal(1)


class Dimension(StrEnum):
    """What streams are grouped by."""

    TAG = "tag"
    WEEKDAY = "weekday"
    HOUR = "hour"
    WEEKDAY_HOUR = "weekday-hour"
    LENGTH = "length"


#: Length bands: (name, first minute, first minute of the next band). A stream of exactly
#: 30 minutes is in "30-60 min", of 4 hours in "4 h or longer".
LENGTH_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Under 30 min", 1, 30),
    ("30-60 min", 30, 60),
    ("1-2 h", 60, 120),
    ("2-4 h", 120, 240),
    ("4 h or longer", 240, None),
)


def length_band(minutes: int) -> int:
    """The index in :data:`LENGTH_BANDS` of a stream of ``minutes`` (more than 0)."""
    return bisect.bisect_right(_BAND_STARTS, minutes)


_BAND_STARTS = tuple(start for _, start, _ in LENGTH_BANDS[1:])


def hour_name(hour: int) -> str:
    """A start hour as people read it on a 24-hour clock: ``19:00``."""
    return f"{hour:02d}:00"


@dataclass(frozen=True, slots=True)
class PayGroup:
    """One group's cash per hour, in the report currency, with its 90% interval.

    ``streams`` counts every stream in the group; ``untimed`` of them have no duration and
    count towards neither the figure nor the interval. ``low`` and ``high`` are None, as is
    ``cash_per_hour``, when no stream in the group has a duration.
    """

    key: str
    streams: int
    untimed: int
    minutes: int
    #: The cash of every stream in the group, with a duration or not.
    cash: Decimal
    #: The cash of the streams with a duration: what the hourly figure divides.
    timed_cash: Decimal
    cash_per_hour: Decimal | None
    low: Decimal | None
    high: Decimal | None

    @property
    def timed(self) -> int:
        """Streams with a duration: the ones the figure and its interval rest on."""
        return self.streams - self.untimed

    @property
    def enough_data(self) -> bool:
        """False below :data:`MIN_STREAMS` timed streams: "too few streams to tell"."""
        return self.timed >= MIN_STREAMS

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60


def intervals_overlap(a: PayGroup, b: PayGroup) -> bool:
    """Whether ``a`` and ``b`` cannot be told apart: their intervals share a value, or one
    has none. Only when this is False may one of them be called better."""
    if a.low is None or a.high is None or b.low is None or b.high is None:
        return True
    return a.low <= b.high and b.low <= a.high


def clearly_better(a: PayGroup, b: PayGroup) -> bool:
    """Whether ``a`` pays more per hour than ``b`` beyond the noise: both have enough
    streams to tell and ``a``'s whole interval lies above ``b``'s."""
    return (
        a.enough_data
        and b.enough_data
        and not intervals_overlap(a, b)
        and a.low is not None
        and b.high is not None
        and a.low > b.high
    )


def what_pays(
    facts: StreamFacts,
    dimension: Dimension,
    per_usd: Decimal = _ONE,
    *,
    seed: int = SEED,
    resamples: int = RESAMPLES,
) -> list[PayGroup]:
    """Cash per hour of ``facts`` grouped by ``dimension``, each with its 90% interval,
    in the currency ``per_usd`` units of which make one USD.

    In order: weekdays Monday first, hours and bands in their order, tags best paying
    first (those without a figure last). A stream with two tags counts towards both; one
    with none towards :data:`~livetally.core.report.UNTAGGED`. Streams without a duration
    have no length band: they appear in no length group (:func:`untimed_streams` counts
    them).
    """
    steps = what_pays_in_steps(facts, dimension, per_usd, seed=seed, resamples=resamples)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            groups: list[PayGroup] = done.value
            return groups


def what_pays_in_steps(
    facts: StreamFacts,
    dimension: Dimension,
    per_usd: Decimal = _ONE,
    *,
    seed: int = SEED,
    resamples: int = RESAMPLES,
) -> Generator[None, None, list[PayGroup]]:
    """:func:`what_pays`, yielding after each group (a millisecond or two each), so a
    window can work out 168 weekday-hour groups between turns of its event loop."""
    cash, minutes = facts.cash, facts.minutes
    scale = facts.unit * per_usd
    made = []
    for key, slots in sorted(_slots_by_key(facts, dimension).items()):
        # Each group's columns gathered by C loops: itemgetter, compress (streams with
        # minutes), filter (their minutes).
        pick = operator.itemgetter(*slots) if len(slots) > 1 else _one(slots[0])
        group_cash, group_minutes = pick(cash), pick(minutes)
        timed_minutes = list(filter(None, group_minutes))
        made.append(
            _group(
                _name(dimension, key),
                list(itertools.compress(group_cash, group_minutes)),
                timed_minutes,
                len(slots) - len(timed_minutes),
                sum(group_cash) * scale,
                scale,
                seed,
                resamples,
            )
        )
        yield
    if dimension is Dimension.TAG:
        made.sort(key=lambda g: (g.cash_per_hour is None, -(g.cash_per_hour or _ZERO), g.key))
    return made


def earnings_report(
    grouping: Grouping,
    groups: Iterable[PayGroup],
    facts: StreamFacts,
    per_usd: Decimal,
    currency: str,
) -> Report:
    """The earnings report by tag or weekday of ``facts`` from its :func:`what_pays` groups
    (made with the same ``per_usd``): exactly the report the streams themselves give
    (``tests/oracles.build_report``), without adding them up a second time."""
    report_groups = [
        Group(
            group.key,
            {LIVE_GIFTS_SOURCE: group.cash},
            group.streams,
            group.minutes,
            group.timed_cash,
            group.untimed,
        )
        for group in groups
    ]
    total = sum(facts.cash) * facts.unit * per_usd
    return stream_report(grouping, report_groups, total, untimed_streams(facts), currency)


def _slots_by_key(facts: StreamFacts, dimension: Dimension) -> dict[Any, list[int]]:
    """The streams (their indices) in each group; a stream is in one group per tag."""
    needed = {
        Dimension.TAG: (facts.tags,),
        Dimension.WEEKDAY: (facts.weekdays,),
        Dimension.HOUR: (facts.hours,),
        Dimension.WEEKDAY_HOUR: (facts.weekdays, facts.hours),
        Dimension.LENGTH: (),
    }[dimension]
    if any(len(column) != len(facts) for column in needed):
        raise ValueError(f"these streams were read without what grouping by {dimension} needs")
    if dimension is Dimension.TAG:
        return _slots_by_tag(facts)
    slots: dict[Any, list[int]] = {}
    keys: Iterable[int | None]
    if dimension is Dimension.WEEKDAY:
        keys = facts.weekdays
    elif dimension is Dimension.HOUR:
        keys = facts.hours
    elif dimension is Dimension.WEEKDAY_HOUR:
        keys = map(operator.add, map((24).__mul__, facts.weekdays), facts.hours)
    else:  # LENGTH: a stream without a duration has no band
        keys = [length_band(m) if m > 0 else None for m in facts.minutes]
    for index, key in enumerate(keys):
        found = slots.get(key)
        if found is None:
            slots[key] = [index]
        else:
            found.append(index)
    slots.pop(None, None)
    return slots


def _slots_by_tag(facts: StreamFacts) -> dict[Any, list[int]]:
    """The streams of each tag (:data:`UNTAGGED` for those without one)."""
    slots: dict[Any, list[int]] = {}
    untagged = (UNTAGGED,)
    for index, tags in enumerate(facts.tags):
        for tag in tags or untagged:
            found = slots.get(tag)
            if found is None:
                slots[tag] = [index]
            else:
                found.append(index)
    return slots


def _one(slot: int) -> Callable[[Sequence[int]], tuple[int]]:
    return lambda column: (column[slot],)


def _name(dimension: Dimension, key: int | str) -> str:
    """A group's name as reports and charts show it."""
    if isinstance(key, str):
        return key
    if dimension is Dimension.WEEKDAY:
        return WEEKDAYS[key]
    if dimension is Dimension.HOUR:
        return hour_name(key)
    if dimension is Dimension.WEEKDAY_HOUR:
        return f"{WEEKDAYS[key // 24]} {hour_name(key % 24)}"
    return LENGTH_BANDS[key][0]


def _group(
    key: str,
    cash: list[int],
    minutes: list[int],
    untimed: int,
    all_cash: Decimal,
    scale: Decimal,
    seed: int,
    resamples: int,
) -> PayGroup:
    """A group from its timed streams' cash and minutes (whole numbers), its count of
    untimed streams and the cash of all its streams; ``scale`` turns a unit of cash into
    the report currency."""
    total_cash, total_minutes = sum(cash), sum(minutes)
    streams = len(cash) + untimed

    def rate(units: int | Decimal, length: int) -> Decimal | None:
        return cash_per_hour(units * scale, length)

    if not cash:
        return PayGroup(key, streams, untimed, 0, all_cash, _ZERO, None, None, None)
    if len(cash) <= BOOTSTRAP_UP_TO:
        # In one order whatever order the streams were read in (the command line reads them
        # as stored, the window as sorted), so every view draws the same resamples.
        pairs = sorted(zip(cash, minutes, strict=True))
        ordered_cash, ordered_minutes = zip(*pairs, strict=True)
        (low_cash, low_minutes), (high_cash, high_minutes) = bootstrap_ends(
            ordered_cash, ordered_minutes, random.Random(f"{seed}/{key}"), resamples
        )
        low, high = rate(low_cash, low_minutes), rate(high_cash, high_minutes)
    else:
        spread = normal_spread(cash, minutes)
        low = rate(max(total_cash - spread, _ZERO), total_minutes)
        high = rate(total_cash + spread, total_minutes)
    return PayGroup(
        key,
        streams,
        untimed,
        total_minutes,
        all_cash,
        total_cash * scale,
        rate(total_cash, total_minutes),
        low,
        high,
    )


def bootstrap_ends(
    cash: Sequence[int], minutes: Sequence[int], rng: random.Random, resamples: int = RESAMPLES
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The (cash, minutes) of the resamples at the 5th and 95th percentile of cash per
    minute: ``resamples`` draws of ``len(cash)`` streams (at most 256) with replacement.

    Quick because no Python code runs per stream drawn. Each stream is packed into one
    integer (its cash above, its minutes below, with room for a whole draw's minutes), so
    a draw's two sums are one ``sum``. The streams are picked by random bytes, made for all
    the draws at once: a byte ``b`` picks stream ``b % n``, and bytes from the largest
    multiple of ``n`` up are dropped, so each stream is equally likely. Every minute count
    must be above 0.
    """
    count = len(cash)
    if not 0 < count <= 256:
        raise ValueError(f"resampling takes 1 to 256 streams, got {count}")
    shift = (count * max(minutes)).bit_length()
    mask = (1 << shift) - 1
    packed = [(value << shift) | length for value, length in zip(cash, minutes, strict=True)]
    usable = 256 // count * count
    pick = [packed[byte % count] for byte in range(usable)].__getitem__
    dropped = bytes(range(usable, 256))
    wanted = resamples * count
    picks = b""
    while len(picks) < wanted:  # about once: a quarter more bytes than needed at worst
        picks += rng.randbytes(wanted + wanted // 3 + 64).translate(None, dropped)
    draws = []
    for start in range(0, wanted, count):
        total = sum(map(pick, picks[start : start + count]))
        value, length = total >> shift, total & mask
        draws.append(((value << 64) // length, value, length))
    draws.sort()
    tail = resamples // 20  # 5% each side: the middle 90%
    _, low_cash, low_minutes = draws[tail]
    _, high_cash, high_minutes = draws[resamples - 1 - tail]
    return (low_cash, low_minutes), (high_cash, high_minutes)


def normal_spread(cash: Sequence[int], minutes: Sequence[int]) -> Decimal:
    """Half the 90% interval's width, as cash over the group's total minutes: 1.645 times
    the bootstrap's large-sample standard error of total cash / total minutes.

    With R = C / M (total cash over total minutes), the bootstrap variance of R tends to
    sum((c - R m)^2) / M^2; times M^2 to stay in whole numbers, that sum is
    (Scc M^2 - 2 C M Scm + C^2 Smm) / M^2, exact in integers. Only its square root rounds.
    """
    total_cash, total_minutes = sum(cash), sum(minutes)
    scc = sum(map(operator.mul, cash, cash))
    smm = sum(map(operator.mul, minutes, minutes))
    scm = sum(map(operator.mul, cash, minutes))
    squares = (
        scc * total_minutes * total_minutes
        - 2 * total_cash * total_minutes * scm
        + total_cash * total_cash * smm
    )
    # squares / M^2 is sum((c - R m)^2); its root over M is the standard error of R, and
    # times M that of the cash: sqrt(squares) / M.
    return _Z90 * Decimal(squares).sqrt() / total_minutes


def verdict(groups: Sequence[PayGroup], what: str) -> str:
    """One honest sentence on which of ``groups`` pays best per hour (``what`` names the
    kind of group, "length" say): a group is called best only when its interval lies above
    every other's with enough streams; otherwise the sentence says the groups cannot be
    told apart yet."""
    judged = [g for g in groups if g.enough_data and g.cash_per_hour is not None]
    if len(judged) < 2:
        return f"Too few streams in each {what} to tell which pays more per hour."
    best = max(judged, key=lambda g: g.cash_per_hour or _ZERO)
    beaten = [g for g in judged if g is not best and clearly_better(best, g)]
    if len(beaten) == len(judged) - 1:
        return f"{best.key} pays the most per hour, clearly ({CONFIDENCE} intervals apart)."
    if beaten:
        names = ", ".join(g.key for g in beaten)
        return (
            f"{best.key} pays the most per hour so far: clearly more than {names}; "
            "the rest overlap it, so no call there."
        )
    return f"{best.key} pays the most per hour so far, but the intervals overlap: no clear winner."
