"""Drawing a creator's own days and months again at random: the ranges of a forecast.

A forecast's point figure comes from the mean pace; its range says how far the log's own
ups and downs could carry it. Each range is the 5th to 95th percentile of many draws with
replacement from the days (or months) the log holds, made by a seeded generator so that
the same ledger always gives the same range. Money is drawn as whole multiples of a
common small unit (:func:`fixed_point`), so adding draws up is exact and quick.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate

#: Draws per range: enough for steady 5th and 95th percentiles, few enough to be quick.
DRAWS = 1000
#: The range is the middle 90% of the draws.
LOW_SHARE, HIGH_SHARE = Decimal("0.05"), Decimal("0.95")
#: Fixed, so results repeat; any value would do.
SEED = 14


def generator(purpose: str) -> random.Random:
    """A generator in the same state every time for the same ``purpose`` (the payout, a
    month): the same ledger gives the same ranges, and one range does not depend on how
    many draws another took."""
    return random.Random(f"{SEED}:{purpose}")


def rank(share: Decimal, count: int) -> int:
    """The index of the ``share`` percentile in ``count`` sorted values (nearest rank)."""
    return min(max(math.ceil(share * count) - 1, 0), count - 1)


def percentile(ordered: Sequence[int], share: Decimal) -> int:
    """The ``share`` percentile (nearest rank) of ``ordered`` (sorted, not empty)."""
    return ordered[rank(share, len(ordered))]


def fixed_point(values: Sequence[Decimal]) -> tuple[list[int], int]:
    """``values`` as whole multiples of 10**-places, exactly, and ``places``.

    Read from each value's digits, not by multiplying, which would round to the context's
    28 digits.
    """
    places = max((-int(value.as_tuple().exponent) for value in values), default=0)
    places = max(places, 0)
    return [_scaled(value, places) for value in values], places


def _scaled(value: Decimal, places: int) -> int:
    sign, digits, exponent = value.as_tuple()
    whole: int = int("".join(map(str, digits)) or "0") * 10 ** (int(exponent) + places)
    return -whole if sign else whole


def from_fixed(value: int, places: int, divisor: int = 1) -> Decimal:
    """A fixed-point value (see :func:`fixed_point`) as a Decimal, divided by ``divisor``."""
    return Decimal(value).scaleb(-places) / divisor


def sums_of_draws(rng: random.Random, values: Sequence[int], days: int) -> list[int]:
    """:data:`DRAWS` totals of ``days`` values each, drawn from ``values`` with replacement."""
    if days <= 0 or not values:
        return [0] * DRAWS
    drawn = rng.choices(values, k=DRAWS * days)  # one call: the same draws as one per total
    return [sum(drawn[start : start + days]) for start in range(0, DRAWS * days, days)]


def days_to_reach(
    rng: random.Random, values: Sequence[int], target: int, guess: int, horizon: int
) -> list[int | None]:
    """For each of :data:`DRAWS` runs of days drawn from ``values``: the number of days
    until their running total reaches ``target``; None when it takes more than ``horizon``.

    Days are drawn a block at a time (``guess`` first, then twice as many each time), so a
    run costs about as many draws as it has days.
    """
    found: list[int | None] = []
    choices = rng.choices
    for _ in range(DRAWS):
        total, done, block, reached = 0, 0, max(guess, 8), None
        while done < horizon:
            size = min(block, horizon - done)
            running = list(accumulate(choices(values, k=size), initial=total))
            index = bisect_left(running, target, lo=1)
            if index <= size:
                reached = done + index
                break
            total, done, block = running[-1], done + size, block * 2
        found.append(reached)
    return found
