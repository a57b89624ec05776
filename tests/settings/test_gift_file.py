"""The gift catalog file: the shipped one loads, and every broken one says where and why."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit

from livetally.core.gifts import Gift
from livetally.settings.errors import SettingsError
from livetally.settings.gift_file import load_gift_catalog

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
HEAD = "# my gifts\nschema_version = 1\n\n[gifts]\n"  # entries start on line 5


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "gifts.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def error_for(path: Path) -> SettingsError:
    """The error loading ``path`` raises, checking the file was left exactly as it was."""
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(SettingsError) as caught:
        load_gift_catalog(path)
    after = path.read_bytes() if path.is_file() else None
    assert after == before
    return caught.value


def test_shipped_catalog_loads_every_gift() -> None:
    catalog = load_gift_catalog(RESOURCES / "gifts.toml")
    assert len(catalog) == 232
    prices = {
        "Rose": 1,
        "TikTok": 1,
        "Finger Heart": 5,
        "Galaxy": 1000,
        "Lion": 29999,
        "TikTok Universe": 44999,
    }
    assert {name: catalog.find(name).coins for name in prices} == prices
    assert catalog.find("rose") == Gift("Rose", 1, 5655)
    assert catalog.find("lion's mane") == Gift("Lion's Mane", 500, 8795)
    assert catalog.find("Football") == Gift("Football", 1, None)


def test_shipped_catalog_is_cheapest_first_with_schema_1_and_its_notice() -> None:
    text = (RESOURCES / "gifts.toml").read_text(encoding="utf-8")
    document = tomlkit.parse(text).unwrap()
    assert document["schema_version"] == 1
    coins = [entry["coins"] for entry in document["gifts"].values()]
    assert coins == sorted(coins)
    assert "gifts-LICENSE.txt" in text
    notice = (RESOURCES / "gifts-LICENSE.txt").read_text(encoding="utf-8")
    assert "rqinix/TNTCoin" in notice.splitlines()[0]
    assert "Copyright (c) 2024 Rqinix" in notice


def test_a_valid_file_keeps_order_names_and_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeff" + HEAD + 'Rose = { coins = 1, id = 5655 }\n"  Finger   Heart " = { coins = 5 }\n'
        "[gifts.Galaxy]\ncoins = 1_000\nid = 11046\n",
    )
    assert list(load_gift_catalog(path)) == [
        Gift("Rose", 1, 5655),
        Gift("Finger Heart", 5, None),
        Gift("Galaxy", 1000, 11046),
    ]


def test_an_empty_gift_table_is_an_empty_catalog(tmp_path: Path) -> None:
    assert len(load_gift_catalog(write(tmp_path, HEAD))) == 0


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    assert str(error_for(path)) == f"{path}: cannot be read: No such file or directory"
    assert not path.exists()


def test_a_directory_instead_of_a_file(tmp_path: Path) -> None:
    try:  # "Is a directory", or "Permission denied" on Windows
        tmp_path.read_bytes()
    except OSError as reading:
        reason = reading.strerror
    error = error_for(tmp_path)
    assert str(error) == f"{tmp_path}: cannot be read: {reason}"
    assert (error.line, error.field) == (None, None)


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD.encode() + b"R\xf6se = { coins = 1 }\n")
    error = error_for(path)
    assert str(error) == f"{path}:5: not UTF-8 text: byte 0xf6 at column 2; save the file as UTF-8"
    assert (error.line, error.field) == (5, None)


def test_a_toml_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "Rose = { coins = 1 }\nLily = { coins = x }\n")
    error = error_for(path)
    assert str(error) == f"{path}:6: invalid TOML at column 18: Unexpected character: 'x'"
    assert error.line == 6


def test_a_file_ending_inside_a_value(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "Rose = { coins = 1\n")
    assert str(error_for(path)) == (
        f"{path}:5: invalid TOML: the file ends inside a value; is a }}, ] or quote missing?"
    )


def test_the_same_key_written_twice(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEAD + "Rose = { coins = 1 }\nLily = { coins = 2 }\n\nRose = { coins = 3 }\n"
    )
    assert str(error_for(path)) == f'{path}:8: invalid TOML: "Rose" is defined twice; keep one'


def test_the_same_key_twice_inside_an_entry(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "Lily = { coins = 2 }\nRose = { coins = 1, coins = 3 }\n")
    assert str(error_for(path)) == f'{path}:6: invalid TOML: "coins" is defined twice; keep one'


def test_a_missing_schema_version(tmp_path: Path) -> None:
    path = write(tmp_path, "[gifts]\nRose = { coins = 1 }\n")
    assert str(error_for(path)) == (
        f"{path}: schema_version: is missing; expected schema_version = 1 at the top"
    )


def test_an_unsupported_schema_version(tmp_path: Path) -> None:
    path = write(tmp_path, "# future\nschema_version = 2\n[gifts]\n")
    error = error_for(path)
    assert str(error) == (
        f"{path}:2: schema_version: unsupported version 2; this LiveTally reads version 1"
    )
    assert (error.line, error.field) == (2, "schema_version")


@pytest.mark.parametrize("written", ['"1"', "true", "1.0"])
def test_a_schema_version_that_is_not_a_whole_number(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, f"schema_version = {written}\n[gifts]\n")
    assert str(error_for(path)) == (
        f"{path}:1: schema_version: expected the whole number 1, got {written}"
    )


def test_a_missing_gifts_table(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = 1\n")
    assert str(error_for(path)) == (
        f"{path}: gifts: is missing; expected a [gifts] table of lines such as "
        "Rose = { coins = 1, id = 5655 }"
    )


def test_gifts_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = 1\ngifts = 5\n")
    assert str(error_for(path)) == f"{path}:2: gifts: expected a [gifts] table, got 5"


def test_an_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = 1\nversion = 1\n[gifts]\n")
    assert str(error_for(path)) == (
        f"{path}:2: version: unknown key; this file holds schema_version and [gifts]"
    )


def test_an_entry_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "Rose = { coins = 1 }\nLily = 5\n")
    error = error_for(path)
    assert str(error) == f"{path}:6: gifts.Lily: expected a table such as {{ coins = 1 }}, got 5"
    assert (error.line, error.field) == (6, "gifts.Lily")


def test_an_entry_without_coins(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '"Finger Heart" = { id = 5487 }\n')
    assert str(error_for(path)) == (
        f'{path}:5: gifts."Finger Heart".coins: is missing; '
        "expected the price viewers pay, such as coins = 1"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0", "expected a whole number of coins between 1 and 1,000,000, got 0"),
        ("-1", "expected a whole number of coins between 1 and 1,000,000, got -1"),
        ("1.5", "must be a whole number of coins, got 1.5"),
        ("1e3", "must be a whole number of coins, got 1e3"),
        ("true", "expected a whole number of coins between 1 and 1,000,000, got true"),
        ('"5"', 'expected a whole number of coins between 1 and 1,000,000, got "5"'),
        ("[1]", "expected a whole number of coins between 1 and 1,000,000, got [1]"),
        (
            "10_000_000_000_000",
            "expected a whole number of coins between 1 and 1,000,000, got 10000000000000",
        ),
    ],
)
def test_coins_that_are_not_a_price(tmp_path: Path, written: str, message: str) -> None:
    path = write(
        tmp_path, HEAD + f'Rose = {{ coins = 1 }}\n"Lion\'s Mane" = {{ coins = {written} }}\n'
    )
    error = error_for(path)
    assert str(error) == f'{path}:6: gifts."Lion\'s Mane".coins: {message}'
    assert (error.line, error.field) == (6, 'gifts."Lion\'s Mane".coins')


def test_bad_coins_in_a_sub_table_point_at_their_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = 1\n\n[gifts.Galaxy]\nid = 11046\ncoins = 1.5\n")
    assert (
        str(error_for(path))
        == f"{path}:5: gifts.Galaxy.coins: must be a whole number of coins, got 1.5"
    )


@pytest.mark.parametrize("written", ["0", "-5655", "true", '"5655"', "5655.0"])
def test_an_id_that_is_not_a_positive_whole_number(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, HEAD + f"Rose = {{ coins = 1, id = {written} }}\n")
    assert str(error_for(path)) == (
        f"{path}:5: gifts.Rose.id: expected TikTok's gift id, a whole number between 1 and "
        f"1,000,000,000, got {written}"
    )


def test_an_unknown_key_in_an_entry(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "Rose = { coins = 1, ID = 5655 }\n")
    assert (
        str(error_for(path))
        == f"{path}:5: gifts.Rose.ID: unknown key; a gift has only coins and id"
    )


@pytest.mark.parametrize("written", ['""', '"   "', "''"])
def test_an_empty_name(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, HEAD + f"Rose = {{ coins = 1 }}\n{written} = {{ coins = 2 }}\n")
    error = error_for(path)
    assert error.line == 6
    assert error.message == "the gift name is empty; write the name viewers see, such as Rose"


def test_an_empty_name_message(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '"" = { coins = 2 }\n')
    assert str(error_for(path)) == (
        f'{path}:5: gifts."": the gift name is empty; write the name viewers see, such as Rose'
    )


def test_two_names_equal_ignoring_case_point_at_the_second(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + '"Finger Heart" = { coins = 5 }\nRose = { coins = 1 }\n"finger  HEART" = { coins = 6 }\n',
    )
    error = error_for(path)
    assert str(error) == (
        f'{path}:7: gifts."finger  HEART": is the same gift as "Finger Heart" on line 5; '
        "names are matched ignoring case, so keep one"
    )
    assert (error.line, error.field) == (7, 'gifts."finger  HEART"')
