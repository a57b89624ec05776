"""Paint a table's cells from one call per cell rather than seven calls into Python.

Qt's item delegate asks the model for seven roles of every cell it paints (font, alignment,
foreground, check state, icon, text, background), and each is a call from C++ into Python:
redrawing the stream log, ~165 cells, took ~17 ms, of which ~7 ms is what Qt takes over a
C++ model. The stream log's model answers only the text and the alignment, so this delegate
fills the style option with those two straight from the model, in one Python call per cell,
and leaves the rest as Qt would (no font, colours, icon or check box): the same pixels
(a test compares them) in ~12.5 ms.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class ShownCells(Protocol):
    """A table model that says what a cell shows, and how aligned, in one call."""

    def shown_cell(self, row: int, column: int) -> tuple[str, Qt.AlignmentFlag]: ...


class TextCellDelegate(QStyledItemDelegate):
    """Paints (and sizes) the cells of ``cells``, a model whose roles are text and alignment
    only, as QStyledItemDelegate would."""

    def __init__(self, cells: ShownCells, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells = cells
        # The view's features for a cell (none, or alternate rows) with the text's added:
        # worked out once each, as making a flag value in Python is slow.
        self._with_text: dict[
            QStyleOptionViewItem.ViewItemFeature, QStyleOptionViewItem.ViewItemFeature
        ] = {}

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        option.index = index  # type: ignore[assignment]  # Qt passes a QModelIndex
        option.text, option.displayAlignment = self._cells.shown_cell(index.row(), index.column())
        features = option.features
        with_text = self._with_text.get(features)
        if with_text is None:
            with_text = self._with_text[features] = features | _HAS_DISPLAY
        option.features = with_text
