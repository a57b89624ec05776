"""The stream log as a Qt table over the column store: rows formatted only when shown.

The streams themselves are columns (:mod:`livetally.models.stream_columns`); a row is
formatted the first time it is shown, its strings kept (by stream id, so they survive
sorting and inserts).

Sorting is done in Python (:mod:`livetally.models.stream_order`, which says why) rather
than by QSortFilterProxyModel. ``SORT_ROLE`` still gives every cell an exact, Qt-comparable
key, so a plain QSortFilterProxyModel sorting by it orders rows the same way. The figures
the charts ask for are read from the columns by :mod:`livetally.models.stream_queries`.
"""

from __future__ import annotations

import datetime as dt
import operator
from array import array
from collections.abc import Generator, Iterable, Iterator, MutableSequence, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from livetally.core.money import whole_diamonds
from livetally.core.records import LoggedStream, parse_timestamp
from livetally.core.report import cash_per_hour
from livetally.core.stream_fields import Origin
from livetally.models import stream_queries
from livetally.models.formatting import Formatter, tax_tooltip
from livetally.models.log_columns import (
    COLUMN_COUNT,
    HEADER_TIPS,
    LATER_DETAILS,
    Column,
    StreamColumn,
    column_at,
    header,
    header_tip,
    is_text_column,
    later_detail,
)
from livetally.models.sort_keys import qt_sort_key
from livetally.models.stream_columns import StreamData
from livetally.models.stream_figures import BLANK, NO_FIGURES, Figures, one_getter
from livetally.models.stream_order import StreamOrder
from livetally.models.table_roles import (
    ALIGNMENT_ROLE,
    DISPLAY_ROLE,
    NO_FLAGS,
    NUMBER_ALIGNMENT,
    SELECTABLE,
    SORT_ROLE,
    STREAM_ROLE,
    TEXT_ALIGNMENT,
    TOOLTIP_ROLE,
)

if TYPE_CHECKING:
    from livetally.core.chart_data import CashPoint, TagTotal

_ROOT = QModelIndex()  # the table's parent index, the only one it has
#: The roles :meth:`StreamTableModel.cell` answers; a paint asks seven per cell, most of
#: them (font, colours, check state, icon) answered None at once by this test.
_ROLES = frozenset({DISPLAY_ROLE, ALIGNMENT_ROLE, TOOLTIP_ROLE, SORT_ROLE, STREAM_ROLE})
_ALIGNMENTS = tuple(
    TEXT_ALIGNMENT if is_text_column(column) else NUMBER_ALIGNMENT for column in range(COLUMN_COUNT)
)


