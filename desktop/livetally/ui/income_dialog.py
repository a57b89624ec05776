"""Add or edit one entry of other income: a brand deal, an affiliate payout, merch sales."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from livetally.core.money import InputError, parse_amount
from livetally.core.records import IncomeRecord, LoggedIncome
from livetally.core.sources import source_id, source_label
from livetally.models.session import Session
from livetally.storage.errors import LedgerError

#: Writes the entry; a LedgerError keeps the dialog open with the message.
IncomeSaver = Callable[[IncomeRecord], object]


class IncomeDialog(QDialog):
    """Checks the entry as it is typed and hands it to ``save`` on OK."""

    def __init__(
        self,
        session: Session,
        save: IncomeSaver,
        parent: QWidget | None = None,
        entry: LoggedIncome | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle("Edit income" if entry else "Add income")
        settings = session.settings
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.source = QComboBox()
        self.source.setEditable(True)
        # Names as people read them; whatever is typed is read back as the source it names.
        self.source.addItems([source_label(source) for source in session.ledger.sources()])
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("e.g. 250.00")
        self.currency = QComboBox()
        self.currency.addItems(sorted(settings.exchange_rates))
        self.currency.setCurrentText(settings.currency)
        self.description = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(link);")
        form = QFormLayout()
        for text, widget in (
            ("Date", self.date),
            ("Source", self.source),
            ("Amount", self.amount),
            ("Currency", self.currency),
            ("Description", self.description),
        ):
            label = QLabel(f"{text}:")
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            form.addRow(label, widget)
        form.addRow("", self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if entry is not None:
            record = entry.record
            self.date.setDate(QDate(record.date.year, record.date.month, record.date.day))
            self.source.setCurrentText(source_label(record.source))
            self.amount.setText(f"{record.amount:f}")
            self.currency.setCurrentText(record.currency)
            self.description.setText(record.description)
        self.amount.textChanged.connect(self._check)

    def record(self) -> IncomeRecord:
        """The entry as typed, or an InputError naming the field that is wrong."""
        source = source_id(self.source.currentText())
        if not source:
            raise InputError("Source", "is empty; pick one or type your own, e.g. patreon")
        return IncomeRecord(
            date=self.date.date().toPython(),  # type: ignore[arg-type]
            source=source,
            amount=parse_amount(self.amount.text(), "Amount", allow_zero=False),
            currency=self.currency.currentText(),
            description=self.description.text().strip(),
        )

    def _check(self) -> bool:
        try:
            self.record()
        except InputError as error:
            self.error.setText(f"{error.field}: {error.message}")
            return False
        self.error.clear()
        return True

    def _accept(self) -> None:
        if not self._check():
            return
        try:
            self._save(self.record())
        except LedgerError as error:
            self.error.setText(str(error))
            return
        self.accept()
