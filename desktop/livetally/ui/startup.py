"""Start-up problems, explained over the window's frame, with a way out for each.

The frame is on screen before the data home is read (see :mod:`livetally.app`), so each
question is a dialog of that window when it is shown, and a window of its own otherwise.

A broken settings.toml is never repaired silently: the creator chooses to open it in an
editor, or to start from the shipped defaults after the broken file is set aside.
"""

from __future__ import annotations

import datetime as dt
import shutil
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from livetally.resources import resource_path
from livetally.settings.errors import SettingsError


class SettingsChoice(Enum):
    OPEN_FILE = "open"
    DEFAULTS = "defaults"
    QUIT = "quit"


def shown_window() -> QWidget | None:
    """The main window on screen, if there is one, for the questions to stand over."""
    return next(
        (
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QMainWindow) and widget.isVisible()
        ),
        None,
    )


def ask_about_broken_settings(error: SettingsError) -> SettingsChoice:
    """Ask what to do about a settings file that cannot be used (a seam for tests)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "LiveTally: settings.toml has a problem",
        "",
        parent=shown_window(),
    )
    box.setText("LiveTally cannot use its settings file as it stands:")
    box.setInformativeText(
        f"{error}\n\nOpen the file to fix that line, or start from the default settings "
        "(your file is kept beside it, renamed, so nothing is lost)."
    )
    open_button = box.addButton("Open settings file", QMessageBox.ButtonRole.AcceptRole)
    defaults = box.addButton("Start from defaults", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        return SettingsChoice.OPEN_FILE
    if box.clickedButton() is defaults:
        return SettingsChoice.DEFAULTS
    return SettingsChoice.QUIT


def ask_to_restore(problem: str, newest_backup: Path | None) -> bool:
    """Ask whether to set the unusable ledger aside and restore ``newest_backup`` (a seam
    for tests). Without a backup there is nothing to offer but the explanation."""
    if newest_backup is None:
        report_fatal("LiveTally cannot open", f"{problem}\n\nThere is no backup to go back to.")
        return False
    box = QMessageBox(
        QMessageBox.Icon.Critical, "LiveTally cannot open its ledger", "", parent=shown_window()
    )
    box.setText("LiveTally cannot open its ledger as it stands:")
    box.setInformativeText(
        f"{problem}\n\nRestore the newest backup, {newest_backup.name}? The ledger that "
        "cannot be opened is kept beside it, renamed, so nothing is lost."
    )
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore


def report_fatal(title: str, message: str) -> None:
    """Tell the user why LiveTally cannot open (a seam for tests)."""
    QMessageBox.critical(shown_window(), title, message)


def set_aside(settings_path: Path) -> Path:
    """Rename the broken file out of the way and put the shipped defaults in its place."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = settings_path.with_name(f"settings.broken-{stamp}.toml")
    settings_path.replace(kept)
    shutil.copyfile(resource_path("settings.toml"), settings_path)
    return kept
