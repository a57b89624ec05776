"""On a 1024x640 screen the window opens inside it and every tab fits: nothing, the
status bar, the buttons or the tables' scroll bars (the Notes column), is out of reach."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from livetally.ui.main_window import MainWindow
from livetally.ui.screen_fit import FRAME, fit_on_screen, fitted_size

SMALL = QRect(0, 0, 1024, 640)


def test_a_window_opens_at_its_size_or_the_screens_whichever_is_smaller() -> None:
    assert fitted_size(QSize(1180, 780), QRect(0, 0, 1920, 1080)) == QSize(1180, 780)
    assert fitted_size(QSize(1180, 780), SMALL) == QSize(1024, 640) - FRAME
    assert fitted_size(QSize(900, 780), SMALL) == QSize(900, 640 - FRAME.height())


def test_the_window_fits_a_1024x640_screen_with_every_tab_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    fit_on_screen(window, 1180, 780, area=SMALL)
    window.show()
    qtbot.waitExposed(window)
    room = QSize(1024, 640) - FRAME
    window.add_sample_data()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert window.size().boundedTo(room) == window.size(), window.tabs.tabText(index)
        needed = window.minimumSizeHint()
        assert needed.boundedTo(room) == needed, f"{window.tabs.tabText(index)} needs {needed}"
    notes = window.stream_log.table.horizontalScrollBar()
    window.tabs.setCurrentWidget(window.stream_log)
    QApplication.processEvents()
    assert notes.isVisible()
    assert notes.maximum() > 0, "the Notes column is a scroll away"
    assert _inside(window, notes)
    assert _inside(window, window.statusBar())


def _inside(window: QWidget, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()))
