"""The main window's menu bar: its commands, which of them write, and their shortcuts.

Built with the frame, before anything is read from the data home, so it must stay cheap:
a command chosen before the data is there waits for it (``MainWindow.when_ready``), the
shortcuts are set only once the frame is on screen (:meth:`Menus.add_shortcuts`), and Undo
and Redo are stand-ins until the session's undo stack can take their places.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMenuBar

    from livetally.ui.main_window import MainWindow

#: A menu command's shortcut: keys ("Ctrl+1"), or the name of a platform-standard one
#: ("standard:Quit", for QKeySequence.StandardKey.Quit), looked up only once it is set.
Shortcut = str


class Menus:
    """The window's File, Edit, View and Help menus, whose commands call the window."""

    #: Edit > Undo and Redo: the undo stack's own once the data is there.
    undo_action: QAction
    redo_action: QAction

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        #: The commands that write to the data home: off, with the reason, when it is read-only.
        self.writing_actions: list[QAction] = []
        self._shortcuts: list[tuple[QAction, Shortcut]] = []
        self._build(window.menuBar())

    def add_shortcuts(self) -> None:
        """Give the menu commands their shortcuts (once). Not done with the frame: the
        first shortcut makes PySide6 create Qt's enums, some 20 ms the frame need not wait."""
        from PySide6.QtGui import QKeySequence  # its 71 standard keys: after the frame

        for action, shortcut in self._shortcuts:
            kind, _, name = shortcut.partition(":")
            if kind == "standard":
                action.setShortcut(QKeySequence(getattr(QKeySequence.StandardKey, name)))
            else:
                action.setShortcut(QKeySequence(shortcut))
        self._shortcuts.clear()

    def add_undo_actions(self, stack: QUndoStack) -> None:
        """Put the undo stack's own Undo and Redo in the stand-ins' places."""
        from PySide6.QtGui import QKeySequence

        window = self._window
        undo = stack.createUndoAction(window, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(window, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for stand_in, action in ((self.undo_action, undo), (self.redo_action, redo)):
            self.edit_menu.insertAction(stand_in, action)
            self.edit_menu.removeAction(stand_in)
            stand_in.deleteLater()
        self.undo_action, self.redo_action = undo, redo

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut | None = None,
        *,
        writes: bool = False,
        at_once: bool = False,
    ) -> QAction:
        """A menu command; chosen before the data is there, it runs once the data is
        (``at_once``: it needs no data and runs at once, as Quit)."""
        window = self._window
        action = QAction(window)  # not QAction(text, window): its overloads would make QIcon's
        action.setText(text)  # 151 enums before the first frame
        if writes:  # off, with the reason, in a data home that is read-only
            self.writing_actions.append(action)
        if shortcut is not None:  # set after the first frame: see add_shortcuts()
            self._shortcuts.append((action, shortcut))
        if at_once:
            action.triggered.connect(slot)
        else:
            action.triggered.connect(lambda: window.when_ready(slot))
        return action

    def _build(self, bar: QMenuBar) -> None:
        window = self._window
        file_menu = bar.addMenu("&File")
        file_menu.addAction(
            self._action(
                "Import streams from CSV…", lambda: window.import_csv("streams"), writes=True
            )
        )
        file_menu.addAction(
            self._action(
                "Import income from CSV…", lambda: window.import_csv("income"), writes=True
            )
        )
        file_menu.addAction(self._action("Import &TikTok data…", window.import_tiktok, writes=True))
        file_menu.addAction(
            self._action("Export streams as CSV…", lambda: window.export_csv("streams"))
        )
        file_menu.addAction(
            self._action("Export income as CSV…", lambda: window.export_csv("income"))
        )
        file_menu.addAction(self._action("Export &year report…", window.export_year_report))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Back up now", window.back_up, writes=True))
        file_menu.addAction(
            self._action("&Restore from a backup…", window.restore_backup, writes=True)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("Open settings &file", window.open_settings_file))
        file_menu.addAction(
            self._action("&Settings…", window.open_settings, "standard:Preferences")
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", window.close, "standard:Quit", at_once=True))

        edit_menu = bar.addMenu("&Edit")
        self.edit_menu = edit_menu
        # Undo and Redo belong to the session's undo stack; until it is there they are
        # stand-ins, off (there is nothing to undo before the data is read).
        self.undo_action, self.redo_action = QAction(window), QAction(window)
        for stand_in, text in ((self.undo_action, "&Undo"), (self.redo_action, "&Redo")):
            stand_in.setText(text)
            stand_in.setEnabled(False)
            edit_menu.addAction(stand_in)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("&Add…", window.add_item, "standard:New", writes=True))
        delete = self._action("&Delete", window.delete_item, "standard:Delete", writes=True)
        edit_menu.addAction(delete)
        edit_menu.addAction(self._action("&Find", window.find_streams, "standard:Find"))
        self.delete_action = delete

        view_menu = bar.addMenu("&View")
        for index, name in enumerate(("Calculator", "Stream log", "Income streams")):
            show_tab = partial(window.tabs.setCurrentIndex, index)
            view_menu.addAction(self._action(name, show_tab, f"Ctrl+{index + 1}"))
        view_menu.addSeparator()
        self.add_sample_action = self._action("Add &sample data", window.add_sample_data)
        self.remove_sample_action = self._action("&Remove sample data", window.remove_sample_data)
        view_menu.addAction(self.add_sample_action)
        view_menu.addAction(self.remove_sample_action)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("How the &money works", window.show_money_help, "F1"))
        help_menu.addAction(self._action("&About LiveTally", window.show_about))
