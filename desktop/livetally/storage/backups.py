"""Backups of the ledger in the data home's ``backups/`` folder, and restoring from them.

Copies go through SQLite's online backup API rather than a file copy: it reads a consistent
snapshot even while the ledger is open in WAL mode (a plain copy of the main file would miss
what is still in the ``-wal`` file), and restoring through it keeps every open connection
and the WAL of the live database consistent. A backup only gets its final name once it has
passed ``integrity_check`` and reached the disk, so a name in the folder always means a
usable ledger.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Hashable, Sequence
from contextlib import closing, suppress
from pathlib import Path
from typing import TypeVar

from livetally.files import sync_folder
from livetally.storage.errors import LedgerError, LedgerFileError
from livetally.storage.inspect import check_ledger_file, integrity_problems, open_read_only

#: Why a backup was taken; part of its file name so the folder explains itself.
REASONS = ("daily", "import", "restore", "migration", "manual")

#: How many of the newest backups pruning always keeps.
KEEP_NEWEST = 10

#: For how many days (today included) the newest backup of each day is kept.
KEEP_DAYS = 14

#: For how many calendar months (the current one included) one backup a month is kept.
KEEP_MONTHS = 12

#: Backups the user asked for by name: never deleted by pruning, only by the user.
NEVER_PRUNED = frozenset({"manual"})

#: How long a copy keeps retrying against another connection's lock before giving up (each
#: retry also waits out the connection's own busy_timeout). Python's backup loop would
#: otherwise retry for ever and freeze the window.
BUSY_SECONDS = 10.0

_Kept = TypeVar("_Kept", bound=Hashable)

_STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"livetally-(?P<stamp>\d{8}-\d{6})-(?P<reason>" + "|".join(REASONS) + r")"
    r"(?:-(?P<counter>[2-9]|[1-9]\d+))?\.sqlite3"
)


def make_backup(
    source: sqlite3.Connection, backups_dir: Path, reason: str, now: dt.datetime | None = None
) -> Path:
    """Copy the ledger behind ``source`` into a new, verified file and return its path.

    ``source`` must have no open transaction: SQLite cannot snapshot a database through a
    connection that is in the middle of changing it (it would wait on its own lock). The name
    carries the local time and ``reason``; an existing file is never replaced.
    """
    if reason not in REASONS:
        raise ValueError(f"backup reason must be one of {', '.join(REASONS)}, not {reason!r}")
    if source.in_transaction:
        raise ValueError("make_backup needs a source with no open transaction; commit first")
    stamp = _local(now).strftime(_STAMP_FORMAT)
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".livetally-backup-", suffix=".partial", dir=backups_dir)
        os.close(fd)
    except OSError as error:
        raise LedgerError(
            f"{backups_dir}: cannot write a backup there ({error.strerror}); check that the "
            "folder is writable and the disk has free space"
        ) from error
    partial = Path(name)
    try:
        _copy_and_verify(source, partial, backups_dir)
        _fsync(partial)
        final = _place(partial, backups_dir, f"livetally-{stamp}-{reason}")
    except BaseException:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)
        raise
    with suppress(OSError):  # the verified file is in place; some network mounts refuse
        sync_folder(backups_dir)
    return final


def backup_if_first_today(
    source: sqlite3.Connection, backups_dir: Path, now: dt.datetime | None = None
) -> Path | None:
    """Take the "daily" backup unless some backup was already taken on today's local date."""
    today = _local(now).date()
    if any(taken.date() == today for taken, _path in _dated(backups_dir)):
        return None
    return make_backup(source, backups_dir, "daily", now)


def list_backups(backups_dir: Path) -> list[Path]:
    """LiveTally's backups in ``backups_dir``, newest first by the time in their names.

    Names, not modification times, give the order: copying a folder of backups to a new
    computer resets every mtime but keeps the names.
    """
    return [path for _taken, path in _dated(backups_dir)]


