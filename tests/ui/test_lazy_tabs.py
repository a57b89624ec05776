"""Tabs built when first needed, then held by the tab widget like any other page."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from livetally.ui.lazy_tabs import LazyTabWidget


def test_a_page_is_built_once_when_first_shown(qtbot: QtBot) -> None:
    tabs = LazyTabWidget()
    qtbot.addWidget(tabs)
    built: list[str] = []

    def page(name: str) -> QWidget:
        built.append(name)
        return QLabel(name)

    tabs.add_lazy_tab(lambda: page("first"), "&First")
    tabs.add_lazy_tab(lambda: page("second"), "&Second")
    changes: list[int] = []
    tabs.currentChanged.connect(changes.append)
    assert built == []  # not shown yet
    tabs.show()
    assert built == ["first"]
    assert tabs.currentWidget().isVisible()
    tabs.setCurrentIndex(1)
    assert built == ["first", "second"]
    assert changes == [1]  # swapping the placeholder out is not a change of tab
    second = tabs.currentWidget()
    assert isinstance(second, QLabel)
    assert second.text() == "second"
    assert second.isVisible()
    assert [tabs.tabText(i) for i in range(2)] == ["&First", "&Second"]
    tabs.setCurrentIndex(0)
    tabs.setCurrentWidget(second)
    assert tabs.page(1) is second
    assert built == ["first", "second"]


def test_asking_for_a_page_builds_it_without_selecting_it(qtbot: QtBot) -> None:
    tabs = LazyTabWidget()
    qtbot.addWidget(tabs)
    tabs.add_lazy_tab(lambda: QLabel("one"), "One")
    tabs.add_lazy_tab(lambda: QLabel("two"), "Two")
    assert not tabs.is_built(1)
    two = tabs.page(1)
    assert tabs.is_built(1)
    assert tabs.currentIndex() == 0
    assert tabs.indexOf(two) == 1
    with pytest.raises(IndexError):
        tabs.page(5)


def test_a_page_that_fails_to_build_is_tried_again(qtbot: QtBot) -> None:
    tabs = LazyTabWidget()
    qtbot.addWidget(tabs)
    attempts: list[int] = []

    def build() -> QWidget:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("the disk went away")
        return QLabel("built")

    tabs.add_lazy_tab(build, "Flaky")
    with pytest.raises(OSError, match="disk went away"):
        tabs.page(0)
    assert not tabs.is_built(0)
    page = tabs.page(0)
    assert isinstance(page, QLabel)
    assert tabs.is_built(0)
    assert len(attempts) == 2


def test_a_held_widget_builds_no_page_until_released(qtbot: QtBot) -> None:
    """The window is shown before its data is read: the tab on screen waits for it."""
    tabs = LazyTabWidget()
    qtbot.addWidget(tabs)
    built: list[str] = []
    tabs.add_lazy_tab(lambda: built.append("one") or QLabel("one"), "One")
    tabs.add_lazy_tab(lambda: built.append("two") or QLabel("two"), "Two")
    tabs.hold()
    tabs.show()
    tabs.setCurrentIndex(1)  # a click on a tab while the data is read
    assert built == []
    tabs.release()
    assert built == ["two"]
    assert tabs.currentIndex() == 1
    assert tabs.currentWidget().isVisible()
