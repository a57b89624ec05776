"""Opening the ledger file safely: checked first, never recreated, migrated with a backup.

Every connection runs in WAL mode with ``synchronous=FULL`` and foreign keys on, and
every change goes through :func:`transaction`, so a process killed at any instant leaves
either the whole change or none of it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from livetally import activity
from livetally.storage.backups import backup_if_first_today, make_backup, prune_backups
from livetally.storage.errors import LedgerFileError, NeedsUpgradeError
from livetally.storage.inspect import check_ledger_file
from livetally.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_log = activity.logger(__name__)


def connect(path: Path, backups_dir: Path, *, writable: bool = True) -> sqlite3.Connection:
    """Open (or, when absent, create) the ledger at ``path``, up to date and backed up.

    An existing file is checked before SQLite writes a byte to it: a damaged, foreign or
    newer file raises :class:`LedgerFileError` and is left as it was. The first writable
    open of each day and every migration take a backup first.
    """
    if not path.exists() and writable:
        _create(path)
    version = check_ledger_file(path) if path.exists() else 0
    if not writable:
        if version == 0:
            raise LedgerFileError(
                path, "does not exist yet: nothing has been logged", damaged=False
            )
        if version < SCHEMA_VERSION:
            raise NeedsUpgradeError(path)
        uri = f"{path.absolute().as_uri()}?mode=ro"
        return _configure(sqlite3.connect(uri, uri=True), writable=False)
    connection = _configure(sqlite3.connect(path), writable=True)
    try:
        if 0 < version < SCHEMA_VERSION:
            make_backup(connection, backups_dir, "migration")
        migrate(connection)
        if 0 < version < SCHEMA_VERSION:
            _log.info(f"migrated {path.name} from schema {version} to {SCHEMA_VERSION}")
        now = dt.datetime.now().astimezone()
        if backup_if_first_today(connection, backups_dir, now) is not None:
            prune_backups(backups_dir, now)
    except BaseException:
        connection.close()
        raise
    return connection


def _create(path: Path) -> None:
    """Build a new, empty ledger beside ``path`` and move it into place in one step.

    A crash while creating leaves only a stray ``.new`` file, never a half-made ledger
    that the next start would have to refuse.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.new")
    building.unlink(missing_ok=True)
    connection = _configure(sqlite3.connect(building), writable=True)
    try:
        migrate(connection)
    finally:
        connection.close()  # checkpoints the WAL into the file and removes it
    building.replace(path)
    _log.info(f"created a new ledger, {path}, at schema {SCHEMA_VERSION}")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One user action, all or nothing; the write lock is taken at the start."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _configure(connection: sqlite3.Connection, *, writable: bool) -> sqlite3.Connection:
    # Autocommit mode: transactions are opened explicitly, never implicitly by sqlite3.
    connection.isolation_level = None
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")
    if writable:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    return connection


def migrate(connection: sqlite3.Connection) -> None:
    """Run every step from the database's version up, in one transaction: all or none."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version >= SCHEMA_VERSION:
        return
    with transaction(connection):
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](connection)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
