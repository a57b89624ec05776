"""What a support request needs to know happened: files opened, migrations, imports, backups.

One line per event, appended to the data home's ``livetally.log`` beside the error
entries (see :mod:`livetally.errorlog`, whose size limit applies), for example::

    2026-12-03T08:21:04+01:00 livetally.storage.connection: migrated livetally.sqlite3 \
        from schema 3 to 4

Modules take a logger named after themselves (``_log = activity.logger(__name__)``), as
with :mod:`logging`, but nothing here imports :mod:`logging` (about 20 ms, paid by every
command at start-up): an event is a formatted line and one append. Until a data home is
prepared (:func:`write_to`), events go nowhere, so library use and tests write no files.
Lines never hold a creator's figures or an archive's content: names, counts and versions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from livetally.errorlog import KEEP_BYTES, MAX_BYTES, log_path, trim_log, write_guard

_target: Path | None = None


def write_to(data_home: Path | None) -> None:
    """Send events to ``data_home``'s log from now on (None: nowhere)."""
    global _target
    _target = None if data_home is None else log_path(data_home)


class ActivityLogger:
    """The events of one module."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def info(self, message: str) -> None:
        target = _target
        if target is None:
            return
        moment = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        line = f"{moment} {self.name}: {message}\n"
        try:
            with write_guard:
                with target.open("a", encoding="utf-8", errors="replace", newline="") as log:
                    log.write(line)
                if target.stat().st_size > MAX_BYTES:
                    trim_log(target, KEEP_BYTES)
        except OSError:
            pass  # a log that cannot be written must never stop what it describes


def logger(name: str) -> ActivityLogger:
    return ActivityLogger(name)
