"""Payouts: the history of withdrawals, recorded, corrected and deleted with undo, and a
check of the ledger's balance against what the TikTok wallet shows.

Opened from the Calculator's payout panel and from the status bar. Without it, after the
first withdrawal the window went on saying "Ready to withdraw" about diamonds long gone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from livetally.core.money import InputError
from livetally.core.records import PayoutRecord
from livetally.models import commands
from livetally.models.formatting import Formatter
from livetally.models.payout_commands import (
    AddPayoutCommand,
    DeletePayoutCommand,
    EditPayoutCommand,
)
from livetally.models.payout_table import PayoutTableModel
from livetally.models.session import Session
from livetally.models.wallet_check import WalletCheck, describe, read_wallet
from livetally.storage.errors import LedgerError
from livetally.storage.ledger import Payout
from livetally.ui import prompts
from livetally.ui.fields import FieldError, count_field
from livetally.ui.payout_form import PayoutForm
from livetally.ui.tables import row_table


class PayoutsDialog(QDialog):
    """The payout history with Record / Edit / Delete / Undo, and the wallet check."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, formatter: Formatter | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._format = formatter or Formatter()
        self.setWindowTitle("Payouts")
        self.balance = QLabel()
        self.balance.setWordWrap(True)
        self.model = PayoutTableModel(session, self._format, self)
        self.table = row_table()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Payouts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.balance)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(self._build_actions())
        layout.addWidget(self._build_wallet_check())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(640, 480)
        session.ledger_changed.connect(self._refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._refresh()

    def _build_actions(self) -> QHBoxLayout:
        self.record_button = QPushButton("&Record payout…")
        self.record_button.clicked.connect(self.record_payout)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        stack = self._session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self, "Re&do")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])  # the window's are out of reach
        row = QHBoxLayout()
        for button in (self.record_button, self.edit_button, self.delete_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch()
        for action in (self.undo_action, self.redo_action):
            tool = QToolButton()
            tool.setDefaultAction(action)
            tool.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(tool)
        if self._session.read_only:
            for button in (self.record_button, self.edit_button, self.delete_button):
                button.setEnabled(False)
        return row

    def _build_wallet_check(self) -> QGroupBox:
        box = QGroupBox("Check against your wallet")
        self.wallet = count_field("e.g. 12,500")
        self.wallet.setAccessibleName("My wallet shows (diamonds)")
        self.wallet.setMaximumWidth(160)
        self.wallet.returnPressed.connect(self.check_wallet)
        shows, unit = QLabel("My wallet shows"), QLabel("diamonds")
        shows.setBuddy(self.wallet)
        self.check_button = QPushButton("C&heck")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check_wallet)
        self.wallet_error = FieldError()
        self.wallet_result = QLabel()
        self.wallet_result.setWordWrap(True)
        self.wallet_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(shows)
        row.addWidget(self.wallet)
        row.addWidget(unit)
        row.addWidget(self.check_button)
        row.addStretch()
        column = QVBoxLayout(box)
        column.addLayout(row)
        column.addWidget(self.wallet_error)
        column.addWidget(self.wallet_result)
        return box

    # -- showing ---------------------------------------------------------------------------------

    def _refresh(self) -> None:
        status = self._session.payout_status()
        fmt = self._format
        self.balance.setText(
            f"Not yet cashed out: {fmt.counted(status.balance_diamonds, 'diamond')} "
            f"({fmt.money(status.gross_usd)})."
        )
        self.summary.setText(self.model.summary())
        if self.wallet_result.text():
            self.check_wallet()  # the ledger moved: the comparison is made again
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None and not self._session.read_only
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def selected(self) -> Payout | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.payout_at(rows[0].row()) if rows else None

    def select_payout(self, payout_id: int) -> None:
        row = self.model.row_of(payout_id)
        if row is not None:
            self.table.selectRow(row)

    # -- acting --------------------------------------------------------------------------------

    def record_payout(self) -> PayoutForm:
        """Open the form for a new payout (window-modal, not blocking); returns it."""
        form = PayoutForm(self._session, self._record, self)
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    def edit_selected(self) -> PayoutForm | None:
        chosen = self.selected()
        if chosen is None or self._session.read_only:
            return None
        form = PayoutForm(
            self._session, lambda record: self._edit(chosen, record), self, payout=chosen
        )
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        record, fmt = chosen.record, self._format
        what = (
            f"the payout of {fmt.counted(record.diamonds, 'diamond')} "
            f"({fmt.money(record.cash_usd)}) on {fmt.date(record.date)}"
        )
        if not prompts.confirm(
            self,
            "Delete payout",
            f"Delete {what}?\n\nIts diamonds count towards your balance again. "
            "Edit > Undo brings it back.",
            "Delete",
        ):
            return
        try:
            commands.run(self._session, DeletePayoutCommand(self._session, chosen))
        except LedgerError as error:
            prompts.warn(self, "Nothing was deleted", str(error))

    def _record(self, record: PayoutRecord) -> None:
        command = AddPayoutCommand(self._session, record)
        commands.run(self._session, command)
        if command.recorded is not None:
            self.select_payout(command.recorded.id)

    def _edit(self, before: Payout, record: PayoutRecord) -> None:
        commands.run(self._session, EditPayoutCommand(self._session, before, record))
        self.select_payout(before.id)

    def check_wallet(self) -> None:
        """Compare the diamonds typed with the ledger's balance, and say the difference."""
        try:
            wallet = read_wallet(self.wallet.text())
        except InputError as error:
            self.wallet_error.set_message(f"{error.field}: {error.message}")
            self.wallet_result.clear()
            return
        self.wallet_error.set_message("")
        check = WalletCheck(wallet, self._session.ledger.balance().diamonds)
        self.wallet_result.setText(describe(check, self._session.profile(), self._format))


def open_payouts(
    session: Session, parent: QWidget | None, formatter: Formatter | None = None
) -> PayoutsDialog:
    """The payouts dialog, window-modal over ``parent``, deleted when closed."""
    dialog = PayoutsDialog(session, parent, formatter)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
