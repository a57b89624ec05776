"""The stream log as a table: one row per logged LIVE, formatted only when a view asks.

A creator's log can hold 100,000 streams, so nothing is made per stream up front. The
streams are held as columns (:class:`StreamData`: arrays of numbers, lists of the texts as
stored, rates and tag lists shared between the streams that have them), read straight from
the ledger's rows; a :class:`~livetally.core.records.LoggedStream` is made only for a row
something asks about, and a row is formatted the first time it is shown, its strings kept
(by stream id, so they survive sorting and inserts).

Sorting is done here, in Python, rather than by QSortFilterProxyModel: Qt's own sort calls
``data()`` twice per comparison, which for 100,000 rows is millions of calls into Python
(seconds), whereas a keyed sort over one column takes a fraction of a second. ``SORT_ROLE``
still gives every cell an exact, Qt-comparable key, so a plain QSortFilterProxyModel sorting
by it orders rows the same way.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from array import array
from collections.abc import Callable, Generator, Iterable, Iterator, MutableSequence, Sequence
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from livetally.core.money import whole_diamonds
from livetally.core.records import LoggedStream, StreamRecord, normalise_tag, parse_timestamp
from livetally.core.report import cash_per_hour
from livetally.models.formatting import Formatter
from livetally.storage.ledger import RATES_SEPARATOR

if TYPE_CHECKING:
    from livetally.core.chart_data import CashPoint, TagTotal

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
_ZERO = Decimal(0)
_ONE = Decimal(1)

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
#: Columns whose sort keys are a column of StreamData itself (nothing to make or keep), by
#: the name of that column (looked up each time: a column may be widened to a new list).
_STORED = {
    StreamColumn.STARTED: "rank",
    StreamColumn.MINUTES: "minutes",
    StreamColumn.COINS: "coins",
    StreamColumn.LIKES: "likes",
    StreamColumn.PEAK_VIEWERS: "peak",
    StreamColumn.NEW_FOLLOWERS: "followers",
}
_COLUMNS = len(StreamColumn)


def decimal_sort_key(value: Decimal) -> str:
    """Text that sorts (by plain code-point comparison) exactly as the numbers do.

    A Decimal handed to Qt is an opaque Python object that QSortFilterProxyModel cannot
    compare, and float would merge 0.004 and 0.0040000000000000001. The key is the sign,
    the count of integer digits, the digits and the fraction without trailing zeros;
    negative values have every digit complemented and end in ``~`` so that they run the
    other way. Good for up to 9,999 integer digits (money here has at most 13).
    """
    integer, _, fraction = f"{value.copy_abs():f}".partition(".")  # exact: abs() rounds
    integer = integer.lstrip("0")
    fraction = fraction.rstrip("0")
    if value >= 0:
        return f"1{len(integer):04d}{integer}.{fraction}"
    flip = str.maketrans("0123456789", "9876543210")
    return f"0{9999 - len(integer):04d}{integer.translate(flip)}.{fraction.translate(flip)}~"


def qt_sort_key(key: SortKey) -> QtSortKey:
    """The Qt-comparable form of a native sort key (Decimals become exact text)."""
    return decimal_sort_key(key) if isinstance(key, Decimal) else key


class Rates(NamedTuple):
    """The rates a stream was logged at; one object shared by every stream logged at them."""

    country: str
    coin_usd: Decimal
    diamonds_per_coin: Decimal
    diamond_usd: Decimal


class Figures(NamedTuple):
    """Exact sums over some rows (see ``StreamSummary`` in ``stream_filter``)."""

    streams: int
    minutes: int
    coins: int
    diamonds: Decimal
    cash: Decimal
    likes: int
    timed_cash: Decimal
    liked_coins: int
    #: Streams without a duration: left out of ``minutes`` and ``timed_cash``.
    untimed: int


def _ints() -> MutableSequence[int]:
    return array("q")


class StreamData:
    """Streams as columns, in start order (ties by id): the stream log's form of a ledger.

    One slot per stream in each column; ``k`` below is a slot. Whole numbers live in arrays
    (a blank count is -1), texts as the ledger stores them, and the rates and tag lists in
    objects shared by every stream that has the same. ``rank`` orders the slots by their
    start instant: equal for streams that started at the same moment. Streams handed over
    as objects are kept (``given``) and given back as they were.
    """

    def __init__(self) -> None:
        self.ids = _ints()
        self.rank = _ints()
        self.minutes = _ints()
        self.coins = _ints()
        self.likes = _ints()
        self.peak = _ints()
        self.followers = _ints()
        self.started_at: list[str] = []
        self.diamonds: list[str] = []  # exact decimal text
        self.notes: list[str] = []
        self.tags: list[tuple[str, ...]] = []
        self.rates: list[Rates] = []
        self.entered = bytearray()
        self.sample = bytearray()
        self.search: list[str] | None = None  # lower-case text the filter looks in, by slot
        self.totals: Figures | None = _NO_FIGURES  # sums over every slot; None: not kept
        self.given: dict[int, LoggedStream] = {}
        self.dead: set[int] = set()  # slots of streams taken out since
        self._last_start: object = None
        self._last_rank = -1
        self._tag_lists: dict[str | None, tuple[str, ...]] = {None: (), "": ()}
        self._rate_sets: dict[str, Rates] = {}
        self._decimals: dict[str, Decimal] = {}
        self._joined: dict[tuple[str, ...], str] = {(): ""}  # as shown: "qa, chat"
        self._spaced: dict[tuple[str, ...], str] = {(): ""}  # as searched: "qa chat"

    def __len__(self) -> int:
        return len(self.ids)

    # -- filling ------------------------------------------------------------------------------

    def add_rows(
        self,
        rows: Sequence[tuple[Any, ...]],
        tags: Sequence[str | None],
        *,
        search: bool = True,
    ) -> None:
        """Append a step of ``Ledger.stream_rows``: rows in start order (ties by id) and
        each row's tags.

        ``search`` also makes the text the filter looks in, so the first filter is as quick
        as any other (it costs about as much as reading the rows).
        """
        if not rows:
            return
        columns = list(zip(*rows, strict=True))
        (ids, started, starts, minutes, coins, diamonds, entered, likes, peak, followers,
         notes, rates, sample) = columns  # fmt: skip
        rank, last = self._last_rank, self._last_start
        ranks = []
        for start in starts:
            if start != last:
                rank, last = rank + 1, start
            ranks.append(rank)
        self._last_rank, self._last_start = rank, last
        self._extend(self.ids, ids)
        self._extend(self.rank, ranks)
        self._extend(self.minutes, [_NONE if m is None else m for m in minutes])
        self._extend(self.coins, coins)
        self._extend(self.likes, [_NONE if n is None else n for n in likes])
        self._extend(self.peak, [_NONE if n is None else n for n in peak])
        self._extend(self.followers, [_NONE if n is None else n for n in followers])
        self.started_at.extend(started)
        self.diamonds.extend(diamonds)
        self.notes.extend(notes)
        lists = self._tag_lists
        new_tags = [lists[t] if t in lists else self._tag_list(t) for t in tags]
        self.tags.extend(new_tags)
        sets = self._rate_sets
        self.rates.extend([sets.get(key) or self._rate_set(key) for key in rates])
        self.entered.extend(entered)
        self.sample.extend(sample)
        if self.totals is not None:
            self.totals = _plus(
                self.totals,
                _figures(coins, self.minutes[-len(rows) :], self.likes[-len(rows) :], diamonds,
                         self.rates[-len(rows) :]),
            )  # fmt: skip
        if self.search is not None or (search and len(self.ids) == len(rows)):
            spaced = self._spaced_tags
            texts = self.search if self.search is not None else []
            texts.extend(
                f"{s} {spaced(t)} {n}".casefold()
                for s, t, n in zip(started, new_tags, notes, strict=True)
            )
            self.search = texts

    @classmethod
    def of_streams(cls, streams: Iterable[LoggedStream]) -> StreamData:
        """Columns for streams handed over as objects (kept, and given back as they are)."""
        keyed = sorted(((_instant(s), s.id, s) for s in streams), key=lambda t: (t[0], t[1]))
        data = cls()
        last: int | None = None
        rank = -1
        for instant, _id, stream in keyed:
            if instant != last:
                rank, last = rank + 1, instant
            data.append(stream, rank)
        return data

    def append(self, stream: LoggedStream, rank: int) -> int:
        """Add one stream at ``rank``; returns its slot."""
        k = len(self.ids)
        record = stream.record
        self.totals = None
        self._extend(self.ids, (stream.id,))
        self._extend(self.rank, (rank,))
        self._extend(self.minutes, (_count(record.duration_minutes),))
        self._extend(self.coins, (record.coins,))
        self._extend(self.likes, (_count(record.likes),))
        self._extend(self.peak, (_count(record.peak_viewers),))
        self._extend(self.followers, (_count(record.new_followers),))
        self.started_at.append(record.started_at)
        self.diamonds.append(str(stream.diamonds))
        self.notes.append(record.notes)
        self.tags.append(record.tags)
        self.rates.append(self._rates_of(stream))
        self.entered.append(record.diamonds is not None)
        self.sample.append(stream.sample)
        if self.search is not None:
            self.search.append(self.search_text(k))
        self.given[k] = stream
        return k

    def replace(self, k: int, stream: LoggedStream) -> None:
        """Put ``stream`` (same id) in slot ``k``; the caller sets its rank."""
        record = stream.record
        self.totals = None
        self._set(self.minutes, k, _count(record.duration_minutes))
        self._set(self.coins, k, record.coins)
        self._set(self.likes, k, _count(record.likes))
        self._set(self.peak, k, _count(record.peak_viewers))
        self._set(self.followers, k, _count(record.new_followers))
        self.started_at[k] = record.started_at
        self.diamonds[k] = str(stream.diamonds)
        self.notes[k] = record.notes
        self.tags[k] = record.tags
        self.rates[k] = self._rates_of(stream)
        self.entered[k] = record.diamonds is not None
        self.sample[k] = stream.sample
        if self.search is not None:
            self.search[k] = self.search_text(k)
        self.given[k] = stream

    def remove(self, k: int) -> None:
        self.totals = None
        self.dead.add(k)
        self.given.pop(k, None)

    def find(self, stream_id: int) -> int | None:
        """The slot of the stream with ``stream_id`` still shown, or None."""
        start = 0
        while True:
            try:
                k = self.ids.index(stream_id, start)
            except ValueError:
                return None
            if k not in self.dead:
                return k
            start = k + 1

    # -- reading --------------------------------------------------------------------------------

    def stream(self, k: int) -> LoggedStream:
        """Slot ``k`` as a LoggedStream: the one handed over, or one made from the columns."""
        given = self.given.get(k)
        if given is not None:
            return given
        rates = self.rates[k]
        diamonds = Decimal(self.diamonds[k])
        record = StreamRecord(
            started_at=self.started_at[k],
            coins=self.coins[k],
            duration_minutes=_blank(self.minutes[k]),
            diamonds=diamonds if self.entered[k] else None,
            likes=_blank(self.likes[k]),
            peak_viewers=_blank(self.peak[k]),
            new_followers=_blank(self.followers[k]),
            tags=self.tags[k],
            notes=self.notes[k],
        )
        return LoggedStream(
            id=self.ids[k],
            record=record,
            diamonds=diamonds,
            country=rates.country,
            coin_usd=rates.coin_usd,
            diamonds_per_coin=rates.diamonds_per_coin,
            diamond_usd=rates.diamond_usd,
            sample=bool(self.sample[k]),
        )

    def diamonds_of(self, k: int) -> Decimal:
        return Decimal(self.diamonds[k])

    def cash_of(self, k: int) -> Decimal:
        """Creator USD, exact: diamonds at the rate the stream was logged with."""
        return Decimal(self.diamonds[k]) * self.rates[k].diamond_usd

    def joined_tags(self, k: int) -> str:
        return self._joined_tags(self.tags[k])

    def search_text(self, k: int) -> str:
        """Lower-case start text, tags and notes: what the text filter looks in."""
        return f"{self.started_at[k]} {self._spaced_tags(self.tags[k])} {self.notes[k]}".casefold()

    def search_texts(self) -> list[str]:
        """The filter's text per slot (made now if the rows were added without it)."""
        if self.search is None or len(self.search) != len(self.ids):
            self.search = [self.search_text(k) for k in range(len(self.ids))]
        return self.search

    # -- internals ------------------------------------------------------------------------------

    def _extend(self, column: MutableSequence[int], values: Sequence[int]) -> None:
        size = len(column)
        try:
            column.extend(values)
        except OverflowError:  # a count beyond 64 bits: this column holds Python ints
            del column[size:]
            self._widen(column).extend(values)

    def _set(self, column: MutableSequence[int], k: int, value: int) -> None:
        try:
            column[k] = value
        except OverflowError:
            self._widen(column)[k] = value

    def _widen(self, column: MutableSequence[int]) -> list[int]:
        for name, value in vars(self).items():
            if value is column:
                wide = list(column)
                setattr(self, name, wide)
                return wide
        raise AssertionError("not a column of this table")

    def _tag_list(self, text: str | None) -> tuple[str, ...]:
        tags = tuple(dict.fromkeys(normalise_tag(t) for t in (text or "").split(",") if t))
        self._tag_lists[text] = tags
        return tags

    def _spaced_tags(self, tags: tuple[str, ...]) -> str:
        spaced = self._spaced.get(tags)
        if spaced is None:
            spaced = self._spaced[tags] = " ".join(tags)
        return spaced

    def _joined_tags(self, tags: tuple[str, ...]) -> str:
        joined = self._joined.get(tags)
        if joined is None:
            joined = self._joined[tags] = ", ".join(tags)
        return joined

    def _rate_set(self, key: str) -> Rates:
        country, coin_usd, per_coin, diamond_usd = key.split(RATES_SEPARATOR)
        decimal = self._decimal
        rates = Rates(country, decimal(coin_usd), decimal(per_coin), decimal(diamond_usd))
        self._rate_sets[key] = rates
        return rates

    def _rates_of(self, stream: LoggedStream) -> Rates:
        key = RATES_SEPARATOR.join(
            (
                stream.country,
                str(stream.coin_usd),
                str(stream.diamonds_per_coin),
                str(stream.diamond_usd),
            )
        )
        return self._rate_sets.get(key) or self._rate_set(key)

    def _decimal(self, text: str) -> Decimal:
        value = self._decimals.get(text)
        if value is None:
            value = self._decimals[text] = Decimal(text)
        return value


