"""The quick parser (tomllib) and the parser of record (tomlkit) read files alike.

A good file is read by tomllib alone; any problem is worded from tomlkit's document. So
the two must give the same settings and catalog for every good file, and a problem found
by either must still come out as tomlkit's message.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.settings.errors import SettingsError
from livetally.settings.gift_file import _catalog, load_gift_catalog
from livetally.settings.locate import Locator
from livetally.settings.model import Settings
from livetally.settings.read import check_settings, read_settings
from livetally.settings.source import parse_document
from tests.conftest import RESOURCES, python_prints


def exactly(settings: Settings) -> tuple[object, ...]:
    """Everything read, with every Decimal as its digits (0.05 and 0.050 differ here)."""
    return (
        settings.path,
        settings.schema_version,
        settings.country,
        settings.currency,
        {code: str(rate) for code, rate in settings.exchange_rates.items()},
        {code: repr(profile) for code, profile in settings.profiles.items()},
    )


def both_ways(text: str, path: Path) -> tuple[object, object]:
    """The settings checked from tomllib's values and from tomlkit's document."""
    quick = check_settings(tomllib.loads(text, parse_float=Decimal), text, path)
    careful = check_settings(parse_document(text, path), text, path)
    return exactly(quick), exactly(careful)


def test_the_shipped_settings_read_the_same_both_ways(settings_path: Path) -> None:
    quick, careful = both_ways(settings_path.read_text(encoding="utf-8"), settings_path)
    assert quick == careful


@pytest.mark.parametrize(
    "spelling",
    ["0.05", "0.050", "5e-2", "5.0E-2", "+0.05", "0.0_5", '"0.05"', '" 0.05 "'],
)
def test_every_number_spelling_gives_the_same_exact_value(
    settings_path: Path, spelling: str
) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(
        "diamond_usd = 0.05 ", f"diamond_usd = {spelling} ", 1
    )
    quick, careful = both_ways(text, settings_path)
    assert quick == careful


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("diamond_usd = 0.05 ", "diamond_usd = 1.5e400 "), "diamond_usd"),
        (("diamond_usd = 0.05 ", "diamond_usd = nan "), "got nan"),
        (("diamond_usd = 0.05 ", "diamond_usd = true "), "got true"),
        (('country = "US"', 'country = "XX"'), "expected one of the [countries] sections"),
        (("USD = 1", "USD = 1\nUSD = 2"), "defined twice"),
        (("[app]", "[app"), "invalid TOML"),
    ],
)
def test_a_problem_is_worded_from_the_file_as_written(
    settings_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(*change, 1)
    settings_path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        read_settings(settings_path)
    assert expected in str(error.value)
    assert str(error.value).startswith(str(settings_path))


def test_a_float_written_with_its_own_text_is_quoted_as_written(settings_path: Path) -> None:
    """Only tomlkit keeps "-5.0e-2" as written; the message must show that text."""
    text = settings_path.read_text(encoding="utf-8").replace(
        "diamond_usd = 0.05 ", "diamond_usd = -5.0e-2 ", 1
    )
    settings_path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=r"got -5\.0e-2"):
        read_settings(settings_path)


def test_the_shipped_gift_catalog_reads_the_same_both_ways() -> None:
    path = RESOURCES / "gifts.toml"
    text = path.read_text(encoding="utf-8")
    where = Locator(path, text)
    quick = _catalog(tomllib.loads(text, parse_float=Decimal), where)
    careful = _catalog(parse_document(text, path), where)
    assert list(quick) == list(careful)
    assert len(list(quick)) > 200


def test_a_gift_priced_as_a_float_keeps_its_message(tmp_path: Path) -> None:
    path = tmp_path / "gifts.toml"
    path.write_text("schema_version = 1\n[gifts]\nRose = { coins = 1.5 }\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r":3: gifts\.Rose\.coins: must be a whole number"):
        load_gift_catalog(path)


def test_reading_good_files_does_not_import_tomlkit(tmp_path: Path) -> None:
    """tomlkit costs start-up time; a good file never needs it."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from livetally.settings.document import SettingsFile\n"
        "from livetally.settings.gift_file import load_gift_catalog\n"
        f"SettingsFile.load(Path({str(RESOURCES / 'settings.toml')!r}))\n"
        f"load_gift_catalog(Path({str(RESOURCES / 'gifts.toml')!r}))\n"
        "print(any(name.startswith('tomlkit') for name in sys.modules))"
    )
    assert python_prints(code) == "False"
