"""When a stream started, as the stream dialog shows and reads it, and what to warn about.

A stream is logged once it has ended, so its start defaults to now minus its duration; a
start in the future, or a length of 0 minutes, is almost always a slip, and is said so
under the field (the stream can still be saved: LiveTally never second-guesses a figure
the creator means).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

#: A start this far past the clock still counts as now: the dialog's default is worked
#: out when it opens, and the editor shows whole minutes.
_SLACK_SECONDS = 60

FUTURE_START = (
    "This start is in the future; a stream is logged once it has ended: check the date and time"
)
ZERO_DURATION = (
    "A stream of 0 minutes is left out of the cash per hour: type how long it ran, or "
    "leave it blank"
)


def iso_with_offset(value: QDateTime) -> str:
    """``2026-03-01T19:30:00+01:00``: the time as shown, with the UTC offset it has there."""
    date, time = value.date(), value.time()
    offset = dt.timezone(dt.timedelta(seconds=value.offsetFromUtc()))
    moment = dt.datetime(
        date.year(), date.month(), date.day(), time.hour(), time.minute(), time.second()
    )
    return moment.replace(tzinfo=offset).isoformat()


def offset_text(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def qdatetime(moment: dt.datetime) -> QDateTime:
    """A QDateTime at ``moment``'s own offset, so the creator's clock is what is shown."""
    offset = moment.utcoffset() or dt.timedelta()
    zone = QTimeZone(int(offset.total_seconds()))
    date = QDate(moment.year, moment.month, moment.day)
    time = QTime(moment.hour, moment.minute, moment.second)
    return QDateTime(date, time, zone)


def start_warning(start: QDateTime, now: QDateTime) -> str:
    """What to say of a start in the future (more than a minute past ``now``), else ""."""
    return FUTURE_START if now.secsTo(start) > _SLACK_SECONDS else ""


def duration_warning(minutes: int | None) -> str:
    """What to say of a duration of 0 minutes, else "" (blank means not logged)."""
    return ZERO_DURATION if minutes == 0 else ""
