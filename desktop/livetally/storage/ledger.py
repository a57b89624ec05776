"""The ledger: every stream, income entry and payout a creator logs, in one SQLite file.

Each public method that changes anything is one transaction. Imports are validated in
full before they get here, take a backup first, and insert everything or nothing; a
progress callback may raise to cancel, which rolls the whole import back.
"""

from __future__ import annotations

import datetime as dt
import operator
import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from livetally import activity
from livetally.core.money import format_decimal, plain_decimal
from livetally.core.payout import Balance, payout_problem
from livetally.core.rates import RateProfile
from livetally.core.records import (
    IncomeRecord,
    LoggedIncome,
    LoggedStream,
    PayoutRecord,
    StreamRecord,
    logged_income,
    normalise_tag,
    parse_timestamps,
    resolve_diamonds,
)
from livetally.core.report import UNTAGGED, DayTotal, TagTotal
from livetally.core.stream_fields import DETAIL_NAMES, Origin
from livetally.core.words import counted
from livetally.storage.backups import make_backup, prune_backups, restore_into
from livetally.storage.balance import balance_until
from livetally.storage.bulk import collection_paused
from livetally.storage.connection import connect, migrate, transaction
from livetally.storage.errors import LedgerError
from livetally.storage.inspect import open_read_only
from livetally.storage.lock import DataHomeLock
from livetally.storage.recovery import check_backup

if TYPE_CHECKING:
    from livetally.storage.goals import Goals

_log = activity.logger(__name__)

#: Called with (rows done, rows in all) while an import runs; raise to cancel it.
Progress = Callable[[int, int], None]

_CHUNK = 2000

#: The columns each stream is inserted with: its own values first, then those it shares
#: with the rest of an import (see ``_insert_streams``).
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
#: A record's details, in :data:`DETAIL_NAMES` order, in one C-level call.
_details_of = operator.attrgetter(*DETAIL_NAMES)
#: What :meth:`Ledger.streams` reads of each stream: :class:`StreamBuilder`'s row.
_STREAM_SELECT = (
    "s.id, started_at, duration_minutes, coins, diamonds, diamonds_entered, "
    f"{', '.join(DETAIL_NAMES)}, notes, origin, country, coin_usd, diamonds_per_coin, "
    "diamond_usd, sample"
)


class DuplicateError(LedgerError):
    """The same stream or income entry is already in the ledger."""


@dataclass(frozen=True)
class ImportSummary:
    new: int
    already_present: int

    def __str__(self) -> str:
        return f"{self.new} new, {self.already_present} already present"


@dataclass(frozen=True)
class Payout:
    id: int
    record: PayoutRecord


