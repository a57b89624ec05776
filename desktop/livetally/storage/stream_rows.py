"""The ledger's streams: writing them (tags, gifts, fingerprints) and reading them back.

:class:`StreamRows` is the part of :class:`~livetally.storage.ledger.Ledger` that owns the
``streams`` table and its links over the ledger's one connection. It opens no
transaction of its own: the ledger wraps each change (and each import) in one.
"""

from __future__ import annotations

import datetime as dt
import operator
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal
from itertools import repeat
from typing import Any

from livetally.core.money import format_decimal
from livetally.core.rates import RateProfile
from livetally.core.records import LoggedStream, StreamRecord, parse_timestamps, resolve_diamonds
from livetally.core.stream_fields import DETAIL_NAMES, Origin
from livetally.storage.bulk import (
    collection_paused,
    diamonds_totalled_once,
    largest_stream_id,
)
from livetally.storage.day_totals import days_between
from livetally.storage.errors import DuplicateError, LedgerError
from livetally.storage.names import names_to_ids
from livetally.storage.occurrences import Occurrences
from livetally.storage.row_values import CHUNK, Progress, marks, now_stamp

#: The columns each stream is inserted with: its own values first, then those it shares
#: with the rest of an import (see :meth:`StreamRows.insert`).
_OWN_COLUMNS = (
    "started_at",
    "started_utc",
    "duration_minutes",
    "coins",
    "diamonds",
    "diamonds_entered",
    *DETAIL_NAMES,
    "notes",
    "origin",
    "fingerprint",
)
_STREAM_COLUMNS = (
    f"{', '.join(_OWN_COLUMNS)}, country, coin_usd, diamonds_per_coin, diamond_usd, created_at, "
    "sample"
)
#: From this many new streams on, their diamonds go into the running total in one statement
#: (:func:`~livetally.storage.bulk.diamonds_totalled_once`); below, the trigger adds each.
TOTALLED_ONCE_FROM = CHUNK
#: What the stream queries read of each stream: :class:`StreamBuilder`'s row.
_STREAM_SELECT = (
    "s.id, started_at, duration_minutes, coins, diamonds, diamonds_entered, "
    f"{', '.join(DETAIL_NAMES)}, notes, origin, country, coin_usd, diamonds_per_coin, "
    "diamond_usd, sample"
)
_DETAILS = len(DETAIL_NAMES)


