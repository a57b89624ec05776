"""Where the window was: geometry, selected tab, column widths and sort order, splitters.

Kept in ``window.ini`` in the data home, beside the data it describes, so a second data
home (``--data-dir``) has its own layout and tests never touch the user's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:  # the window's frame is made before any table: their classes can wait
    from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QTabWidget


class WindowState:
    def __init__(self, data_home: Path) -> None:
        self._store = QSettings(str(data_home / "window.ini"), QSettings.Format.IniFormat)

    def restore(self, window: QMainWindow, tabs: QTabWidget) -> None:
        geometry = self._store.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            window.restoreGeometry(geometry)
        index = str(self._store.value("window/tab", 0))
        tabs.setCurrentIndex(int(index) if index.isdigit() else 0)

    def restore_table(self, name: str, header: QHeaderView) -> None:
        """Column widths and sort order of one table, as it is built (tabs are built late)."""
        from PySide6.QtWidgets import QTableView

        state = self._store.value(f"tables/{name}")
        if isinstance(state, QByteArray) and not state.isEmpty():
            header.restoreState(state)
            # The header shows the old sort indicator; the table must sort by it too.
            table = header.parentWidget()
            if isinstance(table, QTableView):
                table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def remember_splitter(self, name: str, splitter: QSplitter) -> None:
        """Put a splitter back where the creator left it, and keep each move (tabs are built
        late, so this is asked as each one is)."""
        key = f"splitters/{name}"
        state = self._store.value(key)
        if isinstance(state, QByteArray) and not state.isEmpty():
            splitter.restoreState(state)
        splitter.splitterMoved.connect(lambda *_: self._store.setValue(key, splitter.saveState()))

    def save(self, window: QMainWindow, tabs: QTabWidget, headers: dict[str, QHeaderView]) -> None:
        """Keep the window's state; a table not in ``headers`` (never built) keeps its own."""
        self._store.setValue("window/geometry", window.saveGeometry())
        self._store.setValue("window/tab", tabs.currentIndex())
        for name, header in headers.items():
            self._store.setValue(f"tables/{name}", header.saveState())
        self._store.sync()
