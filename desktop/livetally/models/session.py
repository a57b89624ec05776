"""The window's working set: one data home's settings, gift catalog, ledger and undo stack.

Tabs and dialogs share this object instead of each reading files, so a settings edit
or a ledger change is made once and every view hears about it through a signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from livetally.core.gifts import GiftCatalog
from livetally.core.payout import PayoutStatus, balance_status
from livetally.core.rates import RateProfile
from livetally.core.report import DayTotal
from livetally.datahome import DataHome
from livetally.models.changes import EVERYTHING, LedgerChange
from livetally.settings.document import SettingsFile
from livetally.settings.errors import SettingsError
from livetally.settings.model import Settings
from livetally.storage.errors import LedgerError
from livetally.storage.ledger import Ledger


class Session(QObject):
    """Shared state of the open window; emits a signal whenever settings or ledger change."""

    settings_changed = Signal()
    #: After every change to the ledger: for views that read what they show again.
    ledger_changed = Signal()
    #: After a change that touched streams, with what it changed (a :class:`LedgerChange`):
    #: for the stream log, which applies it row by row.
    streams_changed = Signal(object)
    #: The monthly goal was set (``ui.goal_dialog``): only the goal's own views follow.
    goal_changed = Signal()

    def __init__(
        self,
        home: DataHome,
        settings_file: SettingsFile,
        catalog: GiftCatalog,
        ledger: Ledger,
        parent: QObject | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.home = home
        #: The data home cannot be written: every view shows the data, nothing saves it.
        self.read_only = read_only
        self.catalog = catalog
        self.ledger = ledger
        self.undo_stack = QUndoStack(self)
        self._settings_file = settings_file
        self._days: list[DayTotal] | None = None

    @property
    def settings_file(self) -> SettingsFile:
        return self._settings_file

    @property
    def settings(self) -> Settings:
        return self._settings_file.settings

    def profile(self, country: str | None = None) -> RateProfile:
        return self.settings.profile(country)

    def refuse_if_read_only(self) -> None:
        """Raise :class:`ReadOnlyError` before any write to a data home that is read-only."""
        if self.read_only:
            raise ReadOnlyError(read_only_message(self.home))

    def save_settings(self, edited: SettingsFile) -> None:
        """Write an edit made through the settings layer, then tell every view."""
        if self.read_only:
            raise SettingsError(edited.path, read_only_message(self.home))
        edited.save()
        self.adopt_settings(SettingsFile.load(edited.path))

    def adopt_settings(self, reloaded: SettingsFile) -> None:
        """Use settings already read and checked (after a change made outside the app)."""
        self._settings_file = reloaded
        self.settings_changed.emit()

    def payout_status(self) -> PayoutStatus:
        """The ledger's diamond balance against the default country's payout minimum."""
        return balance_status(self.ledger.balance(), self.profile())

    def live_days(self) -> list[DayTotal]:
        """Each day's LIVE streams added up (by the ledger, not stream by stream), read once
        per change: what the income table and chart show.

        There is deliberately no list of every stream here: for 100,000 streams that is a
        hundred megabytes of objects; the stream log reads the ledger as columns instead.
        """
        if self._days is None:
            self._days = self.ledger.live_days()
        return self._days

    def ledger_was_changed(self, change: LedgerChange = EVERYTHING) -> None:
        """Called after any write to the ledger, so tables, charts and the status bar follow.

        ``change`` says what changed, when the caller knows: an income edit then leaves the
        stream log alone, and a stream edit moves one row of it instead of all of them.
        """
        if change.streams:
            self._days = None
            self.streams_changed.emit(change)
        self.ledger_changed.emit()


class ReadOnlyError(LedgerError):
    """A change asked of a data home that is read-only; nothing was changed."""


def read_only_message(home: DataHome) -> str:
    return (
        f"{home.root} is read-only, so LiveTally shows your data but cannot save changes; "
        "nothing was changed. Make the folder (and livetally.sqlite3 in it) writable, then "
        "open LiveTally again"
    )
