"""Which logged streams the stream tab shows, and the figures over those it shows.

The filter works on the table model's columns (an index of the words of the tags, titles
and notes, the start as entered, the tags), never on display strings or on an object per
stream. It is a table model of its own over the stream table rather than a
QSortFilterProxyModel: that one asks Python ``filterAcceptsRow`` once per stream on every
change and announces the result one run of rows at a time, which for 100,000 streams costs
far more than the filtering itself. Here a change is a look-up in the word index or one pass
over a column, then one layout change (or, when only a few runs of rows come or go, the
plain row signals). Sorting is handed to the table model, which sorts far faster than
QSortFilterProxyModel can call back into Python. Nor is it a QAbstractProxyModel, whose
``flags()`` and ``parent()`` call into Python for every cell a view paints (~1 ms of a
redraw of the log): Qt's table model answers both itself.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from livetally.core.records import LoggedStream, normalise_tag
from livetally.models.log_columns import COLUMN_COUNT
from livetally.models.stream_figures import NO_FIGURES, Figures, StreamSummary
from livetally.models.stream_table import StreamTableModel
from livetally.models.table_roles import DISPLAY_ROLE, TEXT_ALIGNMENT

_ROOT = QModelIndex()
#: Up to this many runs of rows coming or going, a filter change is announced row by row
#: (rowsRemoved, rowsInserted); beyond it, as one layout change.
_MAX_RUNS = 32


def _summary(figures: Figures) -> StreamSummary:
    return StreamSummary(*figures)


class StreamFilterProxy(QAbstractTableModel):
    """Filters a :class:`StreamTableModel` by text, start day and tag; sorts through it.

    Text matches when every word typed appears (case-insensitively) in the stream's
    start as entered, its tags, its title or its notes. The date range is inclusive and
    compares the stream's own calendar day, as the creator entered it. Rows keep the table
    model's order, which its own sort sets.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: StreamTableModel | None = None
        self._words: tuple[str, ...] = ()
        self._first: dt.date | None = None
        self._last: dt.date | None = None
        self._tag: str | None = None
        self._rows: list[int] | None = None  # proxy row -> source row; None: all of them
        self._held: list[tuple[QModelIndex, QPersistentModelIndex]] = []
        self._summary: tuple[tuple[int, int], StreamSummary] | None = None
        self._changes = 0  # counts changes to which rows are shown (not to their order)

    def sourceModel(self) -> StreamTableModel | None:
        return self._model

    def setSourceModel(self, sourceModel: QAbstractItemModel) -> None:
        if not isinstance(sourceModel, StreamTableModel):
            raise TypeError("StreamFilterProxy filters a StreamTableModel")
        self.beginResetModel()
        old = self._model
        if old is not None:
            for signal, slot in self._wiring(old):
                signal.disconnect(slot)
        self._model = sourceModel
        for signal, slot in self._wiring(sourceModel):
            signal.connect(slot)
        self._rows = self._filtered()
        self._shown_changed()
        self.endResetModel()

    def _wiring(self, model: StreamTableModel) -> list[tuple[Any, Any]]:
        return [
            (model.modelAboutToBeReset, self._source_about_to_reset),
            (model.modelReset, self._source_reset),
            (model.layoutAboutToBeChanged, self._source_layout_about_to_change),
            (model.layoutChanged, self._source_layout_changed),
            (model.rowsAboutToBeInserted, self._source_rows_about_to_be_inserted),
            (model.rowsInserted, self._source_rows_inserted),
            (model.rowsAboutToBeRemoved, self._source_rows_about_to_be_removed),
            (model.rowsRemoved, self._source_rows_removed),
            (model.rowsAboutToBeMoved, self._source_layout_about_to_change),
            (model.rowsMoved, self._source_layout_changed),
            (model.dataChanged, self._source_data_changed),
            (model.headerDataChanged, self.headerDataChanged),
        ]

    # -- the Qt proxy model interface ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if parent.isValid() or self._model is None:
            return 0
        return self._model.rowCount() if self._rows is None else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if parent.isValid() or self._model is None:
            return 0
        return self._model.columnCount()

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT
    ) -> QModelIndex:
        # The view asks this for every cell it paints: the counts are read directly rather
        # than through rowCount() and columnCount().
        model, rows = self._model, self._rows
        if model is None:
            return QModelIndex()
        count = model.rowCount() if rows is None else len(rows)
        if 0 <= row < count and 0 <= column < COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def sibling(
        self, row: int, column: int, idx: QModelIndex | QPersistentModelIndex
    ) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self.rowCount() > 0

    def mapToSource(self, proxyIndex: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if self._model is None or not proxyIndex.isValid():
            return QModelIndex()
        row = proxyIndex.row()
        if self._rows is not None:
            if not 0 <= row < len(self._rows):
                return QModelIndex()
            row = self._rows[row]
        return self._model.index(row, proxyIndex.column())

    def mapFromSource(self, sourceIndex: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if self._model is None or not sourceIndex.isValid():
            return QModelIndex()
        row = self._row_of(sourceIndex.row())
        return QModelIndex() if row < 0 else self.index(row, sourceIndex.column())

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = DISPLAY_ROLE,
    ) -> Any:
        model = self._model
        if model is None or not index.isValid():
            return None
        row = index.row()
        rows = self._rows
        if rows is not None:
            if not 0 <= row < len(rows):
                return None
            row = rows[row]
        return model.cell(row, index.column(), role)

    def shown_cell(self, row: int, column: int) -> tuple[str, Qt.AlignmentFlag]:
        """What the cell at this proxy ``row`` shows, and its alignment, in one call: how
        :class:`~livetally.ui.cell_delegate.TextCellDelegate` paints the log."""
        model = self._model
        if model is None:
            return "", TEXT_ALIGNMENT
        rows = self._rows
        return model.shown_cell(row if rows is None else rows[row], column)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if self._model is None:
            return None
        if orientation == Qt.Orientation.Vertical and self._rows is not None:
            if not 0 <= section < len(self._rows):
                return None
            section = self._rows[section]
        return self._model.headerData(section, orientation, role)

    # -- filters ---------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return " ".join(self._words)

    @property
    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        return self._first, self._last

    @property
    def tag(self) -> str | None:
        return self._tag

    @property
    def is_filtering(self) -> bool:
        return (
            bool(self._words)
            or self._first is not None
            or self._last is not None
            or self._tag is not None
        )

    @property
    def changes(self) -> int:
        """Goes up whenever the set of streams shown changes (a sort leaves it alone)."""
        return self._changes

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self._words = words
            self._refilter()

    def set_date_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Keep streams that started on ``first``..``last`` (inclusive; None: open)."""
        if (first, last) != (self._first, self._last):
            self._first, self._last = first, last
            self._refilter()

    def set_tag(self, tag: str | None) -> None:
        """Keep streams with ``tag`` (any spelling: ``Q A`` is ``q_a``); None or "": any."""
        normalised = normalise_tag(tag) if tag else ""
        wanted = normalised or None
        if wanted != self._tag:
            self._tag = wanted
            self._refilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Whether the filters keep the table model's ``source_row`` (as QSortFilterProxyModel
        would be asked)."""
        model = self._model
        if model is None or source_parent.isValid():
            return False
        if not self.is_filtering:
            return True
        return model.row_accepted(source_row, self._words, self._first, self._last, self._tag)

    def visible_streams(self) -> list[LoggedStream]:
        """The streams the view shows, in its order (for the summary line)."""
        model = self._model
        if model is None:
            return []
        if self._rows is None:
            return model.streams()
        return [model.stream_at(row) for row in self._rows]

    def source_rows(self) -> Sequence[int]:
        """The table model's rows that are shown, in order."""
        model = self._model
        if model is None:
            return []
        return range(model.rowCount()) if self._rows is None else self._rows

    def summary(self) -> StreamSummary:
        """Exact totals over the streams shown, worked out from the columns and kept until
        the streams shown change."""
        model = self._model
        if model is None:
            return _summary(NO_FIGURES)
        stamp = (model.version, self._changes)
        if self._summary is None or self._summary[0] != stamp:
            rows = None if self._rows is None else self._rows
            self._summary = (stamp, _summary(model.figures(rows)))
        return self._summary[1]

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort through the table model (fast); this proxy keeps the model's order."""
        if self._model is not None:
            self._model.sort(column, order)

    # -- keeping up with the table model ------------------------------------------------------

    def _filtered(self) -> list[int] | None:
        """The source rows the filters keep, in order; None when nothing filters."""
        if self._model is None or not self.is_filtering:
            return None
        return self._model.matching_rows(self._words, self._first, self._last, self._tag)

    def _accepts_source_row(self, row: int) -> bool:
        return self.filterAcceptsRow(row, _ROOT)

    def _row_of(self, source_row: int) -> int:
        """The proxy row showing ``source_row``, or -1."""
        rows = self._rows
        if rows is None:
            return source_row
        at = bisect.bisect_left(rows, source_row)
        return at if at < len(rows) and rows[at] == source_row else -1

    def _shown_changed(self) -> None:
        self._changes += 1

    def _refilter(self) -> None:
        """Apply changed filters: one pass over the rows, then tell the views."""
        if self._model is None:
            return
        new = self._filtered()
        old = self._rows
        if new == old:
            return
        count = self._model.rowCount()
        removed = _runs(old if old is not None else range(count), new, _MAX_RUNS)
        added = (
            _runs(new if new is not None else range(count), old, _MAX_RUNS)
            if removed is not None
            else None
        )
        self._shown_changed()
        if removed is None or added is None:
            self._relayout(new)
            return
        rows = list(old if old is not None else range(count))
        for first, last in reversed(removed):
            self.beginRemoveRows(QModelIndex(), first, last)
            del rows[first : last + 1]
            self._rows = rows
            self.endRemoveRows()
        target = new if new is not None else range(count)
        for first, last in added:
            self.beginInsertRows(QModelIndex(), first, last)
            rows[first:first] = target[first : last + 1]
            self._rows = rows
            self.endInsertRows()
        self._rows = new

    def _relayout(self, rows: list[int] | None) -> None:
        """Show ``rows`` as one layout change, keeping persistent indexes on their stream."""
        self.layoutAboutToBeChanged.emit()
        self._hold()
        self._rows = rows
        self._release()
        self.layoutChanged.emit()

    def _hold(self) -> None:
        """Before the rows change: remember the source cell under each persistent index."""
        self._held = [
            (index, QPersistentModelIndex(self.mapToSource(index)))
            for index in self.persistentIndexList()
        ]

    def _release(self) -> None:
        """After: move each persistent index to where its source cell now shows (or away)."""
        held, self._held = self._held, []
        if held:
            self.changePersistentIndexList(
                [index for index, _ in held],
                [self.mapFromSource(source) for _, source in held],
            )

    def _source_about_to_reset(self) -> None:
        self.beginResetModel()

    def _source_reset(self) -> None:
        self._rows = self._filtered()
        self._shown_changed()
        self.endResetModel()

    def _source_layout_about_to_change(self, *_args: object) -> None:
        self.layoutAboutToBeChanged.emit()
        self._hold()

    def _source_layout_changed(self, *_args: object) -> None:
        self._rows = self._filtered()
        self._release()
        self.layoutChanged.emit()

    def _source_rows_about_to_be_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._rows is None:
            self.beginInsertRows(QModelIndex(), first, last)

    def _source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._rows
        self._shown_changed()
        if rows is None:
            self.endInsertRows()
            return
        count = last - first + 1
        at = bisect.bisect_left(rows, first)
        rows[at:] = [row + count for row in rows[at:]]
        kept = [row for row in range(first, last + 1) if self._accepts_source_row(row)]
        if kept:
            self.beginInsertRows(QModelIndex(), at, at + len(kept) - 1)
            rows[at:at] = kept
            self.endInsertRows()

    def _source_rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._rows
        if rows is None:
            self.beginRemoveRows(QModelIndex(), first, last)
            return
        start = bisect.bisect_left(rows, first)
        end = bisect.bisect_right(rows, last)
        if end > start:
            self.beginRemoveRows(QModelIndex(), start, end - 1)
            del rows[start:end]
            self.endRemoveRows()

    def _source_rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._rows
        self._shown_changed()
        if rows is None:
            self.endRemoveRows()
            return
        count = last - first + 1
        at = bisect.bisect_left(rows, first)
        rows[at:] = [row - count for row in rows[at:]]

    def _source_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, *_roles: object
    ) -> None:
        self._shown_changed()  # an edit may change the totals even where the rows stay
        for source_row in range(top_left.row(), bottom_right.row() + 1):
            row = self._row_of(source_row)
            keep = self._accepts_source_row(source_row)
            rows = self._rows
            if row >= 0 and keep:
                self.dataChanged.emit(
                    self.index(row, top_left.column()), self.index(row, bottom_right.column())
                )
            elif row >= 0:  # an edit took it out of the filter
                assert rows is not None
                self.beginRemoveRows(QModelIndex(), row, row)
                del rows[row]
                self.endRemoveRows()
            elif keep and rows is not None:  # an edit brought it into the filter
                at = bisect.bisect_left(rows, source_row)
                self.beginInsertRows(QModelIndex(), at, at)
                rows.insert(at, source_row)
                self.endInsertRows()


