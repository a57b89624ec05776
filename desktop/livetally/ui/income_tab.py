"""The Income streams tab: every source of income, LIVE gifts included, month by month.

It reads the ledger when it is on screen (or next shown), not on every change behind the
other tabs: with 100,000 streams that is most of a second saved on each edit elsewhere.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from livetally.core.records import LIVE_GIFTS_SOURCE, LoggedIncome
from livetally.core.shares import whole_percents
from livetally.core.sources import source_label
from livetally.models.commands import AddIncomeCommand, DeleteIncomeCommand, EditIncomeCommand, run
from livetally.models.formatting import Formatter
from livetally.models.income_table import IncomeFilterProxy, IncomeTableModel
from livetally.models.session import Session
from livetally.storage.errors import LedgerError
from livetally.ui import prompts
from livetally.ui.empty_state import EmptyState
from livetally.ui.period_picker import PeriodPicker
from livetally.ui.tables import fit_columns, row_table, set_up_table

if TYPE_CHECKING:
    from livetally.ui.charts.income import Projection

ALL_SOURCES = "All sources"


class IncomeTab(QWidget):
    """Entries of every source, the monthly stacked chart and each source's share."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._format = Formatter()
        self._range: tuple[dt.date | None, dt.date | None] = (None, None)
        self._entries: list[LoggedIncome] = []
        self._stale = True  # the ledger changed since the table was last filled
        self._loads = 0  # counts reads of the ledger, so the chart knows when to redraw
        self._charted: object = None  # what the chart was last drawn from
        self.model = IncomeTableModel(parent=self)
        self.proxy = IncomeFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.period = PeriodPicker()
        self.source_combo = QComboBox()
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.export_png_button = QPushButton("Export chart as PNG…")
        self.export_csv_button = QPushButton("Export data as CSV…")
        self.goal_button = QPushButton("Monthly goal…")
        controls = QHBoxLayout()
        controls.addWidget(self.period)
        label = QLabel("Source:")
        label.setBuddy(self.source_combo)
        self.source_combo.setAccessibleName("Source")
        controls.addWidget(label)
        controls.addWidget(self.source_combo)
        controls.addStretch()
        for button in (self.goal_button, self.add_button, self.edit_button, self.delete_button):
            controls.addWidget(button)

        self.table = row_table()
        self.table.setModel(self.proxy)
        set_up_table(self.table, "Income entries")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self._columns_fitted = False

        self.shares = QLabel()
        self.shares.setTextFormat(Qt.TextFormat.RichText)
        self.shares.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.shares.setMinimumWidth(220)
        self.chart_area = QWidget()
        self._chart: QWidget | None = None
        chart_row = QHBoxLayout(self.chart_area)
        chart_row.setContentsMargins(0, 0, 0, 0)
        chart_side = QVBoxLayout()
        chart_side.addWidget(self.shares)
        chart_side.addStretch()
        chart_side.addWidget(self.export_png_button)
        chart_side.addWidget(self.export_csv_button)
        chart_row.addLayout(chart_side)
        self._chart_row = chart_row

        # Table and chart share the height equally to start with, however tall the window
        # (the main window then keeps the splitter where the creator leaves it).
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_area)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 1000])  # proportions: scaled to the splitter's height
        self.splitter = splitter
        self.empty = EmptyState(
            "Track every income stream in one place: brand deals, affiliate links, merch, "
            "Creator Rewards. LIVE gifts from your stream log appear here by themselves.",
            "Add income…",
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.pages)

        self.period.changed.connect(self._on_period)
        self.source_combo.currentIndexChanged.connect(self._on_source)
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty.action_requested.connect(self.add_entry)
        self.export_png_button.clicked.connect(self.export_png)
        self.export_csv_button.clicked.connect(self.export_csv)
        self.goal_button.clicked.connect(self.set_goal)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        session.ledger_changed.connect(self.reload)
        session.settings_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Show the ledger as it is now: at once if on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._load()
        else:
            has_data = not self._session.ledger.is_empty()
            self.pages.setCurrentIndex(1 if has_data else 0)
            self._update_buttons()

    def _load(self) -> None:
        self._stale = False
        self._loads += 1
        self.model.set_tax_reserve(self._session.settings.tax_reserve_percent)
        ledger = self._session.ledger
        settings = self._session.settings
        self._entries = ledger.income()
        days = self._session.live_days()  # LIVE gifts per day, added up by the ledger
        self.model.set_data(self._entries, days, settings.exchange_rates, settings.currency)
        fill_sources(self.source_combo, ledger.sources())
        self.pages.setCurrentIndex(1 if self._entries or days else 0)
        if (self._entries or days) and not self._columns_fitted:
            fit_columns(self.table)
            self._columns_fitted = True
        self._update_buttons()
        self._refresh_chart()

    def _on_period(self, first: dt.date | None, last: dt.date | None) -> None:
        self._range = (first, last)
        self.proxy.set_date_range(first, last)
        self._refresh_chart()

    def _on_source(self) -> None:
        self.proxy.set_source(self.source_combo.currentData())

    def _chart_data(self) -> object:
        from livetally.core.chart_data import monthly_income

        settings = self._session.settings
        first, last = self._range
        return monthly_income(
            self._session.live_days(),
            [entry.record for entry in self._entries],
            settings.exchange_rates,
            settings.currency,
            first,
            last,
        )

    def _refresh_chart(self) -> None:
        if not self.isVisible() or self.pages.currentIndex() == 0:
            return
        from livetally.ui.charts import IncomeByMonthChart

        if self._chart is None:
            self._chart = IncomeByMonthChart()
            self._chart_row.insertWidget(0, self._chart, stretch=1)
        assert isinstance(self._chart, IncomeByMonthChart)
        drawn_from = (self._range, self._loads)
        if drawn_from == self._charted:
            return  # shown again with nothing changed: the chart is as it was
        data = self._chart_data()
        self._chart.set_data(data, self._projection())  # type: ignore[arg-type]
        self._show_shares(data)
        self._charted = drawn_from

    def _projection(self) -> list[Projection]:
        """This month and the next as the forecast sees them, when the period shown
        reaches today (a past period has nothing to come)."""
        from livetally.storage.forecast import forecast_as_of
        from livetally.ui.charts.income import Projection

        today = dt.date.today()
        first, last = self._range
        if (last is not None and last < today) or (first is not None and first > today):
            return []
        settings = self._session.settings
        months = forecast_as_of(
            self._session.ledger,
            today,
            settings.profile(),
            settings.exchange_rates,
            settings.currency,
        ).months
        return [
            Projection(m.label, m.total.projected, m.total.low, m.total.high)
            for m in months
            if m.total.projected
        ]

    def _show_shares(self, data: object) -> None:
        fmt = self._format
        currency = self._session.settings.currency
        totals = getattr(data, "source_totals", {})
        # Whole percents that add up to 100, as in ``report --by source`` (largest remainder).
        percents = whole_percents(
            {s: totals.get(s, Decimal(0)) for s in getattr(data, "shares", {})}
        )
        rows = "".join(
            f"<tr><td>{source_label(source)}</td>"
            f"<td align='right'>&nbsp;{fmt.money(totals.get(source, 0), currency)}</td>"
            f"<td align='right'>&nbsp;{percent}%</td></tr>"
            for source, percent in percents.items()
        )
        total = fmt.money(getattr(data, "total", Decimal(0)), currency)
        rows += f"<tr><td><b>Total</b></td><td align='right'>&nbsp;<b>{total}</b></td></tr>"
        self.shares.setText(f"<b>Share of the period</b><table>{rows}</table>")

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self._load()
        else:
            self._refresh_chart()

    # -- actions ------------------------------------------------------------------------------

    def selected_entry(self) -> LoggedIncome | None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.entry_at(self.proxy.mapToSource(rows[0]).row())

    def add_entry(self) -> None:
        from livetally.ui.income_dialog import IncomeDialog

        session = self._session
        IncomeDialog(
            session, lambda record: run(session, AddIncomeCommand(session, record)), self
        ).open()

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        from livetally.ui.income_dialog import IncomeDialog

        session = self._session
        IncomeDialog(
            session,
            lambda record: run(session, EditIncomeCommand(session, entry, record)),
            self,
            entry=entry,
        ).open()

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            try:
                run(self._session, DeleteIncomeCommand(self._session, entry))
            except LedgerError as error:  # a read-only data home, say
                prompts.warn(self, "Nothing was deleted", str(error))

    def set_goal(self) -> None:
        from livetally.ui.goal_dialog import GoalDialog

        GoalDialog(self._session, self).open()

    def export_png(self) -> None:
        if self._chart is None:
            return
        path = prompts.save_file(
            self, "Export chart", "income-by-month.png", "PNG image (*.png)", self._session.home
        )
        if path is not None:
            self._chart.export_png(path)  # type: ignore[attr-defined]

    def export_csv(self) -> None:
        if self._chart is None:
            return
        path = prompts.save_file(
            self, "Export chart data", "income-by-month.csv", "CSV (*.csv)", self._session.home
        )
        if path is not None:
            self._chart.export_csv(path)  # type: ignore[attr-defined]

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.edit_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)


def fill_sources(combo: QComboBox, sources: list[str]) -> None:
    """Offer "All sources", LIVE gifts and ``sources``, each by its name with its id as the
    item's data, keeping the source that was chosen."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ALL_SOURCES, None)
    for source in [LIVE_GIFTS_SOURCE, *sources]:
        combo.addItem(source_label(source), source)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)
