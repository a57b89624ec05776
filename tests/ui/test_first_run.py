"""The first-run welcome: shown once at start-up on a new data home, never by building the
window; country, calibration, sample data or an import; skippable; never shown again."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from livetally import app
from livetally.core.records import StreamRecord
from livetally.models.first_run import FirstRunState, StartChoice
from livetally.models.formatting import Formatter
from livetally.ui import prompts
from livetally.ui.calibrate_dialog import CalibrateDialog
from livetally.ui.first_run import FirstRunDialog, offer_first_run
from livetally.ui.main_window import STREAM_LOG_TAB, MainWindow
from tests.ui.test_calculator_tab import assert_labelled
from tests.ui.test_wrapped_labels import clipped_labels

ENGLISH = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def visible_dialogs(window: QWidget) -> list[QDialog]:
    return [d for d in window.findChildren(QDialog) if d.isVisible()]


def welcome(window: MainWindow, qtbot: QtBot) -> FirstRunDialog:
    window.show()
    qtbot.waitExposed(window)
    dialog = offer_first_run(window)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_building_the_window_never_shows_the_welcome(window: MainWindow, qtbot: QtBot) -> None:
    """Tests and tools make windows on fresh data homes: only start-up welcomes."""
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert visible_dialogs(window) == []
    assert not FirstRunState(window.session.home).is_done()


def test_start_up_welcomes_a_new_data_home(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``app.run`` offers the welcome once the window has its data (its event loop replaced
    by turns that look at what is on screen, then close the window)."""
    seen: list[list[str]] = []

    def one_look(_app: QApplication) -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        (window,) = [w for w in windows if w.isVisible()]
        deadline = time.monotonic() + 20  # a guard: a start that hangs fails, not hangs
        while not window.attached and time.monotonic() < deadline:  # the data home read
            QApplication.processEvents()
        assert window.attached
        for _ in range(20):  # then the turns on which the welcome is offered
            QApplication.processEvents()
        seen.append([d.windowTitle() for d in visible_dialogs(window)])
        for dialog in visible_dialogs(window):
            dialog.reject()
        window.close()
        window.session.ledger.close()
        window.deleteLater()
        QApplication.processEvents()
        return 0

    monkeypatch.setattr(QApplication, "exec", one_look)
    assert app.run(isolated_data_home) == 0
    assert app.run(isolated_data_home) == 0
    assert seen == [["Welcome to LiveTally"], []], "skipped once, never shown again"


def test_skipping_changes_nothing_and_is_remembered(window: MainWindow, qtbot: QtBot) -> None:
    settings_before = window.session.settings_file.path.read_bytes()
    dialog = welcome(window, qtbot)
    dialog.skip_button.click()
    assert not dialog.isVisible()
    assert FirstRunState(window.session.home).is_done()
    assert window.session.settings_file.path.read_bytes() == settings_before
    assert window.session.ledger.is_empty()
    assert offer_first_run(window) is None


def test_every_input_is_labelled(window: MainWindow, qtbot: QtBot) -> None:
    assert_labelled(welcome(window, qtbot))


def test_no_sentence_of_the_welcome_is_cut_short(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1024, 640)
    dialog = welcome(window, qtbot)
    dialog.country.setCurrentIndex(dialog.country.findData("GB"))  # a longer line of figures
    QApplication.processEvents()
    assert clipped_labels(dialog) == []


def test_the_country_chosen_is_saved_with_its_currency_and_comments_kept(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    dialog = welcome(window, qtbot)
    assert dialog.chosen_country() == "US"  # the tests' locale names no country with a profile
    dialog.country.setCurrentIndex(dialog.country.findData("DE"))
    assert "reports and charts in EUR" in dialog.country_details.text()
    before = session.settings_file.path.read_text(encoding="utf-8")
    with qtbot.waitSignal(session.settings_changed):
        dialog.start_button.click()
    assert (session.settings.country, session.settings.currency) == ("DE", "EUR")
    after = session.settings_file.path.read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert [line.split("#")[0].strip() for line in changed] == [
        'country = "DE"',
        'currency = "EUR"',
    ]
    assert all("#" in line for line in changed), "the comments beside them are kept"
    assert FirstRunState(session.home).is_done()
    assert session.ledger.is_empty(), "an empty log was the default start"


def test_the_locales_country_is_offered_first(window: MainWindow, qtbot: QtBot) -> None:
    dialog = FirstRunDialog(window.session, window, locale_name="pt_BR", formatter=ENGLISH)
    qtbot.addWidget(dialog)
    assert dialog.chosen_country() == "BR"
    assert dialog.country_details.text() == (
        "1,000 diamonds pay $50.00; payouts from $100.00 via PayPal; reports and charts in BRL."
    )


def test_starting_with_sample_data_goes_through_the_undo_stack(
    window: MainWindow, qtbot: QtBot
) -> None:
    dialog = welcome(window, qtbot)
    dialog.start_buttons[StartChoice.SAMPLE].click()
    dialog.start_button.click()
    session = window.session
    assert session.ledger.has_sample_data()
    assert session.undo_stack.undoText() == "Add sample data"
    assert window.tabs.currentIndex() == STREAM_LOG_TAB
    session.undo_stack.undo()
    assert session.ledger.is_empty()


def test_starting_with_an_import_opens_the_file_menus_import(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(prompts, "open_file", lambda _parent, caption, _f: asked.append(caption))
    dialog = welcome(window, qtbot)
    dialog.start_buttons[StartChoice.IMPORT].click()
    dialog.start_button.click()
    assert asked == ["Import streams from CSV"]
    assert FirstRunState(window.session.home).is_done()


def test_calibration_opens_for_the_country_chosen_here(window: MainWindow, qtbot: QtBot) -> None:
    dialog = welcome(window, qtbot)
    dialog.country.setCurrentIndex(dialog.country.findData("GB"))
    calibrate = dialog.calibrate()
    qtbot.waitUntil(calibrate.isVisible)
    assert isinstance(calibrate, CalibrateDialog)
    assert calibrate.country.currentData() == "GB"
    qtbot.keyClicks(calibrate.wallet_diamonds, "1000")
    qtbot.keyClicks(calibrate.wallet_usd, "45")
    with qtbot.waitSignal(calibrate.calibrated):
        calibrate.accept()
    assert window.session.profile("GB").diamond_usd == Decimal("0.045")
    assert dialog.calibrated_note.text() == (
        "Saved: the rates of United Kingdom now follow your wallet."
    )
    assert dialog.isVisible(), "the welcome waits for the rest of the choices"


def test_a_home_with_streams_is_not_welcomed(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    session.ledger.add_stream(StreamRecord("2026-11-20T19:30:00Z", 100), session.profile())
    window.show()
    qtbot.waitExposed(window)
    assert offer_first_run(window) is None
