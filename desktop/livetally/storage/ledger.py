"""The ledger: every stream, income entry and payout a creator logs, in one SQLite file.

:class:`Ledger` opens and closes the file, takes backups and restores them, and makes each
public change one transaction; the work on each table is done by its parts over the one
connection: :class:`~livetally.storage.stream_rows.StreamRows`,
:class:`~livetally.storage.income_rows.IncomeRows`, :mod:`~livetally.storage.payouts`,
:mod:`~livetally.storage.day_totals` and :class:`~livetally.storage.balance.BalanceCache`.

Imports are validated in full before they get here, take a backup first, and insert
everything or nothing; a progress callback may raise to cancel, which rolls the whole
import back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Self

from livetally import activity
from livetally.core.payout import Balance
from livetally.core.rates import RateProfile
from livetally.core.records import (
    IncomeRecord,
    LoggedIncome,
    LoggedStream,
    PayoutRecord,
    StreamRecord,
)
from livetally.core.report import DayTotal, TagTotal
from livetally.storage import day_totals
from livetally.storage.backups import make_backup, prune_backups, restore_into
from livetally.storage.balance import BalanceCache
from livetally.storage.bulk import collection_paused
from livetally.storage.connection import connect, migrate, transaction
from livetally.storage.errors import DuplicateError
from livetally.storage.income_rows import IncomeRows
from livetally.storage.inspect import open_read_only
from livetally.storage.lock import DataHomeLock
from livetally.storage.names import names
from livetally.storage.payouts import Payout, all_payouts, record_payout
from livetally.storage.recovery import check_backup
from livetally.storage.row_values import Progress
from livetally.storage.stream_rows import StreamRows
from livetally.storage.stream_snapshot import (
    RATES_SEPARATOR,
    STREAM_ROW,
    StreamRowStep,
    read_stream_rows,
)

if TYPE_CHECKING:
    from livetally.storage.goals import Goals

# Importable from here, where callers have always found them.
__all__ = [
    "RATES_SEPARATOR",
    "STREAM_ROW",
    "DuplicateError",
    "ImportSummary",
    "Ledger",
    "Payout",
    "Progress",
]

_log = activity.logger(__name__)

#: The page cache of a bulk insert, in KiB (SQLite's default is 2,000).
_BULK_CACHE_KIB = -65536


@dataclass(frozen=True)
class ImportSummary:
    new: int
    already_present: int

    def __str__(self) -> str:
        return f"{self.new} new, {self.already_present} already present"


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
        self._streams = StreamRows(connection)
        self._income = IncomeRows(connection)
        self._balance = BalanceCache(connection)

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

    @classmethod
    def open_worker(cls, path: Path, backups_dir: Path) -> Ledger:
        """Another writable connection, for a worker thread of the process holding the lock.

        SQLite connections must stay on the thread that made them, so call this on the
        worker thread itself. It takes no lock (this process already holds the data home's;
        a second :meth:`open` would be refused as "already open"), and closing it closes
        only its connection. SQLite serialises its writes with the owner's.
        """
        return cls(connect(path, backups_dir, writable=True), path, backups_dir, lock=None)

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
        self._balance.forget()  # the copy below does not count as changes of this connection
        restore_into(backup_file, self.connection)
        migrate(self.connection)  # a backup from an older LiveTally is brought up to date
        _log.info(f"restored {backup_file.name}; the ledger before it is {safety.name}")
        return safety

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

    # -- streams: changes -------------------------------------------------------------------

    def add_stream(self, record: StreamRecord, profile: RateProfile) -> LoggedStream:
        with transaction(self.connection):
            stream_id = self._streams.insert([record], profile, skip_present=False)[0]
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
            self._streams.rewrite(stream_id, record, profile, sample=sample)
        return self.stream(stream_id)

    def import_streams(
        self,
        records: Sequence[StreamRecord],
        profile: RateProfile,
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Add every record not already present, in one transaction, with a backup of the
        ledger as it was; an import that adds nothing writes nothing, not even a backup."""
        with collection_paused(), transaction(self.connection), self._bulk():
            new = self._streams.insert(records, profile, skip_present=True, progress=progress)
            if new:
                self._backup_as_committed("import")
        _log.info(f"imported streams: {len(new)} new, {len(records) - len(new)} already there")
        return ImportSummary(new=len(new), already_present=len(records) - len(new))

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
            new = self._streams.insert(records, profile, skip_present=True, progress=progress)
            for stream, record in edits:
                self._streams.rewrite(
                    stream.id, record, stream.logged_rates(), sample=stream.sample
                )
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
            self._streams.delete(stream_ids)
        return gone

    def restore_stream(self, stream: LoggedStream) -> LoggedStream:
        """Put a deleted stream back with its id and its original rates (undo)."""
        return self.restore_streams([stream])[0]

    def restore_streams(self, streams: Sequence[LoggedStream]) -> list[LoggedStream]:
        """Put deleted streams back, ids and rates as they were, in one transaction."""
        with transaction(self.connection):
            for stream in streams:
                self._streams.insert(
                    [stream.record],
                    stream.logged_rates(),
                    skip_present=False,
                    ids=[stream.id],
                    sample=stream.sample,
                )
        return [self.stream(stream.id) for stream in streams]

    # -- streams: reading -------------------------------------------------------------------

    def streams(self) -> list[LoggedStream]:
        """Every stream, in start order (oldest first)."""
        return self._streams.all()

    def stream(self, stream_id: int) -> LoggedStream:
        return self._streams.one(stream_id)

    def streams_between(self, first: dt.date | None, last: dt.date | None) -> list[LoggedStream]:
        """Streams whose start falls on ``first``..``last`` by the creator's own clock."""
        return self._streams.between(first, last)

    def streams_started_within(self, first: dt.datetime, last: dt.datetime) -> list[LoggedStream]:
        """Streams whose start instant is from ``first`` to ``last`` (aware times)."""
        return self._streams.started_within(first, last)

    def sample_streams(self) -> list[LoggedStream]:
        """The sample streams (see :meth:`add_sample_data`), in start order."""
        return self._streams.sample()

    def stream_count(self) -> int:
        return self._streams.count()

    def tiktok_room_ids(self) -> set[str]:
        """The TikTok LIVEs already in the ledger, by TikTok's room id."""
        return self._streams.tiktok_room_ids()

    def stream_rows(self, size: int = 5000) -> Generator[StreamRowStep, None, None]:
        """Every stream as a plain row (see :data:`STREAM_ROW`), oldest first, ``size`` at a
        time, from a snapshot of its own: see :func:`~.stream_snapshot.read_stream_rows`."""
        return read_stream_rows(self.path, size)

    def live_days(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[DayTotal]:
        """Each day's streams added up (see :func:`~.day_totals.live_days`)."""
        return day_totals.live_days(self.connection, first, last)

    def live_tags(
        self, first: dt.date | None = None, last: dt.date | None = None
    ) -> list[TagTotal]:
        """Each tag's streams added up (see :func:`~.day_totals.live_tags`)."""
        return day_totals.live_tags(self.connection, first, last)

    def tags(self) -> list[str]:
        return names(self.connection, "tags")

    def sources(self) -> list[str]:
        return names(self.connection, "sources")

    # -- income ------------------------------------------------------------------------------

    def add_income(self, record: IncomeRecord) -> LoggedIncome:
        with transaction(self.connection):
            income_id = self._income.insert([record], skip_present=False)[0]
        return self.income_entry(income_id)

    def delete_income(self, income_id: int) -> LoggedIncome:
        gone = self.income_entry(income_id)
        with transaction(self.connection):
            self._income.delete(income_id)
        return gone

    def restore_income(self, entry: LoggedIncome) -> LoggedIncome:
        """Put a deleted income entry back with its id (undo)."""
        with transaction(self.connection):
            self._income.insert(
                [entry.record], skip_present=False, ids=[entry.id], sample=entry.sample
            )
        return self.income_entry(entry.id)

    def replace_income(self, income_id: int, record: IncomeRecord) -> LoggedIncome:
        """Edit an income entry in place (same id)."""
        with transaction(self.connection):
            self._income.delete(income_id)
            self._income.insert([record], skip_present=False, ids=[income_id])
        return self.income_entry(income_id)

    def import_income(
        self, records: Sequence[IncomeRecord], progress: Progress | None = None
    ) -> ImportSummary:
        """As :meth:`import_streams`, for income entries."""
        with collection_paused(), transaction(self.connection), self._bulk():
            new = self._income.insert(records, skip_present=True, progress=progress)
            if new:
                self._backup_as_committed("import")
        _log.info(f"imported income: {len(new)} new, {len(records) - len(new)} already there")
        return ImportSummary(new=len(new), already_present=len(records) - len(new))

    def income(self) -> list[LoggedIncome]:
        """Every income entry, by date."""
        return self._income.all()

    def income_entry(self, income_id: int) -> LoggedIncome:
        return self._income.one(income_id)

    def income_between(self, first: dt.date | None, last: dt.date | None) -> list[LoggedIncome]:
        return self._income.between(first, last)

    def sample_income(self) -> list[LoggedIncome]:
        """The sample income entries (see :meth:`add_sample_data`), by date."""
        return self._income.sample()

    # -- sample data ---------------------------------------------------------------------------

    def add_sample_data(
        self,
        streams: Sequence[StreamRecord],
        income: Sequence[IncomeRecord],
        profile: RateProfile,
    ) -> None:
        """Add marked sample rows for a newcomer to explore; rows already there are skipped."""
        with transaction(self.connection):
            self._streams.insert(streams, profile, skip_present=True, sample=True)
            self._income.insert(income, skip_present=True, sample=True)

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

    # -- payouts, balance and goals -------------------------------------------------------------

    def add_payout(self, record: PayoutRecord) -> Payout:
        """Record a payout (see :func:`~.payouts.record_payout`)."""
        return record_payout(self, record)

    def payouts(self) -> list[Payout]:
        return all_payouts(self)

    def balance(self) -> Balance:
        """Diamonds credited minus diamonds cashed out, and their worth (see :class:`Balance`).

        Worked out again only when the ledger has changed since (see :class:`BalanceCache`).
        """
        return self._balance.get()

    def balance_diamonds(self) -> int:
        """Diamonds credited by every stream minus diamonds cashed out."""
        return self.balance().diamonds

    @property
    def goals(self) -> Goals:
        """The monthly income goal and its history (``storage.goals``)."""
        from livetally.storage.goals import Goals

        return Goals(self.connection)
