"""Payout history as a table: when, how many diamonds, the cash, the fee and the method.

Newest first, the order a wallet's history reads in. The table follows the ledger: any
change (a payout recorded, edited, deleted or undone anywhere) reloads it; a creator has a
few payouts a month, so reading them all again costs nothing.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.models.table_roles import (
    ALIGNMENT_ROLE,
    DISPLAY_ROLE,
    NUMBER_ALIGNMENT,
    TEXT_ALIGNMENT,
)
from livetally.storage.ledger import Payout

_RIGHT = NUMBER_ALIGNMENT
_LEFT = TEXT_ALIGNMENT
_ROLES = frozenset({DISPLAY_ROLE, ALIGNMENT_ROLE})
_ROOT = QModelIndex()


class PayoutColumn(IntEnum):
    DATE = 0
    DIAMONDS = 1
    CASH = 2
    FEE = 3
    METHOD = 4


HEADERS = {
    PayoutColumn.DATE: "Date",
    PayoutColumn.DIAMONDS: "Diamonds",
    PayoutColumn.CASH: "Cash received",
    PayoutColumn.FEE: "Fee",
    PayoutColumn.METHOD: "Method",
}


class PayoutTableModel(QAbstractTableModel):
    """Every recorded payout, newest first, formatted for the locale."""

    def __init__(
        self, session: Session, formatter: Formatter | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._format = formatter or Formatter()
        self._payouts: list[Payout] = []
        session.ledger_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._payouts = sorted(
            self._session.ledger.payouts(), key=lambda p: (p.record.date, p.id), reverse=True
        )
        self.endResetModel()

    def payout_at(self, row: int) -> Payout:
        return self._payouts[row]

    def row_of(self, payout_id: int) -> int | None:
        for row, entry in enumerate(self._payouts):
            if entry.id == payout_id:
                return row
        return None

    def summary(self) -> str:
        """``2 payouts: 3,000 diamonds, $150.00 received`` (or that there are none)."""
        if not self._payouts:
            return "No payouts recorded yet."
        fmt = self._format
        diamonds = sum(p.record.diamonds for p in self._payouts)
        cash = sum((p.record.cash_usd for p in self._payouts), start=Decimal(0))
        return (
            f"{fmt.counted(len(self._payouts), 'payout')}: "
            f"{fmt.counted(diamonds, 'diamond')}, {fmt.money(cash)} received"
        )

    # -- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._payouts)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(PayoutColumn)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        column = PayoutColumn(index.column())
        if role == DISPLAY_ROLE:
            return self._text(self._payouts[index.row()], column)
        return _LEFT if column in (PayoutColumn.DATE, PayoutColumn.METHOD) else _RIGHT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[PayoutColumn(section)]
        return super().headerData(section, orientation, role)

    def _text(self, entry: Payout, column: PayoutColumn) -> str:
        record, fmt = entry.record, self._format
        if column is PayoutColumn.DATE:
            return fmt.date(record.date)
        if column is PayoutColumn.DIAMONDS:
            return fmt.count(record.diamonds)
        if column is PayoutColumn.CASH:
            return fmt.money(record.cash_usd)
        if column is PayoutColumn.FEE:
            return fmt.money(record.fee_usd)
        return record.method
