"""Undoable payout actions: record, correct and delete a withdrawal, each one transaction.

The same :class:`~livetally.models.commands.LedgerCommand` pattern as streams and income:
applied first (a refusal reaches the dialog and nothing lands on the undo stack), then
pushed; undo puts back exactly what was there, id and all.
"""

from __future__ import annotations

from livetally.core.records import PayoutRecord
from livetally.models.commands import LedgerCommand
from livetally.models.session import Session
from livetally.storage.ledger import Payout
from livetally.storage.payouts import delete_payout, replace_payout, restore_payout


class AddPayoutCommand(LedgerCommand):
    def __init__(self, session: Session, record: PayoutRecord) -> None:
        super().__init__(session, "Record payout")
        self._record = record
        self.recorded: Payout | None = None

    def _do(self) -> None:
        ledger = self._session.ledger
        if self.recorded is None:
            self.recorded = ledger.add_payout(self._record)
        else:
            restore_payout(ledger, self.recorded)

    def _undo(self) -> None:
        assert self.recorded is not None
        delete_payout(self._session.ledger, self.recorded.id)


class EditPayoutCommand(LedgerCommand):
    def __init__(self, session: Session, before: Payout, record: PayoutRecord) -> None:
        super().__init__(session, "Edit payout")
        self._before = before
        self._record = record

    def _do(self) -> None:
        replace_payout(self._session.ledger, self._before.id, self._record)

    def _undo(self) -> None:
        before = self._before
        replace_payout(self._session.ledger, before.id, before.record, check_balance=False)


class DeletePayoutCommand(LedgerCommand):
    def __init__(self, session: Session, entry: Payout) -> None:
        super().__init__(session, "Delete payout")
        self._entry = entry

    def _do(self) -> None:
        delete_payout(self._session.ledger, self._entry.id)

    def _undo(self) -> None:
        restore_payout(self._session.ledger, self._entry)
