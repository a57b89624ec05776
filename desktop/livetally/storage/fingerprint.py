"""Content fingerprints: how an imported row is recognised when it is already logged.

Rows are compared by what the creator wrote, not by how it was resolved: a blank diamond
count stays blank in the fingerprint, so importing the same file after a rate change still
finds every row already present.

Every text made here is stored, so it must never change: a ledger written by an older
LiveTally must still recognise the rows of a file imported again. The speed-ups below
(timedelta arithmetic and ``isoformat`` for the UTC key, a copied hash state, cached tag
texts) each write the very bytes the plain form wrote; ``tests/storage/test_fingerprint.py``
holds them to it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
from collections.abc import Sequence
from itertools import repeat

from livetally.core.money import format_decimal
from livetally.core.records import IncomeRecord, StreamRecord

_SEPARATOR = "\x1f"  # ASCII unit separator: cannot be typed into a field by accident

#: The key's form, as LiveTally has always written it.
UTC_KEY_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# A fresh hash state, copied for each digest: quicker than building one from its arguments.
_BLANK_DIGEST = hashlib.blake2b(digest_size=16)


def utc_key(started: dt.datetime) -> str:
    """The instant ``started`` (aware) in UTC as sortable text (``2026-11-20T18:30:00.000000Z``).

    Byte for byte what ``started.astimezone(UTC).strftime(UTC_KEY_FORMAT)`` writes, which
    is how LiveTally has always made it: fingerprints are made from this text.
    """
    return utc_keys([started])[0]


def utc_keys(stamps: Sequence[dt.datetime]) -> list[str]:
    """:func:`utc_key` of each of ``stamps``, for a whole import at once.

    strftime takes a sixth of a second for 100,000 streams. Here the UTC instant comes
    from exact timedelta arithmetic (the time since an aware epoch, added to a naive one:
    a naive datetime in UTC), and ``isoformat`` writes it, as C loops over all ``stamps``;
    for every year from 1000 on that is strftime's text. Earlier years are left to
    strftime itself, which writes them its own way (glibc without zero padding:
    ``999-...``), so a ledger goes on matching its own rows on any platform. An instant
    outside the years 1..9999 in UTC raises OverflowError, as astimezone does.
    """
    naive = map(operator.add, map(operator.sub, stamps, repeat(_AWARE_EPOCH)), repeat(_EPOCH))
    return [
        f"{iso}.000000Z" if len(iso) == _WHOLE_SECOND and iso[0] != "0" else _key_of(iso, stamp)
        for iso, stamp in zip(map(dt.datetime.isoformat, naive), stamps, strict=True)
    ]


_EPOCH = dt.datetime(2000, 1, 1)
_AWARE_EPOCH = _EPOCH.replace(tzinfo=dt.UTC)
_WHOLE_SECOND = len("2026-11-20T18:30:00")
_MICROSECONDS = len("2026-11-20T18:30:00.000001")


def _key_of(iso: str, started: dt.datetime) -> str:
    """The key from the naive UTC instant's ``isoformat()``, or from strftime."""
    if iso[0] != "0":  # isoformat always writes four digits of year: this is year >= 1000
        if len(iso) == _WHOLE_SECOND:
            return f"{iso}.000000Z"
        if len(iso) == _MICROSECONDS:
            return f"{iso}Z"
    return started.astimezone(dt.UTC).strftime(UTC_KEY_FORMAT)


def stream_fingerprint(record: StreamRecord, started_utc: str) -> str:
    """The digest of what the creator wrote for a stream; ``started_utc`` is its :func:`utc_key`."""
    diamonds = record.diamonds
    duration = record.duration_minutes
    likes = record.likes
    peak = record.peak_viewers
    followers = record.new_followers
    text = _SEPARATOR.join(
        (
            "stream",
            started_utc,
            "" if duration is None else str(duration),
            str(record.coins),
            "" if diamonds is None else format_decimal(diamonds),
            "" if likes is None else str(likes),
            "" if peak is None else str(peak),
            "" if followers is None else str(followers),
            _tag_text(record.tags),
            record.notes,
        )
    )
    digest = _BLANK_DIGEST.copy()  # _digest inline: this runs once per imported stream
    digest.update(text.encode())
    return digest.hexdigest()


def income_fingerprint(record: IncomeRecord) -> str:
    parts = [
        "income",
        record.date.isoformat(),
        record.source,
        format_decimal(record.amount),
        record.currency,
        record.description,
    ]
    return _digest(_SEPARATOR.join(parts))


@functools.lru_cache(maxsize=4096)
def _tag_text(tags: tuple[str, ...]) -> str:
    """The tags in a fixed order, so the same tags in another order are the same stream.

    Cached: a ledger holds a handful of tag combinations across thousands of streams.
    """
    return ";".join(sorted(tags))


def _digest(text: str) -> str:
    digest = _BLANK_DIGEST.copy()
    digest.update(text.encode())
    return digest.hexdigest()
