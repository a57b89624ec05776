"""Every blocking question the window asks, in one place.

Widgets never call ``QDialog.exec()``, ``QMessageBox.question()`` or ``QFileDialog``'s
static functions directly: they go through here. Tests replace these functions with
scripted answers, and a guard fails any test that opens a modal dialog it did not expect,
instead of hanging the suite.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from livetally.datahome import DataHome, owned_file


def open_file(parent: QWidget | None, caption: str, filters: str) -> Path | None:
    """A file the user picked to read, or None if they cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, caption, "", filters)
    return Path(name) if name else None


def save_file(
    parent: QWidget | None,
    caption: str,
    suggested: str,
    filters: str,
    home: DataHome | None = None,
) -> Path | None:
    """Where the user wants a file written, or None if they cancelled. A file of the data
    ``home`` (the ledger, settings, a backup, also through a link) is refused with a word
    why: an export written over it would destroy it."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    if not name:
        return None
    path = Path(name)
    own = None if home is None else owned_file(home, path)
    if own is not None:
        warn(parent, "Choose another file", f"{path} is {own}; writing over it would destroy it.")
        return None
    return path


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Yes/no before something the user may not mean; ``action`` labels the yes button."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
