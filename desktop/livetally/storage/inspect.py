"""Looking at an existing ledger file without changing a byte of it.

The file may be the creator's only copy of months of earnings, so before LiveTally opens it
for writing (or restores from it) it is examined through a read-only connection: the OS
opens it ``O_RDONLY``, so nothing here can rewrite, truncate or recreate it. A problem is
reported as :class:`LedgerFileError`, with wording the creator can act on, instead of letting
SQLite turn an empty or foreign file into a fresh database.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from livetally.storage.errors import LedgerFileError
from livetally.storage.schema import APPLICATION_ID, SCHEMA_VERSION

#: Every SQLite 3 database file starts with these 16 bytes.
SQLITE_MAGIC = b"SQLite format 3\x00"

#: The database header is the first 100 bytes of the file.
_HEADER_SIZE = 100

#: How many problems an integrity check reports at most; the first few say enough.
_MAX_PROBLEMS = 5


def check_ledger_file(path: Path, *, thorough: bool = False) -> int:
    """Return the schema version of the existing ledger at ``path``, or raise LedgerFileError.

    A SQLite file with no tables and no marks (version 0) passes: it is what an interrupted
    first run leaves, and migrating it loses nothing. ``thorough`` runs SQLite's full
    ``integrity_check`` (which also checks every index) instead of the faster
    ``quick_check``; restoring uses it, since a backup is read once and must be sound.
    """
    _check_not_truncated(path, _read_header(path))
    try:
        with closing(open_read_only(path)) as connection:
            version = _check_marks(path, connection)
            problems = integrity_problems(connection, thorough=thorough)
    except sqlite3.Error as error:
        problem, damaged = _describe(error)
        raise LedgerFileError(path, problem, damaged=damaged) from error
    if problems:
        raise LedgerFileError(path, f"is damaged ({'; '.join(problems)})")
    return version


def integrity_ok(path: Path) -> bool:
    """Whether ``path`` is a ledger this LiveTally can use, by SQLite's full check.

    For callers that only need yes or no, such as marking which backups can be restored;
    :func:`check_ledger_file` says what is wrong.
    """
    try:
        check_ledger_file(path, thorough=True)
    except LedgerFileError:
        return False
    return True


def integrity_problems(connection: sqlite3.Connection, *, thorough: bool = True) -> list[str]:
    """SQLite's own list of what is wrong with the database; empty when it is sound."""
    pragma = "integrity_check" if thorough else "quick_check"
    rows = connection.execute(f"PRAGMA {pragma}({_MAX_PROBLEMS})").fetchall()
    # A row may hold several lines, the first naming the database ("*** in database main
    # ***"); only the problems themselves are worth showing, on one line each.
    if [str(row[0]) for row in rows] == ["ok"]:
        return []
    lines = [line.strip() for row in rows for line in str(row[0]).splitlines()]
    return [line for line in lines if line and not line.startswith("***")] or lines


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (nor create it when it is missing).

    The path goes through ``as_uri()`` so that a ``?``, ``#`` or ``%`` in a folder name is
    quoted instead of being read as part of the URI.
    """
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)


def _read_header(path: Path) -> bytes:
    """The first 100 bytes, after ruling out what needs no SQLite to recognise."""
    if path.is_dir():
        raise LedgerFileError(path, "is a folder, not a LiveTally ledger", damaged=False)
    try:
        with path.open("rb") as file:
            header = file.read(_HEADER_SIZE)
    except FileNotFoundError as error:
        raise LedgerFileError(path, "does not exist; check the file name", damaged=False) from error
    except OSError as error:
        raise LedgerFileError(
            path,
            f"cannot be read ({error.strerror}); check that you may read this file",
            damaged=False,
        ) from error
    if not header:
        raise LedgerFileError(path, "is empty (0 bytes), not a LiveTally ledger")
    if not header.startswith(SQLITE_MAGIC):
        raise LedgerFileError(path, "is not a SQLite database, so not a LiveTally ledger")
    if len(header) < _HEADER_SIZE:
        raise LedgerFileError(
            path, f"is truncated: only {len(header)} bytes remain of a SQLite database"
        )
    return header


def _check_marks(path: Path, connection: sqlite3.Connection) -> int:
    """Tell LiveTally's ledgers from other programs' databases and from newer ledgers."""
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if application_id != APPLICATION_ID:
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'"
        ).fetchone()[0]
        if application_id != 0 or tables or version:
            raise LedgerFileError(
                path,
                f"is a SQLite database of another program (application_id "
                f"{application_id:#x}), not a LiveTally ledger; choose another file",
            )
    if version > SCHEMA_VERSION:
        raise LedgerFileError(
            path,
            f"was written by a newer LiveTally (schema version {version}); this one reads "
            f"up to {SCHEMA_VERSION}: update LiveTally",
            damaged=False,
        )
    if version < 0:
        raise LedgerFileError(path, f"is damaged (schema version {version} is impossible)")
    return version


def _check_not_truncated(path: Path, header: bytes) -> None:
    """Catch a cut-off copy that SQLite's checks can miss when the lost tail held no data.

    The header records the page size and, when its two change counters agree, the page
    count. A main file shorter than that lost pages. With a write-ahead log present the
    header may legitimately run ahead of the file, so the check is skipped then.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages == 0 or header[24:28] != header[92:96]:
        return
    size = path.stat().st_size
    if size < pages * page_size:
        raise LedgerFileError(
            path, f"is truncated: {size} bytes of the {pages * page_size} it should have"
        )


def _describe(error: sqlite3.Error) -> tuple[str, bool]:
    """SQLite's error as the problem half of a LedgerFileError, and whether it is damage."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ")):
        return f"is damaged ({error})", True
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"is locked by another program ({error}); close that program and try again", False
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH", "SQLITE_IOERR")):
        return (
            f"cannot be read ({error}); check that you may read this file and its folder",
            False,
        )
    if name.startswith("SQLITE_READONLY"):
        return (
            f"has an unfinished change that cannot be completed read-only ({error}); "
            "check that you may write to this file and its folder",
            False,
        )
    return f"could not be read as a LiveTally ledger ({name or 'SQLite error'}: {error})", True
