"""The stream log's sort: which slot of the column store comes before which, kept up to date.

Sorting is done here, in Python, rather than by QSortFilterProxyModel: Qt's own sort calls
``data()`` twice per comparison, which for 100,000 rows is millions of calls into Python
(seconds), whereas a keyed sort over one column takes a fraction of a second. The keys of
the sort column are made once per column and data, and kept up to date as one stream is
added or edited, so that a single change is placed by a binary search rather than a sort.

No Qt here: the table model (:mod:`livetally.models.stream_table`) owns the rows and tells
views; this owns the start order, the sort column's keys and where a slot belongs.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from livetally.core.records import parse_timestamp
from livetally.core.report import cash_per_hour
from livetally.core.stream_fields import DetailKind
from livetally.models.log_columns import STORED_KEYS, Column, StreamColumn, later_detail
from livetally.models.sort_keys import SortKey, compact_keys
from livetally.models.stream_columns import EPOCH, MICROSECOND, MISSING_DECIMAL, ONE, StreamData
from livetally.models.stream_figures import BLANK


class StreamOrder:
    """The start order of the slots, the sort column and direction, and its keys by slot."""

    def __init__(self) -> None:
        self.data = StreamData()
        self.by_start: list[int] = []  # slots in start order (ties by id)
        self.column: Column = StreamColumn.STARTED
        self.descending = False
        self._keys: Sequence[SortKey] | None = None  # the sort column's keys, by slot
        self._own_keys = False  # whether _keys is a list made here (not a column of the data)
        self._instants: dict[int, int] = {}  # slot -> start instant (UTC µs), when needed

    def reset(self, data: StreamData) -> None:
        """Order ``data`` (in start order, as read) instead of what was ordered."""
        self.data = data
        self._instants.clear()
        self._keys = None
        self.by_start = list(range(len(data)))

    def sort_by(self, column: Column, descending: bool) -> None:
        """Sort by ``column`` from now on (its keys are made when next needed)."""
        if column != self.column:
            self._keys = None
        self.column = column
        self.descending = descending

    @property
    def in_start_order(self) -> bool:
        """Whether the order is the start order itself (the order the slots were read in)."""
        return self.column is StreamColumn.STARTED and not self.descending

    def take_out(self, k: int) -> None:
        """Forget slot ``k``'s place: it is about to be removed or changed."""
        self.by_start.remove(k)
        self._instants.pop(k, None)

    def put_in(self, k: int) -> None:
        """Place slot ``k`` (just added or changed) in the start order and the sort keys."""
        self._place_in_start_order(k)
        self._keep_key(k)

    def ordered(self) -> list[int]:
        """Every shown slot sorted by the current column; ties in start order (then by id).

        Ties stay oldest first in both directions, as Qt's own sort leaves them in a view:
        the start order sorted (stably) by the column, ``reverse`` keeping ties in place.
        """
        if self.in_start_order:
            return list(self.by_start)
        keys = self._column_keys(self.column)
        return sorted(self.by_start, key=keys.__getitem__, reverse=self.descending)

    def key(self, k: int, column: Column) -> SortKey:
        """Slot ``k``'s exact sort key in ``column``."""
        data = self.data
        detail = later_detail(column)
        if detail is not None:
            value = data.later_value(detail.name, k)
            if detail.kind is DetailKind.COUNT:
                return BLANK if value is None else int(value)
            return _text_key(None if value is None else str(value))
        if column in STORED_KEYS:
            stored: Sequence[int] = getattr(data, STORED_KEYS[column])
            return stored[k]
        if column is StreamColumn.DIAMONDS:
            return data.diamonds_of(k)
        if column is StreamColumn.CASH:
            return data.cash_of(k)
        if column is StreamColumn.CASH_PER_HOUR:
            per_hour = cash_per_hour(data.cash_of(k), data.minutes[k])
            return MISSING_DECIMAL if per_hour is None else per_hour
        if column is StreamColumn.TAGS:
            return data.joined_tags(k)
        return data.notes[k].casefold()

    def position(self, k: int, rows: list[int]) -> int:
        """Where slot ``k`` belongs in the sorted ``rows``: a binary search, O(log n)."""
        low, high = 0, len(rows)
        while low < high:
            middle = (low + high) // 2
            if self._precedes(k, rows[middle]):
                high = middle
            else:
                low = middle + 1
        return low

    # -- internals -------------------------------------------------------------------------

    def _instant(self, k: int) -> int:
        """Slot ``k``'s start instant in UTC microseconds (parsed when first needed)."""
        found = self._instants.get(k)
        if found is None:
            started = parse_timestamp(self.data.started_at[k])
            found = self._instants[k] = (started - EPOCH) // MICROSECOND
        return found

    def _start_key(self, k: int) -> tuple[int, int]:
        return self._instant(k), self.data.ids[k]

    def _place_in_start_order(self, k: int) -> None:
        """Put slot ``k`` into the start order and give it its rank among the others."""
        by_start = self.by_start
        mine = self._start_key(k)
        low, high = 0, len(by_start)
        while low < high:
            middle = (low + high) // 2
            if mine < self._start_key(by_start[middle]):
                high = middle
            else:
                low = middle + 1
        rank = self.data.rank
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

    def _column_keys(self, column: Column) -> Sequence[SortKey]:
        """The sort key of every slot for ``column`` (made once per column and data)."""
        if self._keys is not None:
            return self._keys
        data = self.data
        detail = later_detail(column)
        self._own_keys = column not in STORED_KEYS
        keys: Sequence[SortKey]
        if detail is not None:
            keys = [self.key(k, column) for k in range(len(data))]
        elif column in STORED_KEYS:
            keys = getattr(data, STORED_KEYS[column])
        elif column is StreamColumn.DIAMONDS:
            keys = compact_keys(data.diamonds, [ONE] * len(data))
        elif column is StreamColumn.CASH:
            keys = compact_keys(data.diamonds, [r.diamond_usd for r in data.rates])
        elif column is StreamColumn.CASH_PER_HOUR:
            keys = [
                Decimal(d) * r.diamond_usd * 60 / m if m > 0 else MISSING_DECIMAL
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
        key = self.key(k, self.column)
        if k < len(keys):
            keys[k] = key
        else:
            keys.append(key)

    def _precedes(self, first: int, second: int) -> bool:
        """Whether slot ``first`` comes before ``second`` in the order :meth:`ordered` makes."""
        a, b = self.key(first, self.column), self.key(second, self.column)
        if a != b:
            return (a < b) != self.descending  # type: ignore[operator]
        data = self.data
        return (data.rank[first], data.ids[first]) < (data.rank[second], data.ids[second])


def _text_key(value: str | None) -> str:
    return (value or "").casefold()
