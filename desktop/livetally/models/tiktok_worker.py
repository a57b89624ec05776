"""Reading TikTok's data export and importing its LIVEs on a worker thread.

An export can be hundreds of MB (watch history dominates), so reading it takes seconds:
on the GUI thread the window would freeze and Cancel could not be pressed. The work runs in
two steps, each on its own thread with its own ledger connection: :meth:`TikTokWorker.read`
reads the archive and works out the plan (nothing written), which the window shows as a
preview; :meth:`TikTokWorker.write` then writes that plan in one transaction. Cancelling
sets a flag that the next progress report raises on.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from livetally.core.rates import RateProfile
from livetally.models.switching import short_switches
from livetally.storage.errors import LedgerError
from livetally.storage.ledger import ImportSummary, Ledger
from livetally.storage.tiktok_archive import TikTokArchiveError, read_tiktok_archive
from livetally.storage.tiktok_plan import TikTokPlan, plan_tiktok_import

PROGRESS_SCALE = 1000


@dataclass(frozen=True)
class TikTokRequest:
    """Everything the worker needs, as immutable values it may read from its own thread."""

    path: Path
    ledger_path: Path
    backups_dir: Path
    profile: RateProfile


class _Cancelled(Exception):
    """Raised from a progress callback to stop the work; never leaves this module."""


class TikTokWorker(QObject):
    """Each step ends in exactly one of its outcome signals or ``failed``/``cancelled``,
    then ``stopped``."""

    #: Per mille of the step done: (done, 1000). Bytes of a large export overflow Qt's int.
    progress = Signal(int, int)
    planned = Signal(object)  # TikTokPlan
    finished = Signal(object)  # ImportSummary
    failed = Signal(str)
    cancelled = Signal()
    stopped = Signal()

    def __init__(self, request: TikTokRequest) -> None:
        super().__init__()
        self.request = request
        self._cancel = threading.Event()
        # A plain thread runs each step; this object stays on the GUI thread, and the
        # signals it emits from the step's thread reach the window queued (Qt does that
        # for any receiver living on another thread), so nothing moves between threads.
        self._thread: threading.Thread | None = None

    # -- control, from the GUI thread ------------------------------------------------------

    def read(self) -> None:
        """Read the archive and plan the import; ``planned`` gives the plan."""
        self._start(self._plan, "read TikTok data")

    def write(self, plan: TikTokPlan, *, take_tiktok: bool) -> None:
        """Write ``plan``; ``finished`` gives what was added."""
        self._cancel.clear()
        self._start(lambda: self._apply(plan, take_tiktok), "import TikTok data")

    def cancel(self) -> None:
        """Ask the current step to stop; safe from any thread."""
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until the thread has ended; for shutting down, never during normal use."""
        if self._thread is None:
            return True
        self._thread.join(None if milliseconds < 0 else milliseconds / 1000)
        return not self._thread.is_alive()

    def _start(self, work: Callable[[], None], name: str) -> None:
        if self.is_running():
            raise RuntimeError("a step of this import is still running")
        self._thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)
        self._thread.start()

    # -- the work, on the worker thread ----------------------------------------------------

    def _run(self, work: Callable[[], None]) -> None:
        with short_switches():  # the GUI thread gets the interpreter back often
            try:
                work()
            except _Cancelled:
                self.cancelled.emit()
            except TikTokArchiveError as error:
                self.failed.emit(error.message)
            except (LedgerError, sqlite3.Error, OSError) as error:
                self.failed.emit(f"The ledger could not be read or saved ({error}).")
            except Exception:
                self.failed.emit(
                    "An unexpected error stopped the import; nothing was imported. "
                    "The details were saved to the error log."
                )
                sys.excepthook(*sys.exc_info())  # the window's hook logs it
            finally:
                self.stopped.emit()

    def _plan(self) -> None:
        request = self.request
        history = read_tiktok_archive(request.path, self._tick)
        self._tick(0, 0)
        with Ledger.open_worker(request.ledger_path, request.backups_dir) as ledger:
            plan = plan_tiktok_import(history, ledger, request.profile)
        self.planned.emit(plan)

    def _apply(self, plan: TikTokPlan, take_tiktok: bool) -> None:
        request = self.request
        with Ledger.open_worker(request.ledger_path, request.backups_dir) as ledger:
            summary: ImportSummary = plan.apply(
                ledger, request.profile, take_tiktok=take_tiktok, progress=self._tick
            )
        self.finished.emit(summary)

    def _tick(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        if total:
            self.progress.emit(PROGRESS_SCALE * done // total, PROGRESS_SCALE)
