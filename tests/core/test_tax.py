"""The tax set-aside: a percentage of the cash as shown, rounded once, up to the minor unit."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from livetally.core.money import CENT, ONE
from livetally.core.tax import set_aside


def test_worked_examples() -> None:
    assert set_aside(Decimal("123.45"), Decimal(25)) == Decimal("30.87")  # 30.8625 up
    assert set_aside(Decimal("100.00"), Decimal(30)) == Decimal("30.00")
    assert set_aside(Decimal("0.01"), Decimal(1)) == Decimal("0.01")  # a fraction of a cent
    assert set_aside(Decimal("500.00"), Decimal(0)) == 0
    assert set_aside(Decimal("500.00"), Decimal(100)) == Decimal("500.00")
    assert set_aside(Decimal(1234), Decimal("12.5"), ONE) == 155  # yen: 154.25 up


cents = st.decimals(min_value=0, max_value=10**9, places=2)
percents = st.decimals(min_value=0, max_value=100, places=2)


@given(cents, percents)
def test_never_short_of_the_exact_share_and_never_a_cent_over(
    cash: Decimal, percent: Decimal
) -> None:
    kept = set_aside(cash, percent)
    exact = cash * percent / 100
    assert kept == kept.quantize(CENT)
    assert exact <= kept < exact + CENT
    assert 0 <= kept <= cash
