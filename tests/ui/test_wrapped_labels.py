"""Every word-wrapped label gets the height its text needs, on every tab, at the window's size.

A wrapped QLabel that a layout pins to its one-line size hint (by aligning it, or by a fixed
height) shows its sentence cut in half: exactly what a new user sees first on an empty tab.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from livetally.ui.main_window import MainWindow


def clipped_labels(root: QWidget) -> list[str]:
    clipped = []
    for label in root.findChildren(QLabel):
        if not (label.wordWrap() and label.isVisible() and label.text()):
            continue
        needed = label.heightForWidth(label.width())
        if label.height() < needed:
            clipped.append(f"{label.text()[:50]!r}: {label.height()} px of {needed} px")
    return clipped


@pytest.mark.parametrize("size", [(1180, 780), (1024, 640)])
def test_no_wrapped_label_is_cut_short_on_any_tab(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.tabs.currentWidget()
        assert page.isVisible()
        assert clipped_labels(window) == [], window.tabs.tabText(index)


def test_the_check_sees_a_label_pinned_to_one_line(qtbot: QtBot) -> None:
    """The check itself: a wrapped label held to 17 px is reported."""
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("word " * 60, holder)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 200, 17)
    holder.show()
    qtbot.waitExposed(holder)
    assert len(clipped_labels(holder)) == 1
