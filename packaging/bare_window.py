"""The start-up baseline: a bare PySide6 window, launched as LiveTally is.

A QMainWindow holding a QTabWidget with LiveTally's three tab names, at LiveTally's window
size; with ``--quit-after-show`` it closes as soon as it has been shown, exactly as
``livetally --quit-after-show`` does. ``make package-test`` freezes it by
``bare-window.spec`` with the same bundle rules as LiveTally; ``make bench`` runs it from
source. Either way the ratio of the two start-up times is what LiveTally itself adds.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget()
    for name in ("Calculator", "Stream log", "Income streams"):
        tabs.addTab(QWidget(), name)
    window.setCentralWidget(tabs)
    window.resize(1180, 780)
    window.show()
    if "--quit-after-show" in sys.argv[1:]:
        QTimer.singleShot(0, window.close)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
