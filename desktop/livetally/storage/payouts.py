"""Changing recorded payouts: edit, delete and put back, each one ledger transaction.

``Ledger`` records payouts and reads them (``add_payout``, ``payouts``); the window also
corrects and removes them, with undo. That lives here so the ledger module does not grow:
these functions work on an open :class:`~livetally.storage.ledger.Ledger`'s connection.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from livetally.core.money import plain_decimal
from livetally.core.payout import payout_problem
from livetally.core.records import PayoutRecord
from livetally.core.words import counted
from livetally.storage.connection import transaction
from livetally.storage.errors import LedgerError
from livetally.storage.ledger import Ledger, Payout


def payout(ledger: Ledger, payout_id: int) -> Payout:
    """The payout with ``payout_id``, or a LedgerError saying it is not there."""
    row = ledger.connection.execute(
        "SELECT date, diamonds, cash_usd, method, fee_usd FROM payouts WHERE id = ?",
        (payout_id,),
    ).fetchone()
    if row is None:
        raise LedgerError(f"payout {payout_id} is not in the ledger")
    date, diamonds, cash, method, fee = row
    record = PayoutRecord(
        date=dt.date.fromisoformat(date),
        diamonds=int(diamonds),
        cash_usd=Decimal(cash),
        method=method,
        fee_usd=Decimal(fee),
    )
    return Payout(payout_id, record)


def replace_payout(
    ledger: Ledger, payout_id: int, record: PayoutRecord, *, check_balance: bool = True
) -> Payout:
    """Correct a payout in place (same id). Refused, with nothing changed, when the figures
    are not a payout or would cash out more diamonds than were ever credited (unless
    ``check_balance`` is off: undo puts back what was there, whatever changed since)."""
    problem = payout_problem(record.diamonds, record.cash_usd, record.fee_usd)
    if problem is not None:
        raise LedgerError(problem)
    before = payout(ledger, payout_id)
    available = ledger.balance_diamonds() + before.record.diamonds
    if check_balance and record.diamonds > available:
        raise LedgerError(
            f"cannot cash out {counted(record.diamonds, 'diamond')}: without this payout the "
            f"balance is {available:,}"
        )
    with transaction(ledger.connection):
        ledger.connection.execute(
            "UPDATE payouts SET date = ?, diamonds = ?, cash_usd = ?, method = ?, fee_usd = ? "
            "WHERE id = ?",
            (*_values(record), payout_id),
        )
    return Payout(payout_id, record)


def delete_payout(ledger: Ledger, payout_id: int) -> Payout:
    """Remove a payout (its diamonds count towards the balance again); returns what went."""
    gone = payout(ledger, payout_id)
    with transaction(ledger.connection):
        ledger.connection.execute("DELETE FROM payouts WHERE id = ?", (payout_id,))
    return gone


def restore_payout(ledger: Ledger, entry: Payout) -> Payout:
    """Put a deleted payout back with its id (undo). Not checked against the balance: undo
    puts back exactly what was there."""
    with transaction(ledger.connection):
        ledger.connection.execute(
            "INSERT INTO payouts (id, date, diamonds, cash_usd, method, fee_usd, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (entry.id, *_values(entry.record), _now()),
        )
    return entry


def _values(record: PayoutRecord) -> tuple[str, int, str, str, str]:
    return (
        record.date.isoformat(),
        record.diamonds,
        plain_decimal(record.cash_usd),
        record.method,
        plain_decimal(record.fee_usd),
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
