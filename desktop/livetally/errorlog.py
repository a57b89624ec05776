"""The log of unexpected errors: ``livetally.log`` in the data home.

A bug the window did not foresee is shown to the creator as one calm sentence; the
traceback goes here instead, where they can find it and attach it to a bug report. The file
is trimmed to its newest part once it passes :data:`MAX_BYTES`, so a bug that fires every
second cannot fill the disk. No Qt: the window's error hook calls this from any thread.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Final

from livetally import __version__
from livetally.files import write_text_atomic

LOG_FILE_NAME: Final = "livetally.log"
#: Past this size the log is cut down to its newest :data:`KEEP_BYTES`.
MAX_BYTES: Final = 1_000_000
#: Half the limit, so trimming (a rewrite of the file) happens once per ~500 KB of errors.
KEEP_BYTES: Final = 500_000
#: Every entry starts with a line beginning with this; trimming cuts only before one.
ENTRY_START: Final = "=== LiveTally "

# One writer at a time: the hook may be called from the GUI thread and a worker at once.
write_guard = threading.Lock()


def log_path(data_home: Path) -> Path:
    """Where the error log of ``data_home`` lives (it may not exist yet)."""
    return data_home / LOG_FILE_NAME


def format_error(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    now: dt.datetime | None = None,
) -> str:
    """One log entry: a header with the time and versions, then the full traceback."""
    import platform  # errors are rare: neither module is worth loading at every start
    import traceback

    moment = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    header = (
        f"{ENTRY_START}{__version__}, error at {moment} ===\n"
        f"Python {platform.python_version()} on {platform.system()} {platform.release()} "
        f"({platform.machine()}), thread {threading.current_thread().name}\n"
    )
    return header + "".join(traceback.format_exception(exc_type, exc, tb))


def record_error(
    data_home: Path,
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
) -> str:
    """Append the error to the log and return the entry (the details a user may copy).

    Raises OSError when the log cannot be written; the caller still has the details.
    """
    details = format_error(exc_type, exc, tb)
    path = log_path(data_home)
    with write_guard:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", errors="replace", newline="") as log:
            log.write(details + "\n")
        if path.stat().st_size > MAX_BYTES:
            trim_log(path, KEEP_BYTES)
    return details


def trim_log(path: Path, keep_bytes: int = KEEP_BYTES) -> None:
    """Keep the newest ``keep_bytes`` (or less) of the log, starting at a whole entry.

    If one entry alone is longer than that, its tail is kept from a line start, so what is
    left still reads line by line.
    """
    data = path.read_bytes()
    if len(data) <= keep_bytes:
        return
    tail = data[len(data) - keep_bytes :]
    marker = b"\n" + ENTRY_START.encode("ascii")
    entry = tail.find(marker)
    if entry >= 0:
        tail = tail[entry + 1 :]
    else:
        line = tail.find(b"\n")
        tail = tail[line + 1 :] if line >= 0 else tail
    write_text_atomic(path, tail.decode("utf-8", errors="replace"))


def print_error(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> None:
    """The traceback on stderr as Python prints it, when there is a stderr (a windowed
    build on Windows has none)."""
    import traceback

    if sys.stderr is not None:
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