class StreamTableModel(QAbstractTableModel):
    """Logged streams in the current sort order (start order until sorted otherwise)."""

    def __init__(self, parent: QObject | None = None, *, formatter: Formatter | None = None):
        super().__init__(parent)
        self._formatter = formatter or Formatter()
        self._data = StreamData()
        self._order: list[int] = []  # row -> slot, in the current sort order
        self._rows: MutableSequence[int] | None = None  # slot -> row; None: make when needed
        self._by_start: list[int] = []  # slots in start order (ties by id)
        self._texts: dict[int, tuple[str, ...]] = {}  # stream id -> display text per column
        self._keys: Sequence[SortKey] | None = None  # the sort column's keys, by slot
        self._own_keys = False  # whether _keys is a list made here (not a column of the data)
        self._instants: dict[int, int] = {}  # slot -> start instant (UTC µs), when needed
        self._starts: dict[int, dt.datetime] = {}  # stream id -> parsed start (API callers)
        self._searches: dict[int, str] = {}  # stream id -> search text (API callers)
        self._sort_column = StreamColumn.STARTED
        self._sort_order = Qt.SortOrder.AscendingOrder
        self.version = 0  # changes whenever the set of streams (not their order) changes

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else _COLUMNS

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """``data()`` for ``row`` and ``column`` (the filter proxy asks this directly)."""
        if not (0 <= row < len(self._order) and 0 <= column < _COLUMNS):
            return None
        k = self._order[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_texts(k)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return TEXT_ALIGNMENT if column in _TEXT_COLUMNS else NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(k, StreamColumn(column))
        if role == SORT_ROLE:
            return qt_sort_key(self._key(k, StreamColumn(column)))
        if role == STREAM_ROLE:
            return self._data.stream(k)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMNS:
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
        new_column = StreamColumn(column) if column >= 0 else StreamColumn.STARTED
        if new_column is not self._sort_column:
            self._keys = None
        self._sort_column = new_column
        self._sort_order = order if column >= 0 else Qt.SortOrder.AscendingOrder
        self.layoutAboutToBeChanged.emit()
        held = self.persistentIndexList()
        moved = [(index, self._order[index.row()]) for index in held]
        self._order = self._ordered()
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
    def sort_column(self) -> StreamColumn:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

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
        self._instants.clear()
        self._starts.clear()
        self._searches.clear()
        self._keys = None
        self._by_start = list(range(len(data)))
        self._order = self._ordered()
        in_start_order = self._sort_column is StreamColumn.STARTED and not self._descending
        # Slots in start order, shown so: each slot's row is the slot itself (made in C).
        self._rows = array("q", range(len(data))) if in_start_order else None
        self._slot_rows()
        self.version += 1
        self.endResetModel()

    def streams(self) -> list[LoggedStream]:
        """Every stream, in row order (a copy)."""
        stream = self._data.stream
        return [stream(k) for k in self._order]

    def stream_at(self, row: int) -> LoggedStream:
        return self._data.stream(self._order[row])

    def row_of(self, stream_id: int) -> int | None:
        k = self._data.find(stream_id)
        return None if k is None else self._order.index(k)

    def insert_stream(self, stream: LoggedStream) -> int:
        """Add one stream where the current sort puts it; returns its row."""
        if self._data.find(stream.id) is not None:
            raise ValueError(f"stream {stream.id} is already shown")
        self._forget(stream.id)
        k = self._data.append(stream, 0)
        self._place_in_start_order(k)
        self._keep_key(k)
        row = self._position(k, self._order)
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
        row = self._order.index(k)
        removed = self._data.stream(k)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._order[row]
        self._rows = None
        self._by_start.remove(k)
        self._data.remove(k)
        self._instants.pop(k, None)
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
        old = self._order.index(k)
        self._forget(stream.id)
        self._by_start.remove(k)
        self._instants.pop(k, None)
        self._data.replace(k, stream)
        self._place_in_start_order(k)
        self._keep_key(k)
        others = self._order[:old] + self._order[old + 1 :]
        new = self._position(k, others)
        self.version += 1
        if new != old:
            # Qt's destination counts rows before the move: moving down lands one further.
            self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), new + (new > old))
            others.insert(new, k)
            self._order = others
            self._rows = None
            self.endMoveRows()
        self.dataChanged.emit(self.index(new, 0), self.index(new, _COLUMNS - 1))
        return new

    # -- per-stream facts the filter proxy reads -------------------------------------------

    def started(self, stream: LoggedStream) -> dt.datetime:
        """The start on the creator's own clock (with its UTC offset), parsed once."""
        found = self._starts.get(stream.id)
        if found is None:
            found = self._starts[stream.id] = stream.record.started
        return found

    def search_text(self, stream: LoggedStream) -> str:
        """Lower-case start text, tags and notes: what the text filter looks in."""
        text = self._searches.get(stream.id)
        if text is None:
            record = stream.record
            text = " ".join((record.started_at, " ".join(record.tags), record.notes)).casefold()
            self._searches[stream.id] = text
        return text

    def matching_rows(
        self,
        words: Sequence[str],
        first: dt.date | None,
        last: dt.date | None,
        tag: str | None,
    ) -> list[int]:
        """The rows (in order) whose stream has ``tag``, started on ``first``..``last`` on
        its own clock and holds every one of ``words`` (lower case) in its search text.

        Plain passes over the columns in the order they are stored (quick to read, however
        the rows are sorted), then one lookup of each match's row: no object per stream.
        """
        data = self._data
        slots: Sequence[int] = range(len(data))
        if tag is not None:
            tags = data.tags
            slots = [k for k in slots if tag in tags[k]]
        if first is not None or last is not None:
            starts = data.started_at
            low = first.isoformat() if first is not None else "0000-00-00"
            high = last.isoformat() if last is not None else "9999-99-99"
            slots = [k for k in slots if low <= starts[k][:10] <= high]
        if words:
            texts = data.search_texts()
            for word in words:
                if isinstance(slots, range):
                    slots = [k for k, text in enumerate(texts) if word in text]
                else:
                    slots = [k for k in slots if word in texts[k]]
        if data.dead:
            dead = data.dead
            slots = [k for k in slots if k not in dead]
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
            return _figures(data.coins, data.minutes, data.likes, data.diamonds, data.rates)
        order = self._order
        slots = list(order) if rows is None else list(map(order.__getitem__, rows))
        if not slots:
            return _NO_FIGURES
        # The text filter asks for this on every pause in typing: the columns are gathered
        # by C loops (itemgetter), not one Python step per stream and column.
        pick = operator.itemgetter(*slots) if len(slots) > 1 else _one(slots[0])
        return _figures(
            pick(data.coins),
            pick(data.minutes),
            pick(data.likes),
            pick(data.diamonds),
            pick(data.rates),
        )

    def cash_points(self, rows: Iterable[int] | None = None) -> list[CashPoint]:
        """Each stream on ``rows`` (default: every row) as a point of the cash chart, oldest
        first (ties by id): its start on its own clock and its exact cash."""
        from livetally.core.chart_data import CashPoint

        data = self._data
        starts, diamonds, rates, ids = data.started_at, data.diamonds, data.rates, data.ids
        zones: dict[dt.tzinfo, dt.tzinfo] = {}  # one object per UTC offset, not per stream
        points = []
        for k in self._slots_in_start_order(rows):
            started = parse_timestamp(starts[k])
            zone = started.tzinfo
            assert zone is not None
            shared = zones.setdefault(zone, zone)
            if shared is not zone:
                started = started.replace(tzinfo=shared)
            cash = Decimal(diamonds[k]) * rates[k].diamond_usd
            points.append(CashPoint(ids[k], started, cash))
        return points

    def chart_points(self, rows: Iterable[int] | None = None) -> Iterator[tuple[float, Decimal]]:
        """:meth:`cash_points` as the cash chart draws them: each stream's start as POSIX
        seconds and its exact cash, made one at a time as they are read (no object kept per
        stream), so a chart of 100,000 streams can be made a step at a time."""
        data = self._data
        starts, diamonds, rates = data.started_at, data.diamonds, data.rates
        for k in list(self._slots_in_start_order(rows)):  # a copy: read across many turns
            cash = Decimal(diamonds[k]) * rates[k].diamond_usd
            yield parse_timestamp(starts[k]).timestamp(), cash

    def tag_totals(
        self, rows: Iterable[int] | None = None, step: int = 10_000
    ) -> Generator[None, None, tuple[dict[str, TagTotal], int]]:
        """Each tag's streams on ``rows`` (default: every row) added up for the cash per
        hour chart (see :func:`~livetally.core.chart_data.tag_rates`), and how many of
        those streams have no length; from the columns, ``step`` streams per ``yield``.

        Exact: each tag's diamonds are added up per diamond rate, then multiplied by it.
        """
        from livetally.core.chart_data import TagTotal
        from livetally.core.report import UNTAGGED

        data = self._data
        tag_lists, minutes, diamonds, rates = data.tags, data.minutes, data.diamonds, data.rates
        untagged = (UNTAGGED,)
        timed: dict[tuple[str, Decimal], Decimal] = {}  # (tag, rate) -> diamonds
        counts: dict[str, list[int]] = {}  # tag -> [timed streams, minutes, untimed streams]
        untimed = 0
        slots = list(self._slots_in_start_order(rows))  # a copy: read across many turns
        for start in range(0, len(slots), step):
            for k in slots[start : start + step]:
                tags = tag_lists[k] or untagged
                length = minutes[k]
                if length > 0:
                    value = Decimal(diamonds[k])
                    rate = rates[k].diamond_usd
                    for tag in tags:
                        key = (tag, rate)
                        timed[key] = timed.get(key, _ZERO) + value
                        found = counts.get(tag) or counts.setdefault(tag, [0, 0, 0])
                        found[0] += 1
                        found[1] += length
                else:
                    untimed += 1
                    for tag in tags:
                        found = counts.get(tag) or counts.setdefault(tag, [0, 0, 0])
                        found[2] += 1
            if start + step < len(slots):
                yield
        cash: dict[str, Decimal] = {}
        for (tag, rate), value in timed.items():
            cash[tag] = cash.get(tag, _ZERO) + value * rate
        totals = {
            tag: TagTotal(streams, length, cash.get(tag, _ZERO), left_out)
            for tag, (streams, length, left_out) in counts.items()
        }
        return totals, untimed

    def _slots_in_start_order(self, rows: Iterable[int] | None) -> list[int]:
        slots = self._by_start
        if rows is not None:
            order = self._order
            wanted = {order[r] for r in rows}
            slots = [k for k in slots if k in wanted]
        return slots

    # -- internals -------------------------------------------------------------------------

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
        self._starts.pop(stream_id, None)
        self._searches.pop(stream_id, None)

    def _instant(self, k: int) -> int:
        """Slot ``k``'s start instant in UTC microseconds (parsed when first needed)."""
        found = self._instants.get(k)
        if found is None:
            started = parse_timestamp(self._data.started_at[k])
            found = self._instants[k] = (started - _EPOCH) // _MICROSECOND
        return found

    def _start_key(self, k: int) -> tuple[int, int]:
        return self._instant(k), self._data.ids[k]

    def _place_in_start_order(self, k: int) -> None:
        """Put slot ``k`` into the start order and give it its rank among the others."""
        by_start = self._by_start
        mine = self._start_key(k)
        low, high = 0, len(by_start)
        while low < high:
            middle = (low + high) // 2
            if mine < self._start_key(by_start[middle]):
                high = middle
            else:
                low = middle + 1
        rank = self._data.rank
        before = by_start[low - 1] if low else None
        after = by_start[low] if low < len(by_start) else None
        if before is not None and self._instant(before) == mine[0]:
            rank[k] = rank[before]
        elif after is not None and self._instant(after) == mine[0]:
            rank[k] = rank[after]
        else:
            value = rank[before] + 1 if before is not None else 0
            if after is not None and rank[after] <= value:  # make room: later ones move up
                for slot in range(len(rank)):
                    if rank[slot] >= value:
                        rank[slot] += 1
            rank[k] = value
        by_start.insert(low, k)

    def _ordered(self) -> list[int]:
        """Every shown slot sorted by the current column; ties in start order (then by id).

        Ties stay oldest first in both directions, as Qt's own sort leaves them in a view:
        the start order sorted (stably) by the column, ``reverse`` keeping ties in place.
        """
        column = self._sort_column
        if column is StreamColumn.STARTED and not self._descending:
            return list(self._by_start)
        keys = self._column_keys(column)
        return sorted(self._by_start, key=keys.__getitem__, reverse=self._descending)

    @property
    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _column_keys(self, column: StreamColumn) -> Sequence[SortKey]:
        """The sort key of every slot for ``column`` (made once per column and data)."""
        if self._keys is not None:
            return self._keys
        data = self._data
        self._own_keys = column not in _STORED
        keys: Sequence[SortKey]
        if column in _STORED:
            keys = getattr(data, _STORED[column])
        elif column is StreamColumn.DIAMONDS:
            keys = _compact(data.diamonds, [_ONE] * len(data))
        elif column is StreamColumn.CASH:
            keys = _compact(data.diamonds, [r.diamond_usd for r in data.rates])
        elif column is StreamColumn.CASH_PER_HOUR:
            keys = [
                Decimal(d) * r.diamond_usd * 60 / m if m > 0 else _MISSING_DECIMAL
                for d, r, m in zip(data.diamonds, data.rates, data.minutes, strict=True)
            ]
        elif column is StreamColumn.TAGS:
            keys = [data.joined_tags(k) for k in range(len(data))]
        else:
            keys = [n.casefold() for n in data.notes]
        self._keys = keys
        return keys

    def _keep_key(self, k: int) -> None:
        """Bring the cached sort keys up to date for a slot just added or changed."""
        keys = self._keys
        if keys is None or not self._own_keys:
            return  # none made yet, or the keys are a column itself (already up to date)
        if not isinstance(keys, list):  # compact whole numbers: made again when next sorted
            self._keys = None
            return
        key = self._key(k, self._sort_column)
        if k < len(keys):
            keys[k] = key
        else:
            keys.append(key)

    def _key(self, k: int, column: StreamColumn) -> SortKey:
        data = self._data
        if column in _STORED:
            stored: Sequence[int] = getattr(data, _STORED[column])
            return stored[k]
        if column is StreamColumn.DIAMONDS:
            return data.diamonds_of(k)
        if column is StreamColumn.CASH:
            return data.cash_of(k)
        if column is StreamColumn.CASH_PER_HOUR:
            per_hour = cash_per_hour(data.cash_of(k), data.minutes[k])
            return _MISSING_DECIMAL if per_hour is None else per_hour
        if column is StreamColumn.TAGS:
            return data.joined_tags(k)
        return data.notes[k].casefold()

    def _precedes(self, first: int, second: int) -> bool:
        """Whether slot ``first`` comes before ``second`` in the order :meth:`_ordered` makes."""
        column = self._sort_column
        a, b = self._key(first, column), self._key(second, column)
        if a != b:
            return (a < b) != self._descending  # type: ignore[operator]
        data = self._data
        return (data.rank[first], data.ids[first]) < (data.rank[second], data.ids[second])

    def _position(self, k: int, rows: list[int]) -> int:
        """Where slot ``k`` belongs in the sorted ``rows``: a binary search, O(log n)."""
        low, high = 0, len(rows)
        while low < high:
            middle = (low + high) // 2
            if self._precedes(k, rows[middle]):
                high = middle
            else:
                low = middle + 1
        return low

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
            fmt.count(data.coins[k]),
            fmt.count(whole_diamonds(diamonds)),
            fmt.money(cash),
            "" if (per_hour := cash_per_hour(cash, minutes)) is None else fmt.money(per_hour),
            _count_text(fmt, data.likes[k]),
            _count_text(fmt, data.peak[k]),
            _count_text(fmt, data.followers[k]),
            data.joined_tags(k),
            data.notes[k],
        )

    def _tooltip(self, k: int, column: StreamColumn) -> str | None:
        if column is StreamColumn.STARTED:
            return self._data.started_at[k]
        if column is StreamColumn.NOTES and self._data.notes[k]:
            return self._data.notes[k]
        if column is StreamColumn.LIKES:
            return HEADER_TIPS[StreamColumn.LIKES]
        return None


