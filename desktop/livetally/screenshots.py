"""``python -m livetally.screenshots DIR``: a PNG of each tab and dialog, with sample data.

Run by ``make screenshots`` under Xvfb, so what the window looks like can be checked by
eye (and attached to a review) without a desktop. Uses a throw-away data home.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from livetally.models.calculator import COINS

if TYPE_CHECKING:
    from livetally.ui.main_window import MainWindow


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


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv)
    from livetally.app import create_main_window

    with tempfile.TemporaryDirectory() as home:
        window = create_main_window(home)
        window.resize(1280, 820)
        window.show()
        _settle(app)
        _save(window, app, out / "0-first-run.png")
        window.add_sample_data()
        for index, name in enumerate(("calculator", "stream-log", "income-streams")):
            window.tabs.setCurrentIndex(index)
            _settle(app)
            _settle_charts(window, app)
            _save(window, app, out / f"{index + 1}-{name}.png")
        window.tabs.setCurrentIndex(0)
        QTest.keyClicks(window.calculator.fields[COINS], "10000")
        _save(window, app, out / "4-calculator-with-coins.png")
        for action, name in (
            (window.show_money_help, "5-how-the-money-works"),
            (window.open_settings, "6-settings"),
            (window.stream_log.add_stream, "7-log-a-stream"),
            (window.balance.show_payouts, "8-payouts"),
        ):
            action()
            _settle(app)
            dialog = next(d for d in window.findChildren(QDialog) if d.isVisible())
            _save(dialog, app, out / f"{name}.png")
            dialog.reject()
        window.close()
        window.session.ledger.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
