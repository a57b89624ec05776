"""``[app] tax_reserve_percent``: optional, read exactly, bounded 0..100, edited in place."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core.rates import TAX_RESERVE_PERCENT
from livetally.settings import edits
from livetally.settings.document import SettingsFile
from livetally.settings.errors import SettingsError
from livetally.settings.read import read_settings
from tests.settings.conftest import line_of_text
from tests.settings.test_edits import changes, line

SHIPPED_LINE = "tax_reserve_percent = 0\n"


def test_shipped_file_sets_none_aside_and_says_it_is_the_creators_own_estimate(
    settings_path: Path,
) -> None:
    text = settings_path.read_text(encoding="utf-8")
    assert read_settings(settings_path).tax_reserve_percent == 0
    comment = text[text.index("[app]") : text.index(SHIPPED_LINE)]
    assert "YOUR OWN\n# ESTIMATE, not advice" in comment


def test_a_file_without_the_key_sets_none_aside(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8")
    settings_path.write_text(text.replace(SHIPPED_LINE, ""), encoding="utf-8")
    assert read_settings(settings_path).tax_reserve_percent == 0


@pytest.mark.parametrize(
    ("written", "expected"),
    [("25", Decimal(25)), ("27.5", Decimal("27.5")), ('"0.1"', Decimal("0.1")), ("100", 100)],
)
def test_the_percentage_is_read_exactly(
    settings_path: Path, written: str, expected: Decimal
) -> None:
    text = settings_path.read_text(encoding="utf-8")
    settings_path.write_text(
        text.replace(SHIPPED_LINE, f"tax_reserve_percent = {written}\n"), encoding="utf-8"
    )
    assert read_settings(settings_path).tax_reserve_percent == expected


@pytest.mark.parametrize(("written", "shown"), [("101", "101"), ("-1", "-1"), ('"lots"', None)])
def test_a_percentage_outside_0_to_100_names_file_line_and_field(
    settings_path: Path, written: str, shown: str | None
) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(
        SHIPPED_LINE, f"tax_reserve_percent = {written}\n"
    )
    settings_path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        read_settings(settings_path)
    error = caught.value
    assert error.field == "app.tax_reserve_percent"
    assert error.line == line_of_text(text, "tax_reserve_percent =")
    if shown is None:
        assert "as a number" in error.message
    else:
        assert error.message == f"expected a number between 0 and 100, got {shown}"


def test_the_bounds_come_from_the_one_declaration() -> None:
    bounds = TAX_RESERVE_PERCENT.bounds
    assert bounds is not None
    assert (bounds.minimum, bounds.maximum) == (0, 100)


def test_setting_it_changes_one_line(settings_path: Path) -> None:
    loaded = SettingsFile.load(settings_path)
    number, old = line(loaded.text, SHIPPED_LINE.strip())
    edited = edits.with_tax_reserve_percent(loaded, Decimal("27.5"))
    assert changes(loaded.text, edited.text) == [
        ("-", number, old),
        ("+", number, "tax_reserve_percent = 27.5"),
    ]
    assert edited.settings.tax_reserve_percent == Decimal("27.5")


def test_setting_it_where_it_is_absent_adds_it_to_app(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(SHIPPED_LINE, "")
    settings_path.write_text(text, encoding="utf-8")
    edited = edits.with_tax_reserve_percent(SettingsFile.load(settings_path), Decimal(30))
    app = edited.text[edited.text.index("[app]") : edited.text.index("[defaults]")]
    assert "tax_reserve_percent = 30" in app
    assert edited.settings.tax_reserve_percent == 30


def test_an_edit_out_of_bounds_is_refused(settings_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"app\.tax_reserve_percent: expected a number"):
        edits.with_tax_reserve_percent(SettingsFile.load(settings_path), Decimal(150))
