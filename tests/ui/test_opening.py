"""The window opens frame first: it is on screen before the data home is read, what is
typed meanwhile is kept, and problems found while reading are asked about over it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from livetally import app
from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.models.calculator import COINS
from livetally.settings.errors import SettingsError
from livetally.storage.ledger import Ledger
from livetally.ui import startup
from livetally.ui.main_window import STREAM_LOG_TAB, MainWindow
from livetally.ui.startup import SettingsChoice
from tests.conftest import python_prints

US_RATES = RateProfile("US", "United States", "USD")


def the_window() -> MainWindow:
    (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return window


@pytest.fixture
def no_windows_left(qapp: QApplication) -> Iterator[None]:
    """``app.run`` makes its own window: it must not outlive the test; nor must its
    ``gc.freeze()`` keep this process's objects from the collector."""
    yield
    gc.unfreeze()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
            widget.deleteLater()
    QApplication.processEvents()


def run_window(home: Path) -> int:
    """``livetally`` on ``home``, closed as soon as it is usable (``--quit-after-show``).

    A guard ends the event loop should the window never close, so that a broken start
    fails the test instead of hanging the suite (it is no measure of time).
    """
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.exit(99))
    guard.start(30_000)
    try:
        return app.run(home, quit_after_show=True)
    finally:
        guard.stop()


def spy_on_ledger_open(monkeypatch: pytest.MonkeyPatch, look: Callable[[], None]) -> None:
    """Call ``look()`` each time the ledger is opened, then open it as usual."""
    real_open = Ledger.open

    def open_after_looking(path: Path, backups_dir: Path, *, writable: bool = True) -> Ledger:
        look()
        return real_open(path, backups_dir, writable=writable)

    monkeypatch.setattr(Ledger, "open", staticmethod(open_after_looking))


@pytest.mark.usefixtures("no_windows_left")
def test_a_first_start_shows_the_frame_before_the_data_home_is_made_and_read(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, bool]] = []
    home = resolve_data_home(isolated_data_home)
    real_prepare = app.prepare_data_home

    def prepare_after_looking(to_prepare: object) -> object:
        window = the_window()
        seen.append(
            {
                "frame shown": window.isVisible(),
                "tab built": window.tabs.is_built(0),
                "data home there": home.root.exists(),
            }
        )
        return real_prepare(to_prepare)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "prepare_data_home", prepare_after_looking)
    opened: list[bool] = []
    spy_on_ledger_open(monkeypatch, lambda: opened.append(the_window().isVisible()))

    assert run_window(isolated_data_home) == 0
    assert seen == [{"frame shown": True, "tab built": False, "data home there": False}]
    assert opened == [True]
    assert home.database_path.exists()
    assert home.settings_path.exists()
    assert the_window().tabs.is_built(0), "then the Calculator was built"


