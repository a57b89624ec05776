"""Named date ranges (this month, last 90 days, ...) as first and last day, both included."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

DateRange = tuple[dt.date | None, dt.date | None]


class Period(StrEnum):
    ALL = "All time"
    THIS_MONTH = "This month"
    LAST_MONTH = "Last month"
    LAST_30_DAYS = "Last 30 days"
    LAST_90_DAYS = "Last 90 days"
    THIS_YEAR = "This year"
    CUSTOM = "Custom range"


def period_range(period: Period, today: dt.date) -> DateRange:
    """The days ``period`` covers as of ``today``; (None, None) for all time and custom."""
    first_of_month = today.replace(day=1)
    if period is Period.THIS_MONTH:
        return first_of_month, today
    if period is Period.LAST_MONTH:
        last = first_of_month - dt.timedelta(days=1)
        return last.replace(day=1), last
    if period is Period.LAST_30_DAYS:
        return today - dt.timedelta(days=29), today
    if period is Period.LAST_90_DAYS:
        return today - dt.timedelta(days=89), today
    if period is Period.THIS_YEAR:
        return today.replace(month=1, day=1), today
    return None, None