def prune_backups(backups_dir: Path, now: dt.datetime) -> list[Path]:
    """Delete the backups no longer worth their space (see :func:`backups_to_keep`), and
    return the deleted paths. Anything in the folder that is not named like a LiveTally
    backup is left alone. A file that cannot be deleted now is left for the next prune.
    """
    dated = _dated(backups_dir)
    keep = backups_to_keep(
        [(taken, _reason(path), path) for taken, path in dated], _local(now).date()
    )
    removed: list[Path] = []
    for _taken, path in dated:
        if path in keep:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            import logging  # here, not at the top: every command would pay for importing it

            logging.getLogger(__name__).warning(
                "%s: old backup not deleted (%s); will retry later", path, error
            )
            continue
        removed.append(path)
    return removed


def restore_into(backup_file: Path, target: sqlite3.Connection) -> None:
    """Replace the whole content of the ledger behind ``target`` with ``backup_file``.

    The backup is checked in full first; a bad one raises :class:`LedgerFileError` and the
    ledger is not touched. The copy runs as a single write transaction on ``target``, so it
    lands completely or not at all, and other connections see the new content on their next
    read. A backup from an older LiveTally arrives at its own schema version: migrate after.
    """
    if target.in_transaction:
        raise ValueError("restore_into needs a target with no open transaction; commit first")
    version = check_ledger_file(backup_file, thorough=True)
    if version == 0:
        raise LedgerFileError(backup_file, "holds no LiveTally data; choose another backup")
    with closing(open_read_only(backup_file)) as source:
        try:
            _check_page_sizes(backup_file, source, target)
            _copy(source, target)
        except sqlite3.Error as error:
            raise LedgerError(
                f"{backup_file}: could not be copied into {_database_file(target)} ({error}); "
                "that ledger was left as it was. Close other LiveTally windows and commands, "
                "check that the disk has free space, then try again"
            ) from error


