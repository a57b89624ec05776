"""Coins and diamonds into who gets what; targets into what it takes. Rounded once, at shown()."""

from __future__ import annotations

from decimal import Decimal

import pytest

from livetally.core.conversion import (
    Conversion,
    ShownConversion,
    TargetPlan,
    convert_coins,
    convert_diamonds,
    plan_for_target,
)
from livetally.core.money import InputError, round_down
from livetally.core.rates import ExchangeRates, RateProfile

RATES = ExchangeRates({"EUR": Decimal("0.92"), "JPY": Decimal("150")})


def us(**figures: Decimal | str) -> RateProfile:
    return RateProfile("US", "United States", "USD").with_figures(**figures)


def exponent(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    assert isinstance(exp, int)
    return exp


# --- the source's seed examples ---------------------------------------------------------------


def test_ten_thousand_coins_with_the_default_figures() -> None:
    conversion = convert_coins(10_000, us(), RATES)
    assert isinstance(conversion, Conversion)
    assert conversion.coins == 10_000
    assert conversion.viewer_spend_usd == Decimal(100)
    assert conversion.diamonds == Decimal(1000)
    assert conversion.creator_usd == Decimal(50)
    assert conversion.tiktok_cut_usd == Decimal(50)
    assert conversion.creator_share == Decimal("0.5")
    assert conversion.currency == "USD"
    assert conversion.units_per_usd == 1
    assert conversion.creator_local == Decimal(50)

    shown = conversion.shown()
    assert isinstance(shown, ShownConversion)
    assert shown == ShownConversion(
        coins=Decimal(10_000),
        viewer_spend_usd=Decimal("100.00"),
        tiktok_cut_usd=Decimal("50.00"),
        creator_usd=Decimal("50.00"),
        diamonds=1000,
        creator_local=Decimal("50.00"),
    )
    # Money is shown to the cent: "100.00", not "1E+2".
    assert str(shown.viewer_spend_usd) == "100.00"
    assert str(shown.creator_usd) == "50.00"
    assert str(shown.tiktok_cut_usd) == "50.00"


def test_one_thousand_diamonds_are_fifty_dollars() -> None:
    conversion = convert_diamonds(1000, us(), RATES)
    assert conversion.diamonds == 1000
    assert conversion.creator_usd == Decimal(50)
    assert conversion.coins == 10_000
    assert conversion.viewer_spend_usd == Decimal(100)
    assert conversion.shown().creator_usd == Decimal("50.00")
    assert str(conversion.shown().creator_usd) == "50.00"


def test_the_conversion_knows_its_payout_status() -> None:
    assert convert_coins(10_000, us(), RATES).payout.withdrawable
    assert convert_diamonds(1000, us(), RATES).payout.gross_usd == Decimal("50.00")
    short = convert_diamonds(999, us(), RATES).payout
    assert not short.withdrawable
    assert short.missing_usd == Decimal("0.05")
    assert short.missing_diamonds == 1


def test_exact_values_are_decimals() -> None:
    conversion = convert_coins(15, us(), RATES)
    for value in (
        conversion.coins,
        conversion.viewer_spend_usd,
        conversion.diamonds,
        conversion.creator_usd,
        conversion.tiktok_cut_usd,
        conversion.creator_local,
    ):
        assert isinstance(value, Decimal)


# --- rounding rules ---------------------------------------------------------------------------


def test_a_stream_is_credited_whole_diamonds_the_fraction_dropped() -> None:
    conversion = convert_coins(15, us(), RATES)
    assert conversion.diamonds == Decimal(1)  # 1.5 diamonds' worth of coins credits 1
    assert conversion.shown().diamonds == 1
    assert convert_coins(19, us(), RATES).diamonds == 1
    assert convert_coins(9, us(), RATES).diamonds == 0


@pytest.mark.parametrize(
    ("coins", "diamonds", "cash"),
    [
        (1927, 192, "9.60"),  # not $9.63: 192 x $0.05
        (29_999, 2999, "149.95"),  # a Lion: not $149.99
        (10_000, 1000, "50.00"),
        (15, 1, "0.05"),
        (1, 0, "0.00"),
    ],
)
def test_shown_cash_is_the_shown_diamonds_times_the_diamond_price(
    coins: int, diamonds: int, cash: str
) -> None:
    shown = convert_coins(coins, us(), RATES).shown()
    assert shown.diamonds == diamonds
    assert shown.creator_usd == Decimal(cash)
    assert shown.creator_usd == round_down(shown.diamonds * us().diamond_usd)


def test_cash_of_whole_diamonds_is_exact_until_shown_then_rounded_down() -> None:
    # A calibrated diamond price of $0.0512: 192 diamonds are worth $9.8304 exactly.
    calibrated = us(diamond_usd=Decimal("0.0512"))
    conversion = convert_coins(1927, calibrated, RATES)
    assert conversion.creator_usd == Decimal("9.8304")
    assert conversion.shown().creator_usd == Decimal("9.83")


def test_viewer_spend_is_rounded_half_up() -> None:
    pack_price = us(coin_usd=Decimal("0.0105"))
    ten = convert_coins(10, pack_price, RATES)
    assert ten.viewer_spend_usd == Decimal("0.105")
    assert ten.shown().viewer_spend_usd == Decimal("0.11")  # half-even would say 0.10
    assert convert_coins(3, pack_price, RATES).shown().viewer_spend_usd == Decimal("0.03")
    assert convert_coins(1, pack_price, RATES).shown().viewer_spend_usd == Decimal("0.01")
    assert convert_coins(30, pack_price, RATES).shown().viewer_spend_usd == Decimal("0.32")


@pytest.mark.parametrize(
    ("coins", "spend", "cut", "creator"),
    [
        (1, "0.01", "0.01", "0.00"),
        (15, "0.15", "0.10", "0.05"),
        (19, "0.19", "0.14", "0.05"),
        (10_001, "100.01", "50.01", "50.00"),
    ],
)
def test_shown_tiktok_cut_is_shown_spend_minus_shown_creator(
    coins: int, spend: str, cut: str, creator: str
) -> None:
    shown = convert_coins(coins, us(), RATES).shown()
    assert shown.viewer_spend_usd == Decimal(spend)
    assert shown.creator_usd == Decimal(creator)
    assert shown.tiktok_cut_usd == Decimal(cut)
    assert shown.tiktok_cut_usd + shown.creator_usd == shown.viewer_spend_usd


def test_shown_cut_adds_up_even_when_spend_rounds_half_up() -> None:
    shown = convert_coins(10, us(coin_usd=Decimal("0.0105")), RATES).shown()
    # creator: 1 diamond = 0.05; spend 0.105 -> 0.11; the cut takes the difference.
    assert shown.creator_usd == Decimal("0.05")
    assert shown.viewer_spend_usd == Decimal("0.11")
    assert shown.tiktok_cut_usd == Decimal("0.06")


def test_local_currency_is_rounded_down_to_its_minor_unit() -> None:
    ten_thousand = convert_coins(10_000, us(), RATES, "EUR")
    assert ten_thousand.currency == "EUR"
    assert ten_thousand.creator_local == Decimal("46.00")
    assert ten_thousand.shown().creator_local == Decimal("46.00")
    assert exponent(ten_thousand.shown().creator_local) == -2

    yen = convert_coins(10_000, us(), RATES, "JPY").shown()
    assert yen.creator_local == Decimal(7500)
    assert exponent(yen.creator_local) == 0

    # 15 coins: 1 diamond, $0.05 -> EUR 0.046 -> 0.04; JPY 7.5 -> 7.
    assert convert_coins(15, us(), RATES, "EUR").shown().creator_local == Decimal("0.04")
    assert convert_coins(15, us(), RATES, "JPY").shown().creator_local == Decimal(7)
    # 1 coin: no whole diamond, nothing in any currency.
    assert convert_coins(1, us(), RATES, "JPY").shown().creator_local == 0


def test_local_currency_is_converted_from_the_exact_amount_not_the_shown_one() -> None:
    # 3 diamonds at a calibrated $0.0033: $0.0099 exact (shown $0.00). 0.0099 x 150 = 1.485
    # -> 1 yen; rounding twice (0.00 x 150) would lose it.
    conversion = convert_diamonds(3, us(diamond_usd=Decimal("0.0033")), RATES, "JPY")
    assert conversion.creator_local == Decimal("1.485")
    assert conversion.shown().creator_usd == Decimal("0.00")
    assert conversion.shown().creator_local == Decimal(1)


def test_currency_defaults_to_the_profile_and_is_case_insensitive() -> None:
    japan = RateProfile("JP", "Japan", "JPY")
    assert convert_coins(10_000, japan, RATES).currency == "JPY"
    assert convert_coins(10_000, japan, RATES).shown().creator_local == Decimal(7500)
    assert convert_coins(10_000, japan, RATES, "usd").currency == "USD"
    lower = convert_coins(10_000, us(), RATES, "eur")
    assert lower.currency == "EUR"
    assert lower.creator_local == Decimal("46.00")


@pytest.mark.parametrize("convert", [convert_coins, convert_diamonds])
def test_unknown_currency_raises_input_error_naming_it(convert: object) -> None:
    with pytest.raises(InputError) as caught:
        convert(100, us(), RATES, "GBP")  # type: ignore[operator]
    assert caught.value.field == "currency"
    assert "GBP" in caught.value.message


def test_unknown_profile_currency_raises_input_error_naming_it() -> None:
    brazil = RateProfile("BR", "Brazil", "BRL")
    with pytest.raises(InputError, match="BRL"):
        convert_coins(100, brazil, RATES)


# --- convert_diamonds -------------------------------------------------------------------------


def test_convert_diamonds_keeps_the_diamonds_exactly_and_derives_coins() -> None:
    conversion = convert_diamonds(Decimal("1.5"), us(), RATES)
    assert conversion.diamonds == Decimal("1.5")
    assert conversion.coins == Decimal(15)
    assert conversion.creator_usd == Decimal("0.075")

    third = us(diamonds_per_coin=Decimal("0.3"), diamond_usd=Decimal("0.03"))
    odd = convert_diamonds(1, third, RATES)
    assert odd.diamonds == 1
    assert odd.creator_usd == Decimal("0.03")
    assert Decimal(3) < odd.coins < Decimal(4)  # 3.333... coins of gifts
    assert odd.shown().coins == 4  # shown coins round up: 3 coins would not credit it
    assert odd.shown().diamonds == 1


def test_shown_coins_are_whole() -> None:
    assert convert_coins(10_000, us(), RATES).shown().coins == 10_000
    assert convert_diamonds(Decimal("0.05"), us(), RATES).shown().coins == 1


# --- negative inputs --------------------------------------------------------------------------


@pytest.mark.parametrize("coins", [-1, Decimal("-0.5"), Decimal(-10_000)])
def test_negative_coins_are_refused(coins: int | Decimal) -> None:
    with pytest.raises(InputError, match="must not be negative") as caught:
        convert_coins(coins, us(), RATES)
    assert caught.value.field == "coins"


@pytest.mark.parametrize("diamonds", [-1, Decimal("-0.5"), Decimal(-1000)])
def test_negative_diamonds_are_refused(diamonds: int | Decimal) -> None:
    with pytest.raises(InputError, match="must not be negative") as caught:
        convert_diamonds(diamonds, us(), RATES)
    assert caught.value.field == "diamonds"


def test_zero_is_nothing_for_anyone() -> None:
    shown = convert_coins(0, us(), RATES).shown()
    assert (shown.viewer_spend_usd, shown.tiktok_cut_usd, shown.creator_usd) == (Decimal(0),) * 3
    assert shown.diamonds == 0
    assert convert_diamonds(0, us(), RATES).coins == 0


# --- plan_for_target --------------------------------------------------------------------------


def test_fifty_dollars_takes_one_thousand_diamonds_and_ten_thousand_coins() -> None:
    plan = plan_for_target(Decimal(50), us())
    assert plan == TargetPlan(
        target_usd=Decimal(50),
        gross_usd=Decimal(50),
        diamonds_needed=1000,
        coins_needed=10_000,
    )
    assert type(plan.diamonds_needed) is int
    assert type(plan.coins_needed) is int


@pytest.mark.parametrize(
    ("target", "diamonds", "coins"),
    [
        ("50.01", 1001, 10_010),  # 1000.2 diamonds -> 1001
        ("0.01", 1, 10),  # 0.2 diamonds -> 1
        ("0.05", 1, 10),
        ("0.06", 2, 20),
        ("0", 0, 0),
    ],
)
def test_plan_rounds_up_when_the_target_does_not_divide_evenly(
    target: str, diamonds: int, coins: int
) -> None:
    plan = plan_for_target(Decimal(target), us())
    assert plan.diamonds_needed == diamonds
    assert plan.coins_needed == coins


def test_plan_rounds_coins_up_separately_from_diamonds() -> None:
    # 0.3 diamonds per coin: 1 diamond needs 3.33... coins -> 4.
    profile = us(diamonds_per_coin=Decimal("0.3"), diamond_usd=Decimal("0.03"))
    plan = plan_for_target(Decimal("0.03"), profile)
    assert plan.diamonds_needed == 1
    assert plan.coins_needed == 4
    # 2 diamonds: 6.67 coins -> 7.
    assert plan_for_target(Decimal("0.06"), profile).coins_needed == 7


def test_a_payout_fee_raises_what_is_needed() -> None:
    plan = plan_for_target(Decimal(50), us(payout_fee_percent=Decimal(2)))
    assert plan.target_usd == Decimal(50)
    # 50 / 0.98 = 51.0204 -> $51.03 is the least whole-cent gross netting $50 after the
    # fee rounded up ($1.03); $51.02 would net $49.99.
    assert plan.gross_usd == Decimal("51.03")
    assert plan.diamonds_needed == 1021  # 1020.6 -> 1021
    assert plan.coins_needed == 10_210
    no_fee = plan_for_target(Decimal(50), us())
    assert plan.diamonds_needed > no_fee.diamonds_needed
    assert plan.coins_needed > no_fee.coins_needed


def test_a_twenty_percent_fee_takes_a_quarter_more() -> None:
    plan = plan_for_target(Decimal(40), us(payout_fee_percent=Decimal(20)))
    assert plan.gross_usd == Decimal(50)
    assert plan.diamonds_needed == 1000
    assert plan.coins_needed == 10_000


@pytest.mark.parametrize("target", [Decimal("-1"), Decimal("-0.01"), -50])
def test_a_negative_target_is_refused(target: Decimal) -> None:
    with pytest.raises(InputError, match="must not be negative") as caught:
        plan_for_target(target, us())
    assert caught.value.field == "target_usd"
