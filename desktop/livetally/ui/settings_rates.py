"""The settings dialog's Exchange rates tab: a table of currencies and their rate per USD.

The rows are the draft's (``models.settings_draft.SettingsDraft.rates``): what is typed
in a cell goes straight into the draft, and the draft's checks come back as rows marked
in the palette's warning colour with the problems listed under the table. Kept out of
the dialog's own module so each stays short.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from livetally.models.settings_draft import RATE_LABEL, SettingsDraft
from livetally.ui.fields import RIGHT, FieldError, warning_colour


class RatesPage(QWidget):
    """The rates table with Add and Remove; ``changed`` after any edit of the draft's rates."""

    changed = Signal()

    def __init__(self, draft: SettingsDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft = draft
        self.table = table = QTableWidget(0, 2)
        table.setHorizontalHeaderLabels(["Currency", RATE_LABEL])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table.setMinimumWidth(320)
        table.setMaximumWidth(420)
        label = QLabel("Rates per &US dollar")
        label.setBuddy(table)
        table.setAccessibleName("Rates per US dollar")
        about = QLabel(
            "How many units of each currency make 1 US dollar. TikTok pays in US dollars; "
            "these rates turn the dollars into each country's currency and into the report "
            "currency. USD is always 1."
        )
        about.setWordWrap(True)
        self.add_button = QPushButton("&Add currency")
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton("Re&move currency")
        self.remove_button.clicked.connect(self._remove)
        self.error = FieldError()
        side = QVBoxLayout()
        side.addWidget(about)
        side.addSpacing(8)
        side.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.error)
        side.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(label)
        column.addWidget(table, 1)
        row = QHBoxLayout(self)
        row.addLayout(column, 0)
        row.addSpacing(12)
        row.addLayout(side, 1)

        with QSignalBlocker(table):
            for rate in draft.rates:
                self._append_row(rate.code, rate.text, new=rate.new)
        table.itemChanged.connect(self._edited)

    def _append_row(self, code: str, rate: str, *, new: bool) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        code_item = QTableWidgetItem(code)
        rate_item = QTableWidgetItem(rate)
        rate_item.setTextAlignment(RIGHT)
        if not new:
            code_item.setFlags(code_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if code == "USD":
            rate_item.setFlags(rate_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            rate_item.setToolTip("Every rate is per 1 US dollar, so USD is always 1")
        self.table.setItem(row, 0, code_item)
        self.table.setItem(row, 1, rate_item)
        return row

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None, "every rate row has both cells"
        return item

    def check(self) -> list[str]:
        """Mark rows with a problem and list the problems under the table."""
        problems = []
        wrong = QColor(warning_colour(self.palette()))
        with QSignalBlocker(self.table):
            for check in self._draft.check_rates():
                for column in (0, 1):
                    item = self._cell(check.row, column)
                    item.setForeground(wrong if check.problem else self.palette().text())
                    if check.code != "USD":
                        item.setToolTip(check.problem)
                if check.problem:
                    problems.append(check.problem)
        self.error.set_message("\n".join(problems))
        return problems

    def _edited(self, item: QTableWidgetItem) -> None:
        typed = self._draft.rates[item.row()]
        if item.column() == 0:
            with QSignalBlocker(self.table):
                item.setText(item.text().strip().upper())
            typed.code = item.text()
        else:
            typed.text = item.text()
        self.check()
        self.changed.emit()

    def _add(self) -> None:
        row = self._draft.add_rate()
        with QSignalBlocker(self.table):
            self._append_row("", "", new=True)
        self.check()
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self._cell(row, 0))

    def _remove(self) -> None:
        row = self.table.currentRow()
        problem = self._draft.remove_rate(row)
        if problem:
            self.error.set_message(problem)
            return
        self.table.removeRow(row)
        self.check()
        self.changed.emit()
