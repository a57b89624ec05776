"""Why the settings dialog saved nothing, said in full, with Reload when that is the cure.

A save is refused when settings.toml changed on disk since the window read it (an editor,
a second LiveTally). The sentence names the file and the problem, and **Reload** reads the
file again: the window then uses what is on disk, and the dialog's own edits, still on
screen, are saved on top of it with the next OK (each edit changes only what was edited).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from livetally.models.session import Session
from livetally.settings.document import SettingsFile
from livetally.settings.errors import ChangedOnDiskError, SettingsError


class SettingsBanner(QFrame):
    """A sentence across the top of the dialog, and a Reload button when it helps."""

    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsProblem")
        self.setStyleSheet(
            "QFrame#settingsProblem { background: #fdecea; border: 1px solid #f1aeb5;"
            " border-radius: 4px; } QFrame#settingsProblem QLabel { color: #5f2120; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton("&Reload the file")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, *, offer_reload: bool = False) -> None:
        self.label.setText(text)
        self.reload_button.setVisible(offer_reload)
        self.show()

    def show_problem(self, error: SettingsError) -> None:
        """Why a save was refused; with Reload when the file changed on disk."""
        text, offer_reload = saving_problem(error)
        self.show_message(text, offer_reload=offer_reload)


def saving_problem(error: SettingsError) -> tuple[str, bool]:
    """The sentence for a save that was refused, and whether Reload is the way out."""
    if isinstance(error, ChangedOnDiskError):
        return (
            f"Nothing was saved: {error.path} was changed by another program (a text editor, "
            "or LiveTally in another window) since this dialog read it, and saving would "
            "undo those changes. Reload the file to take them in; your changes here stay, "
            "and OK then saves them on top.",
            True,
        )
    return f"Nothing was saved: {error}", False


def reload_settings(session: Session) -> str:
    """Read settings.toml again into ``session``; what to say about it."""
    path = session.settings_file.path
    try:
        session.adopt_settings(SettingsFile.load(path))
    except SettingsError as error:
        return f"{path} cannot be used as it is now, so nothing was reloaded: {error}"
    except OSError as error:
        return f"{path} could not be read again: {error.strerror or error}"
    return f"Reloaded {path}. Press OK to save your changes on top of what it holds now."
