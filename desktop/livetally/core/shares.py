"""Whole-percent shares that add up to exactly 100%, as a reader checks them.

Rounding each share on its own can give 99% or 101% in all (three equal sources: 33% +
33% + 33%). The largest-remainder method rounds every share down, then gives the missing
points one each to the shares that lost the most, so the column adds up and no share is
off by a whole point or more.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal


def whole_percents(amounts: Mapping[str, Decimal]) -> dict[str, int]:
    """Each key's share of the total, in whole percent, adding up to 100 (keys kept in
    order). Amounts must not be negative; with a total of 0 every share is 0."""
    total = sum(amounts.values(), Decimal(0))
    if total <= 0:
        return dict.fromkeys(amounts, 0)
    exact = {key: value * 100 / total for key, value in amounts.items()}
    shares = {key: int(value) for key, value in exact.items()}  # down: never negative
    missing = 100 - sum(shares.values())
    # The largest remainders first; on a tie the larger amount, then the earlier key.
    order = sorted(
        enumerate(exact), key=lambda pair: (-(exact[pair[1]] % 1), -amounts[pair[1]], pair[0])
    )
    for _, key in order[:missing]:
        shares[key] += 1
    return shares
