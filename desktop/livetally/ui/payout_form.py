"""The form that records a payout (or corrects one): date, diamonds, cash, fee, method.

The checks are the command line's (:func:`~livetally.core.payout.payout_problem` refuses,
:func:`~livetally.core.payout.payout_rate_warning` asks first), so a payout the window
takes is one ``livetally payout add`` would take, and the other way round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from livetally.core.money import InputError, parse_amount, parse_count
from livetally.core.payout import payout_problem, payout_rate_warning
from livetally.core.rates import RateProfile
from livetally.core.records import PayoutRecord
from livetally.models.formatting import ISO_DATE
from livetally.models.session import Session
from livetally.storage.errors import LedgerError
from livetally.storage.ledger import Payout
from livetally.ui import prompts
from livetally.ui.fields import FieldError, FieldGrid, count_field, number_field

#: Writes the payout; a LedgerError keeps the form open with the message.
PayoutSaver = Callable[[PayoutRecord], object]

_METHODS = ("PayPal", "Bank transfer")
T = TypeVar("T")


class PayoutForm(QDialog):
    """Record a new payout, prefilled with the whole balance, or edit ``payout``."""

    def __init__(
        self,
        session: Session,
        save: PayoutSaver,
        parent: QWidget | None = None,
        *,
        payout: Payout | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._save = save
        self.setWindowTitle("Edit payout" if payout else "Record payout")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        grid = FieldGrid()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(ISO_DATE)
        self.diamonds = count_field("e.g. 10,000")
        self.cash = number_field("e.g. 500.00")
        self.fee = number_field("0.00")
        self.method = QComboBox()
        self.method.setEditable(True)
        profile = self.profile()
        known = [profile.payout_method, *(p.record.method for p in session.ledger.payouts())]
        self.method.addItems(list(dict.fromkeys([*known, *_METHODS])))
        self.errors: dict[QWidget, FieldError] = {
            self.date: grid.add("&Date", self.date),
            self.diamonds: grid.add(
                "&Diamonds cashed out", self.diamonds, hint="As your TikTok wallet shows them."
            ),
            self.cash: grid.add("&Cash received (USD)", self.cash),
            self.fee: grid.add("&Fee (USD)", self.fee, hint="What PayPal or the bank kept."),
            self.method: grid.add("&Method", self.method),
        }
        self.problem = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Save" if payout else "Record payout"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        if payout is not None:
            self._prefill(payout.record)
        else:
            self._prefill_balance(profile)

    def profile(self) -> RateProfile:
        return self._session.profile()

    def _prefill(self, record: PayoutRecord) -> None:
        day = record.date
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.diamonds.setText(str(record.diamonds))
        self.cash.setText(f"{record.cash_usd:f}")
        self.fee.setText(f"{record.fee_usd:f}")
        self.method.setCurrentText(record.method)

    def _prefill_balance(self, profile: RateProfile) -> None:
        """What cashing out the whole balance would pay at today's rates: the common case,
        and a figure to correct with the wallet's own."""
        status = self._session.payout_status()
        if status.balance_diamonds <= 0:
            return
        self.diamonds.setText(str(status.balance_diamonds))
        self.cash.setText(f"{status.net_usd:f}")
        self.fee.setText(f"{status.fee_usd:f}")
        self.method.setCurrentText(profile.payout_method)

    # -- the result ------------------------------------------------------------------------------

    def record(self) -> PayoutRecord | None:
        """The payout as typed, or None with each problem under its field."""
        problems: dict[QWidget, str] = {}
        diamonds = _read(problems, self.diamonds, lambda text: parse_count(text, "Diamonds"))
        cash = _read(problems, self.cash, lambda text: parse_amount(text, "Cash received"))
        fee = _read(problems, self.fee, lambda text: parse_amount(text or "0", "Fee"))
        method = self.method.currentText().strip()
        if not method:
            problems[self.method] = "Method is empty; expected PayPal, Bank transfer, ..."
        for field, error in self.errors.items():
            error.set_message(problems.get(field, ""))
        if diamonds is None or cash is None or fee is None or problems:
            return None
        day = self.date.date()
        return PayoutRecord(
            date=dt.date(day.year(), day.month(), day.day()),
            diamonds=diamonds,
            cash_usd=cash,
            method=method,
            fee_usd=fee,
        )

    def accept(self) -> None:
        record = self.record()
        if record is None:
            self._focus_first_error()
            return
        problem = payout_problem(record.diamonds, record.cash_usd, record.fee_usd)
        if problem is not None:
            self.problem.set_message(f"Not recorded: {problem}")
            return
        warning = payout_rate_warning(
            record.diamonds, record.cash_usd, record.fee_usd, self.profile()
        )
        if warning is not None and not prompts.confirm(
            self,
            "Record an unusual payout?",
            f"{warning[:1].upper()}{warning[1:]}.\n\nRecord these figures anyway?",
            "Record anyway",
        ):
            return
        try:
            self._save(record)
        except (LedgerError, InputError) as error:
            self.problem.set_message(f"Not recorded: {error}")
            return
        self.problem.set_message("")
        super().accept()

    def _focus_first_error(self) -> None:
        for field, error in self.errors.items():
            if error.message():
                field.setFocus()
                return


def _read(problems: dict[QWidget, str], field: QLineEdit, parse: Callable[[str], T]) -> T | None:
    """``parse`` of the field's text, or None with the problem noted against the field."""
    try:
        return parse(field.text())
    except InputError as error:
        message = error.message
        joint = ": " if message.startswith("expected") else " "
        problems[field] = f"{error.field}{joint}{message}"
        return None
