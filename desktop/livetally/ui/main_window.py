"""The main window: three tabs, the menus, and the balance always in the status bar.

The window is made in two steps, so that it is on screen before anything is read from
the data home: the frame (menus, tab bar, status bar, restored geometry) is built from
the data home's *path* alone and shown; :meth:`MainWindow.attach` then hands it the
:class:`~livetally.models.session.Session` (settings, gift catalog, ledger) and the tab on
screen is built. Keys typed and commands chosen in between are kept
(:class:`~livetally.ui.type_ahead.TypeAhead`). Only the tab on screen is built (see
:class:`~livetally.ui.lazy_tabs.LazyTabWidget`); the others, and the modules behind them,
wait until they are first shown or asked for. This module imports nothing of the engine,
settings or ledger at import time: the frame must not wait for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from livetally.ui.lazy_tabs import LazyTabWidget
from livetally.ui.menus import Menus
from livetally.ui.screen_fit import fit_on_screen
from livetally.ui.status import BalanceIndicator
from livetally.ui.window_state import WindowState

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QPaintEvent
    from PySide6.QtWidgets import QHeaderView

    from livetally.datahome import DataHome
    from livetally.models.import_worker import ImportKind
    from livetally.models.session import Session
    from livetally.ui.calculator_tab import CalculatorTab
    from livetally.ui.forecast_status import ForecastIndicator
    from livetally.ui.income_tab import IncomeTab
    from livetally.ui.settings_notice import SettingsNotice
    from livetally.ui.stream_log_tab import StreamLogTab
    from livetally.ui.type_ahead import TypeAhead

#: The tabs, in order, as their labels read (with their keyboard mnemonics).
TAB_LABELS = ("&Calculator", "&Stream log", "&Income streams")
CALCULATOR_TAB, STREAM_LOG_TAB, INCOME_TAB = range(3)


def open_in_desktop(path: object) -> None:
    """Open a file with the desktop's own application (a seam for tests)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class MainWindow(QMainWindow):
    def __init__(
        self, home: DataHome, parent: QWidget | None = None, *, read_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.home = home
        self._session: Session | None = None
        self.forecast: ForecastIndicator | None = None  # in the status bar from attach() on
        self._after_paint: list[Callable[[], object]] = []
        self._type_ahead: TypeAhead | None = None
        self.setWindowTitle("LiveTally")
        fit_on_screen(self, 1180, 780)  # or less, on a smaller screen
        self._state = WindowState(home.root)
        self.tabs = LazyTabWidget()
        self.tabs.hold()  # no page before attach(): what they show is not read yet
        builders = (self._build_calculator, self._build_stream_log, self._build_income)
        for build, label in zip(builders, TAB_LABELS, strict=True):
            self.tabs.add_lazy_tab(build, label)
        self.setCentralWidget(self.tabs)
        self.balance = BalanceIndicator()  # empty until attach(), but its height is there
        self.statusBar().addPermanentWidget(self.balance)
        self.menus = Menus(self)
        if read_only:
            self._show_read_only()
        self._state.restore(self, self.tabs)
        self.settings_notice: SettingsNotice | None = None  # made on the first problem

    def expect_input(self) -> None:
        """Once the frame is on screen: the menus' shortcuts work (keys typed before the
        data is there are kept by :meth:`keyPressEvent` in any case)."""
        self.menus.add_shortcuts()

    def attach(self, session: Session) -> None:
        """Fill the window from ``session``: the balance, undo, the tab on screen; then
        what was typed or chosen while the window waited is done, in order."""
        self.menus.add_shortcuts()
        self._session = session
        self._add_status_figures(session)
        self.balance.bind(session)
        self.menus.add_undo_actions(session.undo_stack)
        session.ledger_changed.connect(self._update_sample_actions)
        self._update_sample_actions()
        self._watch_settings()
        self.tabs.release()  # builds the tab on screen, if the window is shown
        self._lay_out_now()
        if self.isVisible():
            self._focus_first_input()
        if self._type_ahead is not None:
            self._type_ahead.release(self.focusWidget)

    def _lay_out_now(self) -> None:
        """Lay out what the data just changed (the status bar's figures, the new tab) before
        the next frame: left to their posted requests, the first frame with content showed
        the balance clipped ("Balance: 0 diamonds ($0.(") and only the frame after it whole."""
        from PySide6.QtCore import QEvent  # its enums would delay the first frame

        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _add_status_figures(self, session: Session) -> None:
        """The tax set-aside and the forecast, left of the balance (they need the data)."""
        from livetally.ui.forecast_status import ForecastIndicator
        from livetally.ui.tax_status import TaxSetAside

        bar = self.statusBar()
        bar.removeWidget(self.balance)
        self.tax_set_aside = TaxSetAside(session)
        self.forecast = ForecastIndicator(session)
        for widget in (self.tax_set_aside, self.forecast, self.balance):
            bar.addPermanentWidget(widget)
        self.balance.show()  # removeWidget hid it

    @property
    def type_ahead(self) -> TypeAhead:
        """Keys and commands kept while the window waits for its data (made when first
        needed: its module, and Qt's event enums, need not delay the frame)."""
        if self._type_ahead is None:
            from livetally.ui.type_ahead import TypeAhead

            self._type_ahead = TypeAhead()
        return self._type_ahead

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._session is None:  # typed before the tab that takes it is there: kept
            self.type_ahead.keep(event)
            event.accept()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if self._session is None:
            self.type_ahead.keep(event)
            event.accept()
        else:
            super().keyReleaseEvent(event)

    @property
    def session(self) -> Session:
        """The window's settings, catalog and ledger (there once :meth:`attach` ran)."""
        if self._session is None:
            raise RuntimeError("the window's data home is not open yet")
        return self._session

    @property
    def attached(self) -> bool:
        return self._session is not None

    def after_next_paint(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` on the turn of the event loop after the window is next drawn
        (its first frame is then on screen, not merely mapped)."""
        self._after_paint.append(callback)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        waiting, self._after_paint = self._after_paint, []
        for callback in waiting:
            QTimer.singleShot(0, callback)

    def _focus_first_input(self) -> None:
        """Typing goes into the tab the window opens on (the Calculator's Coins field),
        unless the user has already put the focus somewhere of their own."""
        page = self.tabs.currentWidget()
        focused = QApplication.focusWidget()
        if page is None or (focused is not None and focused is not self.tabs.tabBar()):
            return
        from livetally.ui.type_ahead import first_input

        target = first_input(page)
        if target is not None:
            target.setFocus()

    def when_ready(self, command: Callable[[], object]) -> None:
        """Run a menu command now, or once the data is there if the window still waits."""
        if self._session is None:
            self.type_ahead.defer(command)
        else:
            command()

    # -- tabs -------------------------------------------------------------------------------

    @property
    def calculator(self) -> CalculatorTab:
        return cast("CalculatorTab", self.tabs.page(CALCULATOR_TAB))

    @property
    def stream_log(self) -> StreamLogTab:
        return cast("StreamLogTab", self.tabs.page(STREAM_LOG_TAB))

    @property
    def income(self) -> IncomeTab:
        return cast("IncomeTab", self.tabs.page(INCOME_TAB))

    def _build_calculator(self) -> QWidget:
        from livetally.models.commands import AddStreamCommand, run
        from livetally.ui.calculator_tab import CalculatorTab

        session = self.session
        tab = CalculatorTab(session)
        tab.stream_saver = lambda record, profile: run(
            session, AddStreamCommand(session, record, profile)
        )
        tab.sample_requested.connect(self.add_sample_data)
        return tab

    def _build_stream_log(self) -> QWidget:
        from livetally.ui.stream_log_tab import StreamLogTab

        tab = StreamLogTab(self.session)
        tab.empty.sample_requested.connect(self.add_sample_data)
        self._state.restore_table("streams", tab.table.horizontalHeader())
        self._state.remember_splitter("streams", tab.splitter)
        return tab

    def _build_income(self) -> QWidget:
        from livetally.ui.income_tab import IncomeTab

        tab = IncomeTab(self.session)
        tab.empty.sample_requested.connect(self.add_sample_data)
        self._state.restore_table("income", tab.table.horizontalHeader())
        self._state.remember_splitter("income", tab.splitter)
        return tab

    # -- menus (:mod:`livetally.ui.menus`) -----------------------------------------------------

    @property
    def undo_action(self) -> QAction:
        return self.menus.undo_action

    @property
    def redo_action(self) -> QAction:
        return self.menus.redo_action

    @property
    def delete_action(self) -> QAction:
        return self.menus.delete_action

    @property
    def add_sample_action(self) -> QAction:
        return self.menus.add_sample_action

    @property
    def remove_sample_action(self) -> QAction:
        return self.menus.remove_sample_action

    def _built_headers(self) -> dict[str, QHeaderView]:
        """The tables' headers, of the tabs built so far."""
        headers = {}
        if self.tabs.is_built(STREAM_LOG_TAB):
            headers["streams"] = self.stream_log.table.horizontalHeader()
        if self.tabs.is_built(INCOME_TAB):
            headers["income"] = self.income.table.horizontalHeader()
        return headers

    # -- edit ---------------------------------------------------------------------------------

    def add_item(self) -> None:
        if self.tabs.currentIndex() == INCOME_TAB:
            self.income.add_entry()
        else:
            self.stream_log.add_stream()

    def delete_item(self) -> None:
        if self.tabs.currentIndex() == INCOME_TAB:
            self.income.delete_selected()
        elif self.tabs.currentIndex() == STREAM_LOG_TAB:
            self.stream_log.delete_selected()

    def find_streams(self) -> None:
        self.tabs.setCurrentWidget(self.stream_log)
        self.stream_log.focus_filter()

    # -- sample data ----------------------------------------------------------------------------

    def add_sample_data(self) -> None:
        """Add the sample rows as one undoable step (Edit > Undo takes them away too)."""
        import datetime as dt

        from livetally.core.sample import sample_data
        from livetally.models.commands import AddSampleDataCommand, run
        from livetally.models.session import read_only_message
        from livetally.ui import prompts

        if self.session.read_only:
            prompts.warn(self, "Nothing was added", read_only_message(self.session.home))
            return
        if self.session.ledger.has_sample_data():
            return  # undo of the command removes every sample row: never two sets
        data = sample_data(
            dt.date.today(), offset=dt.datetime.now().astimezone().utcoffset() or dt.timedelta()
        )
        run(self.session, AddSampleDataCommand(self.session, data, self.session.profile()))
        self.statusBar().showMessage(
            "Sample data added: View > Remove sample data takes it away.", 8000
        )

    def remove_sample_data(self) -> None:
        removed = self.session.ledger.remove_sample_data()
        self.session.undo_stack.clear()  # undo steps may refer to rows that are gone
        self.session.ledger_was_changed()
        from livetally.core.words import counted

        self.statusBar().showMessage(f"Removed {counted(removed, 'sample row')}.", 8000)

    def _update_sample_actions(self) -> None:
        has_sample = self.session.ledger.has_sample_data()
        writable = not self.session.read_only
        self.remove_sample_action.setEnabled(has_sample and writable)
        self.add_sample_action.setEnabled(not has_sample and writable)

    def _show_read_only(self) -> None:
        """Say, for as long as the window is open, that nothing here is saved, and turn off
        what would try: the data home cannot be written (a read-only disk, or shared)."""
        from livetally.models.session import read_only_message

        reason = read_only_message(self.home)
        self.read_only_label = QLabel("Read-only: changes are not saved")
        self.read_only_label.setToolTip(reason)
        self.read_only_label.setAccessibleName("Read-only")
        self.statusBar().addWidget(self.read_only_label)
        self.setWindowTitle("LiveTally (read-only)")
        for action in self.menus.writing_actions:
            action.setEnabled(False)
            action.setToolTip(reason)

    # -- files ----------------------------------------------------------------------------------

    def import_csv(self, kind: ImportKind) -> None:
        from livetally.ui import file_commands

        file_commands.import_csv(self, self.session, kind)

    def import_tiktok(self) -> None:
        """TikTok's own LIVE history: the "Download your data" export, previewed first."""
        from livetally.ui import prompts
        from livetally.ui.tiktok_dialog import FILE_FILTER, TikTokImportDialog

        path = prompts.open_file(self, "Import TikTok data", FILE_FILTER)
        if path is None:
            return
        TikTokImportDialog(self.session, path, self).open()

    def export_csv(self, kind: ImportKind) -> None:
        from livetally.ui import file_commands

        file_commands.export_csv(self, self.session, kind)

    def export_year_report(self) -> None:
        from livetally.ui.year_report_dialog import YearReportDialog

        dialog = YearReportDialog(self.session, self)
        dialog.written.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dialog.open()

    def back_up(self) -> None:
        path = self.session.ledger.backup("manual")
        self.statusBar().showMessage(f"Backed up to {path}", 8000)

    def restore_backup(self) -> None:
        from livetally.ui import file_commands

        file_commands.restore_backup(self, self.session)

    def open_settings_file(self) -> None:
        open_in_desktop(self.session.home.settings_path)

    def open_settings(self) -> None:
        from livetally.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.session, self).open()

    def _watch_settings(self) -> None:
        from livetally.models.settings_watcher import SettingsWatcher

        self.settings_watcher = SettingsWatcher(self.session, self)
        self.settings_watcher.reloaded.connect(self._settings_reloaded)
        self.settings_watcher.failed.connect(self._settings_failed)

    def _settings_reloaded(self, settings_file: object) -> None:
        self.session.adopt_settings(settings_file)  # type: ignore[arg-type]
        if self.settings_notice is not None:
            self.settings_notice.clear()
        self.statusBar().showMessage(
            "settings.toml changed; LiveTally now uses the new rates.", 8000
        )

    def _settings_failed(self, message: str) -> None:
        """Say so until the file is good again: elided to fit, whole in the tooltip."""
        if self.settings_notice is None:
            from livetally.ui.settings_notice import SettingsNotice

            self.settings_notice = SettingsNotice(self.open_settings_file)
            self.statusBar().insertWidget(0, self.settings_notice, 1)
        self.statusBar().clearMessage()
        self.settings_notice.show_problem(message, self.session.home.settings_path)

    # -- help -----------------------------------------------------------------------------------

    def show_money_help(self) -> None:
        from livetally.ui.help import TextDialog, money_help_html

        TextDialog("How the money works", money_help_html(self.session), self).open()

    def show_about(self) -> None:
        from livetally.ui.help import TextDialog, about_html

        TextDialog("About LiveTally", about_html(), self).open()

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.attached:  # closed before the data home was read: nothing written there
            self._state.save(self, self.tabs, self._built_headers())
            if self.forecast is not None:
                self.forecast.stop()  # no forecast after the ledger is let go
        super().closeEvent(event)