class StreamRows:
    """The streams of one ledger connection: typed queries, and inserts for the ledger's
    transactions."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    # -- reading -----------------------------------------------------------------------------

    def all(self) -> list[LoggedStream]:
        """Every stream, in start order (oldest first)."""
        return self._read("1", ())

    def one(self, stream_id: int) -> LoggedStream:
        found = self._read("s.id = ?", (stream_id,))
        if not found:
            raise LedgerError(f"stream {stream_id} is not in the ledger")
        return found[0]

    def between(self, first: dt.date | None, last: dt.date | None) -> list[LoggedStream]:
        """Streams whose start falls on ``first``..``last`` by the creator's own clock."""
        where, parameters = days_between(first, last)
        return self._read(where, parameters)

    def started_within(self, first: dt.datetime, last: dt.datetime) -> list[LoggedStream]:
        """Streams whose start instant is from ``first`` to ``last`` (aware times)."""
        from livetally.storage.fingerprint import utc_keys

        low, high = utc_keys([first, last])
        return self._read("started_utc BETWEEN ? AND ?", (low, high))

    def sample(self) -> list[LoggedStream]:
        """The sample streams a newcomer was given, in start order."""
        return self._read("s.sample = 1", ())

    def count(self) -> int:
        return int(self._connection.execute("SELECT count(*) FROM streams").fetchone()[0])

    def tiktok_room_ids(self) -> set[str]:
        """The TikTok LIVEs already in the ledger, by TikTok's room id."""
        rows = self._connection.execute(
            "SELECT tiktok_room_id FROM streams WHERE tiktok_room_id IS NOT NULL"
        )
        return {room for (room,) in rows}

    def _read(self, where: str, parameters: Sequence[object]) -> list[LoggedStream]:
        """Streams matching ``where`` (SQL of this module only), in start order."""
        rows = self._connection.execute(
            f"SELECT {_STREAM_SELECT} FROM streams s WHERE {where} ORDER BY started_utc, s.id",
            parameters,
        ).fetchall()
        tags = self._tags_by_stream(where, parameters)
        build = StreamBuilder()
        none: tuple[str, ...] = ()
        with collection_paused():  # thousands of objects that live on, and no garbage
            return [build(row, tags.get(row[0], none)) for row in rows]

    def _tags_by_stream(
        self, where: str, parameters: Sequence[object]
    ) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        rows = self._connection.execute(
            "SELECT st.stream_id, t.name FROM stream_tags st JOIN tags t ON t.id = st.tag_id "
            f"JOIN streams s ON s.id = st.stream_id WHERE {where} "
            "ORDER BY st.stream_id, st.position",
            parameters,
        )
        for stream_id, name in rows:
            found.setdefault(stream_id, []).append(name)
        return {stream_id: tuple(names) for stream_id, names in found.items()}

    # -- writing (inside the ledger's transaction) ------------------------------------------

    def delete(self, stream_ids: Sequence[int]) -> None:
        self._connection.executemany(
            "DELETE FROM streams WHERE id = ?", [(stream_id,) for stream_id in stream_ids]
        )

    def rewrite(
        self, stream_id: int, record: StreamRecord, profile: RateProfile, *, sample: bool
    ) -> None:
        """The stream ``stream_id`` made ``record``."""
        # Streams are read without their gift lines; an edit that brings none keeps them.
        gifts = self._connection.execute(
            "SELECT stream_id, gift, count, coins_each FROM stream_gifts WHERE stream_id = ?",
            (stream_id,),
        ).fetchall()
        self._connection.execute("DELETE FROM streams WHERE id = ?", (stream_id,))
        self.insert([record], profile, skip_present=False, ids=[stream_id], sample=sample)
        if not record.gifts:
            self._connection.executemany(
                "INSERT INTO stream_gifts (stream_id, gift, count, coins_each) VALUES (?, ?, ?, ?)",
                gifts,
            )

    def insert(
        self,
        records: Sequence[StreamRecord],
        profile: RateProfile,
        *,
        skip_present: bool,
        ids: Sequence[int] | None = None,
        progress: Progress | None = None,
        sample: bool = False,
    ) -> list[int]:
        """Insert ``records`` at ``profile``'s rates (with ``ids`` when given); with
        ``skip_present``, those already in the ledger are left out. Returns the new ids."""
        # Imported here: only writing needs it, and it brings in hashlib (and OpenSSL),
        # which every reading command (``livetally report``) would otherwise load.
        from livetally.storage.fingerprint import stream_fingerprint

        now = now_stamp()
        country = profile.country
        coin_usd = format_decimal(profile.coin_usd)
        per_coin = format_decimal(profile.diamonds_per_coin)
        diamond_usd = format_decimal(profile.diamond_usd)
        marked = int(sample)
        present: set[str] = set()
        if skip_present:
            present = {f for (f,) in self._connection.execute("SELECT fingerprint FROM streams")}
        keys = _start_keys(records)
        kept: list[StreamRecord] = []
        kept_keys: list[str] = []
        fingerprints: list[str] = []
        occurrences = Occurrences(self._connection, "streams", present, renumber=ids is not None)
        for record, started_utc, base in zip(
            records, keys, map(stream_fingerprint, records, keys), strict=True
        ):
            fingerprint = occurrences.fingerprint(base)
            if fingerprint in present:
                continue
            present.add(fingerprint)
            kept.append(record)
            kept_keys.append(started_utc)
            fingerprints.append(fingerprint)
        rows = _own_values(kept, kept_keys, fingerprints, _DiamondTexts(profile))
        total = len(rows)
        if progress is not None:
            progress(0, total)
        first_new_id = self._max_id() + 1
        # What every row shares goes into the statement once, as literals SQLite quotes
        # itself, instead of being passed again with each of 100,000 rows.
        shared = ", ".join(
            self._connection.execute(
                f"SELECT {marks(6).replace('?', 'quote(?)')}",
                (country, coin_usd, per_coin, diamond_usd, now, marked),
            ).fetchone()
        )
        columns, placeholders = _STREAM_COLUMNS, marks(len(_OWN_COLUMNS))
        if ids is not None:
            rows = [(stream_id, *row) for stream_id, row in zip(ids, rows, strict=True)]
            columns, placeholders = f"id, {columns}", marks(len(_OWN_COLUMNS) + 1)
        statement = f"INSERT INTO streams ({columns}) VALUES ({placeholders}, {shared})"
        totals: AbstractContextManager[None] = (
            diamonds_totalled_once(self._connection, diamond_usd, total)
            if ids is None and total >= TOTALLED_ONCE_FROM
            else nullcontext()
        )
        try:
            with totals:
                for start in range(0, total, CHUNK):
                    self._connection.executemany(statement, rows[start : start + CHUNK])
                    if progress is not None:
                        progress(min(start + CHUNK, total), total)
        except sqlite3.IntegrityError as error:
            if "fingerprint" in str(error):
                raise DuplicateError("this stream is already in the ledger") from None
            if "tiktok_room_id" in str(error):
                raise DuplicateError("this TikTok LIVE is already in the ledger") from None
            raise
        new_ids = list(ids) if ids is not None else self._new_ids(first_new_id, fingerprints)
        self._link_tags(new_ids, kept)
        self._link_gifts(new_ids, kept)
        if progress is not None:
            progress(total, total)  # the last chance to cancel: the caller commits next
        return new_ids

    def _new_ids(self, first: int, fingerprints: list[str]) -> list[int]:
        """The ids SQLite gave the streams just inserted (these ``fingerprints``, in order).

        SQLite gives each new row the largest id so far plus one, so they are ``first``
        onwards, which is checked by where they end. Only once the largest possible id is
        taken does SQLite pick others; then they are looked up by fingerprint.
        """
        count = len(fingerprints)
        if count == 0 or self._max_id() == first + count - 1:
            return list(range(first, first + count))
        query = "SELECT fingerprint, id FROM streams"
        ids = {
            fingerprint: int(stream_id)
            for fingerprint, stream_id in self._connection.execute(query)
        }
        return [ids[fingerprint] for fingerprint in fingerprints]

    def _max_id(self) -> int:
        return largest_stream_id(self._connection)

    def _link_tags(self, stream_ids: list[int], records: list[StreamRecord]) -> None:
        """Each stream's tags, in the order given; the links of each tag list made once."""
        tag_ids = names_to_ids(
            self._connection, "tags", {tag for record in records for tag in record.tags}
        )
        links: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for record in records:
            if record.tags not in links:
                links[record.tags] = [(tag_ids[tag], n) for n, tag in enumerate(record.tags)]
        self._connection.executemany(
            "INSERT INTO stream_tags (stream_id, tag_id, position) VALUES (?, ?, ?)",
            [
                (stream_id, tag_id, position)
                for stream_id, record in zip(stream_ids, records, strict=True)
                for tag_id, position in links[record.tags]
            ],
        )

    def _link_gifts(self, stream_ids: list[int], records: list[StreamRecord]) -> None:
        gifts = [
            (stream_id, line.gift.name, line.count, line.gift.coins)
            for stream_id, record in zip(stream_ids, records, strict=True)
            for line in record.gifts
        ]
        self._connection.executemany(
            "INSERT INTO stream_gifts (stream_id, gift, count, coins_each) VALUES (?, ?, ?, ?)",
            gifts,
        )


