"""The one date-range test the stream log and the income table filter with.

Both filters keep a row whose calendar day falls on ``first``..``last``, either end left
open with None; one function, so the two tabs cannot come to disagree about the ends.
"""

from __future__ import annotations

import datetime as dt


def within(day: dt.date, first: dt.date | None, last: dt.date | None) -> bool:
    """Whether ``day`` falls on ``first``..``last``, both ends included (None: open)."""
    return (first is None or day >= first) and (last is None or day <= last)
