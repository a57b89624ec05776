"""Strict parsing of what people type, and the rounding helpers that run once, at the edge."""

from __future__ import annotations

from decimal import Decimal

import pytest

from livetally.core.money import (
    CENT,
    MAX_AMOUNT,
    MAX_COUNT,
    ONE,
    InputError,
    format_decimal,
    minor_unit,
    parse_amount,
    parse_count,
    round_down,
    round_half_up,
    round_up,
    whole_diamonds,
)

# --- parse_count ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10000", 10_000),
        ("10,000", 10_000),
        ("10_000", 10_000),
        ("1,234,567", 1_234_567),
        (" 7 ", 7),
        ("0", 0),
        ("007", 7),
        (7, 7),
        (0, 0),
        (10_000, 10_000),
    ],
)
def test_parse_count_accepts_whole_counts(text: str | int, expected: int) -> None:
    value = parse_count(text, "coins")
    assert value == expected
    assert type(value) is int


def test_parse_count_accepts_exactly_the_maximum() -> None:
    assert parse_count(str(MAX_COUNT), "coins") == MAX_COUNT
    assert parse_count("500", "coins", maximum=500) == 500


@pytest.mark.parametrize(
    ("text", "expected_words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("-5", "must not be negative"),
        (-5, "must not be negative"),
        ("2.5", "must be a whole number"),
        ("1,000.5", "must be a whole number"),
        ("+5", "without a sign"),
        ("abc", "expected a whole number"),
        ("1e3", "expected a whole number"),
        ("10,00", "expected a whole number"),
        ("10 000", "expected a whole number"),
        ("0x10", "expected a whole number"),
        (True, "expected a whole number"),
        (False, "expected a whole number"),
        (str(MAX_COUNT + 1), "too large"),
        (MAX_COUNT + 1, "too large"),
    ],
)
def test_parse_count_refuses_with_a_message_saying_what_is_wrong(
    text: str | int, expected_words: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_count(text, "coins")
    error = caught.value
    assert error.field == "coins"
    assert expected_words in error.message
    assert str(error) == f"coins: {error.message}"


def test_parse_count_honours_a_lower_maximum_and_names_it() -> None:
    with pytest.raises(InputError, match="too large") as caught:
        parse_count("501", "gifts", maximum=500)
    assert caught.value.field == "gifts"
    assert "500" in caught.value.message


def test_input_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="diamonds"):
        parse_count("x", "diamonds")


# --- parse_amount -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("49.99", Decimal("49.99")),
        ("1,250.5", Decimal("1250.5")),
        (".5", Decimal("0.5")),
        ("0", Decimal(0)),
        ("50", Decimal(50)),
        (" 12.30 ", Decimal("12.30")),
        ("1_000.25", Decimal("1000.25")),
        (Decimal("49.99"), Decimal("49.99")),
        (Decimal("5E+1"), Decimal(50)),
    ],
)
def test_parse_amount_reads_amounts_exactly(text: str | Decimal, expected: Decimal) -> None:
    value = parse_amount(text, "amount")
    assert isinstance(value, Decimal)
    assert value == expected


def test_parse_amount_keeps_every_digit() -> None:
    # No float on the way: 0.1 stays 0.1, not 0.1000000000000000055511151231257827.
    assert parse_amount("0.1", "rate") == Decimal("0.1")
    assert parse_amount("0.1", "rate").as_tuple() == Decimal("0.1").as_tuple()
    assert parse_amount("0.0105", "rate") == Decimal("0.0105")


