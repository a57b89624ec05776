"""File > Export year report...: pick the year and the format, then where to write it.

The same report as ``livetally report --year Y --pdf F | --csv F`` (``core.year_report``,
written by ``ui.year_report_pdf`` or ``storage.year_report_csv``). The file name is asked
through ``prompts.save_file``, which refuses LiveTally's own files (the ledger, settings,
a backup); the file is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from livetally.core.money import InputError
from livetally.core.year_report import FIRST_YEAR, LAST_YEAR, YearReport, build_year_report
from livetally.core.year_report import year_period as period_of
from livetally.files import write_bytes_atomic
from livetally.models.session import Session
from livetally.ui import prompts

#: Each format: its name in the list, the file extension and the file dialog's filter.
FORMATS = {
    "PDF, to read or print": ("pdf", "PDF files (*.pdf);;All files (*)"),
    "CSV, for a spreadsheet or an accountant": ("csv", "CSV files (*.csv);;All files (*)"),
}


class YearReportDialog(QDialog):
    """Year and format; Export... asks where, writes the file and says where it went."""

    written = Signal(str)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export year report")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._session = session
        self._today = today
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(today().year - 1)  # what an accountant asks for: last year
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        form = QFormLayout()
        for text, widget in (("&Year", self.year), ("&Format", self.format)):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(label, widget)
        about = QLabel(
            "Income by source and month, payouts and fees, the tax set-aside, streams and "
            "hours, in your report currency with the exchange rates used."
        )
        about.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        export = self.buttons.addButton("&Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        export.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def export(self) -> None:
        """Ask where, then write; the dialog stays open when that is cancelled or fails."""
        year = self.year.value()
        extension, filters = FORMATS[self.format.currentText()]
        path = prompts.save_file(
            self,
            f"Export the {year} report",
            f"livetally-{year}.{extension}",
            filters,
            self._session.home,
        )
        if path is None:
            return
        try:
            report = self.report(year)
            if extension == "pdf":
                from livetally.ui.year_report_pdf import year_report_pdf

                data = year_report_pdf(report, self._today())
            else:
                from livetally.storage.year_report_csv import year_report_csv

                data = year_report_csv(report).encode("utf-8")
            write_bytes_atomic(path, data)
        except InputError as error:
            prompts.warn(self, "Could not export", str(error))
            return
        except OSError as error:
            from livetally.problems import describe

            prompts.warn(self, "Could not export", describe(error))
            return
        self.written.emit(f"Wrote the {year} report to {path}.")
        self.accept()

    def report(self, year: int) -> YearReport:
        """The year's report from the open ledger and the settings in use."""
        session = self._session
        settings = session.settings
        first, last = period_of(year)
        ledger = session.ledger
        return build_year_report(
            year,
            ledger.live_days(first, last),
            [entry.record for entry in ledger.income_between(first, last)],
            [payout.record for payout in ledger.payouts()],
            settings.exchange_rates,
            settings.currency,
            settings.tax_reserve_percent,
        )
