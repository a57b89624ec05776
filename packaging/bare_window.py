"""The start-up baseline: a bare PySide6 window, launched as LiveTally is.

A QMainWindow holding a QTabWidget with LiveTally's three tab names, at LiveTally's window
size; with ``--quit-after-show`` it closes on the turn of the event loop after it is first
drawn, exactly as ``livetally --quit-after-show`` does once its tab is drawn (closing on
``show()`` alone would end before anything is painted, and a floor that draws nothing
would charge LiveTally for Qt's first paint). ``make package-test`` freezes it by
``bare-window.spec`` with the same bundle rules as LiveTally; ``make bench`` runs it from
source. Either way the ratio of the two start-up times is what LiveTally itself adds.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget


class BareWindow(QMainWindow):
    """Closes after its first frame when ``quit_after_show``."""

    def __init__(self, quit_after_show: bool) -> None:
        super().__init__()
        self.quit_after_show = quit_after_show
        tabs = QTabWidget()
        for name in ("Calculator", "Stream log", "Income streams"):
            tabs.addTab(QWidget(), name)
        self.setCentralWidget(tabs)
        self.resize(1180, 780)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.quit_after_show:
            self.quit_after_show = False
            QTimer.singleShot(0, self.close)


def main() -> int:
    app = QApplication(sys.argv)
    window = BareWindow("--quit-after-show" in sys.argv[1:])
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
