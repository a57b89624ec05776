"""Importing a CSV file into the ledger on a worker thread, so the window keeps painting.

Checking a 100,000-row file and saving it takes a couple of seconds; on the GUI thread the
window would freeze and the Cancel button could not be pressed. The worker reads and saves
on its own thread with its own SQLite connection (a connection must stay in the thread that
made it), reporting progress through signals, which Qt queues to the GUI thread.

Cancelling sets a flag; the next progress report raises, which ends the reading or rolls
back the import's single transaction, so a cancelled import leaves nothing behind.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from livetally.core.rates import RateProfile
from livetally.models.switching import SHORT_SWITCH_INTERVAL, short_switches
from livetally.storage.csv_read import CsvReadReport, read_income_csv, read_streams_csv
from livetally.storage.errors import CsvImportError, LedgerError, RowError
from livetally.storage.ledger import ImportSummary, Ledger

ImportKind = Literal["streams", "income"]
_R = TypeVar("_R")

#: The overall progress bar runs from 0 to this, over both steps.
PROGRESS_SCALE: Final = 1000
#: The part of the bar given to checking the file; saving takes the rest. Measured: on
#: 100,000 streams checking took 0.6 s and saving 1.3 s.
CHECK_SHARE: Final = 350
#: The part kept back for what follows the last saved row (tags, commit).
FINISH_SHARE: Final = 50
#: The interpreter's thread switch interval while an import runs (seconds; see ``run``).
IMPORT_SWITCH_INTERVAL: Final = SHORT_SWITCH_INTERVAL


@dataclass(frozen=True)
class ImportRequest:
    """Everything the worker needs, as immutable values it may read from its own thread."""

    kind: ImportKind
    path: Path
    ledger_path: Path
    backups_dir: Path
    profile: RateProfile
    known_currencies: frozenset[str]

    @classmethod
    def create(
        cls,
        kind: ImportKind,
        path: Path,
        ledger: Ledger,
        profile: RateProfile,
        known_currencies: Collection[str],
    ) -> ImportRequest:
        return cls(
            kind, path, ledger.path, ledger.backups_dir, profile, frozenset(known_currencies)
        )


class _Cancelled(Exception):
    """Raised from a progress callback to stop the import; never leaves this module."""


class _Failure(Exception):
    """An expected way for an import to fail; the message is for the user."""


class ImportWorker(QObject):
    """Reads and imports one CSV file on a worker thread; see :meth:`start`.

    Exactly one of ``finished``, ``failed`` or ``cancelled`` is emitted, then ``stopped``.
    """

    #: Over both steps: (done, :data:`PROGRESS_SCALE`).
    progress = Signal(int, int)
    #: Lines of the file checked, lines in the file.
    checking = Signal(int, int)
    #: Rows saved, new rows to save; (0, 0) while getting ready to save.
    saving = Signal(int, int)
    finished = Signal(object)  # ImportSummary
    failed = Signal(str)
    cancelled = Signal()
    stopped = Signal()

    def __init__(self, request: ImportRequest) -> None:
        super().__init__()
        self.request = request
        #: What the summary should say of the file (read on the worker, shown after).
        self.report = CsvReadReport()
        #: Every bad row of a refused file, for a person to save and fix them all.
        self.row_errors: list[RowError] = []
        self._cancel = threading.Event()
        self._shown = -1
        self._thread: QThread | None = None

    # -- control, from the GUI thread ----------------------------------------------------

    def start(self) -> None:
        """Move to a new thread and run there; call once."""
        if self._thread is not None:
            raise RuntimeError("this import has already been started")
        thread = QThread()
        thread.setObjectName(f"import {self.request.path.name}")
        self.moveToThread(thread)
        thread.started.connect(self.run)
        self._thread = thread
        thread.start()

    def cancel(self) -> None:
        """Ask the import to stop; safe from any thread. Too late once the rows are saved."""
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the thread has ended; for shutting down, never during normal use."""
        if self._thread is None:
            return True
        return self._thread.wait(milliseconds) if milliseconds >= 0 else self._thread.wait()

    # -- the work, on the worker thread -----------------------------------------------------

    @Slot()
    def run(self) -> None:
        # While this thread works, the GUI thread takes the interpreter lock many times per
        # turn of its event loop (each timer, signal and paint that reaches Python), and
        # each time waits up to the switch interval for this thread to hand it over: at
        # the default 5 ms that added up to a window frozen for a quarter of a second. A
        # 1 ms interval for the length of the import keeps every wait short.
        with short_switches():
            self._run()

    def _run(self) -> None:
        try:
            summary = self._import()
        except _Cancelled:
            self.cancelled.emit()
        except _Failure as failure:
            self.failed.emit(str(failure))
        except Exception:
            self.failed.emit(
                "An unexpected error stopped the import; nothing was imported. "
                "The details were saved to the error log."
            )
            sys.excepthook(*sys.exc_info())  # the window's hook logs it and tells the user
        else:
            self._report(PROGRESS_SCALE)
            self.finished.emit(summary)
        finally:
            self.stopped.emit()
            self._hand_back()

    def _import(self) -> ImportSummary:
        request = self.request
        report = self.report
        if request.kind == "streams":
            streams = self._read(
                lambda: read_streams_csv(request.path, progress=self._checked, report=report)
            )
            return self._save(
                lambda ledger: ledger.import_streams(streams, request.profile, self._saved)
            )
        entries = self._read(
            lambda: read_income_csv(
                request.path, request.known_currencies, progress=self._checked, report=report
            )
        )
        return self._save(lambda ledger: ledger.import_income(entries, self._saved))

    def _read(self, read: Callable[[], _R]) -> _R:
        try:
            return read()
        except CsvImportError as error:
            self.row_errors = error.errors  # every one, for "Save all problems…"
            raise _Failure(str(error)) from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise _Failure(
                f"Cannot read {self.request.path}: {reason}. Nothing was imported."
            ) from None

    def _save(self, save: Callable[[Ledger], ImportSummary]) -> ImportSummary:
        self._check_cancel()  # the last stretch of reading reports nothing: look once more
        self.saving.emit(0, 0)
        request = self.request
        try:
            with Ledger.open_worker(request.ledger_path, request.backups_dir) as ledger:
                return save(ledger)
        except (LedgerError, sqlite3.Error, OSError) as error:
            raise _Failure(
                f"The ledger could not be saved ({error}); nothing was imported."
            ) from None

    def _checked(self, done: int, total: int) -> None:
        self._check_cancel()
        self.checking.emit(done, total)
        self._report(CHECK_SHARE * done // max(total, 1))

    def _saved(self, done: int, total: int) -> None:
        self._check_cancel()
        self.saving.emit(done, total)
        span = PROGRESS_SCALE - CHECK_SHARE - FINISH_SHARE
        self._report(CHECK_SHARE + span * done // max(total, 1))

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise _Cancelled

    def _report(self, done: int) -> None:
        """Overall progress, only when it moved: the GUI thread need not hear every row."""
        if done != self._shown:
            self._shown = done
            self.progress.emit(done, PROGRESS_SCALE)

    def _hand_back(self) -> None:
        """Return to the GUI thread (so the object can be deleted there) and end the thread."""
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        if self._thread is not None:
            self._thread.quit()  # thread-safe; the loop ends once run() returns
