"""Catches every error that escapes: into the log file and, calmly, onto the screen.

:func:`install_error_hook` catches every exception that escapes a Qt slot (PySide6 hands
those to ``sys.excepthook``) or a Python thread, writes it to the data home's error log
and shows :class:`~livetally.ui.error_dialog.ErrorDialog`, whose code loads only then:
the hook is installed at every start, an error is rare.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Final, Self

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from livetally.errorlog import format_error, log_path, print_error, record_error

if TYPE_CHECKING:
    from livetally.ui.error_dialog import ErrorDialog

_LONGEST_LINE: Final = 200


def describe_error(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """The error in one short line, e.g. ``division by zero (ZeroDivisionError)``."""
    text = str(exc).strip() if exc is not None else ""
    first = text.splitlines()[0] if text else ""
    if len(first) > _LONGEST_LINE:
        first = first[: _LONGEST_LINE - 1] + "…"
    return f"{first} ({exc_type.__name__})" if first else exc_type.__name__


class ErrorHook(QObject):
    """Sends uncaught exceptions to the log and the dialog while installed.

    Create it on the GUI thread. The hooks may run on any thread: the log is written there,
    the dialog is always shown by the GUI thread's event loop (a queued signal).
    """

    _reported = Signal(str, str, object)  # one line, details, log file or None

    def __init__(self, data_home: Path, window: QWidget | None = None) -> None:
        super().__init__()
        self.data_home = data_home
        self.window = window
        self.dialog: ErrorDialog | None = None
        self._previous: tuple[object, object] | None = None
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is not None:
            return
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        """Put back the hooks found at install time."""
        if self._previous is None:
            return
        previous_sys, previous_thread = self._previous
        self._previous = None
        if sys.excepthook == self.handle:
            sys.excepthook = previous_sys  # type: ignore[assignment]
        if threading.excepthook == self._handle_thread:
            threading.excepthook = previous_thread  # type: ignore[assignment]

    def __enter__(self) -> Self:
        self.install()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.uninstall()

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """``sys.excepthook``: log it, print it where there is a console, tell the user."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc or exc_type(), tb)
            return
        try:
            print_error(exc_type, exc, tb)
            log_file: Path | None = log_path(self.data_home)
            try:
                details = record_error(self.data_home, exc_type, exc, tb)
            except OSError:
                details, log_file = format_error(exc_type, exc, tb), None
            self._reported.emit(describe_error(exc_type, exc), details, log_file)
        except Exception:  # the hook must never raise: that would hide the first error
            print_error(*sys.exc_info())

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return  # as Python's own thread hook: a thread may end itself that way
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, line: str, details: str, log_file: object) -> None:
        if QApplication.instance() is None:
            return
        try:
            dialog = self.dialog
            stale = dialog is not None and dialog.parentWidget() is not self.window
            if dialog is None or (stale and not dialog.isVisible()):
                if dialog is not None:
                    dialog.deleteLater()  # made before the window was set; parent the next
                from livetally.ui.error_dialog import ErrorDialog

                self.dialog = dialog = ErrorDialog(self.window)
            dialog.report(line, details, log_file if isinstance(log_file, Path) else None)
        except Exception:  # raising here would call the hook again, and again
            print_error(*sys.exc_info())


def install_error_hook(data_home: Path, window: QWidget | None = None) -> ErrorHook:
    """Install the hook now; call ``uninstall()`` (or use it as a context manager) to undo.

    ``window`` parents the dialog; it may be set later through ``hook.window``, since the
    hook is best installed before the main window is built.
    """
    hook = ErrorHook(data_home, window)
    hook.install()
    return hook
