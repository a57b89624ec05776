"""What the creator sees when LiveTally hits a bug: one calm sentence, not a traceback.

:func:`install_error_hook` catches every exception that escapes a Qt slot (PySide6 hands
those to ``sys.excepthook``) or a Python thread, writes it to the data home's error log
and shows :class:`ErrorDialog`. The dialog says what went wrong in a line, that the data is
safe (every ledger change is one transaction, so a failed one left nothing half done) and
where the details are; **Copy details** puts them on the clipboard for a bug report.

A bug inside a timer can fire many times a second, so one dialog is reused and counts
the errors instead of stacking a new window for each.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Final, Self

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from livetally.errorlog import format_error, log_path, print_error, record_error

#: The details of at most this many errors of one burst are kept for copying.
KEPT_DETAILS: Final = 20
_LONGEST_LINE: Final = 200


def describe_error(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """The error in one short line, e.g. ``division by zero (ZeroDivisionError)``."""
    text = str(exc).strip() if exc is not None else ""
    first = text.splitlines()[0] if text else ""
    if len(first) > _LONGEST_LINE:
        first = first[: _LONGEST_LINE - 1] + "…"
    return f"{first} ({exc_type.__name__})" if first else exc_type.__name__


class ErrorDialog(QDialog):
    """Tells about one error, or a burst of them, and offers the details for copying."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("LiveTally: something went wrong")
        self.setMinimumWidth(480)
        self._details: list[str] = []
        self._count = 0
        self._sentence = ""
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._what = self._text_label()
        font = self._what.font()
        font.setBold(True)
        self._what.setFont(font)
        self._where = self._text_label()
        self._copied = QLabel("The details are on the clipboard.")
        self._copied.hide()
        buttons = QDialogButtonBox()
        self._copy = QPushButton("&Copy details")
        self._copy.setToolTip("Put the technical details on the clipboard, for a bug report")
        buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        self._close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._close.setDefault(True)
        self._copy.clicked.connect(self.copy_details)
        self._close.clicked.connect(self.accept)
        self.finished.connect(self._forget)

        text = QVBoxLayout()
        text.addWidget(self._what)
        text.addWidget(self._where)
        text.addWidget(self._copied)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(buttons)

    @staticmethod
    def _text_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def report(self, line: str, details: str, log_file: Path | None) -> None:
        """Add an error: the first one opens the dialog, later ones only update it."""
        self._count += 1
        self._details = [*self._details, details][-KEPT_DETAILS:]
        times = "" if self._count == 1 else f" {self._count} times; the last time"
        what = f"Something went wrong{times}: {line}."
        if log_file is not None:
            where = "Your data is safe; the details were saved to {}."
            # The path on a line of its own, so it is not broken in the middle.
            self._where.setText(where.format(f"\n{log_file}"))
            self._sentence = f"{what} {where.format(log_file)}"
        else:
            where = (
                "Your data is safe; the details could not be saved to the log, "
                "so use Copy details to keep them."
            )
            self._where.setText(where)
            self._sentence = f"{what} {where}"
        self._what.setText(what)
        self._copied.hide()
        if not self.isVisible():
            self.open()
            self._close.setFocus()

    @property
    def count(self) -> int:
        """Errors reported since the dialog was last closed."""
        return self._count

    def message(self) -> str:
        """What the dialog says, as one sentence."""
        return self._sentence

    def shown_text(self) -> str:
        """Every piece of text on the dialog, for checking that no traceback is among it."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))

    def details(self) -> str:
        return "\n".join(self._details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self._copied.show()

    def _forget(self) -> None:
        self._count = 0
        self._details = []
        self._copied.hide()


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
