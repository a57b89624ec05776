"""One look for every table: compact rows, no wrapping, columns sized to their content."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

#: Rows looked at when sizing columns: enough to be right, few enough for 100,000 rows.
SIZING_ROWS = 300


def row_table() -> QTableView:
    """A table without row headers, hidden from the start, before any model is set: a
    visible vertical header asks the model for four roles of every row (each a call into
    Python) the moment the model arrives, 11 ms for the Calculator's 232 gifts."""
    table = QTableView()
    rows = table.verticalHeader()
    rows.hide()
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


def set_up_table(table: QTableView, accessible_name: str) -> None:
    """The log and income tables' behaviour, for a table made by :func:`row_table`."""
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(SIZING_ROWS)
    header.setHighlightSections(False)
    table.setAccessibleName(accessible_name)


def fit_columns(table: QTableView, *, widest: int = 320) -> None:
    """Size each column to its content (sampled rows), within reason."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column) + 12, widest))


def fit_column(table: QTableView, column: int, *, widest: int = 320) -> None:
    """:func:`fit_columns` for one column: a big table's columns can then be sized one per
    turn of the event loop (each asks the model for a few hundred rows), not all in one."""
    table.resizeColumnToContents(column)
    header = table.horizontalHeader()
    header.resizeSection(column, min(header.sectionSize(column) + 12, widest))
