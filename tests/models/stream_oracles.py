"""Reference oracles for the stream log's figures: plain, slow and obviously right.

The app adds the log up from its columns (:func:`livetally.models.stream_figures.add_up`);
these add up the stream objects one by one, the way the README defines each figure, so a
test can check the fast path against them. Only tests call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from livetally.core.records import LoggedStream
from livetally.models.stream_figures import StreamSummary


def summarise(streams: Iterable[LoggedStream]) -> StreamSummary:
    """Add up ``streams`` exactly, one stream object at a time (Decimal only; nothing is
    rounded here): the reference the column sums of the table model are checked against."""
    count = minutes = coins = likes = viewers = untimed = 0
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
        else:
            untimed += 1
        if record.likes is not None and record.peak_viewers is not None:
            likes += record.likes
            viewers += record.peak_viewers
    return StreamSummary(
        streams=count,
        minutes=minutes,
        coins=coins,
        diamonds=diamonds,
        cash=cash,
        likes=likes,
        timed_cash=timed_cash,
        viewers=viewers,
        untimed=untimed,
    )