#: A record's own values that are attributes as they are, each read by a C loop.
_STARTED_AT = operator.attrgetter("started_at")
_MINUTES = operator.attrgetter("duration_minutes")
_COINS = operator.attrgetter("coins")
_DIAMONDS = operator.attrgetter("diamonds")
_NOTES = operator.attrgetter("notes")
_ORIGIN = operator.attrgetter("origin.value")
_DETAIL_GETTERS = tuple(map(operator.attrgetter, DETAIL_NAMES))


def _own_values(
    records: Sequence[StreamRecord],
    keys: Sequence[str],
    fingerprints: Sequence[str],
    diamonds_of: _DiamondTexts,
) -> list[tuple[object, ...]]:
    """Each record's values in :data:`_OWN_COLUMNS` order, gathered a column at a time by
    C loops (attrgetter, zip) rather than a tuple built in Python per stream: ~0.2 s less
    for an import of 100,000."""
    return list(
        zip(
            map(_STARTED_AT, records),
            keys,
            map(_MINUTES, records),
            map(_COINS, records),
            map(diamonds_of, records),
            map(operator.is_not, map(_DIAMONDS, records), repeat(None)),  # stored 1 or 0
            *(map(detail, records) for detail in _DETAIL_GETTERS),
            map(_NOTES, records),
            map(_ORIGIN, records),
            fingerprints,
            strict=True,
        )
    )


