"""A tab widget whose pages are built the first time they are needed.

Most starts show one tab; building the other two (their models, tables and the modules
behind them) would only delay the window. :class:`LazyTabWidget` holds a light placeholder
for each page until the page is first shown or asked for, then builds the page and
puts it in the placeholder's place. From then on the tab widget holds the page itself, so
``setCurrentWidget(page)``, ``currentWidget()`` and ``indexOf(page)`` work as usual.

While the window is on screen but its data not yet read, the widget is *held*
(:meth:`hold`): tabs can still be chosen, and no page is built until :meth:`release`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:  # importing QShowEvent makes QEvent's 179 enums: the frame need not wait
    from PySide6.QtGui import QShowEvent

from livetally.ui.imported_sources import forget_imported_sources

PageBuilder = Callable[[], QWidget]


class LazyTabWidget(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._builders: dict[QWidget, PageBuilder] = {}
        self._held = False
        self.currentChanged.connect(self._selected)

    def add_lazy_tab(self, build: PageBuilder, label: str) -> int:
        """A tab whose page ``build()`` makes when the tab is first shown or asked for."""
        placeholder = QWidget()
        self._builders[placeholder] = build
        return self.addTab(placeholder, label)

    def hold(self) -> None:
        """Build no page on show or selection until :meth:`release`: what the pages show
        is not there yet (the window appears before the data home is read)."""
        self._held = True

    def release(self) -> None:
        """Build pages as usual from now on, starting with the one on screen."""
        self._held = False
        if self.isVisible() and self.currentIndex() >= 0:
            self.page(self.currentIndex())

    def showEvent(self, event: QShowEvent) -> None:
        if self.currentIndex() >= 0 and not self._held:
            self.page(self.currentIndex())
        super().showEvent(event)

    def _selected(self, index: int) -> None:
        # Hidden or held, the page waits until it is shown or released.
        if index >= 0 and self.isVisible() and not self._held:
            self.page(index)

    def is_built(self, index: int) -> bool:
        return self.widget(index) not in self._builders

    def page(self, index: int) -> QWidget:
        """The page of tab ``index``, built now if it was not yet."""
        placeholder = self.widget(index)
        if placeholder is None:
            raise IndexError(f"there is no tab {index}")
        build = self._builders.get(placeholder)
        if build is None:
            return placeholder
        page = build()  # should it raise, the tab stays unbuilt and is tried again next time
        del self._builders[placeholder]
        forget_imported_sources()  # the page's modules were imported just now
        current, label = self.currentIndex(), self.tabText(index)
        blocked = self.blockSignals(True)  # the same tab stays selected: nothing to announce
        try:
            self.removeTab(index)
            self.insertTab(index, page, label)
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(blocked)
        placeholder.deleteLater()
        return page
