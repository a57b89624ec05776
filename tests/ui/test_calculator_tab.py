"""The Calculator tab as a person uses it: typing, counting gifts, reading the results."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from livetally.core.gifts import Gift, GiftCatalog
from livetally.core.records import StreamRecord
from livetally.models.calculator import COINS, DASH, DIAMONDS, GIFTS, TARGET
from livetally.models.formatting import Formatter
from livetally.models.gift_picker import COUNT, NAME, PRICE, SORT_ROLE, GiftPickerModel
from livetally.models.session import Session
from livetally.ui.calculator_tab import CalculatorTab
from livetally.ui.main_window import MainWindow
from tests.conftest import python_prints

ENGLISH = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.fixture
def tab(session: Session, qtbot: QtBot) -> CalculatorTab:
    widget = CalculatorTab(session, ENGLISH)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def shown(tab: CalculatorTab) -> dict[str, str]:
    return {key: label.text() for key, label in tab.values.items()}


def assert_labelled(root: QWidget) -> None:
    """Every input has a buddy label whose text (without '&') is its accessible name."""
    labels = {label.buddy(): label for label in root.findChildren(QLabel) if label.buddy()}
    inputs = [
        w
        for kind in (QLineEdit, QSpinBox, QComboBox, QDateTimeEdit)
        for w in root.findChildren(kind)
        # Line edits inside spin boxes, date edits and combos belong to those widgets.
        if not isinstance(w.parentWidget(), (QSpinBox, QDateTimeEdit, QComboBox))
    ]
    assert inputs
    for widget in inputs:
        assert widget in labels, f"{widget!r} ({widget.accessibleName()!r}) has no label"
        text = labels[widget].text().replace("&", "")
        assert widget.accessibleName()
        assert widget.accessibleName() == text


def test_typing_coins_shows_the_cash(tab: CalculatorTab, qtbot: QtBot) -> None:
    qtbot.keyClicks(tab.fields[COINS], "10000")

    values = shown(tab)
    assert values["creator_usd"] == "$50.00"
    assert values["tiktok_cut"] == "$50.00"
    assert values["viewer_spend"] == "$100.00"
    assert values["diamonds"] == "1,000"
    assert tab.result_labels["creator_usd"].text() == "Your share (50.0%)"
    assert tab.values["creator_usd"].alignment() & Qt.AlignmentFlag.AlignRight
    assert tab.fields[COINS].alignment() & Qt.AlignmentFlag.AlignRight


def test_results_follow_each_keystroke(tab: CalculatorTab, qtbot: QtBot) -> None:
    qtbot.keyClicks(tab.fields[COINS], "100")
    assert tab.values["creator_usd"].text() == "$0.50"
    qtbot.keyClick(tab.fields[COINS], Qt.Key.Key_Backspace)
    assert tab.values["creator_usd"].text() == "$0.05"


def test_typing_in_diamonds_clears_coins(tab: CalculatorTab, qtbot: QtBot) -> None:
    qtbot.keyClicks(tab.fields[COINS], "500")
    qtbot.keyClicks(tab.fields[DIAMONDS], "1000")

    assert tab.fields[COINS].text() == ""
    assert tab.heading.text() == "From the diamonds typed"
    assert tab.values["creator_usd"].text() == "$50.00"


def test_searching_and_counting_gifts(tab: CalculatorTab, qtbot: QtBot) -> None:
    qtbot.keyClicks(tab.search, "rose")
    names = [tab.gift_proxy.index(row, NAME).data() for row in range(tab.gift_proxy.rowCount())]
    assert "Rose" in names
    assert all("rose" in name.lower() for name in names)

    rose = tab.gift_proxy.index(names.index("Rose"), COUNT)
    tab.gift_table.setFocus()
    tab.gift_table.setCurrentIndex(rose)
    qtbot.keyClicks(tab.gift_table, "1")  # typing on a count cell opens its editor
    editor = tab.gift_table.focusWidget()
    assert isinstance(editor, QSpinBox)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # commits through a queued call
    qtbot.waitUntil(lambda: tab.model.gifts.count_of("Rose") == 10)
    tab.model.gifts.set_count("Galaxy", 2)

    assert tab.fields[COINS].text() == "2,010"
    assert tab.fields[COINS].isReadOnly()
    assert tab.gift_total.text() == "12 gifts counted: 2,010 coins"
    assert tab.values["coins"].text() == "2,010"
    assert tab.values["creator_usd"].text() == "$10.05"

    tab.clear_gifts.click()
    assert tab.fields[COINS].text() == ""
    assert not tab.fields[COINS].isReadOnly()
    assert tab.values["creator_usd"].text() == DASH


def test_target_shows_what_it_takes(tab: CalculatorTab, qtbot: QtBot) -> None:
    qtbot.keyClicks(tab.fields[TARGET], "100")

    assert tab.result_labels["coins"].text() == "Coins needed"
    assert tab.values["coins"].text() == "20,000"
    assert tab.result_labels["diamonds"].text() == "Diamonds needed"
    assert tab.values["diamonds"].text() == "2,000"
    assert not tab.log_button.isEnabled()


def test_country_change_shows_the_local_currency(tab: CalculatorTab, qtbot: QtBot) -> None:
    qtbot.keyClicks(tab.fields[COINS], "10000")
    assert not tab.values["creator_local"].isVisible()  # US: nothing to convert

    tab.country.setCurrentIndex(tab.country.findData("DE"))

    assert tab.values["creator_local"].isVisible()
    assert tab.result_labels["creator_local"].text() == "Your share in EUR"
    assert tab.values["creator_local"].text() == "46.00 EUR"


def test_country_defaults_to_the_settings_country(tab: CalculatorTab) -> None:
    assert tab.country.currentData() == "US"
    assert tab.country.currentText() == "United States (US)"


@pytest.mark.parametrize(
    ("typed", "wrong"),
    [("-5", "must not be negative, got -5"), ("abc", "got 'abc'")],
)
def test_invalid_input_is_shown_inline(
    tab: CalculatorTab, qtbot: QtBot, typed: str, wrong: str
) -> None:
    qtbot.keyClicks(tab.fields[COINS], typed)

    error = tab.errors[COINS]
    assert error.isVisible()
    assert wrong in error.message()
    assert "expected a whole number such as 500" in error.message().lower()
    assert set(shown(tab).values()) == {DASH}
    assert tab.payout_values["this_amount"].text() == DASH
    assert tab.fields[COINS].accessibleDescription() == error.message()
    assert not tab.log_button.isEnabled()

    tab.fields[COINS].clear()
    qtbot.keyClicks(tab.fields[COINS], "10000")
    assert not error.isVisible()


def test_a_refused_gift_count_is_shown_under_the_table(tab: CalculatorTab) -> None:
    index = tab.gift_proxy.index(0, COUNT)
    assert not tab.gift_proxy.setData(index, "many")
    assert tab.errors[GIFTS].isVisible()
    assert "expected a whole number" in tab.errors[GIFTS].message()


def test_payout_panel_shows_progress_with_the_ledger_balance(
    session: Session, tab: CalculatorTab, qtbot: QtBot
) -> None:
    session.ledger.add_stream(StreamRecord("2026-01-05T19:00:00+01:00", 4000), session.profile())
    session.ledger_was_changed()

    assert tab.payout_values["balance"].text() == "400 diamonds = $20.00"
    assert tab.payout_bar.value() == 400
    assert tab.payout_bar.text() == "40%"
    assert tab.payout_missing.text() == "$30.00 to go (600 more diamonds)"

    qtbot.keyClicks(tab.fields[COINS], "2010")
    assert tab.payout_values["this_amount"].text() == "+201 diamonds = $10.05"
    assert tab.payout_values["total"].text() == "601 diamonds = $30.05"
    assert tab.payout_bar.value() == 601

    qtbot.keyClicks(tab.fields[COINS], "0")  # 20,100 coins: past the minimum
    assert tab.payout_bar.value() == tab.payout_bar.maximum()
    assert tab.payout_missing.text().startswith("Ready to withdraw")


def test_every_input_is_labelled(tab: CalculatorTab) -> None:
    assert_labelled(tab)
    names = {w.accessibleName() for w in tab.findChildren(QLineEdit)}
    assert {"Coins", "Diamonds", "Target (USD)", "Search gifts"} <= names
    assert tab.country.accessibleName() == "Country"


def test_likes_are_not_an_input(tab: CalculatorTab) -> None:
    names = [w.accessibleName().lower() for w in tab.findChildren(QLineEdit)]
    assert not [name for name in names if "like" in name]


def test_log_this_stream_prefills_the_dialog_and_logs(
    session: Session, tab: CalculatorTab, qtbot: QtBot
) -> None:
    tab.model.gifts.set_count("Rose", 10)
    tab.model.gifts.set_count("Galaxy", 2)
    assert tab.log_button.isEnabled()

    dialog = tab.log_this_stream()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.coins.text() == "2010"
    assert dialog.coins.isReadOnly()
    assert dialog.country.currentData() == "US"
    qtbot.keyClicks(dialog.duration, "60")
    with qtbot.waitSignal(session.ledger_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    (logged,) = session.ledger.streams()
    assert logged.record.coins == 2010
    assert logged.record.duration_minutes == 60
    assert tab.fields[COINS].text() == ""  # the amount is logged: the calculator is ready
    assert tab.payout_values["balance"].text() == "201 diamonds = $10.05"
    assert tab.note.text().startswith("Stream logged")
    qtbot.keyClicks(tab.fields[COINS], "5")
    assert tab.note.text() == ""


def test_log_this_stream_goes_through_the_saver_set_by_the_window(
    session: Session, tab: CalculatorTab, qtbot: QtBot
) -> None:
    saved: list[int] = []
    tab.stream_saver = lambda record, _profile: saved.append(record.coins)
    qtbot.keyClicks(tab.fields[COINS], "700")
    dialog = tab.log_this_stream()
    dialog.accept()
    assert saved == [700]
    assert session.ledger.streams() == []


def test_calibrate_opens_for_the_chosen_country(tab: CalculatorTab, qtbot: QtBot) -> None:
    tab.country.setCurrentIndex(tab.country.findData("GB"))
    dialog = tab.calibrate()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.country.currentData() == "GB"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal


def test_importing_the_tab_does_not_load_pyqtgraph() -> None:
    code = (
        "import sys, livetally.ui.calculator_tab, livetally.ui.stream_dialog, "
        "livetally.ui.calibrate_dialog; "
        "print('pyqtgraph' in sys.modules, 'numpy' in sys.modules)"
    )
    assert python_prints(code).split() == ["False", "False"]


def test_gifts_open_cheapest_first_and_sort_by_a_header_click(
    tab: CalculatorTab, qtbot: QtBot
) -> None:
    proxy, header = tab.gift_proxy, tab.gift_table.horizontalHeader()
    prices = [proxy.index(row, PRICE).data(SORT_ROLE) for row in range(proxy.rowCount())]
    assert prices == sorted(prices)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        PRICE,
        Qt.SortOrder.AscendingOrder,
    )
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_centre(header, PRICE))
    prices = [proxy.index(row, PRICE).data(SORT_ROLE) for row in range(proxy.rowCount())]
    assert prices == sorted(prices, reverse=True)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_centre(header, NAME))
    names = [proxy.index(row, NAME).data(SORT_ROLE) for row in range(proxy.rowCount())]
    assert names == sorted(names)


def _centre(header: QHeaderView, section: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, 5)


def test_the_picker_lists_an_unsorted_catalog_by_price_ties_in_file_order() -> None:
    catalog = GiftCatalog(
        [Gift("Lion", 29999), Gift("Rose", 1), Gift("GG", 1), Gift("Finger Heart", 5)]
    )
    model = GiftPickerModel(catalog)
    names = [model.index(row, NAME).data() for row in range(model.rowCount())]
    assert names == ["Rose", "GG", "Finger Heart", "Lion"]


def test_a_whole_number_shows_its_thousands_grouped_once_the_field_is_left(
    window: MainWindow, qtbot: QtBot
) -> None:
    from livetally.models.calculator import COINS

    window.show()
    qtbot.waitExposed(window)
    coins = window.calculator.fields[COINS]
    coins.setFocus()
    qtbot.keyClicks(coins, "12345")
    assert coins.text() == "12345", "not while typing: the cursor would jump"
    coins.editingFinished.emit()  # what leaving the field (Tab, a click elsewhere) does
    assert coins.text() == "12,345"
    coins.setText("12,3a")
    coins.editingFinished.emit()
    assert coins.text() == "12,3a", "anything else is left as typed, for the check to word"


def test_the_gift_table_never_asks_its_model_about_row_headers(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its row headers are hidden before the model is set: a visible vertical header asks
    four roles of every gift the moment the model arrives, each a call into Python."""
    asked: list[Qt.Orientation] = []
    real = GiftPickerModel.headerData

    def counting(
        self: GiftPickerModel, section: int, orientation: Qt.Orientation, role: int = 0
    ) -> object:
        asked.append(orientation)
        return real(self, section, orientation, role)

    monkeypatch.setattr(GiftPickerModel, "headerData", counting)
    widget = CalculatorTab(session, ENGLISH)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    assert Qt.Orientation.Horizontal in asked  # the spy is in place
    assert Qt.Orientation.Vertical not in asked
    assert widget.gift_table.verticalHeader().isHidden()
