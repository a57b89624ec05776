"""Set or change the monthly income goal (from the Income streams tab).

A goal counts every source, LIVE gifts included. Saving adds it to the ledger's history,
in force from today (``storage.goals``); 0 takes the goal away. The dialog lists the goals
set before, so a change is never a silent overwrite.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from livetally.core.goals import MonthlyGoal
from livetally.core.money import InputError, parse_amount
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.storage.errors import LedgerError
from livetally.ui.fields import FieldError, hint_label

LABEL = "Monthly goal (USD)"
#: Goals listed in the dialog, newest first.
SHOWN_HISTORY = 6


class GoalDialog(QDialog):
    """The goal's amount, checked as typed; OK adds it to the history from today."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Monthly goal")
        self.setMinimumWidth(420)
        self._session = session
        self._today = today or dt.date.today()
        fmt = Formatter()
        goals = session.ledger.goals
        current = goals.in_force(self._today)
        self.amount = QLineEdit("" if current is None else f"{current.amount:f}")
        self.amount.setPlaceholderText("e.g. 500")
        self.amount.setAccessibleName(LABEL)
        self.error = FieldError()
        form = QFormLayout()
        label = QLabel(f"{LABEL}:")
        label.setBuddy(self.amount)
        form.addRow(label, self.amount)
        earlier = [
            f"from {goal.set_on.isoformat()}: "
            + (fmt.money(goal.amount, goal.currency) if goal.amount else "no goal")
            for goal in reversed(goals.history()[-SHOWN_HISTORY:])
        ]
        self.history = hint_label(
            "Goals set before: " + "; ".join(earlier) + "." if earlier else "No goal set yet."
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "What you aim to earn in a month from every source, LIVE gifts included. "
                "The status bar shows how the month is pacing. It counts from today; "
                "0 takes the goal away."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.history)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.amount.textChanged.connect(self._check)

    def goal(self) -> MonthlyGoal:
        """The goal as typed, from today, or an InputError naming the field."""
        return MonthlyGoal(self._today, parse_amount(self.amount.text(), LABEL), "USD")

    def _check(self) -> bool:
        try:
            self.goal()
        except InputError as error:
            self.error.set_message(f"{error.field}: {error.message}")
            return False
        self.error.set_message("")
        return True

    def _accept(self) -> None:
        if not self._check():
            return
        try:
            self._session.refuse_if_read_only()
            self._session.ledger.goals.set(self.goal())
        except LedgerError as error:
            self.error.set_message(str(error))
            return
        self._session.goal_changed.emit()
        self.accept()