def _figures(
    coins: Sequence[int],
    minutes: Sequence[int],
    likes: Sequence[int],
    diamonds: Sequence[str],
    rates: Sequence[Rates],
) -> Figures:
    """Exact sums over streams given as columns.

    The diamonds of the streams logged at one diamond rate are added up, then multiplied by
    that rate once: the same exact value as adding up each stream's cash, and far less work
    for 100,000 streams. A stream's diamonds are whole (schema version 3), so they are added
    as integers, which the text filter's summary does on every keystroke.
    """
    values = list(map(int, diamonds))
    by_rate: dict[Decimal, tuple[int, int]] = {}
    if rates and rates.count(rates[0]) == len(rates):  # the usual case: one set of rates
        timed = sum(itertools.compress(values, map((0).__lt__, minutes)))
        by_rate[rates[0].diamond_usd] = (sum(values), timed)
    else:
        for value, rate, stream_minutes in zip(values, rates, minutes, strict=True):
            key = rate.diamond_usd
            total, timed = by_rate.get(key, (0, 0))
            by_rate[key] = (total + value, timed + value if stream_minutes > 0 else timed)
    # Counts are never negative; a blank one is stored as _NONE (-1), so C-level sums and
    # counts give the figures without a Python step per stream.
    blank_minutes = minutes.count(_NONE)
    untimed = blank_minutes + minutes.count(0)
    return Figures(
        streams=len(values),
        minutes=sum(minutes) + blank_minutes,
        coins=sum(coins),
        diamonds=Decimal(sum(total for total, _ in by_rate.values())),
        cash=sum((rate * total for rate, (total, _) in by_rate.items()), Decimal(0)),
        likes=sum(likes) + likes.count(_NONE),
        timed_cash=sum((rate * timed for rate, (_, timed) in by_rate.items()), Decimal(0)),
        liked_coins=sum(itertools.compress(coins, map((0).__le__, likes))),
        untimed=untimed,
    )


