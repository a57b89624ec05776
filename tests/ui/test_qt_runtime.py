"""The Qt binding itself: guard against a release that corrupts Python's own objects.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call of a void Qt
method; after a few thousand calls (about 50 chart redraws) Python aborted with
"none_dealloc". pyproject.toml excludes that release; this test catches a repeat.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_and_booleans_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    point = QPoint()
    before = [sys.getrefcount(value) for value in (None, True, False)]
    for _ in range(2000):
        label.setText("x")
        label.setVisible(False)
        point.setX(3)
    after = [sys.getrefcount(value) for value in (None, True, False)]
    # Allow a little drift from objects made meanwhile; the bug lost thousands.
    assert all(abs(b - a) < 200 for a, b in zip(before, after, strict=True)), (before, after)


class _Emitter(QObject):
    pinged = Signal()


def test_emitting_signals_keeps_true_alive() -> None:
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.pinged.emit()
    assert abs(sys.getrefcount(True) - before) < 200
