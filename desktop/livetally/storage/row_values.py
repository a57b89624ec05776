"""What every table writer of the ledger shares: chunked inserts, placeholders, stamps.

The stream, income and payout parts of :class:`~livetally.storage.ledger.Ledger` each
write their own table; these few helpers keep them writing it the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

#: Called with (rows done, rows in all) while an import runs; raise to cancel it.
Progress = Callable[[int, int], None]

#: Rows handed to one ``executemany``: between steps the progress callback may cancel.
CHUNK = 2000


def marks(count: int) -> str:
    """``count`` SQL placeholders, comma-separated."""
    return ", ".join("?" * count)


def now_stamp() -> str:
    """The ``created_at`` of a row written now: UTC, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
