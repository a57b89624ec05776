"""Which logged streams the stream tab shows, and the figures over those it shows.

The filter reads each :class:`~livetally.core.records.LoggedStream` directly (its parsed
start and a cached lower-case search text come from the table model), never display
strings, so narrowing 100,000 streams stays interactive. Sorting is handed to the table
model, which sorts far faster than QSortFilterProxyModel can call back into Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from livetally.core.money import whole_diamonds
from livetally.core.records import LoggedStream, normalise_tag
from livetally.models.stream_table import SORT_ROLE, StreamTableModel


@dataclass(frozen=True)
class StreamSummary:
    """Exact totals over some streams; round only when shown. Money is creator USD.

    Rates are taken only over the streams that logged the figure they divide by: cash per
    hour over streams with a duration, likes per coin over streams with likes, so a stream
    logged without its length does not inflate the hourly figure.
    """

    streams: int
    minutes: int
    coins: int
    diamonds: Decimal
    cash: Decimal
    likes: int
    timed_cash: Decimal
    liked_coins: int

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    @property
    def whole_diamonds(self) -> int:
        """The diamonds as credited: whole ones, rounded down."""
        return whole_diamonds(self.diamonds)

    @property
    def cash_per_hour(self) -> Decimal | None:
        """USD per streamed hour; None when no stream logged its duration."""
        return self.timed_cash * 60 / self.minutes if self.minutes else None

    @property
    def likes_per_coin(self) -> Decimal | None:
        """Likes per coin of gifts; None when the streams with likes had no coins."""
        return Decimal(self.likes) / self.liked_coins if self.liked_coins else None


def summarise(streams: Iterable[LoggedStream]) -> StreamSummary:
    """Add up ``streams`` exactly (Decimal only; nothing is rounded here)."""
    count = minutes = coins = likes = liked_coins = 0
    diamonds = cash = timed_cash = Decimal(0)
    for stream in streams:
        record = stream.record
        earned = stream.creator_usd
        count += 1
        coins += record.coins
        diamonds += stream.diamonds
        cash += earned
        if record.duration_minutes:
            minutes += record.duration_minutes
            timed_cash += earned
        if record.likes is not None:
            likes += record.likes
            liked_coins += record.coins
    return StreamSummary(
        streams=count,
        minutes=minutes,
        coins=coins,
        diamonds=diamonds,
        cash=cash,
        likes=likes,
        timed_cash=timed_cash,
        liked_coins=liked_coins,
    )


class StreamFilterProxy(QSortFilterProxyModel):
    """Filters a :class:`StreamTableModel` by text, start day and tag; sorts through it.

    Text matches when every word typed appears (case-insensitively) in the stream's
    start as entered, its tags or its notes. The date range is inclusive and compares
    the stream's own calendar day, as the creator entered it.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._model: StreamTableModel | None = None
        self._words: tuple[str, ...] = ()
        self._first: dt.date | None = None
        self._last: dt.date | None = None
        self._tag: str | None = None

    def setSourceModel(self, sourceModel: QAbstractItemModel) -> None:
        if not isinstance(sourceModel, StreamTableModel):
            raise TypeError("StreamFilterProxy filters a StreamTableModel")
        self._model = sourceModel
        super().setSourceModel(sourceModel)

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

    def set_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_date_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Keep streams that started on ``first``..``last`` (inclusive; None: open)."""
        if (first, last) != (self._first, self._last):
            self.beginFilterChange()
            self._first, self._last = first, last
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_tag(self, tag: str | None) -> None:
        """Keep streams with ``tag`` (any spelling: ``Q A`` is ``q_a``); None or "": any."""
        normalised = normalise_tag(tag) if tag else ""
        wanted = normalised or None
        if wanted != self._tag:
            self.beginFilterChange()
            self._tag = wanted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, stream: LoggedStream) -> bool:
        """Whether the current filters keep ``stream``."""
        if self._tag is not None and self._tag not in stream.record.tags:
            return False
        model = self._model
        if model is None:
            return True
        if self._first is not None or self._last is not None:
            day = model.started(stream).date()
            if (self._first is not None and day < self._first) or (
                self._last is not None and day > self._last
            ):
                return False
        if self._words:
            haystack = model.search_text(stream)
            return all(word in haystack for word in self._words)
        return True

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self._model
        if model is None or source_parent.isValid():
            return False
        if not self.is_filtering:
            return True
        return self.accepts(model.stream_at(source_row))

    def visible_streams(self) -> list[LoggedStream]:
        """The streams the view shows, in its order (for the summary line)."""
        model = self._model
        if model is None:
            return []
        streams = model.streams()
        return [s for s in streams if self.accepts(s)] if self.is_filtering else streams

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort through the table model (fast); this proxy keeps the model's order."""
        if self.sortColumn() != -1:
            super().sort(-1, order)
        if self._model is not None:
            self._model.sort(column, order)
