"""What the creator sees when LiveTally hits a bug: one calm sentence, not a traceback.

:class:`ErrorDialog` says what went wrong in a line, that the data is safe (every ledger
change is one transaction, so a failed one left nothing half done) and where the details
are; **Copy details** puts them on the clipboard for a bug report. The hook that catches
the errors and opens it is in :mod:`livetally.ui.error_hook`; this module loads only when
an error first happens.

A bug inside a timer can fire many times a second, so one dialog is reused and counts
the errors instead of stacking a new window for each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

#: The details of at most this many errors of one burst are kept for copying.
KEPT_DETAILS: Final = 20


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
