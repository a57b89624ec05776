"""Whole-percent shares add up to exactly 100 (largest remainder)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from livetally.core.shares import whole_percents


def test_three_equal_shares_are_34_33_33() -> None:
    assert whole_percents({"a": Decimal(1), "b": Decimal(1), "c": Decimal(1)}) == {
        "a": 34,
        "b": 33,
        "c": 33,
    }


def test_the_points_go_to_the_largest_remainders() -> None:
    # 66.6..., 16.6..., 16.6... rounded one by one would be 67 + 17 + 17 = 101.
    shares = whole_percents({"live": Decimal(400), "brand": Decimal(100), "merch": Decimal(100)})
    assert shares == {"live": 67, "brand": 17, "merch": 16}


def test_nothing_earned_is_no_share() -> None:
    assert whole_percents({"a": Decimal(0)}) == {"a": 0}
    assert whole_percents({}) == {}


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(st.dictionaries(st.text(min_size=1, max_size=5), amounts, min_size=1, max_size=12))
def test_shares_always_add_up_to_100_and_stay_within_a_point(
    values: dict[str, Decimal],
) -> None:
    shares = whole_percents(values)
    total = sum(values.values(), Decimal(0))
    if total == 0:
        assert set(shares.values()) == {0}
        return
    assert sum(shares.values()) == 100
    for key, value in values.items():
        assert abs(shares[key] - value * 100 / total) < 1
