"""The status bar's word on a broken settings.toml: never cut off, and one click from the file.

The problem is usually long (the file, the line, the field, what was expected). It is
shown in a line that fits the bar, elided with "…", with the whole sentence as its
tooltip, beside **Open the file**; it stays until the file is good again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

PREFIX = "settings.toml has a problem, so the last good settings stay in use: "


class ElidedLabel(QLabel):
    """One line of text cut to the width it is given, the whole of it in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class SettingsNotice(QWidget):
    """Hidden while settings.toml is good; else the problem and **Open the file**."""

    def __init__(self, open_file: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = ElidedLabel()
        self.open_button = QToolButton()
        self.open_button.setText("Open the file")
        self.open_button.setToolTip("Open settings.toml in your text editor to correct it")
        self.open_button.clicked.connect(lambda: open_file())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.open_button)
        self.hide()

    def show_problem(self, problem: str, path: Path | None = None) -> None:
        """Show ``problem`` (``FILE:LINE: field: message``): on the bar the file by its name
        and the consequence after, so the line and field stay in view as long as they can;
        the whole sentence, full path and all, in the tooltip."""
        short = problem.replace(str(path), path.name, 1) if path is not None else problem
        self.message.set_full_text(f"{short} (the last good settings stay in use)")
        self.message.setToolTip(PREFIX + problem)
        self.show()

    def full_text(self) -> str:
        """The whole sentence, as the tooltip says it."""
        return self.message.toolTip()

    def clear(self) -> None:
        self.message.set_full_text("")
        self.hide()