def _runs(
    rows: Sequence[int], kept: Sequence[int] | None, most: int
) -> list[tuple[int, int]] | None:
    """The runs of positions in ``rows`` (sorted) whose row is not in ``kept`` (sorted; None:
    every row), as (first, last) pairs; None when there are more than ``most``.

    Worked out from the positions of the kept rows and the gaps between them, by C loops
    over the kept rows: a date filter keeps one run of a start-ordered log of 100,000 rows,
    and a Python step per row took ~10 ms of it.
    """
    if kept is None:
        return []
    size = len(rows)
    positions: Sequence[int]
    if isinstance(rows, range) and rows.start == 0 and rows.step == 1:
        positions = kept  # a row is its own position
        if positions and not (0 <= positions[0] and positions[-1] < size):
            positions = [p for p in positions if 0 <= p < size]
    else:
        where = dict(zip(rows, itertools.count()))
        positions = [p for p in map(where.get, kept) if p is not None]
    edges = [-1, *positions, size]
    gaps = list(map(operator.sub, edges[1:], edges[:-1]))  # 1 between neighbours
    if len(gaps) - gaps.count(1) > most:
        return None
    starts = itertools.compress(range(len(gaps)), map((1).__lt__, gaps))
    return [(edges[i] + 1, edges[i + 1] - 1) for i in starts]
