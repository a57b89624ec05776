"""Composition root: paths, settings, catalog and ledger put together into the window.

The engine and the command line never import Qt; this module imports the widgets only
after a QApplication exists (as Anki does), so ``livetally convert`` stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.settings.document import SettingsFile
from livetally.settings.gift_file import load_gift_catalog
from livetally.storage.ledger import Ledger

if TYPE_CHECKING:
    from livetally.ui.main_window import MainWindow


def create_main_window(data_dir: str | os.PathLike[str] | None = None) -> MainWindow:
    """The ready window on the data home: not shown, no event loop started.

    A QApplication must exist. Settings, catalog and ledger errors propagate to the
    caller (they name the file and what to do).
    """
    from livetally.models.session import Session
    from livetally.ui.main_window import MainWindow

    home = prepare_data_home(resolve_data_home(data_dir))
    settings_file = SettingsFile.load(home.settings_path)
    catalog = load_gift_catalog(home.gifts_path)
    ledger = Ledger.open(home.database_path, home.backups_dir)
    try:
        session = Session(home, settings_file, catalog, ledger)
        window = MainWindow(session)
    except BaseException:
        ledger.close()
        raise
    window.destroyed.connect(lambda *_: ledger.close())
    return window


def run(data_dir: str | os.PathLike[str] | None = None) -> int:
    """Open the window and run until it closes; the exit status of the program."""
    from PySide6.QtWidgets import QApplication

    from livetally import __version__

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("LiveTally")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("LiveTally")
    from livetally.ui.error_dialog import install_error_hook

    hook = install_error_hook(resolve_data_home(data_dir).root)
    try:
        window = open_window_or_explain(data_dir)
        if window is None:
            return 2
        hook.window = window
        window.show()
        return int(app.exec())
    finally:
        hook.uninstall()


def open_window_or_explain(data_dir: str | os.PathLike[str] | None) -> MainWindow | None:
    """The main window, or None after telling the user why it cannot open."""
    from livetally.settings.errors import SettingsError
    from livetally.storage.errors import LedgerError
    from livetally.ui.main_window import open_in_desktop
    from livetally.ui.startup import (
        SettingsChoice,
        ask_about_broken_settings,
        report_fatal,
        set_aside,
    )

    while True:
        try:
            return create_main_window(data_dir)
        except SettingsError as error:
            choice = ask_about_broken_settings(error)
            if choice is SettingsChoice.OPEN_FILE:
                open_in_desktop(error.path)
                return None
            if choice is SettingsChoice.QUIT:
                return None
            set_aside(resolve_data_home(data_dir).settings_path)
        except LedgerError as error:
            report_fatal("LiveTally cannot open", str(error))
            return None
