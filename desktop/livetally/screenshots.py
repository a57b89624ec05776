"""``python -m livetally.screenshots DIR``: a PNG of each tab and dialog, as a creator sees it.

Run by ``make screenshots`` under Xvfb (a real X server, not Qt's off-screen drawing), so
what the window looks like can be checked by eye and attached to a review without a
desktop. Each variant starts from a throw-away data home, as a new user would: the
first-run welcome, every tab empty, then every tab with sample data, the charts and the
dialogs. Variants: the window's own size (1180x780) and 1024x640, light, and the dark
palette. Files are named ``<variant>-<step>-<what>.png``.

On a screen smaller than the window's own size (``make screenshots`` runs a second Xvfb
of 1024x640), the whole screen is taken instead, window and dialogs as they open on it:
``screen-1024x640-<step>-<what>.png``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from livetally.models.calculator import COINS

if TYPE_CHECKING:
    from livetally.ui.main_window import MainWindow

#: (name, window size or None for the window's own, dark palette, dialogs too)
VARIANTS: tuple[tuple[str, tuple[int, int] | None, bool, bool], ...] = (
    ("light-1180x780", None, False, True),
    ("light-1024x640", (1024, 640), False, True),
    ("dark-1180x780", None, True, True),
)


def _settle(app: QCoreApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def _settle_charts(window: MainWindow, app: QCoreApplication, seconds: float = 20) -> None:
    """Let the stream log finish its charts (worked out in steps, pyqtgraph on a thread)."""
    give_up = time.monotonic() + seconds
    while window.stream_log.charts_pending() and time.monotonic() < give_up:
        app.processEvents()
        time.sleep(0.01)


def _save(widget: QWidget, app: QCoreApplication, path: Path) -> None:
    _settle(app)
    widget.grab().save(str(path))
    print(path)


def dark_palette() -> QPalette:
    """A dark palette like a desktop's dark mode gives Qt: fields darker than the window,
    as Breeze Dark and Adwaita dark have them (so Fusion's check boxes and radio buttons,
    filled with the field colour, stand out from the window)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#353535",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#232323",
        QPalette.ColorRole.AlternateBase: "#2c2c2c",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.Mid: "#4a4a4a",
        QPalette.ColorRole.Dark: "#1e1e1e",
        QPalette.ColorRole.Light: "#505050",
    }
    for role, name in colours.items():
        palette.setColor(role, QColor(name))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def _dialog_of(window: QWidget) -> QDialog:
    return next(d for d in window.findChildren(QDialog) if d.isVisible())


def variant(
    app: QApplication,
    out: Path,
    name: str,
    size: tuple[int, int] | None,
    dialogs: bool,
    *,
    whole_screen: bool = False,
) -> None:
    """One pass through the window on a new data home, saving a PNG at each step."""
    from livetally.app import create_main_window
    from livetally.ui.first_run import offer_first_run

    def shot(widget: QWidget, what: str) -> None:
        path = out / f"{name}-{what}.png"
        if whole_screen:
            _settle(app)
            screen = app.primaryScreen()
            screen.grabWindow(0).save(str(path))
            print(path)
        else:
            _save(widget, app, path)

    with tempfile.TemporaryDirectory() as home:
        window = create_main_window(home)
        if size is not None:
            window.resize(*size)
        window.show()
        _settle(app)
        welcome = offer_first_run(window)
        assert welcome is not None, "a new data home is welcomed"
        shot(welcome, "00-first-run")
        welcome.reject()  # skipped: every tab as a creator who skipped it sees it, empty
        for index, tab in enumerate(("calculator", "stream-log", "income-streams")):
            window.tabs.setCurrentIndex(index)
            shot(window, f"0{index + 1}-empty-{tab}")
        window.add_sample_data()
        for index, tab in enumerate(("calculator", "stream-log", "income-streams")):
            window.tabs.setCurrentIndex(index)
            _settle(app)
            _settle_charts(window, app)
            shot(window, f"1{index + 1}-{tab}")
        window.tabs.setCurrentIndex(1)
        window.stream_log.charts.setCurrentIndex(1)
        _settle(app)
        _settle_charts(window, app)
        shot(window, "14-stream-log-by-tag")
        for chart, what in ((2, "14b-when-it-pays"), (3, "14c-does-streaming-longer-pay")):
            window.stream_log.charts.setCurrentIndex(chart)
            _settle(app)
            _settle_charts(window, app)
            shot(window, what)
        window.stream_log.charts.setCurrentIndex(0)
        window.tabs.setCurrentIndex(0)
        QTest.keyClicks(window.calculator.fields[COINS], "10000")
        shot(window, "15-calculator-with-coins")
        if dialogs:
            actions: tuple[tuple[Callable[[], object], str], ...] = (
                (window.show_money_help, "21-how-the-money-works"),
                (window.open_settings, "22-settings"),
                (window.stream_log.add_stream, "23-log-a-stream"),
                (window.calculator.calibrate, "24-calibrate"),
                (window.balance.show_payouts, "25-payouts"),
            )
            for action, what in actions:
                action()
                _settle(app)
                dialog = _dialog_of(window)
                shot(dialog, what)
                dialog.reject()
        window.close()
        window.session.ledger.close()


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")  # the same look on every machine that takes them
    area = app.primaryScreen().availableGeometry()
    if area.width() < 1180 or area.height() < 780:  # a small screen: as a creator sees it
        variant(app, out, f"screen-{area.width()}x{area.height()}", None, True, whole_screen=True)
        return 0
    light = app.palette()
    for name, size, dark, dialogs in VARIANTS:
        app.setPalette(dark_palette() if dark else light)
        variant(app, out, name, size, dialogs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
