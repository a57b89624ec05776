"""The status bar's tax set-aside: what to keep for tax of this year's income so far.

Shown only once the creator has set ``[app] tax_reserve_percent``; 0 (the default) shows
nothing. The figure is the year report's own (``core.year_report``), so the status bar
and File > Export year report... never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from livetally.core.money import InputError, format_decimal
from livetally.models.formatting import Formatter
from livetally.models.session import Session

if TYPE_CHECKING:
    from livetally.core.year_report import YearReport


class TaxSetAside(QLabel):
    """ "Set aside for tax: $100.49 (25% of $401.94 in 2025)", or hidden at 0%."""

    def __init__(
        self,
        session: Session,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today
        self._format = Formatter()
        self.setAccessibleName("Tax set-aside")
        self.hide()
        session.ledger_changed.connect(self.refresh)
        session.settings_changed.connect(self.refresh)
        # After the window is first drawn: with a percentage set, this adds up the year.
        QTimer.singleShot(0, self, self.refresh)

    def refresh(self) -> None:
        settings = self._session.settings
        percent = settings.tax_reserve_percent
        if not percent:
            self.hide()
            return
        try:
            report = self.year_so_far()
        except InputError as error:  # an income currency no longer in settings.toml
            self.setText("Set aside for tax: unknown")
            self.setToolTip(str(error))
            self.show()
            return
        money = self._format.money
        code = report.currency
        self.setText(
            f"Set aside for tax: {money(report.tax_set_aside, code)} "
            f"({format_decimal(percent)}% of {money(report.total, code)} in {report.year})"
        )
        self.setToolTip(
            "Your own estimate ([app] tax_reserve_percent in Settings), not tax advice. "
            "File > Export year report... gives the whole year."
        )
        self.show()

    def year_so_far(self) -> YearReport:
        """This calendar year's report, without payouts (the set-aside needs none)."""
        # Imported here: the window is usable before anyone has set a percentage.
        from livetally.core.year_report import build_year_report, year_period

        session = self._session
        settings = session.settings
        year = self._today().year
        first, last = year_period(year)
        return build_year_report(
            year,
            session.live_days(),
            [entry.record for entry in session.ledger.income_between(first, last)],
            (),
            settings.exchange_rates,
            settings.currency,
            settings.tax_reserve_percent,
        )