def _start_keys(records: Sequence[StreamRecord]) -> list[str]:
    """Each record's start as its UTC key, parsed and turned into keys by C loops a step at
    a time: a C loop never lets another thread run (the window, while a worker imports)."""
    from livetally.storage.fingerprint import utc_keys

    texts = [record.started_at for record in records]
    return [
        key
        for start in range(0, len(texts), CHUNK)
        for key in utc_keys(parse_timestamps(texts[start : start + CHUNK]))
    ]


class _DiamondTexts:
    """A record's diamonds as stored: as entered, or else the coins' worth at the profile's
    rate, worked out once per coin count (they repeat across an import)."""

    def __init__(self, profile: RateProfile) -> None:
        self._profile = profile
        self._computed: dict[int, str] = {}

    def __call__(self, record: StreamRecord) -> str:
        if record.diamonds is not None:
            return format_decimal(record.diamonds)
        found = self._computed.get(record.coins)
        if found is None:
            found = self._computed[record.coins] = format_decimal(
                resolve_diamonds(record, self._profile)
            )
        return found


class StreamBuilder:
    """Makes :class:`LoggedStream` objects from stored values, sharing what repeats.

    Rates repeat across thousands of streams, so each distinct rate text becomes one Decimal
    shared by every stream logged at it: reading 100,000 streams parses a handful of rates,
    not 300,000.
    """

    def __init__(self) -> None:
        self._decimals: dict[str, Decimal] = {}

    def decimal(self, text: str) -> Decimal:
        value = self._decimals.get(text)
        if value is None:
            value = self._decimals[text] = Decimal(text)
        return value

    def __call__(self, row: Sequence[Any], tags: tuple[str, ...]) -> LoggedStream:
        """The stream of one row of :data:`_STREAM_SELECT`."""
        stream_id, started_at, duration, coins, diamonds, entered, *rest = row
        details = rest[:_DETAILS]
        notes, origin, country, coin_usd, per_coin, diamond_usd, sample = rest[_DETAILS:]
        resolved = Decimal(diamonds)
        record = StreamRecord(
            started_at=started_at,
            coins=int(coins),
            duration_minutes=duration,
            diamonds=resolved if entered else None,
            tags=tags,
            notes=notes,
            origin=Origin(origin),
            **dict(zip(DETAIL_NAMES, details, strict=True)),
        )
        decimal = self.decimal
        return LoggedStream(
            id=int(stream_id),
            record=record,
            diamonds=resolved,
            country=country,
            coin_usd=decimal(coin_usd),
            diamonds_per_coin=decimal(per_coin),
            diamond_usd=decimal(diamond_usd),
            sample=bool(sample),
        )
