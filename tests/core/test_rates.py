"""Rate profiles (their checks and derived shares) and exchange rates."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from livetally.core.money import InputError
from livetally.core.rates import (
    DEFAULT_COIN_USD,
    DEFAULT_DIAMOND_USD,
    DEFAULT_DIAMONDS_PER_COIN,
    DEFAULT_PAYOUT_MINIMUM_USD,
    RATE_FIELDS,
    ExchangeRates,
    FieldProblem,
    RateProfile,
)


def us() -> RateProfile:
    return RateProfile("US", "United States", "USD")


def test_defaults_are_the_source_figures() -> None:
    profile = us()
    assert profile.coin_usd == Decimal("0.01")
    assert profile.diamonds_per_coin == Decimal("0.1")
    assert profile.diamond_usd == Decimal("0.05")
    assert profile.payout_minimum_usd == Decimal(50)
    assert profile.payout_method == "PayPal"
    assert profile.payout_fee_percent == 0
    assert (DEFAULT_COIN_USD, DEFAULT_DIAMONDS_PER_COIN, DEFAULT_DIAMOND_USD) == (
        Decimal("0.01"),
        Decimal("0.1"),
        Decimal("0.05"),
    )
    assert DEFAULT_PAYOUT_MINIMUM_USD == 50


def test_default_figures_are_decimals() -> None:
    profile = us()
    for name in ("coin_usd", "diamonds_per_coin", "diamond_usd", "payout_minimum_usd"):
        assert isinstance(getattr(profile, name), Decimal), name
    assert isinstance(profile.payout_fee_percent, Decimal)


def test_rate_fields_are_the_editable_figures_of_the_profile() -> None:
    names = {field.name for field in dataclasses.fields(RateProfile)}
    assert set(RATE_FIELDS) <= names
    assert {"country", "name", "currency"}.isdisjoint(RATE_FIELDS)


def test_default_creator_share_is_exactly_one_half() -> None:
    profile = us()
    assert profile.creator_usd_per_coin == Decimal("0.005")
    assert profile.creator_share == Decimal("0.5")
    assert profile.tiktok_share == Decimal("0.5")


@pytest.mark.parametrize(
    ("coin_usd", "diamonds_per_coin", "diamond_usd", "share"),
    [
        ("0.01", "0.1", "0.05", "0.5"),
        ("0.01", "0.5", "0.005", "0.25"),
        ("0.01", "0.1", "0.005", "0.05"),
        ("0.0105", "0.1", "0.05", "0.4761904761904761904761904762"),
        ("0.01", "0.2", "0.05", "1"),
    ],
)
def test_shares_are_derived_from_the_figures_and_add_to_one(
    coin_usd: str, diamonds_per_coin: str, diamond_usd: str, share: str
) -> None:
    profile = us().with_figures(
        coin_usd=Decimal(coin_usd),
        diamonds_per_coin=Decimal(diamonds_per_coin),
        diamond_usd=Decimal(diamond_usd),
    )
    assert profile.creator_share == Decimal(share)
    assert profile.creator_share + profile.tiktok_share == 1


def test_a_good_profile_has_no_problems() -> None:
    assert us().problems() == []
    assert RateProfile("JP", "Japan", "JPY", payout_fee_percent=Decimal("50")).problems() == []
    assert us().with_figures(payout_minimum_usd=Decimal(0)).problems() == []
    # Exactly 100% is allowed; only more than everything viewers paid is not.
    assert us().with_figures(diamonds_per_coin=Decimal("0.2")).problems() == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("coin_usd", Decimal(0)),
        ("coin_usd", Decimal("-0.01")),
        ("diamonds_per_coin", Decimal(0)),
        ("diamonds_per_coin", Decimal("-0.1")),
        ("diamond_usd", Decimal(0)),
        ("diamond_usd", Decimal("-0.05")),
        ("payout_minimum_usd", Decimal("-1")),
        ("payout_fee_percent", Decimal(100)),
        ("payout_fee_percent", Decimal(150)),
        ("payout_fee_percent", Decimal("-0.5")),
        ("payout_method", ""),
        ("payout_method", "   "),
    ],
)
def test_each_bad_field_is_named(field: str, value: Decimal | str) -> None:
    problems = us().with_figures(**{field: value}).problems()
    assert len(problems) == 1
    assert isinstance(problems[0], FieldProblem)
    assert problems[0].field == field
    assert problems[0].message


def test_a_zero_coin_price_is_reported_rather_than_dividing_by_zero() -> None:
    problems = us().with_figures(coin_usd=Decimal(0)).problems()
    assert [p.field for p in problems] == ["coin_usd"]
    assert problems[0].message == "expected a number between 0.001 and 1, got 0"


def test_several_bad_fields_are_all_reported() -> None:
    profile = us().with_figures(
        diamond_usd=Decimal(0),
        payout_minimum_usd=Decimal(-5),
        payout_fee_percent=Decimal(100),
        payout_method="",
    )
    fields = {p.field for p in profile.problems()}
    assert fields == {"diamond_usd", "payout_minimum_usd", "payout_fee_percent", "payout_method"}


def test_creator_share_above_everything_viewers_paid_is_a_problem() -> None:
    # 1 diamond per coin at $0.05 gives the creator 5x what viewers paid.
    profile = us().with_figures(diamonds_per_coin=Decimal(1))
    problems = profile.problems()
    assert len(problems) == 1
    assert problems[0].field == "diamond_usd"
    assert "500.0%" in problems[0].message
    assert "above 100%" in problems[0].message


def test_just_above_one_hundred_percent_is_a_problem() -> None:
    profile = us().with_figures(diamond_usd=Decimal("0.0500001"), diamonds_per_coin=Decimal("0.2"))
    assert profile.creator_share > 1
    assert [p.field for p in profile.problems()] == ["diamond_usd"]


def test_with_figures_returns_a_changed_copy() -> None:
    original = us()
    changed = original.with_figures(diamond_usd=Decimal("0.005"), payout_method="Bank")
    assert changed.diamond_usd == Decimal("0.005")
    assert changed.payout_method == "Bank"
    assert changed.country == "US"
    assert changed.diamonds_per_coin == original.diamonds_per_coin
    assert original.diamond_usd == Decimal("0.05")
    assert original.payout_method == "PayPal"


def test_profiles_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        us().coin_usd = Decimal(1)  # type: ignore[misc]


# --- exchange rates ---------------------------------------------------------------------------


def rates() -> ExchangeRates:
    return ExchangeRates({"EUR": Decimal("0.92"), "JPY": Decimal("150")})


def test_usd_is_always_there_at_one() -> None:
    assert ExchangeRates({})["USD"] == 1
    assert rates()["USD"] == 1
    assert set(rates()) == {"USD", "EUR", "JPY"}
    assert len(rates()) == 3


def test_usd_at_anything_but_one_is_refused() -> None:
    with pytest.raises(ValueError, match="USD must be 1 unit per USD, got 2"):
        ExchangeRates({"USD": Decimal(2)})


def test_currency_codes_are_case_insensitive() -> None:
    table = ExchangeRates({"eur": Decimal("0.92")})
    assert table["EUR"] == Decimal("0.92")
    assert table["eur"] == Decimal("0.92")
    assert table.units_per_usd("Eur") == Decimal("0.92")
    assert "EUR" in table


def test_conversions_are_exact_both_ways() -> None:
    table = rates()
    assert table.usd_to(Decimal(50), "EUR") == Decimal("46.00")
    assert table.usd_to(Decimal("0.015"), "JPY") == Decimal("2.25")
    assert table.usd_to(Decimal("12.34"), "USD") == Decimal("12.34")
    assert table.to_usd(Decimal(7500), "JPY") == Decimal(50)
    assert table.to_usd(Decimal("46"), "eur") == Decimal(50)


@pytest.mark.parametrize("method", ["units_per_usd", "usd_to", "to_usd"])
def test_unknown_currency_is_an_input_error_naming_it(method: str) -> None:
    table = rates()
    args: tuple[object, ...] = ("GBP",) if method == "units_per_usd" else (Decimal(1), "GBP")
    with pytest.raises(InputError) as caught:
        getattr(table, method)(*args)
    assert caught.value.field == "currency"
    assert "'GBP'" in caught.value.message
    # ...and says which currencies it does know.
    assert "EUR, JPY, USD" in caught.value.message


def test_plain_lookup_of_an_unknown_currency_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        rates()["GBP"]
