"""The stream log as a table: one row per logged LIVE, formatted only when a view asks.

A creator's log can hold 100,000 streams, so nothing is built per cell up front: a row is
formatted the first time it is shown and its strings are kept (by stream id, so they survive
sorting and inserts). Sorting is done here, in Python, rather than by
QSortFilterProxyModel: Qt's own sort calls ``data()`` twice per comparison, which for 100,000
rows is millions of calls into Python (seconds), whereas a keyed sort takes a fraction of a
second. ``SORT_ROLE`` still gives every cell an exact, Qt-comparable key, so a plain
QSortFilterProxyModel sorting by it orders rows the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimeZone,
)

from livetally.core.money import whole_diamonds
from livetally.core.records import LoggedStream
from livetally.models.formatting import Formatter

#: A raw key per cell that QSortFilterProxyModel compares exactly (int or str, never float).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row's :class:`~livetally.core.records.LoggedStream`, on every column.
STREAM_ROLE = Qt.ItemDataRole.UserRole + 2

_ROOT = QModelIndex()  # the table's parent index, the only one it has
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_NONE = -1  # sorts a blank count or amount before every real one (all are >= 0)
_MISSING_DECIMAL = Decimal(_NONE)

SortKey = int | Decimal | str
QtSortKey = int | str


class StreamColumn(IntEnum):
    STARTED = 0
    MINUTES = 1
    COINS = 2
    DIAMONDS = 3
    CASH = 4
    CASH_PER_HOUR = 5
    LIKES = 6
    PEAK_VIEWERS = 7
    NEW_FOLLOWERS = 8
    TAGS = 9
    NOTES = 10


HEADERS: dict[StreamColumn, str] = {
    StreamColumn.STARTED: "Started",
    StreamColumn.MINUTES: "Minutes",
    StreamColumn.COINS: "Coins",
    StreamColumn.DIAMONDS: "Diamonds",
    StreamColumn.CASH: "Cash",
    StreamColumn.CASH_PER_HOUR: "Cash per hour",
    StreamColumn.LIKES: "Likes",
    StreamColumn.PEAK_VIEWERS: "Peak viewers",
    StreamColumn.NEW_FOLLOWERS: "New followers",
    StreamColumn.TAGS: "Tags",
    StreamColumn.NOTES: "Notes",
}

HEADER_TIPS: dict[StreamColumn, str] = {
    StreamColumn.STARTED: "When the LIVE started, on your own clock as you entered it",
    StreamColumn.DIAMONDS: "Whole diamonds credited (any fraction dropped)",
    StreamColumn.CASH: "Your cash in USD at the rates the stream was logged with, "
    "rounded down to the cent",
    StreamColumn.CASH_PER_HOUR: "Your cash per hour streamed; blank when no duration was logged",
    StreamColumn.LIKES: "Engagement only: likes pay nothing",
}

_TEXT_COLUMNS = frozenset({StreamColumn.STARTED, StreamColumn.TAGS, StreamColumn.NOTES})


def decimal_sort_key(value: Decimal) -> str:
    """Text that sorts (by plain code-point comparison) exactly as the numbers do.

    A Decimal handed to Qt is an opaque Python object that QSortFilterProxyModel cannot
    compare, and float would merge 0.004 and 0.0040000000000000001. The key is the sign,
    the count of integer digits, the digits and the fraction without trailing zeros;
    negative values have every digit complemented and end in ``~`` so that they run the
    other way. Good for up to 9,999 integer digits (money here has at most 13).
    """
    integer, _, fraction = f"{abs(value):f}".partition(".")
    integer = integer.lstrip("0")
    fraction = fraction.rstrip("0")
    if value >= 0:
        return f"1{len(integer):04d}{integer}.{fraction}"
    flip = str.maketrans("0123456789", "9876543210")
    return f"0{9999 - len(integer):04d}{integer.translate(flip)}.{fraction.translate(flip)}~"


def qt_sort_key(key: SortKey) -> QtSortKey:
    """The Qt-comparable form of a native sort key (Decimals become exact text)."""
    return decimal_sort_key(key) if isinstance(key, Decimal) else key


def cash_per_hour(stream: LoggedStream) -> Decimal | None:
    """Creator cash per streamed hour, exact; None when no duration was logged."""
    minutes = stream.record.duration_minutes
    return stream.creator_usd * 60 / minutes if minutes else None


class StreamTableModel(QAbstractTableModel):
    """Logged streams in the current sort order (start order until sorted otherwise)."""

    def __init__(self, parent: QObject | None = None, *, formatter: Formatter | None = None):
        super().__init__(parent)
        self._formatter = formatter or Formatter()
        self._streams: list[LoggedStream] = []
        self._rows: dict[int, int] | None = None  # stream id -> row, rebuilt on demand
        self._texts: dict[int, tuple[str, ...]] = {}  # stream id -> display text per column
        self._starts: dict[int, tuple[dt.datetime, int]] = {}  # id -> (started, UTC µs)
        self._search: dict[int, str] = {}  # id -> lower-case text the filter searches
        self._sort_column = StreamColumn.STARTED
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._streams)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(StreamColumn)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._streams) and 0 <= column < len(StreamColumn)):
            return None
        stream = self._streams[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_texts(stream)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TEXT_ALIGNMENT if column in _TEXT_COLUMNS else NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(stream, StreamColumn(column))
        if role == SORT_ROLE:
            return qt_sort_key(self._sort_key(stream, StreamColumn(column)))
        if role == STREAM_ROLE:
            return stream
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(StreamColumn):
            return super().headerData(section, orientation, role)
        column = StreamColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TEXT_ALIGNMENT if column in _TEXT_COLUMNS else NUMBER_ALIGNMENT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column`` (-1: start order); ties stay in start order."""
        self._sort_column = StreamColumn(column) if column >= 0 else StreamColumn.STARTED
        self._sort_order = order if column >= 0 else Qt.SortOrder.AscendingOrder
        self.layoutAboutToBeChanged.emit()
        moved = [(index, self._streams[index.row()].id) for index in self.persistentIndexList()]
        self._streams = self._ordered(self._streams)
        self._rows = None
        rows = self._row_map()
        self.changePersistentIndexList(
            [index for index, _ in moved],
            [self.index(rows[stream_id], index.column()) for index, stream_id in moved],
        )
        self.layoutChanged.emit()

    # -- what the window calls -------------------------------------------------------------

    @property
    def sort_column(self) -> StreamColumn:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def set_streams(self, streams: list[LoggedStream]) -> None:
        """Show ``streams`` instead of what was shown, in the current sort order."""
        self.beginResetModel()
        self._texts.clear()
        self._starts.clear()
        self._search.clear()
        self._streams = self._ordered(streams)
        self._rows = None
        self.endResetModel()

    def streams(self) -> list[LoggedStream]:
        """Every stream, in row order (a copy)."""
        return list(self._streams)

    def stream_at(self, row: int) -> LoggedStream:
        return self._streams[row]

    def row_of(self, stream_id: int) -> int | None:
        return self._row_map().get(stream_id)

    def insert_stream(self, stream: LoggedStream) -> int:
        """Add one stream where the current sort puts it; returns its row."""
        if self.row_of(stream.id) is not None:
            raise ValueError(f"stream {stream.id} is already shown")
        self._forget(stream.id)
        row = self._position(stream, self._streams)
        self.beginInsertRows(QModelIndex(), row, row)
        self._streams.insert(row, stream)
        self._rows = None
        self.endInsertRows()
        return row

    def remove_stream(self, stream_id: int) -> LoggedStream | None:
        """Take the stream out of the table; None when it was not shown."""
        row = self.row_of(stream_id)
        if row is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        removed = self._streams.pop(row)
        self._rows = None
        self._forget(stream_id)
        self.endRemoveRows()
        return removed

    def replace_stream(self, stream: LoggedStream) -> int:
        """Show the edited ``stream`` (same id) in place of the old one; returns its row.

        The row moves (rather than being removed and added) when the edit changes its place
        in the sort, so a view keeps it selected.
        """
        old = self.row_of(stream.id)
        if old is None:
            raise KeyError(f"stream {stream.id} is not shown")
        self._forget(stream.id)
        others = self._streams[:old] + self._streams[old + 1 :]
        new = self._position(stream, others)
        if new != old:
            # Qt's destination counts rows before the move: moving down lands one further.
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + (new > old))
            others.insert(new, stream)
            self._streams = others
            self._rows = None
            self.endMoveRows()
        else:
            self._streams[old] = stream
        self.dataChanged.emit(self.index(new, 0), self.index(new, len(StreamColumn) - 1))
        return new

    # -- per-stream facts the filter proxy reads (cached by id) ----------------------------

    def started(self, stream: LoggedStream) -> dt.datetime:
        """The start on the creator's own clock (with its UTC offset), parsed once."""
        return self._start(stream)[0]

    def search_text(self, stream: LoggedStream) -> str:
        """Lower-case start text, tags and notes: what the text filter looks in."""
        text = self._search.get(stream.id)
        if text is None:
            record = stream.record
            text = " ".join((record.started_at, " ".join(record.tags), record.notes)).casefold()
            self._search[stream.id] = text
        return text

    # -- internals -------------------------------------------------------------------------

    def _start(self, stream: LoggedStream) -> tuple[dt.datetime, int]:
        found = self._starts.get(stream.id)
        if found is None:
            started = stream.record.started
            found = (started, (started - _EPOCH) // _MICROSECOND)
            self._starts[stream.id] = found
        return found

    def _forget(self, stream_id: int) -> None:
        self._texts.pop(stream_id, None)
        self._starts.pop(stream_id, None)
        self._search.pop(stream_id, None)

    def _row_map(self) -> dict[int, int]:
        if self._rows is None:
            self._rows = {stream.id: row for row, stream in enumerate(self._streams)}
        return self._rows

    def _ordered(self, streams: list[LoggedStream]) -> list[LoggedStream]:
        """``streams`` sorted by the current column; ties in start order (then by id).

        Ties stay oldest first in both directions, as Qt's own sort leaves them in a view:
        two stable sorts, start order first, then the column (``reverse`` keeps ties).
        """
        by_start = sorted(streams, key=lambda s: (self._start(s)[1], s.id))
        column = self._sort_column
        if column is StreamColumn.STARTED and not self._descending:
            return by_start
        return sorted(by_start, key=lambda s: self._sort_key(s, column), reverse=self._descending)

    @property
    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _precedes(self, first: LoggedStream, second: LoggedStream) -> bool:
        """Whether ``first`` comes before ``second`` in the order :meth:`_ordered` makes."""
        column = self._sort_column
        a, b = self._sort_key(first, column), self._sort_key(second, column)
        if a != b:
            return (a < b) != self._descending  # type: ignore[operator]
        return (self._start(first)[1], first.id) < (self._start(second)[1], second.id)

    def _position(self, stream: LoggedStream, rows: list[LoggedStream]) -> int:
        """Where ``stream`` belongs in the sorted ``rows``: a binary search, O(log n)."""
        low, high = 0, len(rows)
        while low < high:
            middle = (low + high) // 2
            if self._precedes(stream, rows[middle]):
                high = middle
            else:
                low = middle + 1
        return low

    def _sort_key(self, stream: LoggedStream, column: StreamColumn) -> SortKey:
        record = stream.record
        if column is StreamColumn.STARTED:
            return self._start(stream)[1]
        if column is StreamColumn.MINUTES:
            return _count_key(record.duration_minutes)
        if column is StreamColumn.COINS:
            return record.coins
        if column is StreamColumn.DIAMONDS:
            return stream.diamonds
        if column is StreamColumn.CASH:
            return stream.creator_usd
        if column is StreamColumn.CASH_PER_HOUR:
            rate = cash_per_hour(stream)
            return _MISSING_DECIMAL if rate is None else rate
        if column is StreamColumn.LIKES:
            return _count_key(record.likes)
        if column is StreamColumn.PEAK_VIEWERS:
            return _count_key(record.peak_viewers)
        if column is StreamColumn.NEW_FOLLOWERS:
            return _count_key(record.new_followers)
        if column is StreamColumn.TAGS:
            return ", ".join(record.tags)
        return record.notes.casefold()

    def _row_texts(self, stream: LoggedStream) -> tuple[str, ...]:
        texts = self._texts.get(stream.id)
        if texts is None:
            texts = self._format(stream)
            self._texts[stream.id] = texts
        return texts

    def _format(self, stream: LoggedStream) -> tuple[str, ...]:
        record = stream.record
        fmt = self._formatter
        started = self.started(stream)
        # The stream's own wall-clock time: given as UTC fields so no zone shifts it.
        wall_clock = QDateTime(
            QDate(started.year, started.month, started.day),
            QTime(started.hour, started.minute, started.second),
            QTimeZone.utc(),
        )
        rate = cash_per_hour(stream)
        return (
            fmt.locale.toString(wall_clock, QLocale.FormatType.ShortFormat),
            _count_text(fmt, record.duration_minutes),
            fmt.count(record.coins),
            fmt.count(whole_diamonds(stream.diamonds)),
            fmt.money(stream.creator_usd),
            "" if rate is None else fmt.money(rate),
            _count_text(fmt, record.likes),
            _count_text(fmt, record.peak_viewers),
            _count_text(fmt, record.new_followers),
            ", ".join(record.tags),
            record.notes,
        )

    def _tooltip(self, stream: LoggedStream, column: StreamColumn) -> str | None:
        if column is StreamColumn.STARTED:
            return stream.record.started_at
        if column is StreamColumn.NOTES and stream.record.notes:
            return stream.record.notes
        if column is StreamColumn.LIKES:
            return HEADER_TIPS[StreamColumn.LIKES]
        return None


def _count_key(value: int | None) -> int:
    return _NONE if value is None else value


def _count_text(formatter: Formatter, value: int | None) -> str:
    return "" if value is None else formatter.count(value)