_V = TypeVar("_V")


def _one(slot: int) -> Callable[[Sequence[_V]], tuple[_V]]:
    """``itemgetter`` of one slot, as a one-item tuple like the many-slot getter gives."""
    return lambda column: (column[slot],)


def _compact(diamonds: Sequence[str], rates: Sequence[Decimal]) -> Sequence[SortKey]:
    """Exact sort keys for ``diamonds`` times ``rates`` (row by row) in 8 bytes each rather
    than a Decimal of over 100, made without a list of Decimals even for a moment.

    Each product becomes a whole number of one unit small enough for all of them: the
    smallest decimal place any diamonds text uses times the smallest any rate uses (a
    product of Decimals has exactly the places of both). When one does not fit in 64 bits,
    or a text is not plain decimal notation, the keys are the Decimals themselves.
    """
    places = max((len(d) - d.find(".") - 1 for d in diamonds if "." in d), default=0)
    exponents = {rate.as_tuple().exponent for rate in set(rates)}
    if not all(isinstance(e, int) for e in exponents) or any(
        "e" in d or "E" in d for d in diamonds
    ):
        return [Decimal(d) * rate for d, rate in zip(diamonds, rates, strict=True)]
    unit = -places + min((e for e in exponents if isinstance(e, int)), default=0)
    try:
        return array(
            "q",
            (
                int((Decimal(d) * rate).scaleb(-unit))
                for d, rate in zip(diamonds, rates, strict=True)
            ),
        )
    except OverflowError:
        return [Decimal(d) * rate for d, rate in zip(diamonds, rates, strict=True)]


def _plus(a: Figures, b: Figures) -> Figures:
    return Figures(
        a.streams + b.streams,
        a.minutes + b.minutes,
        a.coins + b.coins,
        a.diamonds + b.diamonds,
        a.cash + b.cash,
        a.likes + b.likes,
        a.timed_cash + b.timed_cash,
        a.liked_coins + b.liked_coins,
        a.untimed + b.untimed,
    )


_NO_FIGURES = Figures(0, 0, 0, Decimal(0), Decimal(0), 0, Decimal(0), 0, 0)


def _instant(stream: LoggedStream) -> int:
    return (stream.record.started - _EPOCH) // _MICROSECOND


def _count(value: int | None) -> int:
    return _NONE if value is None else value


def _blank(value: int) -> int | None:
    return None if value == _NONE else value


def _count_text(formatter: Formatter, value: int) -> str:
    return "" if value == _NONE else formatter.count(value)