@pytest.mark.parametrize(
    ("text", "expected_words"),
    [
        ("NaN", "expected an amount"),
        ("nan", "expected an amount"),
        ("Infinity", "expected an amount"),
        ("inf", "expected an amount"),
        ("1e5", "expected an amount"),
        ("1E5", "expected an amount"),
        ("-1", "must not be negative"),
        ("-0.01", "must not be negative"),
        ("", "empty"),
        ("  ", "empty"),
        ("abc", "expected an amount"),
        ("1.2.3", "expected an amount"),
        ("12,34", "expected an amount"),
        ("$5", "expected an amount"),
        (Decimal("NaN"), "expected a number"),
        (Decimal("Infinity"), "expected a number"),
        (Decimal("-1"), "must not be negative"),
        (str(MAX_AMOUNT + 1), "too large"),
    ],
)
def test_parse_amount_refuses_with_a_message_saying_what_is_wrong(
    text: str | Decimal, expected_words: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_amount(text, "wallet-usd")
    assert caught.value.field == "wallet-usd"
    assert expected_words in caught.value.message


@pytest.mark.parametrize("zero", ["0", "0.00", ".0", Decimal(0), Decimal("0.000")])
def test_parse_amount_refuses_zero_when_asked(zero: str | Decimal) -> None:
    with pytest.raises(InputError, match="must be greater than 0"):
        parse_amount(zero, "coin_usd", allow_zero=False)
    assert parse_amount(zero, "coin_usd") == 0


def test_parse_amount_allow_zero_false_still_takes_positive_amounts() -> None:
    assert parse_amount("0.01", "coin_usd", allow_zero=False) == CENT


def test_parse_amount_honours_its_maximum() -> None:
    assert parse_amount("100", "fee", maximum=Decimal(100)) == 100
    with pytest.raises(InputError, match="too large"):
        parse_amount("100.01", "fee", maximum=Decimal(100))


# --- format_decimal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("5E+1"), "50"),
        (Decimal("0.0500"), "0.05"),
        (Decimal("0.000"), "0"),
        (Decimal("-1.50"), "-1.5"),
        (Decimal("-0.00"), "0"),
        (Decimal("-0"), "0"),
        (Decimal("100"), "100"),
        (Decimal("100.0"), "100"),
        (Decimal("1E+3"), "1000"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("0.005000000000"), "0.005"),
        (Decimal("12.345"), "12.345"),
    ],
)
def test_format_decimal_writes_plain_fixed_point(value: Decimal, expected: str) -> None:
    assert format_decimal(value) == expected


# --- minor_unit and the rounding helpers ------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "unit"),
    [
        ("USD", Decimal("0.01")),
        ("EUR", Decimal("0.01")),
        ("GBP", Decimal("0.01")),
        ("JPY", Decimal(1)),
        ("jpy", Decimal(1)),
        ("KRW", Decimal(1)),
        ("VND", Decimal(1)),
        ("CLP", Decimal(1)),
    ],
)
def test_minor_unit(currency: str, unit: Decimal) -> None:
    assert minor_unit(currency) == unit


def test_round_down_drops_fractions_of_a_cent() -> None:
    assert round_down(Decimal("0.005")) == Decimal("0.00")
    assert round_down(Decimal("0.0999")) == Decimal("0.09")
    assert round_down(Decimal("49.999")) == Decimal("49.99")
    assert round_down(Decimal("2.25"), ONE) == 2
    assert round_down(Decimal("7")) == Decimal("7.00")


def test_round_up_reaches_the_figure() -> None:
    assert round_up(Decimal("1000.2")) == 1001
    assert round_up(Decimal("1000")) == 1000
    assert round_up(Decimal("0.0001"), CENT) == Decimal("0.01")
    assert round_up(Decimal("1.021"), CENT) == Decimal("1.03")


def test_round_half_up_is_commercial_rounding() -> None:
    # Half-even would give 0.10 and 0.02 here.
    assert round_half_up(Decimal("0.105")) == Decimal("0.11")
    assert round_half_up(Decimal("0.025")) == Decimal("0.03")
    assert round_half_up(Decimal("0.0149")) == Decimal("0.01")
    assert round_half_up(Decimal("0.0315")) == Decimal("0.03")


@pytest.mark.parametrize(
    ("exact", "whole"),
    [
        (Decimal("1.5"), 1),
        (Decimal("1.9"), 1),
        (Decimal("0.99"), 0),
        (Decimal(1000), 1000),
        (Decimal("999.999"), 999),
    ],
)
def test_whole_diamonds_drops_the_fraction(exact: Decimal, whole: int) -> None:
    value = whole_diamonds(exact)
    assert value == whole
    assert type(value) is int
