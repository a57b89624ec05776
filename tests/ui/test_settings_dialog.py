"""The settings dialog: edits reach the file exactly where made, bad input never does."""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from livetally.models.session import Session
from livetally.ui import settings_dialog
from livetally.ui.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(session: Session, qtbot: QtBot) -> SettingsDialog:
    opened = SettingsDialog(session)
    qtbot.addWidget(opened)
    opened.open()
    qtbot.waitExposed(opened)
    return opened


def disk(session: Session) -> str:
    return session.settings_file.path.read_text(encoding="utf-8")


def changes(before: str, after: str) -> list[tuple[str, str]]:
    """Removed ("-") and added ("+") lines, in order."""
    found: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, before.split("\n"), after.split("\n"), False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            found += [("-", text) for text in before.split("\n")[i1:i2]]
            found += [("+", text) for text in after.split("\n")[j1:j2]]
    return found


def choose_country(dialog: SettingsDialog, code: str) -> None:
    for row in range(dialog.countries.count()):
        item = dialog.countries.item(row)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == code:
            dialog.countries.setCurrentItem(item)
            return
    raise AssertionError(f"{code} is not in the list")


def listed(dialog: SettingsDialog) -> list[str]:
    items = (dialog.countries.item(row) for row in range(dialog.countries.count()))
    return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Replace what the field holds as a person would: select all, then type or delete."""
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def pick(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    assert index >= 0, f"{code} is not offered"
    combo.setCurrentIndex(index)


def press_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rate_row(dialog: SettingsDialog, code: str) -> int:
    for row in range(dialog.rates.rowCount()):
        item = dialog.rates.item(row, 0)
        if item is not None and item.text() == code:
            return row
    raise AssertionError(f"{code} is not in the table")


# -- the round trip -----------------------------------------------------------------------


def test_ok_writes_exactly_the_changed_lines(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    choose_country(dialog, "DE")
    type_into(qtbot, dialog.figures["diamond_usd"], "0.045")
    pick(dialog.default_country, "DE")
    with qtbot.waitSignal(session.settings_changed, timeout=2000):
        press_ok(qtbot, dialog)
    after = disk(session)
    app_line = next(line for line in before.split("\n") if line.startswith('country = "US"'))
    assert changes(before, after) == [
        ("-", app_line),
        ("+", app_line.replace('"US"', '"DE"')),
        ("+", "diamond_usd = 0.045"),
    ]
    assert 'name = "Germany"\ncurrency = "EUR"\ndiamond_usd = 0.045\n\n[countries.FR]' in after
    assert "# ALL FIGURES BELOW ARE ESTIMATES." in after
    assert session.settings.country == "DE"
    assert session.profile("DE").diamond_usd == Decimal("0.045")
    assert session.profile("FR").diamond_usd == Decimal("0.05")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_ok_without_changes_writes_nothing(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    path = session.settings_file.path
    stamp = path.stat().st_mtime_ns
    with qtbot.assertNotEmitted(session.settings_changed):
        press_ok(qtbot, dialog)
    assert path.stat().st_mtime_ns == stamp
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_report_currency_and_a_rate(dialog: SettingsDialog, session: Session, qtbot: QtBot) -> None:
    before = disk(session)
    pick(dialog.report_currency, "EUR")
    item = dialog.rates.item(rate_row(dialog, "EUR"), 1)
    assert item is not None
    item.setText("0.9")
    press_ok(qtbot, dialog)
    app_line = next(line for line in before.split("\n") if line.startswith('currency = "USD"'))
    assert changes(before, disk(session)) == [
        ("-", app_line),
        ("+", app_line.replace('"USD"', '"EUR"')),
        ("-", "EUR = 0.92"),
        ("+", "EUR = 0.9"),
    ]
    assert session.settings.currency == "EUR"
    assert session.settings.exchange_rates["EUR"] == Decimal("0.9")


def test_cancel_discards_every_edit(dialog: SettingsDialog, session: Session, qtbot: QtBot) -> None:
    before = disk(session)
    choose_country(dialog, "DE")
    type_into(qtbot, dialog.figures["diamond_usd"], "0.045")
    pick(dialog.default_country, "DE")
    with qtbot.assertNotEmitted(session.settings_changed):
        dialog.reject()
    assert disk(session) == before
    assert session.settings.country == "US"


# -- what a country shows -------------------------------------------------------------------


def test_inherited_figures_are_placeholders_and_own_figures_text(
    dialog: SettingsDialog, qtbot: QtBot
) -> None:
    choose_country(dialog, "NZ")
    minimum = dialog.figures["payout_minimum_usd"]
    assert minimum.text() == "60"
    assert minimum.placeholderText() == "50 (default)"
    assert dialog.figures["diamond_usd"].text() == ""
    assert dialog.figures["diamond_usd"].placeholderText() == "0.05 (default)"
    assert dialog.figures["payout_method"].placeholderText() == "PayPal (default)"
    assert dialog.name.text() == "New Zealand"
    assert dialog.currency.currentText() == "NZD"
    assert minimum.alignment() & Qt.AlignmentFlag.AlignRight


def test_clearing_a_figure_returns_it_to_the_default(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    choose_country(dialog, "NZ")
    type_into(qtbot, dialog.figures["payout_minimum_usd"], "")
    press_ok(qtbot, dialog)
    assert changes(before, disk(session)) == [("-", "payout_minimum_usd = 60")]
    assert session.profile("NZ").payout_minimum_usd == Decimal(50)


def test_the_creator_share_follows_the_figures_as_typed(
    dialog: SettingsDialog, qtbot: QtBot
) -> None:
    choose_country(dialog, "DE")
    assert dialog.share.text().startswith("50.0% of what viewers pay")
    assert "1,000 diamonds, worth $50.00 (46.00 EUR)" in dialog.example.text()
    type_into(qtbot, dialog.figures["diamonds_per_coin"], "0.16")
    assert dialog.share.text() == "80.0% of what viewers pay (TikTok keeps 20.0%)"
    type_into(qtbot, dialog.figures["diamond_usd"], "0.07")
    assert dialog.share.text().startswith("112.0%")
    assert not dialog.share_error.isHidden()
    assert "more than viewers paid" in dialog.share_error.message()


def test_an_invalid_value_is_shown_beside_its_field_and_ok_writes_nothing(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    choose_country(dialog, "DE")
    type_into(qtbot, dialog.figures["coin_usd"], "cheap")
    error = dialog.figure_errors["coin_usd"]
    assert not error.isHidden()
    assert error.message() == "Coin price (USD): expected an amount such as 49.99, got 'cheap'"
    assert dialog.share.text() == "—"
    with qtbot.assertNotEmitted(session.settings_changed):
        press_ok(qtbot, dialog)
    assert disk(session) == before
    assert dialog.isVisible()
    assert not dialog.banner.isHidden()
    assert "Nothing was saved" in dialog.banner.text()
    type_into(qtbot, dialog.figures["coin_usd"], "0.01")
    assert error.isHidden()
    assert dialog.banner.isHidden()


def test_an_error_in_another_country_is_brought_into_view(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    choose_country(dialog, "JP")
    type_into(qtbot, dialog.figures["payout_fee_percent"], "100")
    choose_country(dialog, "DE")
    press_ok(qtbot, dialog)
    assert disk(session) == before
    assert dialog.name.text() == "Japan"
    error = dialog.figure_errors["payout_fee_percent"]
    assert "expected a number between 0 and 50, got 100" in error.message()


def test_a_name_is_required(dialog: SettingsDialog, session: Session, qtbot: QtBot) -> None:
    before = disk(session)
    choose_country(dialog, "DE")
    type_into(qtbot, dialog.name, "")
    assert "Name: is empty" in dialog.name_error.message()
    press_ok(qtbot, dialog)
    assert disk(session) == before


def test_a_file_changed_meanwhile_is_not_overwritten(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    choose_country(dialog, "DE")
    type_into(qtbot, dialog.figures["diamond_usd"], "0.045")
    outside = disk(session) + "# typed in an editor\n"
    session.settings_file.path.write_text(outside, encoding="utf-8")
    with qtbot.assertNotEmitted(session.settings_changed):
        press_ok(qtbot, dialog)
    assert disk(session) == outside
    assert dialog.isVisible()
    assert "changed by another program" in dialog.banner.text()
    assert "Nothing was saved" in dialog.banner.text()


def test_edits_go_onto_settings_adopted_while_the_dialog_was_open(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    from livetally.settings.document import SettingsFile

    choose_country(dialog, "DE")
    type_into(qtbot, dialog.figures["diamond_usd"], "0.045")
    outside = disk(session) + "# typed in an editor\n"
    session.settings_file.path.write_text(outside, encoding="utf-8")
    session.adopt_settings(SettingsFile.load(session.settings_file.path))  # as the watcher does
    press_ok(qtbot, dialog)
    assert disk(session).endswith("# typed in an editor\n")
    assert session.profile("DE").diamond_usd == Decimal("0.045")


# -- adding and removing ----------------------------------------------------------------------


def test_adding_a_currency_and_a_country(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.add_rate_button, Qt.MouseButton.LeftButton)
    row = dialog.rates.rowCount() - 1
    assert "Row 22: Currency: is empty" in dialog.rates_error.message()
    editor = dialog.rates.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "nok")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    code = dialog.rates.item(row, 0)
    assert code is not None
    qtbot.waitUntil(lambda: code.text() == "NOK", timeout=2000)
    rate = dialog.rates.item(row, 1)
    assert rate is not None
    rate.setText("10.5")
    assert dialog.rates_error.isHidden(), dialog.rates_error.message()
    assert dialog.report_currency.findData("NOK") >= 0
    dialog.tabs.setCurrentIndex(0)
    type_into(qtbot, dialog.new_code, "no")
    qtbot.keyClick(dialog.new_code, Qt.Key.Key_Return)  # adds the country, does not press OK
    assert dialog.isVisible()
    assert "NO" in listed(dialog)
    assert (dialog.name.text(), dialog.currency.currentText()) == ("Norway", "NOK")
    type_into(qtbot, dialog.figures["payout_minimum_usd"], "75")
    press_ok(qtbot, dialog)
    after = disk(session)
    assert [change for change in changes(before, after) if change[0] == "-"] == []
    assert "SEK = 10.6\nNOK = 10.5\n\n# Country profiles" in after
    assert after.endswith(
        'payout_minimum_usd = 100\n\n[countries.NO]\nname = "Norway"\ncurrency = "NOK"\n'
        "payout_minimum_usd = 75\n"
    )
    profile = session.profile("NO")
    assert (profile.currency, profile.payout_minimum_usd) == ("NOK", Decimal(75))


def test_a_new_country_code_is_checked_inline(dialog: SettingsDialog, qtbot: QtBot) -> None:
    type_into(qtbot, dialog.new_code, "D1")
    qtbot.mouseClick(dialog.add_country_button, Qt.MouseButton.LeftButton)
    assert "expected two letters such as NO, got 'D1'" in dialog.new_code_error.message()
    type_into(qtbot, dialog.new_code, "de")
    qtbot.mouseClick(dialog.add_country_button, Qt.MouseButton.LeftButton)
    assert "DE is already in the list" in dialog.new_code_error.message()
    assert listed(dialog).count("DE") == 1


def test_removing_a_country_but_never_the_default(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    choose_country(dialog, "US")
    qtbot.mouseClick(dialog.remove_country_button, Qt.MouseButton.LeftButton)
    assert "United States (US) is the default country" in dialog.countries_error.message()
    assert "US" in listed(dialog)
    choose_country(dialog, "FR")
    qtbot.mouseClick(dialog.remove_country_button, Qt.MouseButton.LeftButton)
    assert "FR" not in listed(dialog)
    assert dialog.default_country.findData("FR") < 0
    press_ok(qtbot, dialog)
    assert changes(before, disk(session)) == [
        ("-", "[countries.FR]"),
        ("-", 'name = "France"'),
        ("-", 'currency = "EUR"'),
        ("-", ""),
    ]
    assert "FR" not in session.settings.profiles


def test_a_removed_country_can_be_added_back(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    choose_country(dialog, "NZ")
    qtbot.mouseClick(dialog.remove_country_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.new_code, "NZ")
    qtbot.mouseClick(dialog.add_country_button, Qt.MouseButton.LeftButton)
    assert dialog.figures["payout_minimum_usd"].text() == "60"
    press_ok(qtbot, dialog)
    assert disk(session) == before


def test_a_currency_in_use_is_not_removed(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    dialog.tabs.setCurrentIndex(1)
    dialog.rates.selectRow(rate_row(dialog, "EUR"))
    qtbot.mouseClick(dialog.remove_rate_button, Qt.MouseButton.LeftButton)
    assert (
        "EUR is the currency of France (FR), Germany (DE), Italy (IT), Netherlands (NL)"
        in dialog.rates_error.message()
    )
    dialog.rates.selectRow(rate_row(dialog, "USD"))
    qtbot.mouseClick(dialog.remove_rate_button, Qt.MouseButton.LeftButton)
    assert "USD cannot be removed" in dialog.rates_error.message()
    dialog.rates.selectRow(rate_row(dialog, "JPY"))
    qtbot.mouseClick(dialog.remove_rate_button, Qt.MouseButton.LeftButton)
    assert "JPY is the currency of Japan (JP)" in dialog.rates_error.message()
    choose_country(dialog, "JP")
    pick(dialog.currency, "USD")
    dialog.rates.selectRow(rate_row(dialog, "JPY"))
    qtbot.mouseClick(dialog.remove_rate_button, Qt.MouseButton.LeftButton)
    assert dialog.currency.findData("JPY") < 0
    press_ok(qtbot, dialog)
    assert changes(before, disk(session)) == [
        ("-", "JPY = 150"),
        ("-", 'currency = "JPY"'),
        ("+", 'currency = "USD"'),
    ]


def test_a_bad_rate_is_marked_and_blocks_ok(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    item = dialog.rates.item(rate_row(dialog, "EUR"), 1)
    assert item is not None
    item.setText("0")
    assert "EUR: Units per USD: must be greater than 0" in dialog.rates_error.message()
    press_ok(qtbot, dialog)
    assert disk(session) == before
    assert dialog.tabs.currentIndex() == 1


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("diamond_usd", "0.00001", "Diamond value (USD): expected a number between 0.0001 and 1"),
        ("coin_usd", "5", "Coin price (USD): expected a number between 0.001 and 1"),
        ("payout_fee_percent", "60", "Payout fee (%): expected a number between 0 and 50"),
        (
            "payout_minimum_usd",
            "50000",
            "Payout minimum (USD): expected a number between 0 and 10,000",
        ),
    ],
)
def test_a_figure_outside_the_settings_bounds_is_refused_beside_its_field(
    dialog: SettingsDialog, session: Session, qtbot: QtBot, field: str, text: str, message: str
) -> None:
    # The same bounds as settings.toml's reader: the dialog must not save what cannot load.
    before = disk(session)
    choose_country(dialog, "DE")
    type_into(qtbot, dialog.figures[field], text)
    assert dialog.figure_errors[field].message().startswith(f"{message}, got ")
    press_ok(qtbot, dialog)
    assert disk(session) == before


def test_a_rate_outside_the_settings_bounds_is_refused(
    dialog: SettingsDialog, session: Session, qtbot: QtBot
) -> None:
    before = disk(session)
    item = dialog.rates.item(rate_row(dialog, "EUR"), 1)
    assert item is not None
    item.setText("50000000")
    assert (
        "EUR: Units per USD: expected a number between 0.01 and 10,000,000, got 50000000"
        in dialog.rates_error.message()
    )
    press_ok(qtbot, dialog)
    assert disk(session) == before


def test_the_labels_are_the_ones_declared_with_the_figures(dialog: SettingsDialog) -> None:
    from livetally.core.rates import FIGURES

    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert list(dialog.figures) == list(FIGURES)
    for name, spec in FIGURES.items():
        assert labels[dialog.figures[name]] == spec.label
        assert dialog.figures[name].accessibleName() == spec.plain_label


# -- the file itself, and accessibility -------------------------------------------------------


def test_open_settings_file_hands_the_path_to_the_desktop(
    dialog: SettingsDialog, session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []

    def fake_open(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(settings_dialog, "open_settings_file", fake_open)
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    assert opened == [session.settings_file.path]
    assert dialog.banner.isHidden()
    monkeypatch.setattr(settings_dialog, "open_settings_file", lambda path: False)
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    assert "open it in a text editor yourself" in dialog.banner.text()


def test_every_input_has_a_label_and_the_labels_text_as_its_name(
    dialog: SettingsDialog,
) -> None:
    inputs = [
        widget
        for kind in (QLineEdit, QComboBox, QListWidget, QTableWidget)
        for widget in dialog.findChildren(kind)
        if not isinstance(widget.parent(), QComboBox)
    ]
    buddies: dict[QWidget, str] = {}
    for label in dialog.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None:
            buddies[buddy] = label.text().replace("&", "")
    assert len(inputs) >= 12
    for widget in inputs:
        assert widget in buddies, f"{widget.objectName() or widget} has no label"
        assert widget.accessibleName() == buddies[widget]


def test_error_text_takes_its_colour_from_the_palette(session: Session, qtbot: QtBot) -> None:
    """The warning red is readable on a light window and on a dark one: not one fixed red."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from livetally.screenshots import dark_palette

    def error_colours() -> tuple[str, str]:
        dialog = SettingsDialog(session)
        qtbot.addWidget(dialog)
        dialog.open()
        choose_country(dialog, "DE")
        type_into(qtbot, dialog.figures["coin_usd"], "cheap")
        text = dialog.figure_errors["coin_usd"].text
        text.ensurePolished()
        dialog.rates.item(rate_row(dialog, "EUR"), 1).setText("0")  # type: ignore[union-attr]
        cell = dialog.rates.item(rate_row(dialog, "EUR"), 0)
        assert cell is not None
        window = dialog.palette().color(QPalette.ColorRole.Window)
        shown = text.palette().color(QPalette.ColorRole.WindowText)
        assert abs(shown.lightness() - window.lightness()) >= 60, "readable on the window"
        assert cell.foreground().color() == shown, "a marked rate is the same red"
        dialog.reject()
        return shown.name(), window.name()

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    light_error, light_window = error_colours()
    app.setPalette(dark_palette())
    try:
        dark_error, dark_window = error_colours()
    finally:
        app.setPalette(light)
    assert light_window != dark_window
    assert light_error != dark_error
