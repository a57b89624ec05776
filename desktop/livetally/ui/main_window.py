"""The main window: three tabs, the menus, and the balance always in the status bar.

Only the tab on screen is built at start (see :class:`~livetally.ui.lazy_tabs.LazyTabWidget`);
the others, and the modules behind them, wait until they are first shown or asked for.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QWidget

from livetally.core.words import RECORD_NOUNS, counted
from livetally.models.session import Session, read_only_message
from livetally.storage.errors import LedgerError
from livetally.ui import prompts
from livetally.ui.lazy_tabs import LazyTabWidget
from livetally.ui.status import BalanceIndicator
from livetally.ui.window_state import WindowState

if TYPE_CHECKING:
    from livetally.models.import_worker import ImportKind
    from livetally.ui.calculator_tab import CalculatorTab
    from livetally.ui.income_tab import IncomeTab
    from livetally.ui.settings_notice import SettingsNotice
    from livetally.ui.stream_log_tab import StreamLogTab

CSV_FILTER = "CSV files (*.csv);;All files (*)"
#: The tabs, in order, as their labels read (with their keyboard mnemonics).
TAB_LABELS = ("&Calculator", "&Stream log", "&Income streams")
CALCULATOR_TAB, STREAM_LOG_TAB, INCOME_TAB = range(3)


def open_in_desktop(path: object) -> None:
    """Open a file with the desktop's own application (a seam for tests)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class MainWindow(QMainWindow):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("LiveTally")
        self.resize(1180, 780)
        self._state = WindowState(session.home.root)
        self.tabs = LazyTabWidget()
        builders = (self._build_calculator, self._build_stream_log, self._build_income)
        for build, label in zip(builders, TAB_LABELS, strict=True):
            self.tabs.add_lazy_tab(build, label)
        self.setCentralWidget(self.tabs)
        self.balance = BalanceIndicator(session)
        self.statusBar().addPermanentWidget(self.balance)
        self._writing_actions: list[QAction] = []
        self._build_menus()
        if session.read_only:
            self._show_read_only()
        session.ledger_changed.connect(self._update_sample_actions)
        self._update_sample_actions()
        self._state.restore(self, self.tabs)
        self.settings_notice: SettingsNotice | None = None  # made on the first problem
        self._watch_settings()

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
        return tab

    def _build_stream_log(self) -> QWidget:
        from livetally.ui.stream_log_tab import StreamLogTab

        tab = StreamLogTab(self.session)
        tab.empty.sample_requested.connect(self.add_sample_data)
        self._state.restore_table("streams", tab.table.horizontalHeader())
        return tab

    def _build_income(self) -> QWidget:
        from livetally.ui.income_tab import IncomeTab

        tab = IncomeTab(self.session)
        tab.empty.sample_requested.connect(self.add_sample_data)
        self._state.restore_table("income", tab.table.horizontalHeader())
        return tab

    # -- menus --------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        writes: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if writes:  # off, with the reason, in a data home that is read-only
            self._writing_actions.append(action)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(
            self._action(
                "Import streams from CSV…", lambda: self.import_csv("streams"), writes=True
            )
        )
        file_menu.addAction(
            self._action("Import income from CSV…", lambda: self.import_csv("income"), writes=True)
        )
        file_menu.addAction(
            self._action("Export streams as CSV…", lambda: self.export_csv("streams"))
        )
        file_menu.addAction(
            self._action("Export income as CSV…", lambda: self.export_csv("income"))
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Back up now", self.back_up, writes=True))
        file_menu.addAction(
            self._action("&Restore from a backup…", self.restore_backup, writes=True)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("Open settings &file", self.open_settings_file))
        file_menu.addAction(
            self._action("&Settings…", self.open_settings, QKeySequence.StandardKey.Preferences)
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        edit_menu = bar.addMenu("&Edit")
        undo = self.session.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action("&Add…", self.add_item, QKeySequence.StandardKey.New, writes=True)
        )
        delete = self._action(
            "&Delete", self.delete_item, QKeySequence.StandardKey.Delete, writes=True
        )
        edit_menu.addAction(delete)
        edit_menu.addAction(self._action("&Find", self.find_streams, QKeySequence.StandardKey.Find))
        self.undo_action, self.redo_action, self.delete_action = undo, redo, delete

        view_menu = bar.addMenu("&View")
        for index, name in enumerate(("Calculator", "Stream log", "Income streams")):
            show_tab = partial(self.tabs.setCurrentIndex, index)
            view_menu.addAction(self._action(name, show_tab, f"Ctrl+{index + 1}"))
        view_menu.addSeparator()
        self.add_sample_action = self._action("Add &sample data", self.add_sample_data)
        self.remove_sample_action = self._action("&Remove sample data", self.remove_sample_data)
        view_menu.addAction(self.add_sample_action)
        view_menu.addAction(self.remove_sample_action)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("How the &money works", self.show_money_help, "F1"))
        help_menu.addAction(self._action("&About LiveTally", self.show_about))

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
        from livetally.core.sample import sample_data

        if self.session.read_only:
            prompts.warn(self, "Nothing was added", read_only_message(self.session.home))
            return
        data = sample_data(
            dt.date.today(), offset=dt.datetime.now().astimezone().utcoffset() or dt.timedelta()
        )
        self.session.ledger.add_sample_data(data.streams, data.income, self.session.profile())
        self.session.ledger_was_changed()
        self.statusBar().showMessage(
            "Sample data added: View > Remove sample data takes it away.", 8000
        )

    def remove_sample_data(self) -> None:
        removed = self.session.ledger.remove_sample_data()
        self.session.undo_stack.clear()  # undo steps may refer to rows that are gone
        self.session.ledger_was_changed()
        self.statusBar().showMessage(f"Removed {counted(removed, 'sample row')}.", 8000)

    def _update_sample_actions(self) -> None:
        has_sample = self.session.ledger.has_sample_data()
        writable = not self.session.read_only
        self.remove_sample_action.setEnabled(has_sample and writable)
        self.add_sample_action.setEnabled(not has_sample and writable)

    def _show_read_only(self) -> None:
        """Say, for as long as the window is open, that nothing here is saved, and turn off
        what would try: the data home cannot be written (a read-only disk, or shared)."""
        reason = read_only_message(self.session.home)
        self.read_only_label = QLabel("Read-only: changes are not saved")
        self.read_only_label.setToolTip(reason)
        self.read_only_label.setAccessibleName("Read-only")
        self.statusBar().addWidget(self.read_only_label)
        self.setWindowTitle("LiveTally (read-only)")
        for action in self._writing_actions:
            action.setEnabled(False)
            action.setToolTip(reason)

    # -- files ----------------------------------------------------------------------------------

    def import_csv(self, kind: ImportKind) -> None:
        path = prompts.open_file(self, f"Import {kind} from CSV", CSV_FILTER)
        if path is None:
            return
        from livetally.ui.import_dialog import ImportDialog

        ImportDialog(self.session, kind, path, self).open()

    def export_csv(self, kind: ImportKind) -> None:
        path = prompts.save_file(
            self, f"Export {kind} as CSV", f"livetally-{kind}.csv", CSV_FILTER, self.session.home
        )
        if path is None:
            return
        from livetally.files import write_text_atomic
        from livetally.storage.csv_write import write_income_csv, write_streams_csv

        buffer = io.StringIO(newline="")
        ledger = self.session.ledger
        if kind == "streams":
            rows = write_streams_csv((s.record for s in ledger.streams()), buffer)
        else:
            rows = write_income_csv((e.record for e in ledger.income()), buffer)
        try:
            write_text_atomic(path, buffer.getvalue())
        except OSError as error:
            from livetally.problems import describe

            prompts.warn(self, "Could not export", describe(error))
            return
        self.statusBar().showMessage(f"Wrote {counted(rows, *RECORD_NOUNS[kind])} to {path}.", 8000)

    def back_up(self) -> None:
        path = self.session.ledger.backup("manual")
        self.statusBar().showMessage(f"Backed up to {path}", 8000)

    def restore_backup(self) -> None:
        path = prompts.open_file(self, "Restore from a backup", "LiveTally backups (*.sqlite3)")
        if path is None:
            return
        if not prompts.confirm(
            self,
            "Restore from a backup",
            f"Replace everything in LiveTally with {path.name}?\n\nThe data as it is now is "
            "backed up first, so this can be undone by restoring that backup.",
            "Restore",
        ):
            return
        try:
            safety = self.session.ledger.restore(path)
        except LedgerError as error:
            prompts.warn(self, "Restore from a backup", str(error))
            return
        self.session.undo_stack.clear()
        self.session.ledger_was_changed()
        self.statusBar().showMessage(
            f"Restored {path.name}; the previous data is in {safety}", 10000
        )

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
        self._state.save(self, self.tabs, self._built_headers())
        super().closeEvent(event)
