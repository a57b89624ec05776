"""Undoable ledger actions: each step is one ledger transaction, done and undone.

A command is first *applied* directly, outside the undo stack, so a refusal (a stream
already logged, a file changed on disk) reaches the caller as an ordinary exception and
nothing lands on the stack; :func:`run` then pushes it, and its first ``redo`` only tells
the views. Commands keep what they need to reverse themselves (a deleted stream with its
id and logged rates), so undo puts back exactly what was there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from livetally.core.rates import RateProfile
from livetally.core.records import IncomeRecord, LoggedIncome, LoggedStream, StreamRecord
from livetally.models.changes import EVERYTHING, NO_STREAMS, LedgerChange
from livetally.models.session import Session

if TYPE_CHECKING:  # made only when a newcomer asks for sample data (and random with it)
    from livetally.core.sample import SampleData

#: Writes a stream; raising LedgerError or InputError keeps the stream dialog open with the
#: message. :func:`log_stream`, or an undoable ``AddStreamCommand`` through :func:`run`.
StreamSaver = Callable[[StreamRecord, RateProfile], object]


def log_stream(session: Session, record: StreamRecord, profile: RateProfile) -> LoggedStream:
    """Add ``record`` to the ledger at ``profile``'s rates and tell every view (no undo step:
    for callers without an undo stack)."""
    logged = session.ledger.add_stream(record, profile)
    session.ledger_was_changed(LedgerChange.streams_added([logged]))
    return logged


class LedgerCommand(QUndoCommand):
    """Base: subclasses implement ``_do`` and ``_undo``, each one ledger transaction, each
    returning what it changed (None: anything may have, and every view reads again)."""

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self._session = session
        self._applied: LedgerChange | None = None
        self._just_applied = False

    def apply(self) -> None:
        self._applied = self._do() or EVERYTHING
        self._just_applied = True

    def redo(self) -> None:
        if self._just_applied:
            self._just_applied = False  # QUndoStack.push calls redo: the work is done already
            change = self._applied or EVERYTHING
        else:
            change = self._do() or EVERYTHING
        self._session.ledger_was_changed(change)

    def undo(self) -> None:
        self._session.ledger_was_changed(self._undo() or EVERYTHING)

    def _do(self) -> LedgerChange | None:
        raise NotImplementedError

    def _undo(self) -> LedgerChange | None:
        raise NotImplementedError


def run(session: Session, command: LedgerCommand) -> None:
    """Apply ``command`` (exceptions reach the caller, nothing is pushed), then push it.

    A read-only data home refuses here, before the command touches the ledger.
    """
    session.refuse_if_read_only()
    command.apply()
    session.undo_stack.push(command)


class AddStreamCommand(LedgerCommand):
    def __init__(self, session: Session, record: StreamRecord, profile: RateProfile) -> None:
        super().__init__(session, "Log stream")
        self._record = record
        self._profile = profile
        self.logged: LoggedStream | None = None

    def _do(self) -> LedgerChange:
        ledger = self._session.ledger
        if self.logged is None:
            self.logged = ledger.add_stream(self._record, self._profile)
            return LedgerChange.streams_added([self.logged])
        return LedgerChange.streams_added([ledger.restore_stream(self.logged)])

    def _undo(self) -> LedgerChange:
        assert self.logged is not None
        self._session.ledger.delete_stream(self.logged.id)
        return LedgerChange.streams_removed([self.logged.id])


class EditStreamCommand(LedgerCommand):
    """Change a stream's figures; it keeps the rates it was logged at."""

    def __init__(self, session: Session, before: LoggedStream, record: StreamRecord) -> None:
        super().__init__(session, "Edit stream")
        self._before = before
        self._record = record

    def _do(self) -> LedgerChange:
        before = self._before
        after = self._session.ledger.replace_stream(before.id, self._record, before.logged_rates())
        return LedgerChange.streams_edited([after])

    def _undo(self) -> LedgerChange:
        before = self._before
        after = self._session.ledger.replace_stream(before.id, before.record, before.logged_rates())
        return LedgerChange.streams_edited([after])


class DeleteStreamsCommand(LedgerCommand):
    def __init__(self, session: Session, stream_ids: list[int]) -> None:
        count = len(stream_ids)
        super().__init__(session, "Delete stream" if count == 1 else f"Delete {count:,} streams")
        self._ids = stream_ids
        self._deleted: list[LoggedStream] = []

    def _do(self) -> LedgerChange:
        self._deleted = self._session.ledger.delete_streams(self._ids)
        return LedgerChange.streams_removed([stream.id for stream in self._deleted])

    def _undo(self) -> LedgerChange:
        return LedgerChange.streams_added(self._session.ledger.restore_streams(self._deleted))


class AddIncomeCommand(LedgerCommand):
    def __init__(self, session: Session, record: IncomeRecord) -> None:
        super().__init__(session, "Add income")
        self._record = record
        self.logged: LoggedIncome | None = None

    def _do(self) -> LedgerChange:
        ledger = self._session.ledger
        if self.logged is None:
            self.logged = ledger.add_income(self._record)
        else:
            ledger.restore_income(self.logged)
        return NO_STREAMS

    def _undo(self) -> LedgerChange:
        assert self.logged is not None
        self._session.ledger.delete_income(self.logged.id)
        return NO_STREAMS


class EditIncomeCommand(LedgerCommand):
    def __init__(self, session: Session, before: LoggedIncome, record: IncomeRecord) -> None:
        super().__init__(session, "Edit income")
        self._before = before
        self._record = record

    def _do(self) -> LedgerChange:
        self._session.ledger.replace_income(self._before.id, self._record)
        return NO_STREAMS

    def _undo(self) -> LedgerChange:
        self._session.ledger.replace_income(self._before.id, self._before.record)
        return NO_STREAMS


class DeleteIncomeCommand(LedgerCommand):
    def __init__(self, session: Session, entry: LoggedIncome) -> None:
        super().__init__(session, "Delete income")
        self._entry = entry

    def _do(self) -> LedgerChange:
        self._session.ledger.delete_income(self._entry.id)
        return NO_STREAMS

    def _undo(self) -> LedgerChange:
        self._session.ledger.restore_income(self._entry)
        return NO_STREAMS


class AddSampleDataCommand(LedgerCommand):
    """Add the marked sample rows a newcomer explores with; undo takes them away again.

    Offered only while the ledger has no sample rows (the window's menu and buttons check),
    so undo removes exactly what this added. Redo puts the same rows back with the same ids,
    so a later step on the stack (an edit of a sample stream, say) still finds its row.
    """

    def __init__(self, session: Session, data: SampleData, profile: RateProfile) -> None:
        super().__init__(session, "Add sample data")
        self._data = data
        self._profile = profile
        self._added: tuple[list[LoggedStream], list[LoggedIncome]] | None = None

    def _do(self) -> None:
        ledger = self._session.ledger
        if self._added is None:
            ledger.add_sample_data(self._data.streams, self._data.income, self._profile)
            self._added = (
                ledger.sample_streams(),
                ledger.sample_income(),
            )
            return
        streams, income = self._added
        ledger.restore_streams(streams)
        for entry in income:
            ledger.restore_income(entry)

    def _undo(self) -> None:
        self._session.ledger.remove_sample_data()
