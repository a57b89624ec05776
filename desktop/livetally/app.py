"""Composition root: paths, settings, catalog and ledger put together into the window.

The engine and the command line never import Qt; this module imports the widgets only
after a QApplication exists (as Anki does), so ``livetally convert`` stays fast.

The window opens the way native programs do: its frame (menus, tab bar, status bar, the
geometry it had) is shown first, built from the data home's path alone, and the settings,
gift catalog and ledger are read on the turns of the event loop that follow its first
frame; then the tab on screen is built. A first start copies the default files and
creates the ledger there too, after the window is up. Problems found while reading (a
broken settings file, a damaged ledger) are asked about in the same dialogs as ever, now
over the window.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from livetally.datahome import DataHome, is_writable, prepare_data_home, resolve_data_home

if TYPE_CHECKING:
    from livetally.models.session import Session
    from livetally.ui.error_hook import ErrorHook
    from livetally.ui.main_window import MainWindow


def is_read_only(home: DataHome) -> bool:
    """A data home that exists and cannot be written is opened for reading only."""
    return home.root.is_dir() and not is_writable(home)


def open_session(home: DataHome, *, read_only: bool = False) -> Session:
    """Read the data home (creating it on a first start): settings, catalog, ledger.

    Settings, catalog and ledger errors propagate to the caller (they name the file and
    what to do).
    """
    from livetally.models.session import Session
    from livetally.settings.document import SettingsFile
    from livetally.settings.gift_file import load_gift_catalog
    from livetally.storage.ledger import Ledger

    if not read_only:
        prepare_data_home(home)
    settings_file = SettingsFile.load(home.settings_path)
    catalog = load_gift_catalog(home.gifts_path)
    ledger = Ledger.open(home.database_path, home.backups_dir, writable=not read_only)
    try:
        return Session(home, settings_file, catalog, ledger, read_only=read_only)
    except BaseException:
        ledger.close()
        raise


def _frame(home: DataHome, read_only: bool) -> MainWindow:
    """The window's frame, from the data home's path alone: nothing is read yet.

    Every window starts here (the program's, the benchmarks', the tests'), so here PySide6
    stops reading the source of the modules imported from now on (see
    :mod:`livetally.ui.imported_sources`), before the window's own are.
    """
    from livetally.ui.imported_sources import forget_imported_sources, skip_pyside_source_scan

    skip_pyside_source_scan()
    from livetally.ui.main_window import MainWindow

    forget_imported_sources()
    return MainWindow(home, read_only=read_only)


def _attach(window: MainWindow, session: Session) -> None:
    """Hand ``session`` to ``window``; the ledger closes with the window."""
    from livetally.ui.imported_sources import forget_imported_sources

    try:
        window.attach(session)
    except BaseException:
        session.ledger.close()
        raise
    window.destroyed.connect(lambda *_: session.ledger.close())
    forget_imported_sources()  # the tab's modules were imported just now


def create_main_window(data_dir: str | os.PathLike[str] | None = None) -> MainWindow:
    """The ready window on the data home: not shown, no event loop started.

    A QApplication must exist. Settings, catalog and ledger errors propagate to the
    caller (they name the file and what to do).
    """
    home = resolve_data_home(data_dir)
    read_only = is_read_only(home)
    window = _frame(home, read_only)
    try:
        session = open_session(home, read_only=read_only)
    except BaseException:
        window.deleteLater()
        raise
    _attach(window, session)
    return window


def run(data_dir: str | os.PathLike[str] | None = None, *, quit_after_show: bool = False) -> int:
    """Open the window and run until it closes; the exit status of the program.

    The frame is shown at once; :class:`_Opening` reads the data home once it has been
    drawn. ``quit_after_show`` closes the window as soon as it is usable (its tab built
    and drawn), for measuring how long the program takes to start.
    """
    import gc

    # Start-up makes some 30,000 objects (modules, classes, Qt's enums) that live as long as
    # the program: Python's collector would walk them some 60 times (~10 ms) before the
    # window is usable, and find nothing. It is off until then (_Opening.fill).
    gc.disable()
    try:
        from PySide6.QtWidgets import QApplication

        from livetally import __version__

        app = QApplication.instance() or QApplication(sys.argv)
        app.setApplicationName("LiveTally")
        app.setApplicationVersion(__version__)
        app.setOrganizationName("LiveTally")
        home = resolve_data_home(data_dir)
        read_only = is_read_only(home)
        window = _frame(home, read_only)
        window.show()
        opening = _Opening(window, read_only, quit_after_show)
        try:
            status = int(app.exec())
        finally:
            if opening.hook is not None:
                opening.hook.uninstall()
    finally:
        gc.enable()
    if opening.failure is not None:
        raise opening.failure
    return status


class _Opening:
    """Fills the shown frame: reads the data home after the first frame is drawn, attaches
    the session on the next turn, and ends the event loop if that cannot be done."""

    #: Read the data home after this long even if no frame was drawn (a window started
    #: minimised, or a platform that never exposes it) (ms). Not sooner: on a busy
    #: machine the first frame may be late, and reading first would leave it blank.
    LATEST_MS = 1000

    def __init__(self, window: MainWindow, read_only: bool, quit_after_show: bool) -> None:
        from PySide6.QtCore import QTimer

        self.window = window
        self.read_only = read_only
        self.quit_after_show = quit_after_show
        self.failure: Exception | None = None
        self.hook: ErrorHook | None = None
        self._started = False
        window.after_next_paint(self.read)
        QTimer.singleShot(self.LATEST_MS, self.read)

    def read(self) -> None:
        """Read settings, catalog and ledger, explaining any problem over the window."""
        from functools import partial

        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        if self._started or not self.window.isVisible():  # closed before it was drawn
            return
        self._started = True
        # The error hook (and the Qt enums it needs) waits for the first frame too: no slot
        # of ours has run before this one.
        from livetally.ui.error_hook import install_error_hook

        self.hook = install_error_hook(self.window.home.root, self.window)
        self.window.expect_input()
        try:
            session = open_session_or_explain(self.window.home, self.read_only)
        except Exception as error:  # out of the event loop, then as any start-up error
            self._fail(error)
            return
        if session is None:
            QApplication.exit(2)
            return
        QTimer.singleShot(0, partial(self.fill, session))

    def fill(self, session: Session) -> None:
        """Put the data in the window; the tab on screen is built now."""
        try:
            _attach(self.window, session)
        except Exception as error:
            self._fail(error)
            return
        from PySide6.QtCore import QTimer

        self.window.after_next_paint(_collect_from_now_on)
        if self.quit_after_show:  # once drawn (or, should no frame come, a second on)
            self.window.after_next_paint(self.window.close)
            QTimer.singleShot(self.LATEST_MS, self.window.close)
        else:  # a new data home is welcomed once its data is there (never in tests)
            from livetally.ui.first_run import offer_first_run

            window = self.window
            QTimer.singleShot(0, lambda: offer_first_run(window))

    def _fail(self, error: Exception) -> None:
        from PySide6.QtWidgets import QApplication

        self.failure = error
        QApplication.exit(1)


def _collect_from_now_on() -> None:
    """The window is usable: what start-up made stays (frozen: later collections skip
    it), and Python collects garbage as usual again."""
    import gc

    gc.freeze()
    gc.enable()


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
    """The ready main window (not shown), or None after telling the user why it cannot
    open."""
    home = resolve_data_home(data_dir)
    read_only = is_read_only(home)
    window = _frame(home, read_only)
    session = open_session_or_explain(home, read_only)
    if session is None:
        window.deleteLater()
        return None
    _attach(window, session)
    return window


def open_session_or_explain(home: DataHome, read_only: bool) -> Session | None:
    """The data home's session, or None after telling the user why it cannot be opened.

    A broken settings file may be set aside for the defaults, and a damaged ledger
    replaced by its newest backup, each after asking; then the data home is read again.
    """
    from livetally.settings.errors import SettingsError
    from livetally.storage.errors import LedgerError, LedgerFileError

    while True:
        try:
            return open_session(home, read_only=read_only)
        except SettingsError as error:
            # The dialogs load only when needed: a start without problems skips them (4 ms).
            from livetally.ui.main_window import open_in_desktop
            from livetally.ui.startup import SettingsChoice, ask_about_broken_settings, set_aside

            choice = ask_about_broken_settings(error)
            if choice is SettingsChoice.OPEN_FILE:
                open_in_desktop(error.path)
                return None
            if choice is SettingsChoice.QUIT:
                return None
            set_aside(home.settings_path)
        except LedgerFileError as error:
            if error.path != home.database_path or not _restore_newest(home, str(error)):
                return None
        except LedgerError as error:
            from livetally.ui.startup import report_fatal

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