class StreamTableModel(QAbstractTableModel):
    """Logged streams in the current sort order (start order until sorted otherwise)."""

    def __init__(self, parent: QObject | None = None, *, formatter: Formatter | None = None):
        super().__init__(parent)
        self._tax_percent = Decimal(0)
        self._formatter = formatter or Formatter()
        self._data = StreamData()
        self._order: list[int] = []  # row -> slot, in the current sort order
        self._rows: MutableSequence[int] | None = None  # slot -> row; None: make when needed
        self._texts: dict[int, tuple[str, ...]] = {}  # stream id -> display text per column
        self._sorting = StreamOrder()  # start order, sort column and its keys
        self.version = 0  # changes whenever the set of streams (not their order) changes

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = DISPLAY_ROLE,
    ) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int = DISPLAY_ROLE) -> Any:
        """``data()`` for ``row`` and ``column`` (the filter proxy asks this directly)."""
        if role not in _ROLES or not (0 <= row < len(self._order) and 0 <= column < COLUMN_COUNT):
            return None
        k = self._order[row]
        if role == DISPLAY_ROLE:
            return self._row_texts(k)[column]
        if role == ALIGNMENT_ROLE:
            return _ALIGNMENTS[column]
        if role == TOOLTIP_ROLE:
            return self._tooltip(k, column_at(column))
        if role == SORT_ROLE:
            return qt_sort_key(self._sorting.key(k, column_at(column)))
        if role == STREAM_ROLE:
            return self._data.stream(k)
        return None

    def shown_cell(self, row: int, column: int) -> tuple[str, Qt.AlignmentFlag]:
        """What the cell shows and its alignment: its display and alignment roles in one
        call (for :class:`~livetally.ui.cell_delegate.TextCellDelegate`)."""
        return self._row_texts(self._order[row])[column], _ALIGNMENTS[column]

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return header(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tip(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TEXT_ALIGNMENT if is_text_column(section) else NUMBER_ALIGNMENT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return SELECTABLE if index.isValid() else NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column`` (-1: start order); ties stay in start order."""
        new_column = column_at(column) if column >= 0 else StreamColumn.STARTED
        self._sorting.sort_by(new_column, column >= 0 and order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        held = self.persistentIndexList()
        moved = [(index, self._order[index.row()]) for index in held]
        self._order = self._sorting.ordered()
        self._rows = None
        self._slot_rows()  # made now, so the next filter does not wait for it
        rows = self._rows_of({k for _index, k in moved})
        self.changePersistentIndexList(
            [index for index, _ in moved],
            [self.index(rows[k], index.column()) for index, k in moved],
        )
        self.layoutChanged.emit()

    # -- what the window calls -------------------------------------------------------------

    @property
    def sort_column(self) -> Column:
        return self._sorting.column

    @property
    def sort_order(self) -> Qt.SortOrder:
        if self._sorting.descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    def set_streams(self, streams: list[LoggedStream]) -> None:
        """Show ``streams`` instead of what was shown, in the current sort order."""
        self.set_data(StreamData.of_streams(streams))

    def set_data(self, data: StreamData) -> None:
        """Show the streams in ``data`` (in start order, as read) instead of what was shown.

        The model takes ``data`` over; the fast way in for a whole ledger
        (``Ledger.stream_rows`` into :meth:`StreamData.add_rows`).
        """
        self.beginResetModel()
        self._data = data
        self._texts.clear()
        self._sorting.reset(data)
        self._order = self._sorting.ordered()
        # Slots in start order, shown so: each slot's row is the slot itself (made in C);
        # in any other order, when first needed (see place_rows).
        self._rows = array("q", range(len(data))) if self._sorting.in_start_order else None
        self.version += 1
        self.endResetModel()

    def has_detail(self, name: str) -> bool:
        """Whether any stream holds a value for the later detail ``name`` (its column shows)."""
        return self._data.has_later(name)

    def streams(self) -> list[LoggedStream]:
        """Every stream, in row order (a copy)."""
        stream = self._data.stream
        return [stream(k) for k in self._order]

    def stream_at(self, row: int) -> LoggedStream:
        return self._data.stream(self._order[row])

    def row_of(self, stream_id: int) -> int | None:
        k = self._data.find(stream_id)
        return None if k is None else self._row_of_slot(k)

    def insert_stream(self, stream: LoggedStream) -> int:
        """Add one stream where the current sort puts it; returns its row."""
        if self._data.find(stream.id) is not None:
            raise ValueError(f"stream {stream.id} is already shown")
        self._forget(stream.id)
        k = self._data.append(stream, 0)
        self._sorting.put_in(k)
        row = self._sorting.position(k, self._order)
        self.beginInsertRows(QModelIndex(), row, row)
        self._order.insert(row, k)
        self._rows = None
        self.version += 1
        self.endInsertRows()
        return row

    def remove_stream(self, stream_id: int) -> LoggedStream | None:
        """Take the stream out of the table; None when it was not shown."""
        k = self._data.find(stream_id)
        if k is None:
            return None
        row = self._row_of_slot(k)
        removed = self._data.stream(k)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._order[row]
        self._rows = None
        self._sorting.take_out(k)
        self._data.remove(k)
        self._forget(stream_id)
        self.version += 1
        self.endRemoveRows()
        return removed

    def replace_stream(self, stream: LoggedStream) -> int:
        """Show the edited ``stream`` (same id) in place of the old one; returns its row.

        The row moves (rather than being removed and added) when the edit changes its place
        in the sort, so a view keeps it selected.
        """
        k = self._data.find(stream.id)
        if k is None:
            raise KeyError(f"stream {stream.id} is not shown")
        old = self._row_of_slot(k)
        self._forget(stream.id)
        self._sorting.take_out(k)
        self._data.replace(k, stream)
        self._sorting.put_in(k)
        others = self._order[:old] + self._order[old + 1 :]
        new = self._sorting.position(k, others)
        self.version += 1
        if new != old:
            # Qt's destination counts rows before the move: moving down lands one further.
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + (new > old))
            others.insert(new, k)
            self._order = others
            self._moved_rows(min(old, new), max(old, new))
            self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, COLUMN_COUNT - 1))
        return new

    # -- per-stream facts the filter proxy reads -------------------------------------------

    def place_rows(self) -> None:
        """Work out the row of every stream now, which a filter and an edit read (~16 ms for
        100,000 streams): the log asks on the turn after new rows arrive, not in it."""
        self._slot_rows()

    def format_rows(self, first: int, count: int) -> None:
        """Make the texts of ``count`` rows from ``first`` now (they are kept until the rows
        change): sizing a column reads a few hundred rows, ~0.1 ms each to format, and the
        log formats them a few dozen per turn of the event loop before it sizes any."""
        order = self._order
        for row in range(max(first, 0), min(first + count, len(order))):
            self._row_texts(order[row])

    def matching_rows(
        self,
        words: Sequence[str],
        first: dt.date | None,
        last: dt.date | None,
        tag: str | None,
    ) -> list[int]:
        """The rows (in order) whose stream has ``tag``, started on ``first``..``last`` on
        its own clock and holds every one of ``words`` (case-folded) in its search text.

        Plain passes over the columns in the order they are stored (quick to read, however
        the rows are sorted), the words looked up in the column store's word index, then
        one lookup of each match's row: no object per stream.
        """
        slots = stream_queries.matching_slots(self._data, words, first, last, tag)
        if isinstance(slots, range):
            return list(range(len(self._order)))
        rows = self._slot_rows()
        return sorted(map(rows.__getitem__, slots))

    def row_accepted(
        self,
        row: int,
        words: Sequence[str],
        first: dt.date | None,
        last: dt.date | None,
        tag: str | None,
    ) -> bool:
        """Whether one row passes the filters of :meth:`matching_rows`."""
        data = self._data
        k = self._order[row]
        if tag is not None and tag not in data.tags[k]:
            return False
        day = data.started_at[k][:10]
        if (first is not None and day < first.isoformat()) or (
            last is not None and day > last.isoformat()
        ):
            return False
        if words:
            text = data.search_text(k)
            return all(word in text for word in words)
        return True

    def figures(self, rows: Iterable[int] | None = None) -> Figures:
        """Exact sums over ``rows`` (default: every row), from the columns."""
        data = self._data
        if rows is None and data.totals is not None:
            return data.totals  # added up as the rows were read
        if rows is None and not data.dead:
            return data.figures_of(_whole_column)
        order = self._order
        slots = sorted(order) if rows is None else sorted(map(order.__getitem__, rows))
        if not slots:
            return NO_FIGURES
        # The text filter asks for this on every pause in typing: the columns are gathered
        # by C loops (itemgetter), not one Python step per stream and column, in the order
        # the columns hold them (sorted: ~3 ms quicker for 10,000 of 100,000 than the
        # order of the rows, which a sort by cash scatters over memory).
        return data.figures_of(
            operator.itemgetter(*slots) if len(slots) > 1 else one_getter(slots[0])
        )

    def cash_points(self, rows: Iterable[int] | None = None) -> list[CashPoint]:
        """Each stream on ``rows`` (default: every row) as a point of the cash chart, oldest
        first (ties by id): its start on its own clock and its exact cash."""
        return stream_queries.cash_points(self._data, self._slots_in_start_order(rows))

    def chart_points(self, rows: Iterable[int] | None = None) -> Iterator[tuple[float, Decimal]]:
        """:meth:`cash_points` as the cash chart draws them: each stream's start as POSIX
        seconds and its exact cash, made one at a time as they are read (no object kept per
        stream), so a chart of 100,000 streams can be made a step at a time."""
        slots = list(self._slots_in_start_order(rows))  # a copy: read across many turns
        yield from stream_queries.chart_points(self._data, slots)

    def tag_totals(
        self, rows: Iterable[int] | None = None, step: int = 10_000
    ) -> Generator[None, None, tuple[dict[str, TagTotal], int]]:
        """Each tag's streams on ``rows`` (default: every row) added up for the cash per
        hour chart (see :func:`~livetally.core.chart_data.tag_rates`), and how many of
        those streams have no length; from the columns, ``step`` streams per ``yield``.

        Exact: each tag's diamonds are added up per diamond rate, then multiplied by it.
        """
        slots = list(self._slots_in_start_order(rows))  # a copy: read across many turns
        return (yield from stream_queries.tag_totals(self._data, slots, step))

    def columns(self, rows: Iterable[int] | None = None) -> tuple[StreamData, list[int]]:
        """The columns, and the slots of ``rows`` (default: every row) in start order: for
        figures worked out elsewhere (``models.what_pays_data``) without a copy."""
        return self._data, list(self._slots_in_start_order(rows))

    def _slots_in_start_order(self, rows: Iterable[int] | None) -> list[int]:
        slots = self._sorting.by_start
        if rows is not None:
            order = self._order
            wanted = {order[r] for r in rows}
            slots = [k for k in slots if k in wanted]
        return slots

    # -- internals -------------------------------------------------------------------------

    def _moved_rows(self, first: int, last: int) -> None:
        """Rows ``first``..``last`` now show other slots (a row moved among them): their
        places in the slot -> row lookup follow, so the next edit does not search 100,000
        rows for its stream. A move across most of the log makes the lookup again later."""
        rows = self._rows
        if rows is None:
            return
        if last - first > len(rows) // 4:
            self._rows = None
            return
        order = self._order
        for row in range(first, last + 1):
            rows[order[row]] = row

    def _row_of_slot(self, k: int) -> int:
        """The row showing slot ``k``: looked up while the rows of the current order are
        known (an edit that keeps its row's place keeps them), else searched for."""
        rows = self._rows
        return rows[k] if rows is not None else self._order.index(k)

    def _slot_rows(self) -> MutableSequence[int]:
        """The row of every slot (a stream no longer shown: -1), made once per order."""
        if self._rows is None:
            rows = array("q", [-1]) * len(self._data)
            for row, k in enumerate(self._order):
                rows[k] = row
            self._rows = rows
        return self._rows

    def _rows_of(self, slots: set[int]) -> dict[int, int]:
        """The row of each of a few slots (for persistent indexes after a sort)."""
        if not slots:
            return {}
        rows = self._slot_rows()
        return {k: rows[k] for k in slots}

    def _forget(self, stream_id: int) -> None:
        self._texts.pop(stream_id, None)

    def _row_texts(self, k: int) -> tuple[str, ...]:
        stream_id = self._data.ids[k]
        texts = self._texts.get(stream_id)
        if texts is None:
            texts = self._texts[stream_id] = self._format(k)
        return texts

    def _format(self, k: int) -> tuple[str, ...]:
        data = self._data
        fmt = self._formatter
        started = parse_timestamp(data.started_at[k])  # its own wall clock, never shifted
        diamonds = data.diamonds_of(k)
        cash = diamonds * data.rates[k].diamond_usd
        minutes = data.minutes[k]
        return (
            fmt.date_time(started),
            _count_text(fmt, minutes),
            _coins_text(fmt, data.coins[k], data.origin_of(k)),
            fmt.count(whole_diamonds(diamonds)),
            fmt.money(cash),
            "" if (per_hour := cash_per_hour(cash, minutes)) is None else fmt.money(per_hour),
            _count_text(fmt, data.likes[k]),
            _count_text(fmt, data.peak[k]),
            _count_text(fmt, data.followers[k]),
            data.joined_tags(k),
            data.notes[k],
            *(_later_text(fmt, data.later_value(d.name, k)) for d in LATER_DETAILS),
        )

    def set_tax_reserve(self, percent: Decimal) -> None:
        """Say, on each stream's cash, what to set aside for tax (``[app]
        tax_reserve_percent``; 0: nothing)."""
        self._tax_percent = percent

    def _tooltip(self, k: int, column: Column) -> str | None:
        if column is StreamColumn.CASH and self._tax_percent:
            cash = self._data.cash_of(k)
            return tax_tooltip(self._formatter, cash, self._tax_percent, "USD")
        detail = later_detail(column)
        if detail is not None:
            value = self._data.later_value(detail.name, k)
            return value if isinstance(value, str) and value else None
        if column is StreamColumn.COINS and self._data.origin_of(k) is not Origin.TYPED:
            return f"Coins {self._data.origin_of(k).label}"
        if column is StreamColumn.STARTED:
            return self._data.started_at[k]
        if column is StreamColumn.NOTES and self._data.notes[k]:
            return self._data.notes[k]
        if column is StreamColumn.LIKES:
            return HEADER_TIPS[StreamColumn.LIKES]
        return None


def _count_text(formatter: Formatter, value: int) -> str:
    return "" if value == BLANK else formatter.count(value)


def _coins_text(formatter: Formatter, coins: int, origin: Origin) -> str:
    """Coins worked out from TikTok's diamonds are marked as such, never shown as given."""
    shown = formatter.count(coins)
    return f"\u2248 {shown}" if origin is Origin.TIKTOK else shown


def _later_text(formatter: Formatter, value: int | str | None) -> str:
    if isinstance(value, int):
        return _count_text(formatter, value)
    return value or ""


def _whole_column(column: Sequence[Any]) -> Sequence[Any]:
    return column
