"""The start-up floor: a bare PySide6 QMainWindow holding a QTabWidget, shown once, closed.

Launched exactly as ``livetally --quit-after-show`` is (a fresh process, same Python, same
platform plugin), so the difference between the two is what LiveTally itself adds.
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
    QTimer.singleShot(0, window.close)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
