"""The whole window: tabs, menus, status bar, sample data, undo, state kept between runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from livetally.app import create_main_window
from livetally.core.records import StreamRecord
from livetally.models.commands import AddStreamCommand, run
from livetally.models.log_columns import StreamColumn
from livetally.ui import prompts
from livetally.ui.main_window import TAB_LABELS, MainWindow
from tests.conftest import python_prints


def test_create_main_window_returns_a_hidden_ready_window(window: MainWindow) -> None:
    assert not window.isVisible()
    assert [window.tabs.tabText(i) for i in range(3)] == [
        "&Calculator",
        "&Stream log",
        "&Income streams",
    ]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]


def test_fresh_home_shows_guidance_and_sample_data_fills_every_tab(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.stream_log.pages.currentWidget() is window.stream_log.empty
    assert window.income.pages.currentWidget() is window.income.empty
    assert "No streams yet" in window.stream_log.empty.text.text()
    assert window.remove_sample_action.isEnabled() is False
    qtbot.mouseClick(window.stream_log.empty.sample_button, Qt.MouseButton.LeftButton)
    streams = window.session.ledger.streams()
    assert streams
    assert window.stream_log.model.rowCount() == len(streams)
    assert window.income.pages.currentIndex() == 1
    assert "ready to withdraw" in window.balance.label.text()
    assert window.remove_sample_action.isEnabled()
    window.remove_sample_action.trigger()
    assert window.session.ledger.streams() == []
    assert window.stream_log.pages.currentWidget() is window.stream_log.empty
    assert window.balance.label.text() == "Balance: 0 diamonds ($0.00): $50.00 to go"


def test_sample_data_is_undone_from_the_edit_menu(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.stream_log.empty.sample_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "&Undo Add sample data"
    window.undo_action.trigger()
    assert window.session.ledger.is_empty()
    assert window.stream_log.pages.currentWidget() is window.stream_log.empty
    assert window.add_sample_action.isEnabled()


def test_the_calculator_offers_sample_data_while_nothing_is_logged(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show()
    qtbot.waitExposed(window)
    calculator = window.calculator
    assert calculator.sample_offer.isVisible()
    qtbot.mouseClick(calculator.sample_button, Qt.MouseButton.LeftButton)
    assert window.session.ledger.has_sample_data()
    assert not calculator.sample_offer.isVisible()
    assert calculator.payout_values["balance"].text() != "0 diamonds = $0.00"
    window.undo_action.trigger()
    assert calculator.sample_offer.isVisible()


def test_log_then_undo_and_redo_from_the_edit_menu(window: MainWindow) -> None:
    session = window.session
    record = StreamRecord("2026-11-20T19:30:00+01:00", 10_000, duration_minutes=90)
    run(session, AddStreamCommand(session, record, session.profile()))
    assert window.stream_log.model.rowCount() == 1
    assert window.balance.label.text() == "Balance: 1,000 diamonds ($50.00): ready to withdraw"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.redo_action.shortcuts()]
    window.undo_action.trigger()
    assert window.stream_log.model.rowCount() == 0
    assert window.balance.progress.value() == 0
    window.redo_action.trigger()
    assert window.stream_log.model.rowCount() == 1


def test_delete_key_removes_the_selected_stream_undoably(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    for day in (20, 21):
        record = StreamRecord(f"2026-11-{day}T19:30:00Z", day * 100)
        run(session, AddStreamCommand(session, record, session.profile()))
    window.show()
    window.tabs.setCurrentWidget(window.stream_log)
    window.stream_log.table.selectRow(0)
    window.delete_action.trigger()
    assert len(session.ledger.streams()) == 1
    window.undo_action.trigger()
    assert len(session.ledger.streams()) == 2


def test_export_writes_the_csv_the_user_named(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    session = window.session
    record = StreamRecord("2026-11-20T19:30:00+01:00", 10_000, notes="=1+1")
    run(session, AddStreamCommand(session, record, session.profile()))
    target = tmp_path / "out.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *args: target)
    window.export_csv("streams")
    assert target.read_bytes().decode().splitlines()[1] == (
        "2026-11-20T19:30:00+01:00,,10000,,,,,,'=1+1,,,,,typed"
    )


def test_restore_asks_first_and_brings_the_backup_back(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    first = StreamRecord("2026-11-20T19:30:00Z", 100)
    run(session, AddStreamCommand(session, first, session.profile()))
    backup = session.ledger.backup()
    run(
        session,
        AddStreamCommand(session, StreamRecord("2026-11-21T19:30:00Z", 5), session.profile()),
    )
    asked: list[str] = []
    monkeypatch.setattr(prompts, "open_file", lambda *args: backup)
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text, _a: asked.append(text) or True)
    window.restore_backup()
    assert "backed up first" in asked[0]
    assert [s.record for s in session.ledger.streams()] == [first]
    assert window.stream_log.model.rowCount() == 1
    assert session.undo_stack.count() == 0


def test_help_explains_that_likes_pay_nothing(window: MainWindow, qtbot: QtBot) -> None:
    window.show_money_help()
    dialogs = [w for w in window.findChildren(QWidget) if w.windowTitle() == "How the money works"]
    assert len(dialogs) == 1
    text = " ".join(label.text() for label in dialogs[0].findChildren(QLabel))
    assert "Likes pay nothing" in text
    assert "10,000 coins" in text
    assert "$50.00" in text


def test_geometry_tab_and_columns_are_restored(isolated_data_home: Path, qtbot: QtBot) -> None:
    first = create_main_window(isolated_data_home)
    qtbot.addWidget(first)
    first.resize(700, 520)
    first.tabs.setCurrentIndex(2)
    first.stream_log.table.horizontalHeader().resizeSection(2, 233)
    first.stream_log.table.sortByColumn(StreamColumn.CASH, Qt.SortOrder.AscendingOrder)
    first.close()
    first.session.ledger.close()
    second = create_main_window(isolated_data_home)
    qtbot.addWidget(second)
    try:
        assert second.tabs.currentIndex() == 2
        assert (second.size().width(), second.size().height()) == (700, 520)
        header = second.stream_log.table.horizontalHeader()
        assert header.sectionSize(2) == 233
        assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
            StreamColumn.CASH,
            Qt.SortOrder.AscendingOrder,
        )
        assert second.stream_log.model.sort_column == StreamColumn.CASH
    finally:
        second.close()
        second.session.ledger.close()


def test_every_input_has_its_label_as_accessible_name(window: MainWindow) -> None:
    built = [window.calculator, window.stream_log, window.income]  # tabs are built when asked
    assert all(window.isAncestorOf(tab) for tab in built)  # so findChildren reaches them
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None:
            assert buddy.accessibleName() == label.text().replace("&", "").rstrip(":"), label.text()


def test_only_the_tab_on_screen_is_built_at_start() -> None:
    """The other tabs, the dialogs and the modules behind them wait: the window opens
    sooner (a fresh process, since the tests before this one load them all)."""
    code = (
        "import sys, tempfile\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from livetally.app import create_main_window\n"
        "app = QApplication([])\n"
        "window = create_main_window(tempfile.mkdtemp())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "shown = window.tabs.currentIndex()\n"
        "later = sorted(n for n in ('livetally.ui.stream_log_tab', 'livetally.ui.income_tab',"
        " 'livetally.models.stream_table', 'livetally.models.income_table',"
        " 'livetally.ui.stream_dialog', 'livetally.ui.calibrate_dialog',"
        " 'livetally.ui.error_dialog', 'tomlkit') if n in sys.modules)\n"
        "print(shown, later, window.calculator.isVisible())\n"
        "window.close()\n"
        "window.session.ledger.close()\n"
    )
    assert python_prints(code) == "0 [] True"


def test_a_tab_is_built_when_first_selected(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert not window.tabs.is_built(2)
    window.tabs.setCurrentIndex(1)  # as Ctrl+2 or a click does
    assert window.tabs.is_built(1)
    assert window.tabs.currentWidget() is window.stream_log
    assert window.stream_log.isVisible()
    window.tabs.setCurrentWidget(window.income)  # asking for the tab builds it
    assert window.tabs.currentIndex() == 2
    assert window.income.isVisible()
    assert [window.tabs.tabText(i) for i in range(3)] == list(TAB_LABELS)


def test_a_table_never_shown_keeps_its_saved_layout(isolated_data_home: Path, qtbot: QtBot) -> None:
    first = create_main_window(isolated_data_home)
    qtbot.addWidget(first)
    first.stream_log.table.horizontalHeader().resizeSection(2, 233)
    first.close()
    first.session.ledger.close()
    second = create_main_window(isolated_data_home)  # the stream log is never built here
    qtbot.addWidget(second)
    second.close()
    second.session.ledger.close()
    third = create_main_window(isolated_data_home)
    qtbot.addWidget(third)
    try:
        assert third.stream_log.table.horizontalHeader().sectionSize(2) == 233
    finally:
        third.close()
        third.session.ledger.close()


def test_an_export_over_the_ledger_is_refused_with_a_reason(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    ledger_file = window.session.home.database_path
    link = tmp_path / "looks-harmless.csv"
    link.symlink_to(ledger_file)
    before = ledger_file.read_bytes()
    warned: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: warned.append(text))
    for chosen in (ledger_file, link):
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *args, chosen=chosen: (str(chosen), "")
        )
        window.export_csv("streams")
    assert len(warned) == 2
    assert all("is the ledger; writing over it would destroy it" in text for text in warned)
    assert ledger_file.read_bytes() == before
