"""What went wrong with a file or the disk, in one sentence a creator can act on.

The command line and the window both word OS and SQLite failures through here, so a full
disk or a read-only folder reads the same wherever it happens. Every writing path in
LiveTally is atomic (a transaction, or a temp file renamed into place), so when one of
these errors reaches a person, nothing was changed: the sentence says so.
"""

from __future__ import annotations

import errno
import sqlite3

_NOTHING_CHANGED = "nothing was changed"


def describe(error: OSError | sqlite3.Error) -> str:
    """``error`` as one line: what happened, to which file, that nothing changed, what to do."""
    if isinstance(error, sqlite3.Error):
        return _describe_sqlite(error)
    where = f"{error.filename}: " if error.filename else ""
    code = error.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return f"{where}the disk is full; {_NOTHING_CHANGED}: free some space and try again"
    if code in (errno.EACCES, errno.EPERM):
        return f"{where}permission denied; {_NOTHING_CHANGED}: check who may write there"
    if code == errno.EROFS:
        return f"{where}is on a read-only disk; {_NOTHING_CHANGED}: choose a writable place"
    if code == errno.ENOENT:
        return f"{where}no such file or folder; check the name"
    if code == errno.EISDIR:
        return f"{where}is a folder, not a file; give a file name"
    if code == errno.ENOTDIR:
        return f"{where}a part of this path is a file, not a folder; check the path"
    reason = error.strerror or type(error).__name__
    return f"{where}{reason}; {_NOTHING_CHANGED}"


def _describe_sqlite(error: sqlite3.Error) -> str:
    text = str(error).lower()
    if "disk is full" in text or "disk full" in text:
        return f"the disk is full; {_NOTHING_CHANGED}: free some space and try again"
    if "readonly" in text or "read-only" in text:
        return (
            f"the ledger is read-only; {_NOTHING_CHANGED}: make the data home and its "
            "livetally.sqlite3 writable"
        )
    if "unable to open" in text:
        return "cannot open the ledger; check that the data home exists and may be written"
    if "locked" in text or "busy" in text:
        return f"the ledger is busy in another program; {_NOTHING_CHANGED}: try again"
    return f"the ledger could not be written ({error}); {_NOTHING_CHANGED}"


def is_disk_problem(error: BaseException) -> bool:
    """Whether ``error`` is one :func:`describe` words (a disk, file or ledger failure)."""
    return isinstance(error, OSError | sqlite3.Error) and not isinstance(error, BrokenPipeError)
