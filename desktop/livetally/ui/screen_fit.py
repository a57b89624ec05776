"""Windows that open inside the screen, on a laptop's 1024x640 as on a large monitor.

The window's first size is chosen for a comfortable desktop (1180x780); on a smaller screen
that size put the status bar, the right-hand buttons and the tables' scroll bars (and with
them the Notes column) beyond the screen's edge, out of reach. A window opens at its
preferred size or at the screen's free area, whichever is smaller.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room kept for what the window manager adds around a window: title bar and borders.
FRAME = QSize(16, 48)


def fitted_size(wanted: QSize, area: QRect) -> QSize:
    """``wanted``, or less where the screen's free ``area`` (less :data:`FRAME`) is smaller."""
    return wanted.boundedTo(QSize(area.width(), area.height()) - FRAME)


def fit_on_screen(window: QWidget, width: int, height: int, area: QRect | None = None) -> None:
    """Give a top-level ``window`` its first size: ``width`` x ``height`` where the screen
    (``area``: its free part, by default that of the window's screen) has room for it."""
    if area is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, width, height)
        area = area if area.isValid() else QRect(0, 0, width, height)
    window.resize(fitted_size(QSize(width, height), area))
