"""Reading settings.toml: exact decimals, and one precise message for each broken file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core.money import InputError
from livetally.settings.errors import SettingsError
from livetally.settings.read import read_settings
from tests.settings.conftest import line_of_text


def test_shipped_file_loads_with_fifteen_or_more_countries(settings_path: Path) -> None:
    settings = read_settings(settings_path)
    assert len(settings.profiles) >= 15
    assert settings.country == "US"
    assert settings.currency == "USD"
    for profile in settings.profiles.values():
        assert Decimal(50) <= profile.payout_minimum_usd <= Decimal(100)
        assert profile.currency in settings.exchange_rates
    us = settings.profile()
    assert (us.coin_usd, us.diamonds_per_coin, us.diamond_usd) == (
        Decimal("0.01"),
        Decimal("0.1"),
        Decimal("0.05"),
    )
    assert us.creator_share == Decimal("0.5")
    assert settings.exchange_rates["EUR"] == Decimal("0.92")


def test_shipped_file_says_figures_are_estimates_to_check(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8")
    assert "ESTIMATES" in text
    assert "wallet" in text
    assert "livetally calibrate" in text


def test_country_overrides_inherit_the_rest(settings_path: Path) -> None:
    settings = read_settings(settings_path)
    brazil = settings.profile("br")
    assert brazil.currency == "BRL"
    assert brazil.payout_minimum_usd == Decimal(100)
    assert brazil.diamond_usd == Decimal("0.05")


def _edit(path: Path, old: str, new: str, *, after: str = "") -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    at = text.index(old, start)
    text = text[:at] + new + text[at + len(old) :]
    path.write_text(text, encoding="utf-8")
    return text


def _append(path: Path, extra: str) -> str:
    text = path.read_text(encoding="utf-8") + extra
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('coin_usd = "0.0105"', Decimal("0.0105")),
        ("coin_usd = 0.0105", Decimal("0.0105")),
        ("coin_usd = 1.05e-2", Decimal("0.0105")),
        (
            "coin_usd = 0.1000000000000000055511151231257827",
            Decimal("0.1000000000000000055511151231257827"),
        ),
        ("coin_usd = 1", Decimal(1)),
    ],
)
def test_numbers_are_read_from_their_text_not_through_float(
    settings_path: Path, text: str, expected: Decimal
) -> None:
    _edit(settings_path, "coin_usd = 0.01 ", text + " ")
    assert read_settings(settings_path).profile("US").coin_usd == expected


def _error(path: Path) -> SettingsError:
    before = path.read_bytes()
    with pytest.raises(SettingsError) as caught:
        read_settings(path)
    assert path.read_bytes() == before, "a broken file must be left exactly as it was"
    return caught.value


def test_truncated_file_names_the_line_of_the_syntax_error(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8")
    cut = text.index('name = "Germany"') + len('name = "Ger')
    settings_path.write_text(text[:cut], encoding="utf-8")
    error = _error(settings_path)
    assert error.line == line_of_text(text, 'name = "Germany"')
    assert str(error) == (
        f"{settings_path}:{error.line}: invalid TOML at column 1: Unexpected end of file"
    )


def test_empty_file_asks_for_the_schema_version(settings_path: Path) -> None:
    settings_path.write_text("", encoding="utf-8")
    assert str(_error(settings_path)) == (
        f"{settings_path}: schema_version: is missing; expected schema_version = 1"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(SettingsError, match=r"nope\.toml: cannot be read: No such file"):
        read_settings(path)


def test_not_utf8_names_the_line(settings_path: Path) -> None:
    data = settings_path.read_bytes().replace(b'"Germany"', b'"Germ\xe4ny"')
    settings_path.write_bytes(data)
    line = data[: data.index(b"Germ\xe4ny")].count(b"\n") + 1
    assert str(_error(settings_path)) == (
        f"{settings_path}:{line}: not UTF-8 text: byte 0xe4 at column 13; save the file as UTF-8"
    )


def test_a_key_written_twice_names_the_second_line(settings_path: Path) -> None:
    text = _edit(
        settings_path,
        'currency = "EUR"',
        'currency = "EUR"\ncurrency = "USD"',
        after="[countries.IT]",
    )
    line = line_of_text(text, 'currency = "USD"', after="[countries.IT]")
    assert str(_error(settings_path)) == (
        f'{settings_path}:{line}: invalid TOML: "currency" is defined twice; keep one'
    )


def test_utf8_with_bom_is_accepted(settings_path: Path) -> None:
    settings_path.write_bytes(b"\xef\xbb\xbf" + settings_path.read_bytes())
    assert read_settings(settings_path).country == "US"


@pytest.mark.parametrize(
    ("old", "new", "after", "field", "message"),
    [
        (
            "coin_usd = 0.01",
            'coin_usd = "cheap"',
            "[defaults]",
            "defaults.coin_usd",
            'expected what a viewer pays for one coin, in USD as a number, got "cheap"',
        ),
        (
            "diamond_usd = 0.05",
            "diamond_usd = true",
            "[defaults]",
            "defaults.diamond_usd",
            "expected cash value of one diamond at withdrawal, in USD as a number, got true",
        ),
        (
            'payout_method = "PayPal"',
            "payout_method = 5",
            "[defaults]",
            "defaults.payout_method",
            "expected text in quotes, got 5",
        ),
        (
            "EUR = 0.92",
            "EUR = [0.92]",
            "[currencies]",
            "currencies.EUR",
            "expected units of the currency per 1 USD as a number, got [0.92]",
        ),
        (
            'name = "Germany"',
            "name = 49",
            "",
            "countries.DE.name",
            "expected text in quotes, got 49",
        ),
        (
            'country = "US"',
            "country = 1",
            "[app]",
            "app.country",
            "expected a two-letter country code, got 1",
        ),
        (
            "schema_version = 1",
            'schema_version = "one"',
            "",
            "schema_version",
            'expected a whole number such as 1, got "one"',
        ),
    ],
)
def test_wrong_types(
    settings_path: Path, old: str, new: str, after: str, field: str, message: str
) -> None:
    text = _edit(settings_path, old, new, after=after)
    line = line_of_text(text, new, after=after)
    assert str(_error(settings_path)) == f"{settings_path}:{line}: {field}: {message}"


@pytest.mark.parametrize(
    ("old", "new", "after", "field", "message"),
    [
        (
            "diamond_usd = 0.05",
            "diamond_usd = -0.05",
            "[defaults]",
            "defaults.diamond_usd",
            "expected a number between 0.0001 and 1, got -0.05",
        ),
        (
            "coin_usd = 0.01",
            "coin_usd = 0",
            "[defaults]",
            "defaults.coin_usd",
            "expected a number between 0.001 and 1, got 0",
        ),
        (
            "payout_minimum_usd = 50",
            "payout_minimum_usd = -1",
            "[defaults]",
            "defaults.payout_minimum_usd",
            "expected a number between 0 and 10,000, got -1",
        ),
        (
            "payout_fee_percent = 0",
            "payout_fee_percent = 100",
            "[defaults]",
            "defaults.payout_fee_percent",
            "expected a number between 0 and 50, got 100",
        ),
        (
            "JPY = 150",
            "JPY = 0.0",
            "[currencies]",
            "currencies.JPY",
            "expected a number between 0.01 and 10,000,000, got 0.0",
        ),
        (
            "diamond_usd = 0.05",
            "diamond_usd = 1e-400",
            "[defaults]",
            "defaults.diamond_usd",
            "expected a number between 0.0001 and 1, got 1e-400",
        ),
        (
            "diamond_usd = 0.05",
            "diamond_usd = 0.000000000000000000000000001",
            "[defaults]",
            "defaults.diamond_usd",
            "expected a number between 0.0001 and 1, got 0.000000000000000000000000001",
        ),
        (
            "coin_usd = 0.01",
            "coin_usd = 1e27",
            "[defaults]",
            "defaults.coin_usd",
            "expected a number between 0.001 and 1, got 1e27",
        ),
        (
            "USD = 1",
            "USD = 2",
            "[currencies]",
            "currencies.USD",
            "must be 1 (rates are per 1 USD), got 2",
        ),
        (
            "coin_usd = 0.01",
            "coin_usd = inf",
            "[defaults]",
            "defaults.coin_usd",
            "expected what a viewer pays for one coin, in USD as a number, got inf",
        ),
    ],
)
def test_bad_values(
    settings_path: Path, old: str, new: str, after: str, field: str, message: str
) -> None:
    text = _edit(settings_path, old, new, after=after)
    line = line_of_text(text, new, after=after)
    assert str(_error(settings_path)) == f"{settings_path}:{line}: {field}: {message}"


def test_share_above_100_percent_in_a_country(settings_path: Path) -> None:
    text = _edit(
        settings_path,
        'currency = "EUR"',
        'currency = "EUR"\ndiamond_usd = 0.5',
        after="[countries.DE]",
    )
    line = line_of_text(text, "diamond_usd = 0.5")
    assert str(_error(settings_path)) == (
        f"{settings_path}:{line}: countries.DE.diamond_usd: diamonds_per_coin x diamond_usd / "
        "coin_usd gives a creator share of 500.0%, above 100% of what viewers paid"
    )


def test_share_above_100_percent_from_a_countrys_own_coin_price(settings_path: Path) -> None:
    text = _edit(
        settings_path,
        'currency = "EUR"',
        'currency = "EUR"\ncoin_usd = 0.001',
        after="[countries.DE]",
    )
    line = line_of_text(text, "coin_usd = 0.001")
    assert str(_error(settings_path)).startswith(
        f"{settings_path}:{line}: countries.DE.coin_usd: diamonds_per_coin x diamond_usd / "
    )


def test_share_above_100_percent_in_defaults_names_who_inherits_it(settings_path: Path) -> None:
    text = _edit(
        settings_path, "diamonds_per_coin = 0.1", "diamonds_per_coin = 1", after="[defaults]"
    )
    line = line_of_text(text, "diamond_usd = 0.05", after="[defaults]")
    assert str(_error(settings_path)) == (
        f"{settings_path}:{line}: defaults.diamond_usd: diamonds_per_coin x diamond_usd / "
        "coin_usd gives a creator share of 500.0%, above 100% of what viewers paid "
        "(inherited by US)"
    )


@pytest.mark.parametrize(
    ("old", "new", "after", "field", "message"),
    [
        (
            'country = "US"',
            'country = "XX"',
            "[app]",
            "app.country",
            "expected one of the [countries] sections (",
        ),
        (
            'currency = "USD"',
            'currency = "ABC"',
            "[app]",
            "app.currency",
            "expected a currency listed in [currencies] (",
        ),
        (
            'currency = "EUR"',
            'currency = "XYZ"',
            "[countries.DE]",
            "countries.DE.currency",
            "expected a currency listed in [currencies] (",
        ),
        (
            "diamond_usd = 0.05",
            "diamond_usdd = 0.05",
            "[defaults]",
            "defaults.diamond_usdd",
            "unknown setting; did you mean 'diamond_usd'? (known here: ",
        ),
    ],
)
def test_unknown_references(
    settings_path: Path, old: str, new: str, after: str, field: str, message: str
) -> None:
    text = _edit(settings_path, old, new, after=after)
    line = line_of_text(text, new, after=after)
    assert str(_error(settings_path)).startswith(f"{settings_path}:{line}: {field}: {message}")


def test_missing_country_name_points_at_its_section(settings_path: Path) -> None:
    text = _edit(settings_path, 'name = "Germany"\n', "")
    line = line_of_text(text, "[countries.DE]")
    assert str(_error(settings_path)) == (
        f"{settings_path}:{line}: countries.DE.name: is missing; "
        "expected the country's name as shown"
    )


def test_lower_case_country_section_is_refused(settings_path: Path) -> None:
    text = _append(settings_path, '\n[countries.fr2]\nname = "x"\ncurrency = "EUR"\n')
    line = line_of_text(text, "[countries.fr2]")
    assert str(_error(settings_path)) == (
        f"{settings_path}:{line}: countries.fr2: expected a two-letter country code in "
        "capitals, like US"
    )


def test_file_from_a_newer_version_is_refused(settings_path: Path) -> None:
    text = _edit(settings_path, "schema_version = 1", "schema_version = 2")
    line = line_of_text(text, "schema_version = 2")
    assert str(_error(settings_path)) == (
        f"{settings_path}:{line}: schema_version: this file was written by a newer LiveTally "
        "(version 2); this one reads up to version 1: update LiveTally"
    )


def test_unknown_country_asked_for_lists_the_known(settings_path: Path) -> None:
    settings = read_settings(settings_path)
    with pytest.raises(InputError, match=r"no profile for 'XX' in settings.toml; known: AE, AU"):
        settings.profile("xx")
