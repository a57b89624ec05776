"""Going back to a backup when the ledger itself cannot be opened.

The message for a damaged, foreign, truncated or newer ledger says to restore a backup; a
restore that first opened that same ledger would refuse, leaving the advice impossible to
follow. Here the unusable file is set aside under a dated name (never deleted: it may be
the only copy of something), and the backup becomes the ledger.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from livetally.files import sync_folder
from livetally.storage.errors import LedgerFileError
from livetally.storage.inspect import check_ledger_file, open_read_only
from livetally.storage.lock import DataHomeLock

#: What SQLite keeps beside a ledger in WAL mode; it belongs to the file set aside with it.
_SIDECARS = ("-wal", "-shm")


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the file at ``path`` (and its WAL files) to ``NAME.unusable-YYYYMMDD-HHMMSS``,
    numbered when that name is taken, and return the new path."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.unusable-{stamp}")
    counter = 2
    while aside.exists() or any(aside.with_name(aside.name + s).exists() for s in _SIDECARS):
        aside = path.with_name(f"{path.name}.unusable-{stamp}-{counter}")
        counter += 1
    path.rename(aside)
    for suffix in _SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(aside.with_name(aside.name + suffix))
    sync_folder(path.parent)
    return aside


def restore_over_unusable(path: Path, backups_dir: Path, backup_file: Path) -> Path:
    """Make ``backup_file`` the ledger at ``path``, whose current file cannot be opened;
    return where that file now is. The backup is checked in full before anything moves,
    and the data home's lock is held throughout, so no other LiveTally is writing."""
    check_backup(backup_file, backups_dir)
    lock = DataHomeLock(path.parent)
    lock.acquire()
    try:
        aside = set_aside(path)
        building = path.with_name(f".{path.name}.restoring")
        building.unlink(missing_ok=True)
        try:
            with (
                closing(open_read_only(backup_file)) as source,
                closing(sqlite3.connect(building)) as target,
            ):
                source.backup(target)
            building.replace(path)
        except BaseException:
            building.unlink(missing_ok=True)
            aside.rename(path)  # put the old file back: nothing changed
            raise
        sync_folder(path.parent)
    finally:
        lock.release()
    return aside


def check_backup(backup_file: Path, backups_dir: Path) -> int:
    """The schema version of ``backup_file``, checked in full; a bad one is refused with the
    way out (another backup from the data home's folder), not the advice for a ledger."""
    try:
        version = check_ledger_file(backup_file, thorough=True)
    except LedgerFileError as error:
        raise LedgerFileError(
            backup_file,
            f"{error.problem}; choose another backup, e.g. from {backups_dir}",
            damaged=False,
        ) from error
    if version == 0:
        raise LedgerFileError(
            backup_file,
            f"holds no LiveTally data; choose another backup, e.g. from {backups_dir}",
            damaged=False,
        )
    return version
