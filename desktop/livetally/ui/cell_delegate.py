"""Paint a table's cells from one call per cell rather than seven calls into Python.

Qt's item delegate asks the model for seven roles of every cell it paints (font, alignment,
foreground, check state, icon, text, background), and each is a call from C++ into Python:
redrawing the stream log, ~165 cells, took ~17 ms, of which ~7 ms is what Qt takes over a
C++ model. The stream log's model answers only the text and the alignment, so this delegate
fills the style option with those two straight from the model, in one Python call per cell,
and leaves the rest as Qt would (no font, colours, icon or check box): the same pixels
(a test compares them).

Painting does not touch the option's features: Qt's styles draw a view item's text whenever
it has some, and reading ``option.features`` makes a Python flag object each time (~16 us a
cell, 2.7 ms of a 15 ms redraw of the log). The ``HasDisplay`` feature matters only to the
size a style gives a cell, so :meth:`TextCellDelegate.sizeHint` adds it there.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_SIZED_WRAPPED = _HAS_DISPLAY | QStyleOptionViewItem.ViewItemFeature.WrapText
_ITEM_CONTENTS = QStyle.ContentsType.CT_ItemViewItem


class ShownCells(Protocol):
    """A table model that says what a cell shows, and how aligned, in one call."""

    def shown_cell(self, row: int, column: int) -> tuple[str, Qt.AlignmentFlag]: ...


class TextCellDelegate(QStyledItemDelegate):
    """Paints (and sizes) the cells of ``cells``, a model whose roles are text and alignment
    only, as QStyledItemDelegate would."""

    def __init__(self, cells: ShownCells, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells = cells

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        option.index = index  # type: ignore[assignment]  # Qt passes a QModelIndex
        option.text, option.displayAlignment = self._cells.shown_cell(index.row(), index.column())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """As QStyledItemDelegate sizes a cell with text (the model gives no size hint)."""
        sized = QStyleOptionViewItem(option)
        self.initStyleOption(sized, index)
        widget = option.widget
        # The features a view asks a size with (none, or wrapped text) and the text's, set
        # rather than read: reading them makes a Python flag object (~16 us a cell).
        wraps = isinstance(widget, QTableView) and widget.wordWrap()
        sized.features = _SIZED_WRAPPED if wraps else _HAS_DISPLAY
        style = widget.style() if widget is not None else QApplication.style()
        return style.sizeFromContents(_ITEM_CONTENTS, sized, QSize(), widget)