@pytest.mark.usefixtures("no_windows_left")
def test_keys_typed_while_the_ledger_opens_reach_the_coins_field(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    typed: list[int] = []

    def type_while_opening() -> None:
        window = the_window()
        assert not window.tabs.is_built(0), "the Calculator is not there yet"
        target = QApplication.focusWidget() or window
        qtbot.keyClicks(target, "10000")
        typed.append(window.type_ahead.pending)

    spy_on_ledger_open(monkeypatch, type_while_opening)
    assert run_window(isolated_data_home) == 0
    assert typed == [10], "five presses and five releases were held"
    calculator = the_window().calculator
    # Every key arrived; the field may already show the figure grouped, as it does once left.
    assert calculator.fields[COINS].text().replace(",", "") == "10000"
    assert calculator.values["creator_usd"].text() == "$50.00"
    assert calculator.values["diamonds"].text() == "1,000"


def test_a_command_chosen_before_the_data_is_there_runs_after_what_was_typed_before_it(
    isolated_data_home: Path, qtbot: QtBot
) -> None:
    home = resolve_data_home(isolated_data_home)
    window = MainWindow(home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.expect_input()
    qtbot.keyClicks(QApplication.focusWidget() or window, "250")
    show_stream_log = next(a for a in window.findChildren(QAction) if a.text() == "Stream log")
    show_stream_log.trigger()  # as Ctrl+2 would
    assert window.tabs.currentIndex() == 0, "the command waits for the data"
    assert not window.tabs.is_built(0)
    session = app.open_session(home)
    try:
        window.attach(session)
        assert window.calculator.fields[COINS].text() == "250"
        assert window.tabs.currentIndex() == STREAM_LOG_TAB
        assert window.stream_log.isVisible()
    finally:
        window.close()
        session.ledger.close()


def test_a_frame_closed_before_its_data_home_was_read_writes_nothing_there(
    isolated_data_home: Path, qtbot: QtBot
) -> None:
    window = MainWindow(resolve_data_home(isolated_data_home))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert not isolated_data_home.exists()


@pytest.mark.usefixtures("no_windows_left")
@pytest.mark.parametrize(
    ("choice", "status"), [(SettingsChoice.QUIT, 2), (SettingsChoice.DEFAULTS, 0)]
)
def test_a_broken_settings_file_is_asked_about_over_the_shown_window(
    isolated_data_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    choice: SettingsChoice,
    status: int,
) -> None:
    home = prepare_data_home(resolve_data_home(isolated_data_home))
    home.settings_path.write_text("schema_version = 1\n[app]\ncountry = 'US'\n", "utf-8")
    asked: list[tuple[str, object]] = []

    def ask(error: SettingsError) -> SettingsChoice:
        asked.append((str(error), startup.shown_window()))
        return choice

    monkeypatch.setattr(startup, "ask_about_broken_settings", ask)
    assert run_window(isolated_data_home) == status
    [(problem, over)] = asked
    assert "currencies" in problem
    assert over is the_window()
    assert the_window().attached is (choice is SettingsChoice.DEFAULTS)


@pytest.mark.usefixtures("no_windows_left")
def test_a_damaged_ledger_is_offered_its_backup_over_the_shown_window(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = prepare_data_home(resolve_data_home(isolated_data_home))
    with Ledger.open(home.database_path, home.backups_dir) as ledger:
        ledger.add_stream(StreamRecord("2026-11-20T19:30:00Z", 10_000), US_RATES)
        ledger.backup("manual")
    home.database_path.write_bytes(b"damaged beyond use")
    offered: list[tuple[str, object]] = []

    def ask(problem: str, newest: Path | None) -> bool:
        offered.append((problem, startup.shown_window()))
        return True

    monkeypatch.setattr(startup, "ask_to_restore", ask)
    assert run_window(isolated_data_home) == 0
    [(problem, over)] = offered
    assert "is not a SQLite database" in problem
    assert over is the_window()
    window = the_window()
    assert [s.record.coins for s in window.session.ledger.streams()] == [10_000]
    assert "1,000 diamonds" in window.balance.label.text()


@pytest.mark.usefixtures("no_windows_left")
def test_a_ledger_that_cannot_be_opened_is_reported_over_the_window_and_ends_it(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = prepare_data_home(resolve_data_home(isolated_data_home))
    told: list[tuple[str, object]] = []
    monkeypatch.setattr(
        startup, "report_fatal", lambda title, text: told.append((text, startup.shown_window()))
    )
    with Ledger.open(home.database_path, home.backups_dir):  # another LiveTally holds it
        assert run_window(isolated_data_home) == 2
    [(text, over)] = told
    assert "already open" in text
    assert over is the_window()


def test_the_frame_waits_for_nothing_of_the_engine_settings_or_ledger() -> None:
    """What the frame imports delays it: the engine, settings and ledger (and the modules
    of the tabs, and the dataclasses module that all of those use) load after it is shown
    (a fresh process, since this one has them all)."""
    code = (
        "import sys, tempfile\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import livetally.cli.main\n"
        "from livetally import app\n"
        "qt = QApplication([])\n"
        "home = app.resolve_data_home(tempfile.mkdtemp() + '/home')\n"
        "window = app._frame(home, False)\n"
        "window.show()\n"
        "qt.processEvents()\n"
        "layers = ('livetally.core', 'livetally.settings', 'livetally.storage', "
        "'livetally.models', 'livetally.ui.calculator_tab', 'sqlite3', 'tomllib', 'decimal', "
        "'dataclasses')\n"
        "print(sorted(n for n in sys.modules if n.startswith(layers)), home.root.exists())\n"
    )
    assert python_prints(code) == "[] False"


def test_the_status_bar_is_laid_out_before_the_first_frame_with_content(
    isolated_data_home: Path, qtbot: QtBot
) -> None:
    """Attaching the data lays out what it changed at once: the first frame with content
    shows the balance whole, not clipped until the next frame."""
    home = resolve_data_home(isolated_data_home)
    window = app._frame(home, False)
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    session = app.open_session(prepare_data_home(home))
    try:
        window.attach(session)  # no event processed between this and the checks
        for label in (window.balance.label, window.balance.bar_label, window.balance.percent):
            assert label.text()
            assert label.width() >= label.sizeHint().width(), label.text()
        assert window.balance.geometry().right() <= window.statusBar().width()
    finally:
        window.close()
        session.ledger.close()


def test_the_frames_status_bar_shows_nothing_that_the_data_would_move(
    isolated_data_home: Path, qtbot: QtBot
) -> None:
    """Before the data the status bar is empty at its final height; its parts then appear
    where they stay."""
    home = resolve_data_home(isolated_data_home)
    window = app._frame(home, False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    balance = window.balance
    parts = (balance.label, balance.bar_label, balance.progress, balance.percent)
    assert not any(part.isVisible() for part in (*parts, balance.payouts_button))
    height = window.statusBar().height()
    session = app.open_session(prepare_data_home(home))
    try:
        window.attach(session)
        assert all(part.isVisible() for part in (*parts, balance.payouts_button))
        qtbot.wait(10)
        assert window.statusBar().height() == height
    finally:
        window.close()
        session.ledger.close()