class Ledger:
    """An open ledger file; use as a context manager so the lock and file are released."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        backups_dir: Path,
        lock: DataHomeLock | None,
    ) -> None:
        self.connection = connection
        self.path = path
        self.backups_dir = backups_dir
        self._lock = lock
        self._balance: tuple[tuple[int, int], Balance] | None = None

    @classmethod
    def open(cls, path: Path, backups_dir: Path, *, writable: bool = True) -> Ledger:
        """Open for writing (taking the data home's lock first) or for reading only.

        Readers never wait for or block a writer: WAL lets them see the last commit.
        """
        lock = None
        if writable:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = DataHomeLock(path.parent)
            lock.acquire()
        try:
            connection = connect(path, backups_dir, writable=writable)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(connection, path, backups_dir, lock)

    def close(self) -> None:
        self.connection.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- backups ----------------------------------------------------------------------------

    def backup(self, reason: str = "manual") -> Path:
        """A backup now; old ones are thinned out to the last 10 plus one a month."""
        now = dt.datetime.now().astimezone()
        path = make_backup(self.connection, self.backups_dir, reason, now)
        prune_backups(self.backups_dir, now)
        _log.info(f"backup taken ({reason}): {path.name}")
        return path

    def _backup_as_committed(self, reason: str) -> Path:
        """A backup of the ledger as last committed, taken while this connection is in the
        middle of a change: a second connection reads the committed state (WAL lets it,
        beside a writer), so a backup is taken only once there is something to protect."""
        now = dt.datetime.now().astimezone()
        with closing(open_read_only(self.path)) as committed:
            path = make_backup(committed, self.backups_dir, reason, now)
        prune_backups(self.backups_dir, now)
        _log.info(f"backup taken ({reason}): {path.name}")
        return path

    def restore(self, backup_file: Path) -> Path:
        """Replace the whole ledger with ``backup_file`` after backing up the current one.

        The file is checked before anything happens; returns the safety backup's path.
        """
        check_backup(backup_file, self.backups_dir)
        safety = self.backup("restore")
        self._balance = None  # the copy below does not count as changes of this connection
        restore_into(backup_file, self.connection)
        migrate(self.connection)  # a backup from an older LiveTally is brought up to date
        _log.info(f"restored {backup_file.name}; the ledger before it is {safety.name}")
        return safety

    # -- streams ----------------------------------------------------------------------------

    def add_stream(self, record: StreamRecord, profile: RateProfile) -> LoggedStream:
        with transaction(self.connection):
            stream_id = self._insert_streams([record], profile, skip_present=False)[0]
        return self.stream(stream_id)

    def replace_stream(
        self, stream_id: int, record: StreamRecord, profile: RateProfile
    ) -> LoggedStream:
        """Edit a stream, logging it at ``profile``'s rates.

        Pass ``stream.logged_rates()`` to keep the rates it was first logged at; today's
        profile recalculates it, which only an explicit action should do.
        """
        sample = self.stream(stream_id).sample
        with transaction(self.connection):
            self._rewrite_stream(stream_id, record, profile, sample=sample)
        return self.stream(stream_id)

    def _rewrite_stream(
        self, stream_id: int, record: StreamRecord, profile: RateProfile, *, sample: bool
    ) -> None:
        """The stream ``stream_id`` made ``record``, inside the caller's transaction."""
        # Streams are read without their gift lines; an edit that brings none keeps them.
        gifts = self.connection.execute(
            "SELECT stream_id, gift, count, coins_each FROM stream_gifts WHERE stream_id = ?",
            (stream_id,),
        ).fetchall()
        self.connection.execute("DELETE FROM streams WHERE id = ?", (stream_id,))
        self._insert_streams([record], profile, skip_present=False, ids=[stream_id], sample=sample)
        if not record.gifts:
            self.connection.executemany(
                "INSERT INTO stream_gifts (stream_id, gift, count, coins_each) VALUES (?, ?, ?, ?)",
                gifts,
            )

    def tiktok_room_ids(self) -> set[str]:
        """The TikTok LIVEs already in the ledger, by TikTok's room id."""
        rows = self.connection.execute(
            "SELECT tiktok_room_id FROM streams WHERE tiktok_room_id IS NOT NULL"
        )
        return {room for (room,) in rows}

    def streams_started_within(self, first: dt.datetime, last: dt.datetime) -> list[LoggedStream]:
        """Streams whose start instant is from ``first`` to ``last`` (aware times)."""
        from livetally.storage.fingerprint import utc_keys

        low, high = utc_keys([first, last])
        return self.streams(where="started_utc BETWEEN ? AND ?", parameters=(low, high))

    def import_with_edits(
        self,
        records: Sequence[StreamRecord],
        edits: Sequence[tuple[LoggedStream, StreamRecord]],
        profile: RateProfile,
        progress: Progress | None = None,
    ) -> ImportSummary:
        """:meth:`import_streams`, and in the same transaction each ``(stream, record)`` of
        ``edits`` made ``record`` at the rates it was logged at: an import that also
        completes streams already logged (TikTok's figures for a stream typed by hand)."""
        with collection_paused(), transaction(self.connection), self._bulk():
            new = self._insert_streams(records, profile, skip_present=True, progress=progress)
            for stream, record in edits:
                self._rewrite_stream(stream.id, record, stream.logged_rates(), sample=stream.sample)
            if new or edits:
                self._backup_as_committed("import")
        _log.info(f"imported streams: {len(new)} new, {len(edits)} completed, "
                  f"{len(records) - len(new)} already there")  # fmt: skip
        return ImportSummary(new=len(new), already_present=len(records) - len(new))

    def delete_stream(self, stream_id: int) -> LoggedStream:
        """Remove a stream and return it as it was, so the window can undo the deletion."""
        return self.delete_streams([stream_id])[0]

    def delete_streams(self, stream_ids: Sequence[int]) -> list[LoggedStream]:
        """Remove several streams in one transaction; returns them as they were."""
        gone = [self.stream(stream_id) for stream_id in stream_ids]
        with transaction(self.connection):
            self.connection.executemany(
                "DELETE FROM streams WHERE id = ?", [(stream_id,) for stream_id in stream_ids]
            )
        return gone

    def restore_stream(self, stream: LoggedStream) -> LoggedStream:
        """Put a deleted stream back with its id and its original rates (undo)."""
        return self.restore_streams([stream])[0]

    def restore_streams(self, streams: Sequence[LoggedStream]) -> list[LoggedStream]:
        """Put deleted streams back, ids and rates as they were, in one transaction."""
        with transaction(self.connection):
            for stream in streams:
                self._insert_streams(
                    [stream.record],
                    stream.logged_rates(),
                    skip_present=False,
                    ids=[stream.id],
                    sample=stream.sample,
                )
        return [self.stream(stream.id) for stream in streams]

    def stream(self, stream_id: int) -> LoggedStream:
        found = self.streams(where="s.id = ?", parameters=(stream_id,))
        if not found:
            raise LedgerError(f"stream {stream_id} is not in the ledger")
        return found[0]

    def streams(self, *, where: str = "1", parameters: Sequence[object] = ()) -> list[LoggedStream]:
        """Streams in start order (oldest first)."""
        rows = self.connection.execute(
            f"SELECT {_STREAM_SELECT} FROM streams s WHERE {where} ORDER BY started_utc, s.id",
            parameters,
        ).fetchall()
        tags = self._tags_by_stream(where, parameters)
        build = StreamBuilder()
        none: tuple[str, ...] = ()
        with collection_paused():  # thousands of objects that live on, and no garbage
            return [build(row, tags.get(row[0], none)) for row in rows]

    def live_days(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[DayTotal]:
        """Every day with streams (started on ``first``..``last`` by the creator's own clock),
        each day's cash, streams and minutes added up, by day: what monthly reports and the
        income chart need, without reading 100,000 streams one by one.

        Exact: a stream's diamonds are whole, so SQLite adds them up as integers per day and
        rate, and each sum is multiplied by its rate once.
        """
        where, parameters = _days_between(first, last)
        rows = self.connection.execute(
            "SELECT substr(started_at, 1, 10) AS day, diamond_usd, count(*), "
            f"coalesce(sum(duration_minutes), 0), {_DIAMOND_SUMS} FROM streams "
            f"WHERE {where} GROUP BY day, diamond_usd ORDER BY day",
            parameters,
        )
        days = _added_up(rows)
        return [DayTotal(dt.date.fromisoformat(day), *totals) for day, totals in days.items()]

    def live_tags(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[TagTotal]:
        """Every tag of the streams started on ``first``..``last`` (:data:`UNTAGGED` for those
        with none), with the cash, streams and minutes of its streams added up: a report by
        tag without reading every stream. A stream with two tags counts towards both.

        Exact, as :meth:`live_days`: SQLite adds up whole diamonds by tag and rate.
        """
        where, parameters = _days_between(first, last)
        rows = self.connection.execute(
            "SELECT coalesce(t.name, ?), s.diamond_usd, count(*), "
            f"coalesce(sum(s.duration_minutes), 0), {_DIAMOND_SUMS} FROM streams s "
            "LEFT JOIN stream_tags st ON st.stream_id = s.id LEFT JOIN tags t ON t.id = st.tag_id "
            f"WHERE {where} GROUP BY t.name, s.diamond_usd",
            [UNTAGGED, *parameters],
        )
        tags = _added_up(rows)
        return [TagTotal(str(tag), *totals) for tag, totals in tags.items()]

    def stream_count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM streams").fetchone()[0])

    def stream_rows(
        self, size: int = 5000
    ) -> Generator[tuple[list[tuple[Any, ...]], list[str | None]], None, None]:
        """Every stream as a plain row (see :data:`STREAM_ROW`), oldest first, ``size`` at a time.

        For a window that shows 100,000 streams: no object is made per stream, and reading
        in steps lets the caller keep its event loop turning in between. Each step gives the
        rows and, for each row, its tags as one text (the tag names, comma-separated in the
        order given; None: no tags). The first steps read every stream's tags (giving no
        rows), the others give up to ``size`` rows each.

        The rows come from a read-only connection of their own, in one read transaction:
        one consistent snapshot however long the caller takes between steps, while writes
        go on. Close the generator (or read it to the end) to release it.
        """
        reader = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode=ro", uri=True)
        reader.isolation_level = None
        try:
            reader.execute("BEGIN")
            names = {row_id: str(name) for row_id, name in reader.execute(_TAG_NAMES)}
            # The links in key order, read as they lie (no sort: sorting them all by
            # position took SQLite a twentieth of a second before the first step).
            links: dict[int, list[tuple[int, int]]] = {}
            linked_rows = reader.execute(_STREAM_TAGS)
            while linked := linked_rows.fetchmany(size):
                for stream_id, position, tag_id in linked:
                    found = links.get(stream_id)
                    if found is None:
                        links[stream_id] = [(position, tag_id)]
                    else:
                        found.append((position, tag_id))
                yield [], []
            texts: dict[tuple[tuple[int, int], ...], str] = {}

            def tags_of(stream_id: int) -> str | None:
                found = links.get(stream_id)
                if found is None:
                    return None
                key = tuple(sorted(found)) if len(found) > 1 else tuple(found)
                text = texts.get(key)
                if text is None:
                    text = texts[key] = ",".join(names[tag_id] for _, tag_id in key)
                return text

            cursor = reader.execute(_STREAM_ROWS)
            while chunk := cursor.fetchmany(size):
                yield chunk, [tags_of(row[0]) for row in chunk]
        finally:
            reader.close()

    def streams_between(self, first: dt.date | None, last: dt.date | None) -> list[LoggedStream]:
        """Streams whose start falls on ``first``..``last`` by the creator's own clock."""
        where, parameters = _days_between(first, last)
        return self.streams(where=where, parameters=parameters)

    def import_streams(
        self,
        records: Sequence[StreamRecord],
        profile: RateProfile,
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Add every record not already present, in one transaction, with a backup of the
        ledger as it was; an import that adds nothing writes nothing, not even a backup."""
        with collection_paused(), transaction(self.connection), self._bulk():
            new = self._insert_streams(records, profile, skip_present=True, progress=progress)
            if new:
                self._backup_as_committed("import")
        _log.info(f"imported streams: {len(new)} new, {len(records) - len(new)} already there")
        return ImportSummary(new=len(new), already_present=len(records) - len(new))

    @contextmanager
    def _bulk(self) -> Iterator[None]:
        """A larger page cache while one transaction writes many rows.

        The fingerprint index takes 100,000 rows in random order; with SQLite's default 2 MB
        of cache its pages would be written out and read back over and over. Only speed
        changes: the transaction and its durability are the same.
        """
        (before,) = self.connection.execute("PRAGMA cache_size").fetchone()
        self.connection.execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
        try:
            yield
        finally:
            self.connection.execute(f"PRAGMA cache_size = {int(before)}")

    def _insert_streams(
        self,
        records: Sequence[StreamRecord],
        profile: RateProfile,
        *,
        skip_present: bool,
        ids: Sequence[int] | None = None,
        progress: Progress | None = None,
        sample: bool = False,
    ) -> list[int]:
        # Imported here: only writing needs it, and it brings in hashlib (and OpenSSL),
        # which every reading command (``livetally report``) would otherwise load.
        from livetally.storage.fingerprint import stream_fingerprint

        now = _now()
        country = profile.country
        coin_usd = format_decimal(profile.coin_usd)
        per_coin = format_decimal(profile.diamonds_per_coin)
        diamond_usd = format_decimal(profile.diamond_usd)
        marked = int(sample)
        present: set[str] = set()
        if skip_present:
            present = {f for (f,) in self.connection.execute("SELECT fingerprint FROM streams")}
        keys = _start_keys(records)
        diamonds_of = _DiamondTexts(profile)
        rows: list[tuple[object, ...]] = []
        kept: list[StreamRecord] = []
        fingerprints: list[str] = []
        occurrences = _Occurrences(self.connection, "streams", present, renumber=ids is not None)
        for record, started_utc in zip(records, keys, strict=True):
            fingerprint = occurrences.fingerprint(stream_fingerprint(record, started_utc))
            if fingerprint in present:
                continue
            present.add(fingerprint)
            rows.append(
                (
                    record.started_at,
                    started_utc,
                    record.duration_minutes,
                    record.coins,
                    diamonds_of(record),
                    record.diamonds is not None,  # stored as 1 or 0
                    *_details_of(record),
                    record.notes,
                    record.origin.value,
                    fingerprint,
                )
            )
            kept.append(record)
            fingerprints.append(fingerprint)
        total = len(rows)
        if progress is not None:
            progress(0, total)
        first_new_id = self._max_id() + 1
        # What every row shares goes into the statement once, as literals SQLite quotes
        # itself, instead of being passed again with each of 100,000 rows.
        shared = ", ".join(
            self.connection.execute(
                f"SELECT {_marks(6).replace('?', 'quote(?)')}",
                (country, coin_usd, per_coin, diamond_usd, now, marked),
            ).fetchone()
        )
        columns, marks = _STREAM_COLUMNS, _marks(len(_OWN_COLUMNS))
        if ids is not None:
            rows = [(stream_id, *row) for stream_id, row in zip(ids, rows, strict=True)]
            columns, marks = f"id, {columns}", _marks(len(_OWN_COLUMNS) + 1)
        statement = f"INSERT INTO streams ({columns}) VALUES ({marks}, {shared})"
        try:
            for start in range(0, total, _CHUNK):
                self.connection.executemany(statement, rows[start : start + _CHUNK])
                if progress is not None:
                    progress(min(start + _CHUNK, total), total)
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
            fingerprint: int(stream_id) for fingerprint, stream_id in self.connection.execute(query)
        }
        return [ids[fingerprint] for fingerprint in fingerprints]

    def _max_id(self) -> int:
        return int(
            self.connection.execute("SELECT coalesce(max(id), 0) FROM streams").fetchone()[0]
        )

    def _link_tags(self, stream_ids: list[int], records: list[StreamRecord]) -> None:
        """Each stream's tags, in the order given; the links of each tag list made once."""
        tag_ids = self._tag_ids({tag for record in records for tag in record.tags})
        links: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for record in records:
            if record.tags not in links:
                links[record.tags] = [(tag_ids[tag], n) for n, tag in enumerate(record.tags)]
        self.connection.executemany(
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
        self.connection.executemany(
            "INSERT INTO stream_gifts (stream_id, gift, count, coins_each) VALUES (?, ?, ?, ?)",
            gifts,
        )

    def _tags_by_stream(
        self, where: str, parameters: Sequence[object]
    ) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        rows = self.connection.execute(
            "SELECT st.stream_id, t.name FROM stream_tags st JOIN tags t ON t.id = st.tag_id "
            f"JOIN streams s ON s.id = st.stream_id WHERE {where} "
            "ORDER BY st.stream_id, st.position",
            parameters,
        )
        for stream_id, name in rows:
            found.setdefault(stream_id, []).append(name)
        return {stream_id: tuple(names) for stream_id, names in found.items()}

    # -- tags and sources ---------------------------------------------------------------------

    def tags(self) -> list[str]:
        return [name for (name,) in self.connection.execute("SELECT name FROM tags ORDER BY id")]

    def sources(self) -> list[str]:
        return [n for (n,) in self.connection.execute("SELECT name FROM sources ORDER BY id")]

    def _tag_ids(self, names: Iterable[str]) -> dict[str, int]:
        return self._names_to_ids("tags", names)

    def _names_to_ids(self, table: str, names: Iterable[str]) -> dict[str, int]:
        """Ids for ``names`` in ``table`` (tags or sources), adding the ones not there yet."""
        wanted = {normalise_tag(name) for name in names}
        self.connection.executemany(
            f"INSERT OR IGNORE INTO {table} (name) VALUES (?)", [(name,) for name in wanted]
        )
        return {
            name: int(row_id)
            for row_id, name in self.connection.execute(f"SELECT id, name FROM {table}")
            if name in wanted
        }

    # -- income ------------------------------------------------------------------------------

    def add_income(self, record: IncomeRecord) -> LoggedIncome:
        with transaction(self.connection):
            income_id = self._insert_income([record], skip_present=False)[0]
        return self.income_entry(income_id)

    def delete_income(self, income_id: int) -> LoggedIncome:
        gone = self.income_entry(income_id)
        with transaction(self.connection):
            self.connection.execute("DELETE FROM income WHERE id = ?", (income_id,))
        return gone

    def restore_income(self, entry: LoggedIncome) -> LoggedIncome:
        """Put a deleted income entry back with its id (undo)."""
        with transaction(self.connection):
            self._insert_income(
                [entry.record], skip_present=False, ids=[entry.id], sample=entry.sample
            )
        return self.income_entry(entry.id)

    def replace_income(self, income_id: int, record: IncomeRecord) -> LoggedIncome:
        """Edit an income entry in place (same id)."""
        with transaction(self.connection):
            self.connection.execute("DELETE FROM income WHERE id = ?", (income_id,))
            self._insert_income([record], skip_present=False, ids=[income_id])
        return self.income_entry(income_id)

    def income_entry(self, income_id: int) -> LoggedIncome:
        found = self.income(where="i.id = ?", parameters=(income_id,))
        if not found:
            raise LedgerError(f"income entry {income_id} is not in the ledger")
        return found[0]

    def income(self, *, where: str = "1", parameters: Sequence[object] = ()) -> list[LoggedIncome]:
        rows = self.connection.execute(
            "SELECT i.id, i.date, s.name, i.amount, i.currency, i.description, i.sample "
            "FROM income i "
            f"JOIN sources s ON s.id = i.source_id WHERE {where} ORDER BY i.date, i.id",
            parameters,
        )
        days: dict[str, dt.date] = {}  # entries share days: each is parsed once
        entries = []
        with collection_paused():  # thousands of objects that live on, and no garbage
            for row_id, date, source, amount, currency, description, sample in rows:
                day = days.get(date)
                if day is None:
                    day = days[date] = dt.date.fromisoformat(date)
                entries.append(
                    logged_income(
                        row_id, day, source, Decimal(amount), currency, description, bool(sample)
                    )
                )
        return entries

    def income_between(self, first: dt.date | None, last: dt.date | None) -> list[LoggedIncome]:
        clauses, parameters = [], []
        if first is not None:
            clauses.append("i.date >= ?")
            parameters.append(first.isoformat())
        if last is not None:
            clauses.append("i.date <= ?")
            parameters.append(last.isoformat())
        return self.income(where=" AND ".join(clauses) or "1", parameters=parameters)

    def import_income(
        self, records: Sequence[IncomeRecord], progress: Progress | None = None
    ) -> ImportSummary:
        """As :meth:`import_streams`, for income entries."""
        with collection_paused(), transaction(self.connection), self._bulk():
            new = self._insert_income(records, skip_present=True, progress=progress)
            if new:
                self._backup_as_committed("import")
        _log.info(f"imported income: {len(new)} new, {len(records) - len(new)} already there")
        return ImportSummary(new=len(new), already_present=len(records) - len(new))

    def _insert_income(
        self,
        records: Sequence[IncomeRecord],
        *,
        skip_present: bool,
        progress: Progress | None = None,
        sample: bool = False,
        ids: Sequence[int] | None = None,
    ) -> list[int]:
        from livetally.storage.fingerprint import income_fingerprint  # see _insert_streams

        present: set[str] = set()
        if skip_present:
            present = {f for (f,) in self.connection.execute("SELECT fingerprint FROM income")}
        source_ids = self._names_to_ids("sources", {record.source for record in records})
        now = _now()
        rows: list[tuple[object, ...]] = []
        occurrences = _Occurrences(self.connection, "income", present, renumber=ids is not None)
        for record in records:
            fingerprint = occurrences.fingerprint(income_fingerprint(record))
            if fingerprint in present:
                continue
            present.add(fingerprint)
            rows.append(
                (
                    record.date.isoformat(),
                    source_ids[normalise_tag(record.source)],
                    plain_decimal(record.amount),
                    record.currency,
                    record.description,
                    fingerprint,
                    now,
                    int(sample),
                )
            )
        first_new_id = (
            int(self.connection.execute("SELECT coalesce(max(id), 0) FROM income").fetchone()[0])
            + 1
        )
        columns = "date, source_id, amount, currency, description, fingerprint, created_at, sample"
        statement = f"INSERT INTO income ({columns}) VALUES ({_marks(8)})"
        if ids is not None:
            rows = [(income_id, *row) for income_id, row in zip(ids, rows, strict=True)]
            statement = f"INSERT INTO income (id, {columns}) VALUES ({_marks(9)})"
        if progress is not None:
            progress(0, len(rows))
        try:
            for start in range(0, len(rows), _CHUNK):
                self.connection.executemany(statement, rows[start : start + _CHUNK])
                if progress is not None:
                    progress(min(start + _CHUNK, len(rows)), len(rows))
        except sqlite3.IntegrityError as error:
            if "fingerprint" in str(error):
                raise DuplicateError("this income entry is already in the ledger") from None
            raise
        if ids is not None:
            return list(ids)
        return [
            r[0]
            for r in self.connection.execute(
                "SELECT id FROM income WHERE id >= ? ORDER BY id", (first_new_id,)
            )
        ]

    # -- sample data ---------------------------------------------------------------------------

    def add_sample_data(
        self,
        streams: Sequence[StreamRecord],
        income: Sequence[IncomeRecord],
        profile: RateProfile,
    ) -> None:
        """Add marked sample rows for a newcomer to explore; rows already there are skipped."""
        with transaction(self.connection):
            self._insert_streams(streams, profile, skip_present=True, sample=True)
            self._insert_income(income, skip_present=True, sample=True)

    def remove_sample_data(self) -> int:
        """Delete every sample row in one step; returns how many went."""
        with transaction(self.connection):
            gone = self.connection.execute("DELETE FROM streams WHERE sample = 1").rowcount
            gone += self.connection.execute("DELETE FROM income WHERE sample = 1").rowcount
        return gone

    def is_empty(self) -> bool:
        """Whether no stream and no income entry is logged yet."""
        query = "SELECT NOT EXISTS (SELECT 1 FROM streams) AND NOT EXISTS (SELECT 1 FROM income)"
        return bool(self.connection.execute(query).fetchone()[0])

    def has_sample_data(self) -> bool:
        query = (
            "SELECT EXISTS (SELECT 1 FROM streams WHERE sample = 1) "
            "OR EXISTS (SELECT 1 FROM income WHERE sample = 1)"
        )
        return bool(self.connection.execute(query).fetchone()[0])

    # -- a second connection for work off the GUI thread -------------------------------------------

    @classmethod
    def open_worker(cls, path: Path, backups_dir: Path) -> Ledger:
        """Another writable connection, for a worker thread of the process holding the lock.

        SQLite connections must stay on the thread that made them, so call this on the
        worker thread itself. It takes no lock (this process already holds the data home's;
        a second :meth:`open` would be refused as "already open"), and closing it closes
        only its connection. SQLite serialises its writes with the owner's.
        """
        return cls(connect(path, backups_dir, writable=True), path, backups_dir, lock=None)

    # -- payouts and balance --------------------------------------------------------------------

    def add_payout(self, record: PayoutRecord) -> Payout:
        problem = payout_problem(record.diamonds, record.cash_usd, record.fee_usd)
        if problem is not None:
            raise LedgerError(problem)
        if record.diamonds > self.balance_diamonds():
            raise LedgerError(
                f"cannot cash out {counted(record.diamonds, 'diamond')}: the balance is "
                f"{int(self.balance_diamonds()):,}"
            )
        with transaction(self.connection):
            cursor = self.connection.execute(
                "INSERT INTO payouts (date, diamonds, cash_usd, method, fee_usd, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    record.date.isoformat(),
                    record.diamonds,
                    plain_decimal(record.cash_usd),
                    record.method,
                    plain_decimal(record.fee_usd),
                    _now(),
                ),
            )
        return Payout(int(cursor.lastrowid or 0), record)

    def payouts(self) -> list[Payout]:
        rows = self.connection.execute(
            "SELECT id, date, diamonds, cash_usd, method, fee_usd FROM payouts ORDER BY date, id"
        )
        return [
            Payout(
                row_id,
                PayoutRecord(
                    date=dt.date.fromisoformat(date),
                    diamonds=diamonds,
                    cash_usd=Decimal(cash),
                    method=method,
                    fee_usd=Decimal(fee),
                ),
            )
            for row_id, date, diamonds, cash, method, fee in rows
        ]

    def balance(self) -> Balance:
        """Diamonds credited minus diamonds cashed out, and their worth (see :class:`Balance`).

        Worked out again only when the ledger has changed since (on this connection or,
        committed, on any other): the window asks on every change, from several places.
        """
        stamp = self._change_stamp()
        if self._balance is not None and self._balance[0] == stamp:
            return self._balance[1]
        balance = balance_until(self.connection)
        if not self.connection.in_transaction:  # a rollback would not change the stamp
            self._balance = (stamp, balance)
        return balance

    @property
    def goals(self) -> Goals:
        """The monthly income goal and its history (``storage.goals``)."""
        from livetally.storage.goals import Goals

        return Goals(self.connection)

    def balance_diamonds(self) -> int:
        """Diamonds credited by every stream minus diamonds cashed out."""
        return self.balance().diamonds

    def _change_stamp(self) -> tuple[int, int]:
        """Changes whenever the ledger's content may have: rows changed by this connection,
        or a commit by another one."""
        (version,) = self.connection.execute("PRAGMA data_version").fetchone()
        return self.connection.total_changes, int(version)


def _start_keys(records: Sequence[StreamRecord]) -> list[str]:
    """Each record's start as its UTC key, parsed and turned into keys by C loops a step at
    a time: a C loop never lets another thread run (the window, while a worker imports)."""
    from livetally.storage.fingerprint import utc_keys

    texts = [record.started_at for record in records]
    return [
        key
        for start in range(0, len(texts), _CHUNK)
        for key in utc_keys(parse_timestamps(texts[start : start + _CHUNK]))
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


_DETAILS = len(DETAIL_NAMES)


#: The columns of :meth:`Ledger.stream_rows`, in order. ``rates`` is the stream's country,
#: coin_usd, diamonds_per_coin and diamond_usd in one text, joined by :data:`RATES_SEPARATOR`
#: (a handful of distinct texts for a whole ledger, where four columns would make four
#: texts per stream).
STREAM_ROW = (
    "id",
    "started_at",
    "started_utc",
    "duration_minutes",
    "coins",
    "diamonds",
    "diamonds_entered",
    *DETAIL_NAMES,
    "notes",
    "origin",
    "rates",
    "sample",
)
RATES_SEPARATOR = "\x1f"
_STREAM_ROWS = (
    f"SELECT {', '.join(STREAM_ROW[:-2])}, "
    "country || char(31) || coin_usd || char(31) || diamonds_per_coin || char(31) || diamond_usd, "
    "sample FROM streams ORDER BY started_utc, id"
)
_TAG_NAMES = "SELECT id, name FROM tags"
# Every stream's tags with their positions, in the table's own key order (no sort).
_STREAM_TAGS = "SELECT stream_id, position, tag_id FROM stream_tags"


#: The page cache of a bulk insert, in KiB (SQLite's default is 2,000).
_BULK_CACHE_KIB = -65536


def _days_between(first: dt.date | None, last: dt.date | None) -> tuple[str, list[str]]:
    """A WHERE clause (and its parameters) for streams started on ``first``..``last`` by the
    creator's own clock: the first ten characters of what they entered."""
    clauses, parameters = [], []
    if first is not None:
        clauses.append("substr(started_at, 1, 10) >= ?")
        parameters.append(first.isoformat())
    if last is not None:
        clauses.append("substr(started_at, 1, 10) <= ?")
        parameters.append(last.isoformat())
    return " AND ".join(clauses) or "1", parameters


#: A group's whole diamonds, those of its streams with a duration, and how many had none.
_DIAMOND_SUMS = (
    "sum(CAST(diamonds AS INTEGER)), "
    "coalesce(sum(CASE WHEN duration_minutes > 0 THEN CAST(diamonds AS INTEGER) END), 0), "
    "sum(coalesce(duration_minutes, 0) <= 0)"
)


def _added_up(
    rows: Iterable[tuple[Any, ...]],
) -> dict[str, tuple[Decimal, int, int, Decimal, int]]:
    """(cash, streams, minutes, cash of the timed streams, untimed streams) per key from
    rows of (key, rate, streams, minutes, and :data:`_DIAMOND_SUMS`), merging a key's rows
    at different rates: exact, each sum of diamonds multiplied by its rate once."""
    totals: dict[str, tuple[Decimal, int, int, Decimal, int]] = {}
    rates: dict[str, Decimal] = {}
    for key, diamond_usd, count, minutes, diamonds, timed, untimed in rows:
        rate = rates.get(diamond_usd)
        if rate is None:
            rate = rates[diamond_usd] = Decimal(diamond_usd)
        sums = (int(diamonds) * rate, int(count), int(minutes), int(timed) * rate, int(untimed))
        before = totals.get(key)
        if before is not None:  # the same key at another rate
            sums = (
                sums[0] + before[0],
                sums[1] + before[1],
                sums[2] + before[2],
                sums[3] + before[3],
                sums[4] + before[4],
            )
        totals[key] = sums
    return totals


class _Occurrences:
    """Fingerprints that tell identical rows apart by their count: ``f``, ``f#2``, ``f#3``.

    Two equal payments on one day are two rows. Numbering each content's occurrences within
    what is added, and comparing with what the ledger holds, recognises a file imported
    again (its second equal row is ``f#2`` both times) without merging the two. Putting back
    deleted rows (``renumber``) takes the lowest number still free instead.
    """

    def __init__(
        self, connection: sqlite3.Connection, table: str, present: set[str], *, renumber: bool
    ) -> None:
        self._connection = connection
        self._table = table
        self._present = present
        self._renumber = renumber
        self._seen: dict[str, int] = {}

    def fingerprint(self, base: str) -> str:
        count = self._seen.get(base, 0) + 1
        if self._renumber:
            taken = self._taken(base)
            while _numbered(base, count) in taken:
                count += 1
        self._seen[base] = count
        return _numbered(base, count)

    def _taken(self, base: str) -> set[str]:
        # '#' sorts just before '$': the range holds the base and every numbered copy.
        rows = self._connection.execute(
            f"SELECT fingerprint FROM {self._table} WHERE fingerprint >= ? AND fingerprint < ?",
            (base, f"{base}$"),
        )
        return {str(f) for (f,) in rows} | self._present


def _numbered(base: str, count: int) -> str:
    return base if count == 1 else f"{base}#{count}"


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
