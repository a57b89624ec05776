"""Composition root: paths, settings, catalog and ledger put together into the window.

The engine and the command line never import Qt; this module imports the widgets only
after a QApplication exists (as Anki does), so ``livetally convert`` stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from livetally.datahome import DataHome, is_writable, prepare_data_home, resolve_data_home
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
    from livetally.ui.imported_sources import forget_imported_sources
    from livetally.ui.main_window import MainWindow

    forget_imported_sources()

    home = resolve_data_home(data_dir)
    read_only = home.root.is_dir() and not is_writable(home)
    if not read_only:
        prepare_data_home(home)
    settings_file = SettingsFile.load(home.settings_path)
    catalog = load_gift_catalog(home.gifts_path)
    ledger = Ledger.open(home.database_path, home.backups_dir, writable=not read_only)
    try:
        session = Session(home, settings_file, catalog, ledger, read_only=read_only)
        window = MainWindow(session)
    except BaseException:
        ledger.close()
        raise
    window.destroyed.connect(lambda *_: ledger.close())
    return window


def run(data_dir: str | os.PathLike[str] | None = None, *, quit_after_show: bool = False) -> int:
    """Open the window and run until it closes; the exit status of the program.

    ``quit_after_show`` closes it as soon as it has been drawn once, for measuring how
    long the program takes to start.
    """
    from PySide6.QtWidgets import QApplication

    from livetally import __version__

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("LiveTally")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("LiveTally")
    from livetally.ui.error_hook import install_error_hook

    hook = install_error_hook(resolve_data_home(data_dir).root)
    try:
        window = open_window_or_explain(data_dir)
        if window is None:
            return 2
        hook.window = window
        window.show()
        from PySide6.QtCore import QTimer

        if quit_after_show:
            QTimer.singleShot(0, window.close)
        else:  # a new data home is welcomed once the window is drawn (never in tests)
            from livetally.ui.first_run import offer_first_run

            QTimer.singleShot(0, lambda: offer_first_run(window))
        return int(app.exec())
    finally:
        hook.uninstall()


def smoke() -> int:
    """Open the window on a throw-away data home, use it once, close it: 0 if all worked.

    The installer's check that a frozen build really runs: the window must show, one
    conversion must give the source's figures, one stream must be written and read back.
    """
    import datetime as dt
    import tempfile
    from decimal import Decimal

    from PySide6.QtWidgets import QApplication

    from livetally.core.conversion import convert_coins
    from livetally.core.records import StreamRecord

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="livetally-smoke-") as home:
        window = create_main_window(home)
        try:
            window.show()
            app.processEvents()
            checks = {"the window is visible": window.isVisible()}
            session = window.session
            shown = convert_coins(10_000, session.profile(), session.settings.exchange_rates)
            checks["10,000 coins give $50.00"] = shown.shown().creator_usd == Decimal("50.00")
            started = dt.datetime.now().astimezone().replace(microsecond=0).isoformat()
            logged = session.ledger.add_stream(StreamRecord(started, 10_000), session.profile())
            stored = session.ledger.stream(logged.id)
            checks["a stream is written and read back"] = stored.creator_usd == Decimal(50)
        finally:
            window.close()
            window.session.ledger.close()
    failed = [name for name, passed in checks.items() if not passed]
    for name in failed:
        print(f"livetally --smoke: FAILED: {name}", file=sys.stderr)
    if not failed:
        print(f"livetally --smoke: ok ({', '.join(checks)})")
    return 1 if failed else 0


def open_window_or_explain(data_dir: str | os.PathLike[str] | None) -> MainWindow | None:
    """The main window, or None after telling the user why it cannot open."""
    from livetally.settings.errors import SettingsError
    from livetally.storage.errors import LedgerError, LedgerFileError
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
        except LedgerFileError as error:
            home = resolve_data_home(data_dir)
            if error.path != home.database_path or not _restore_newest(home, str(error)):
                return None
        except LedgerError as error:
            report_fatal("LiveTally cannot open", str(error))
            return None


def _restore_newest(home: DataHome, problem: str) -> bool:
    """Offer the newest backup in place of a ledger that cannot be opened; True once it is
    restored (the unusable file set aside, never deleted), so the window can open."""
    from livetally.storage.backups import list_backups
    from livetally.storage.errors import LedgerError
    from livetally.storage.recovery import restore_over_unusable
    from livetally.ui.startup import ask_to_restore, report_fatal

    newest = next(iter(list_backups(home.backups_dir)), None)
    if not ask_to_restore(problem, newest):
        return False
    assert newest is not None
    try:
        restore_over_unusable(home.database_path, home.backups_dir, newest)
    except (LedgerError, OSError) as error:
        report_fatal("LiveTally cannot restore", str(error))
        return False
    return True
