"""Recorded payouts: record, read, edit, delete and put back, each one ledger transaction.

``Ledger.add_payout`` and ``Ledger.payouts`` delegate here; the window also corrects and
removes payouts, with undo. These functions work on an open
:class:`~livetally.storage.ledger.Ledger`'s connection (and its balance, which a payout
may not exceed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from livetally.core.money import plain_decimal
from livetally.core.payout import payout_problem
from livetally.core.records import PayoutRecord
from livetally.core.words import counted
from livetally.storage.connection import transaction
from livetally.storage.errors import LedgerError
from livetally.storage.row_values import now_stamp

if TYPE_CHECKING:
    from livetally.storage.ledger import Ledger


@dataclass(frozen=True)
class Payout:
    id: int
    record: PayoutRecord


def record_payout(ledger: Ledger, record: PayoutRecord) -> Payout:
    """Record a payout. Refused, with nothing changed, when the figures are not a payout or
    would cash out more diamonds than the balance holds."""
    problem = payout_problem(record.diamonds, record.cash_usd, record.fee_usd)
    if problem is not None:
        raise LedgerError(problem)
    if record.diamonds > ledger.balance_diamonds():
        raise LedgerError(
            f"cannot cash out {counted(record.diamonds, 'diamond')}: the balance is "
            f"{int(ledger.balance_diamonds()):,}"
        )
    with transaction(ledger.connection):
        cursor = ledger.connection.execute(
            "INSERT INTO payouts (date, diamonds, cash_usd, method, fee_usd, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (*_values(record), now_stamp()),
        )
    return Payout(int(cursor.lastrowid or 0), record)


def all_payouts(ledger: Ledger) -> list[Payout]:
    """Every payout, by date (then in the order recorded)."""
    rows = ledger.connection.execute(
        "SELECT id, date, diamonds, cash_usd, method, fee_usd FROM payouts ORDER BY date, id"
    )
    return [
        Payout(
            row_id,
            PayoutRecord(
                date=dt.date.fromisoformat(date),
                diamonds=diamonds,
                cash_usd=Decimal(cash),
                method=method,
                fee_usd=Decimal(fee),
            ),
        )
        for row_id, date, diamonds, cash, method, fee in rows
    ]


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
            (entry.id, *_values(entry.record), now_stamp()),
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
