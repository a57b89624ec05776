"""A diamond balance against the payout minimum, rounded as TikTok pays it out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from livetally.core.conversion import plan_for_target
from livetally.core.money import InputError
from livetally.core.payout import PayoutStatus, payout_status
from livetally.core.rates import RateProfile


def us(**figures: Decimal | str) -> RateProfile:
    return RateProfile("US", "United States", "USD").with_figures(**figures)


def test_one_thousand_diamonds_are_withdrawable() -> None:
    status = payout_status(1000, us())
    assert status == PayoutStatus(
        balance_diamonds=1000,
        gross_usd=Decimal("50.00"),
        fee_usd=Decimal("0.00"),
        net_usd=Decimal("50.00"),
        minimum_usd=Decimal(50),
        withdrawable=True,
        missing_usd=Decimal(0),
        missing_diamonds=0,
    )
    assert status.progress == 1


def test_a_balance_under_fifty_dollars_is_not_withdrawable() -> None:
    status = payout_status(999, us())
    assert status.balance_diamonds == 999
    assert status.gross_usd == Decimal("49.95")
    assert not status.withdrawable
    assert status.missing_usd == Decimal("0.05")
    assert status.missing_diamonds == 1
    assert status.progress == Decimal("0.999")


def test_an_empty_balance_misses_the_whole_minimum() -> None:
    status = payout_status(0, us())
    assert not status.withdrawable
    assert status.gross_usd == 0
    assert status.missing_usd == Decimal(50)
    assert status.missing_diamonds == 1000
    assert status.progress == 0


def test_a_fractional_balance_counts_whole_diamonds_only() -> None:
    status = payout_status(Decimal("999.9"), us())
    assert status.balance_diamonds == 999
    assert type(status.balance_diamonds) is int
    assert not status.withdrawable
    assert payout_status(Decimal("1000.9"), us()).balance_diamonds == 1000


def test_gross_is_rounded_down_to_the_cent() -> None:
    # 200 diamonds = $1: 999 diamonds are $4.995, paid as $4.99.
    profile = us(diamond_usd=Decimal("0.005"))
    assert payout_status(999, profile).gross_usd == Decimal("4.99")
    status = payout_status(9999, profile)
    assert status.gross_usd == Decimal("49.99")
    assert status.missing_usd == Decimal("0.01")
    assert status.missing_diamonds == 1
    assert payout_status(10_000, profile).withdrawable


@pytest.mark.parametrize(
    ("diamonds", "fee_percent", "gross", "fee", "net"),
    [
        (1001, "2.9", "50.05", "1.46", "48.59"),  # 1.45145 -> 1.46
        (999, "3", "49.95", "1.50", "48.45"),  # 1.4985 -> 1.50
        (1000, "2", "50.00", "1.00", "49.00"),  # exact
        (1000, "0.001", "50.00", "0.01", "49.99"),  # 0.0005 -> 0.01
        (1, "1", "0.05", "0.01", "0.04"),  # 0.0005 -> 0.01
        (1000, "0", "50.00", "0.00", "50.00"),
    ],
)
def test_fee_is_rounded_up_to_the_cent_and_net_is_gross_minus_fee(
    diamonds: int, fee_percent: str, gross: str, fee: str, net: str
) -> None:
    status = payout_status(diamonds, us(payout_fee_percent=Decimal(fee_percent)))
    assert status.gross_usd == Decimal(gross)
    assert status.fee_usd == Decimal(fee)
    assert status.net_usd == Decimal(net)
    assert status.net_usd == status.gross_usd - status.fee_usd


def test_the_minimum_applies_to_gross_not_net() -> None:
    status = payout_status(1000, us(payout_fee_percent=Decimal(10)))
    assert status.withdrawable
    assert status.net_usd == Decimal("45.00")
    assert status.missing_usd == 0


@pytest.mark.parametrize(
    ("diamonds", "progress"),
    [
        (0, Decimal(0)),
        (250, Decimal("0.25")),
        (500, Decimal("0.5")),
        (999, Decimal("0.999")),
        (1000, Decimal(1)),
        (5000, Decimal(1)),  # capped once withdrawable
    ],
)
def test_progress_towards_the_minimum(diamonds: int, progress: Decimal) -> None:
    assert payout_status(diamonds, us()).progress == progress


def test_a_higher_minimum_moves_the_line() -> None:
    profile = us(payout_minimum_usd=Decimal(100))
    status = payout_status(1000, profile)
    assert not status.withdrawable
    assert status.minimum_usd == 100
    assert status.missing_usd == Decimal(50)
    assert status.missing_diamonds == 1000
    assert status.progress == Decimal("0.5")
    assert payout_status(2000, profile).withdrawable


def test_a_negative_balance_is_refused() -> None:
    with pytest.raises(InputError, match="diamonds: must not be negative, got -5"):
        payout_status(-5, us())


def test_a_minimum_between_cents_is_reached_at_the_next_cent() -> None:
    # The gross is paid in whole cents, so $50.005 is first reached at $50.01.
    profile = us(diamond_usd=Decimal("0.001"), payout_minimum_usd=Decimal("50.005"))
    status = payout_status(0, profile)
    assert status.missing_diamonds == 50_010
    assert payout_status(status.missing_diamonds, profile).withdrawable
    assert not payout_status(status.missing_diamonds - 1, profile).withdrawable


def test_minimum_zero_is_always_withdrawable() -> None:
    status = payout_status(0, us(payout_minimum_usd=Decimal(0)))
    assert status.withdrawable
    assert status.missing_usd == 0
    assert status.missing_diamonds == 0
    assert status.progress == 1
    assert payout_status(1, us(payout_minimum_usd=Decimal(0))).gross_usd == Decimal("0.05")


def test_missing_diamonds_round_up_to_reach_the_minimum() -> None:
    # $0.03 a diamond: $50 needs 1666.67 -> 1667 diamonds.
    profile = us(diamond_usd=Decimal("0.03"), diamonds_per_coin=Decimal("0.3"))
    status = payout_status(1000, profile)
    assert status.gross_usd == Decimal("30.00")
    assert status.missing_usd == Decimal(20)
    assert status.missing_diamonds == 667
    assert not payout_status(1666, profile).withdrawable
    assert payout_status(1667, profile).withdrawable


def test_planned_diamonds_pay_out_the_target_after_the_fee() -> None:
    # $50 at a 2% fee: 1021 diamonds, $51.05 gross, $1.03 fee (1.021 up), $50.02 net.
    profile = us(payout_fee_percent=Decimal(2))
    plan = plan_for_target(Decimal(50), profile)
    status = payout_status(plan.diamonds_needed, profile)
    assert status.gross_usd == Decimal("51.05")
    assert status.fee_usd == Decimal("1.03")
    assert status.net_usd >= Decimal(50)


@pytest.mark.parametrize(
    ("target", "fee_percent"),
    [("1.00", "1"), ("40.00", "2.9")],
)
def test_planned_diamonds_pay_out_the_target_at_sub_cent_diamond_prices(
    target: str, fee_percent: str
) -> None:
    # $1.00 at 1% and 200 diamonds = $1: 203 diamonds would pay $1.01 gross (1.015 down),
    # $0.02 fee (0.0101 up), $0.99 net; the plan must ask for one more.
    profile = us(diamond_usd=Decimal("0.005"), payout_fee_percent=Decimal(fee_percent))
    plan = plan_for_target(Decimal(target), profile)
    assert payout_status(plan.diamonds_needed, profile).net_usd >= Decimal(target)
    assert payout_status(plan.diamonds_needed - 1, profile).net_usd < Decimal(target)
