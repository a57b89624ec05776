"""The stream log's columns: which there are, their headers, tips and alignment.

The first ones are fixed (:class:`StreamColumn`); after the notes come the details added
since (:data:`LATER_DETAILS`, from :mod:`livetally.core.stream_fields`), one column each.
"""

from __future__ import annotations

from enum import IntEnum

from livetally.core.stream_fields import STREAM_DETAILS, DetailKind, StreamDetail


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

TEXT_COLUMNS = frozenset({StreamColumn.STARTED, StreamColumn.TAGS, StreamColumn.NOTES})
#: Columns whose sort keys are a column of StreamData itself (nothing to make or keep), by
#: the name of that column (looked up each time: a column may be widened to a new list).
STORED_KEYS: dict[int, str] = {
    StreamColumn.STARTED: "rank",
    StreamColumn.MINUTES: "minutes",
    StreamColumn.COINS: "coins",
    StreamColumn.LIKES: "likes",
    StreamColumn.PEAK_VIEWERS: "peak",
    StreamColumn.NEW_FOLLOWERS: "followers",
}
#: Details added since the log's first columns: a column each after the notes, hidden in
#: the window while no stream has one (:mod:`livetally.core.stream_fields`).
LATER_DETAILS: tuple[StreamDetail, ...] = tuple(d for d in STREAM_DETAILS if d.added_later)
FIXED_COLUMNS = len(StreamColumn)
COLUMN_COUNT = FIXED_COLUMNS + len(LATER_DETAILS)
#: A column of the table: one of :class:`StreamColumn`, or from ``FIXED_COLUMNS`` on, the
#: column of ``LATER_DETAILS[column - FIXED_COLUMNS]``.
Column = StreamColumn | int


def column_at(section: int) -> Column:
    return StreamColumn(section) if section < FIXED_COLUMNS else section


def later_detail(column: int) -> StreamDetail | None:
    """The detail shown in ``column``, if it is one of the later details' columns."""
    return LATER_DETAILS[column - FIXED_COLUMNS] if column >= FIXED_COLUMNS else None


def header(column: int) -> str:
    detail = later_detail(column)
    return HEADERS[StreamColumn(column)] if detail is None else detail.label


def header_tip(column: int) -> str | None:
    detail = later_detail(column)
    return HEADER_TIPS.get(StreamColumn(column)) if detail is None else detail.tooltip or None


def is_text_column(column: int) -> bool:
    detail = later_detail(column)
    return column in TEXT_COLUMNS if detail is None else detail.kind is not DetailKind.COUNT
