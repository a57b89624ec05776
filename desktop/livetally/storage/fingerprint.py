"""Content fingerprints: how an imported row is recognised when it is already logged.

Rows are compared by what the creator wrote, not by how it was resolved: a blank diamond
count stays blank in the fingerprint, so importing the same file after a rate change still
finds every row already present.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from livetally.core.money import format_decimal
from livetally.core.records import IncomeRecord, StreamRecord

_SEPARATOR = "\x1f"  # ASCII unit separator: cannot be typed into a field by accident


def utc_key(started: dt.datetime) -> str:
    """The instant in UTC as sortable text (``2026-11-20T18:30:00Z``)."""
    return started.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stream_fingerprint(record: StreamRecord, started_utc: str) -> str:
    parts = [
        "stream",
        started_utc,
        _optional(record.duration_minutes),
        str(record.coins),
        "" if record.diamonds is None else format_decimal(record.diamonds),
        _optional(record.likes),
        _optional(record.peak_viewers),
        _optional(record.new_followers),
        ";".join(sorted(record.tags)),
        record.notes,
    ]
    return _digest(parts)


def income_fingerprint(record: IncomeRecord) -> str:
    parts = [
        "income",
        record.date.isoformat(),
        record.source,
        format_decimal(record.amount),
        record.currency,
        record.description,
    ]
    return _digest(parts)


def _optional(value: int | None) -> str:
    return "" if value is None else str(value)


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b(_SEPARATOR.join(parts).encode(), digest_size=16).hexdigest()