def _check_page_sizes(
    backup_file: Path, source: sqlite3.Connection, target: sqlite3.Connection
) -> None:
    """Refuse, with a way out, the one copy SQLite cannot make into a WAL-mode ledger."""
    ours = int(target.execute("PRAGMA page_size").fetchone()[0])
    theirs = int(source.execute("PRAGMA page_size").fetchone()[0])
    wal = str(target.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
    if wal and ours != theirs:
        raise LedgerFileError(
            backup_file,
            f"uses {theirs}-byte pages and the open ledger {ours}-byte pages, which SQLite "
            f"cannot copy into a ledger in WAL mode; on a copy of the file run 'PRAGMA "
            f"page_size = {ours}; VACUUM;' in the sqlite3 shell and restore that copy",
        )


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup, giving up once another connection's lock outlasts a limit."""
    deadline = time.monotonic() + BUSY_SECONDS

    def give_up_when_stuck(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError(
                f"another connection kept the database locked for {BUSY_SECONDS:g} seconds"
            )

    source.backup(target, progress=give_up_when_stuck, sleep=0.05)


def _copy_and_verify(source: sqlite3.Connection, partial: Path, backups_dir: Path) -> None:
    """Snapshot ``source`` into ``partial`` and prove the copy is sound."""
    with closing(sqlite3.connect(partial)) as copy:
        try:
            _copy(source, copy)
            # The copy inherits WAL mode from a WAL ledger; a backup is a single, quiet
            # file, and opening it must not need (or leave) -wal and -shm files.
            copy.execute("PRAGMA journal_mode = DELETE")
            problems = integrity_problems(copy, thorough=True)
        except sqlite3.Error as error:
            raise LedgerError(
                f"{_database_file(source)}: the backup into {backups_dir} failed ({error}); "
                "nothing was saved. Close other LiveTally windows and commands, check that the "
                "disk has free space, then try again"
            ) from error
    if problems:
        raise LedgerError(
            f"{_database_file(source)}: its backup copy failed SQLite's integrity check "
            f"({'; '.join(problems)}) and was discarded. The ledger itself may be damaged: "
            f"keep the older backups in {backups_dir} safe; 'livetally restore FILE' puts "
            "one of them back"
        )


def _place(partial: Path, backups_dir: Path, stem: str) -> Path:
    """Give the verified copy the first free name: stem, stem-2, stem-3..."""
    counter = 1
    while True:
        final = backups_dir / (f"{stem}.sqlite3" if counter == 1 else f"{stem}-{counter}.sqlite3")
        try:
            _move_without_replacing(partial, final)
        except FileExistsError:
            counter += 1
            continue
        return final


def _move_without_replacing(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, failing with FileExistsError if ``target`` exists.

    POSIX rename silently replaces its target, so a hard link (which refuses to) takes its
    place where the file system has them; Windows' rename already refuses.
    """
    if os.name == "nt":
        os.rename(source, target)
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (some network and FAT mounts)
        if target.exists():
            raise FileExistsError(target) from None
        os.rename(source, target)
        return
    source.unlink()


def _fsync(path: Path) -> None:
    with path.open("r+b") as file:  # Windows flushes only handles open for writing
        os.fsync(file.fileno())


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def _database_file(connection: sqlite3.Connection) -> str:
    """The file behind a connection, for naming it in messages."""
    for _seq, name, file in connection.execute("PRAGMA database_list"):
        if name == "main":
            return str(file) or "the in-memory ledger"
    return "the ledger"


def _local(now: dt.datetime | None) -> dt.datetime:
    """``now`` as local wall-clock time; a naive value is taken to be local already."""
    if now is None:
        return dt.datetime.now()
    return now if now.tzinfo is None else now.astimezone().replace(tzinfo=None)


def _dated(backups_dir: Path) -> list[tuple[dt.datetime, Path]]:
    """Each backup with the time in its name, newest first.

    Ties (same second) go by the -N counter, a later copy, then by name, so the order is
    the same on every call.
    """
    if not backups_dir.is_dir():
        return []
    keyed: list[tuple[tuple[dt.datetime, int, str], Path]] = []
    for path in backups_dir.iterdir():
        match = _NAME.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            taken = _stamp_time(match["stamp"])
        except ValueError:  # "20261399-..." only looks like a backup
            continue
        keyed.append(((taken, int(match["counter"] or 1), path.name), path))
    keyed.sort(reverse=True)
    return [(key[0], path) for key, path in keyed]


def backups_to_keep(
    backups: Sequence[tuple[dt.datetime, str, _Kept]], today: dt.date
) -> set[_Kept]:
    """Which of ``backups`` (taken, reason, key), newest first, pruning keeps.

    The :data:`KEEP_NEWEST` newest; the newest of each of the last :data:`KEEP_DAYS` days
    and of each of the last :data:`KEEP_MONTHS` calendar months, so a mistake noticed
    weeks later can still be undone however many imports came since; and every manual
    backup, which the user made on purpose and removes themselves.
    """
    keep = {key for _taken, _reason, key in backups[:KEEP_NEWEST]}
    days = {today - dt.timedelta(days=back) for back in range(KEEP_DAYS)}
    months = _recent_months(today, KEEP_MONTHS)
    for taken, reason, key in backups:  # newest first: the first seen of a day is its newest
        if reason in NEVER_PRUNED:
            keep.add(key)
        if taken.date() in days:
            days.discard(taken.date())
            keep.add(key)
        if (taken.year, taken.month) in months:
            months.discard((taken.year, taken.month))
            keep.add(key)
    return keep


def _reason(path: Path) -> str:
    match = _NAME.fullmatch(path.name)
    return "" if match is None else match["reason"]


def _stamp_time(stamp: str) -> dt.datetime:
    """The time a ``YYYYMMDD-HHMMSS`` stamp (``_STAMP_FORMAT``) names; ValueError if none.

    What ``strptime`` would give, without loading its locale machinery at every start for
    names the regex has already checked are fifteen digits and a dash.
    """
    return dt.datetime(
        int(stamp[0:4]),
        int(stamp[4:6]),
        int(stamp[6:8]),
        int(stamp[9:11]),
        int(stamp[11:13]),
        int(stamp[13:15]),
    )


def _recent_months(today: dt.date, count: int) -> set[tuple[int, int]]:
    """The ``count`` calendar months, as (year, month), ending with the one holding today."""
    index = today.year * 12 + today.month - 1
    return {(year, month + 1) for year, month in (divmod(index - b, 12) for b in range(count))}
