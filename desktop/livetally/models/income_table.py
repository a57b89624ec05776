"""Income from every source in one table: entries as logged, plus LIVE gifts per month.

LIVE gift income is never entered; it is derived from the stream log. Each month with
streams gets one read-only "LIVE gifts" row, dated the **first day of that month** (the row
stands for the whole month, like a report's month key, and sorts ahead of that month's
entries on a date sort), holding the exact sum of the creator cash of the streams that
started in it on the creator's own clock, at the rates each stream was logged with.

The months are added up from the streams' day totals (``Session.live_days``, which SQLite
works out), never from the streams themselves: a log of 100,000 streams would otherwise be
read into 100,000 objects, a hundred megabytes, for a table of a few dozen LIVE rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from livetally.core.money import InputError, minor_unit, round_down
from livetally.core.rates import ExchangeRates
from livetally.core.records import BUILTIN_SOURCES, LIVE_GIFTS_SOURCE, LoggedIncome
from livetally.core.report import DayTotal
from livetally.core.sources import source_label
from livetally.core.words import counted
from livetally.models.date_range import within
from livetally.models.formatting import Formatter, tax_tooltip
from livetally.models.sort_keys import decimal_sort_key
from livetally.models.table_roles import (
    ALIGNMENT_ROLE,
    DISPLAY_ROLE,
    FONT_ROLE,
    NO_FLAGS,
    NUMBER_ALIGNMENT,
    SELECTABLE,
    SORT_ROLE,
    TEXT_ALIGNMENT,
    TOOLTIP_ROLE,
)

#: True for the LIVE gift rows derived from the stream log (read-only).
DERIVED_ROLE = Qt.ItemDataRole.UserRole + 3
#: The row's :class:`~livetally.core.records.LoggedIncome`, or None on a derived row.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 4

_ROOT = QModelIndex()  # the table's parent index, the only one it has
LIVE_GIFTS_LABEL = "LIVE gifts"


class IncomeColumn(IntEnum):
    DATE = 0
    SOURCE = 1
    AMOUNT = 2
    CURRENCY = 3
    CONVERTED = 4
    DESCRIPTION = 5


_NUMBER_COLUMNS = frozenset({IncomeColumn.AMOUNT, IncomeColumn.CONVERTED})


@dataclass(frozen=True)
class IncomeRow:
    """One row as shown: an entry, or a month of LIVE gifts (``entry`` is None)."""

    date: dt.date
    source: str
    amount: Decimal
    currency: str
    description: str
    entry: LoggedIncome | None = None
    converted: Decimal | None = None  # None: no exchange rate for ``currency``

    @property
    def derived(self) -> bool:
        return self.entry is None

    @property
    def source_label(self) -> str:
        """The source's name as people read it (``Creator Rewards``), never its id."""
        return LIVE_GIFTS_LABEL if self.derived else source_label(self.source)


def monthly_live_income(days: Iterable[DayTotal]) -> list[tuple[dt.date, Decimal, int]]:
    """(first day of month, exact creator USD, number of streams) per month, oldest first,
    from the streams' day totals (the day each started on the creator's own clock)."""
    months: dict[dt.date, tuple[Decimal, int]] = {}
    for day in days:
        month = dt.date(day.day.year, day.day.month, 1)
        cash, count = months.get(month, (Decimal(0), 0))
        months[month] = (cash + day.cash_usd, count + day.streams)
    return [(month, cash, count) for month, (cash, count) in sorted(months.items())]


class IncomeTableModel(QAbstractTableModel):
    """Income entries and derived monthly LIVE gift rows, by date (derived rows first)."""

    def __init__(self, parent: QObject | None = None, *, formatter: Formatter | None = None):
        super().__init__(parent)
        self._formatter = formatter or Formatter()
        self._rows: list[IncomeRow] = []  # in the current sort order
        self._by_date: list[IncomeRow] = []  # by date, LIVE gifts first: ties keep this order
        self._texts: dict[int, tuple[str, ...]] = {}  # id(row) -> display text per column
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._currency = "USD"
        self._italic: QFont | None = None
        self._tax_percent = Decimal(0)

    @property
    def report_currency(self) -> str:
        return self._currency

    def set_data(
        self,
        entries: list[LoggedIncome],
        days: Iterable[DayTotal],
        rates: ExchangeRates,
        report_currency: str,
    ) -> None:
        """Show ``entries`` and the LIVE gifts of the streams added up in ``days`` (see
        ``Ledger.live_days``), converted to ``report_currency``.

        ``report_currency`` must be in ``rates`` (InputError otherwise); an entry in a
        currency ``rates`` lacks shows a blank converted amount, explained in its tooltip.
        """
        currency = report_currency.upper()
        per_usd = rates.units_per_usd(currency)
        rows = [
            IncomeRow(
                date=month,
                source=LIVE_GIFTS_SOURCE,
                amount=cash,
                currency="USD",
                description=f"From {counted(count, 'stream')}",
                converted=cash * per_usd,
            )
            for month, cash, count in monthly_live_income(days)
        ]
        for entry in entries:
            record = entry.record
            rows.append(
                IncomeRow(
                    date=record.date,
                    source=record.source,
                    amount=record.amount,
                    currency=record.currency.upper(),
                    description=record.description,
                    entry=entry,
                    converted=_convert(rates, record.amount, record.currency, per_usd),
                )
            )
        rows.sort(key=lambda r: (r.date, not r.derived, r.entry.id if r.entry else 0))
        self.beginResetModel()
        self._by_date = rows
        self._rows = self._ordered()
        self._texts.clear()
        self._currency = currency
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(IncomeColumn) - 1)

    def row_at(self, row: int) -> IncomeRow:
        return self._rows[row]

    def entry_at(self, row: int) -> LoggedIncome | None:
        """The logged entry on ``row``; None for a derived LIVE gifts row."""
        return self._rows[row].entry

    def row_of_entry(self, income_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.entry is not None and item.entry.id == income_id:
                return row
        return None

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(IncomeColumn)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = DISPLAY_ROLE,
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(IncomeColumn)):
            return None
        item = self._rows[row]
        if role == DISPLAY_ROLE:
            return self._row_texts(row)[column]
        if role == ALIGNMENT_ROLE:
            return NUMBER_ALIGNMENT if column in _NUMBER_COLUMNS else TEXT_ALIGNMENT
        if role == TOOLTIP_ROLE:
            return self._tooltip(item, IncomeColumn(column))
        if role == FONT_ROLE and item.derived:
            return self._derived_font()
        if role == SORT_ROLE:
            return _sort_key(item, IncomeColumn(column))
        if role == DERIVED_ROLE:
            return item.derived
        if role == ENTRY_ROLE:
            return item.entry
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(IncomeColumn):
            return super().headerData(section, orientation, role)
        column = IncomeColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(column)
        if role == Qt.ItemDataRole.ToolTipRole and column is IncomeColumn.CONVERTED:
            return f"The amount in {self._currency} at the exchange rates in your settings"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMBER_ALIGNMENT if column in _NUMBER_COLUMNS else TEXT_ALIGNMENT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (-1: by date), ties left in date order both ways.

        Done here in one keyed sort: a QSortFilterProxyModel sorting 20,000 entries calls
        ``data()`` twice per comparison, some 700,000 calls into Python (over a second).
        """
        self._sort_column = column if 0 <= column < len(IncomeColumn) else -1
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        held = self.persistentIndexList()
        items = [(index, self._rows[index.row()]) for index in held]
        self._rows = self._ordered()
        rows = {id(item): row for row, item in enumerate(self._rows)} if held else {}
        self.changePersistentIndexList(
            held, [self.index(rows[id(item)], index.column()) for index, item in items]
        )
        self.layoutChanged.emit()

    def _ordered(self) -> list[IncomeRow]:
        if self._sort_column < 0:
            return list(self._by_date)
        column = IncomeColumn(self._sort_column)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        # Stable, and stable under reverse=True too: ties keep their date order.
        return sorted(self._by_date, key=lambda item: _sort_key(item, column), reverse=descending)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Selectable, never editable here: entries are edited through a dialog, and
        derived rows not at all."""
        return SELECTABLE if index.isValid() else NO_FLAGS

    # -- internals -------------------------------------------------------------------------

    def _derived_font(self) -> QFont:
        """Italic, so derived rows read as computed rather than entered."""
        if self._italic is None:
            self._italic = QFont()
            self._italic.setItalic(True)
        return self._italic

    def _header(self, column: IncomeColumn) -> str:
        if column is IncomeColumn.CONVERTED:
            return f"In {self._currency}"
        return column.name.capitalize()

    def _row_texts(self, row: int) -> tuple[str, ...]:
        item = self._rows[row]
        texts = self._texts.get(id(item))
        if texts is None:
            texts = self._texts[id(item)] = self._format(item)
        return texts

    def _format(self, item: IncomeRow) -> tuple[str, ...]:
        fmt = self._formatter
        date_text = fmt.month(item.date) if item.derived else fmt.date(item.date)
        unit = minor_unit(item.currency)
        converted = "" if item.converted is None else fmt.money(item.converted, self._currency)
        return (
            date_text,
            item.source_label,
            fmt.number(round_down(item.amount, unit), 0 if unit == 1 else 2),
            item.currency,
            converted,
            item.description,
        )

    def set_tax_reserve(self, percent: Decimal) -> None:
        """Say, on each amount, what to set aside for tax (``[app] tax_reserve_percent``)."""
        self._tax_percent = percent

    def _tooltip(self, item: IncomeRow, column: IncomeColumn) -> str | None:
        if column is IncomeColumn.CONVERTED and self._tax_percent and item.converted is not None:
            return tax_tooltip(self._formatter, item.converted, self._tax_percent, self._currency)
        if item.derived:
            return (
                f"LIVE gifts from streams started in {item.date:%Y-%m}, at the rates each "
                "was logged with; change them in the stream log"
            )
        if column is IncomeColumn.SOURCE:
            return BUILTIN_SOURCES.get(item.source)
        if column is IncomeColumn.DATE:
            return item.date.isoformat()
        if column is IncomeColumn.CONVERTED and item.converted is None:
            return f"No exchange rate for {item.currency} in your settings"
        if column is IncomeColumn.DESCRIPTION and item.description:
            return item.description
        return None


def _convert(
    rates: ExchangeRates, amount: Decimal, currency: str, per_usd: Decimal
) -> Decimal | None:
    try:
        return rates.to_usd(amount, currency) * per_usd
    except InputError:
        return None


def _sort_key(item: IncomeRow, column: IncomeColumn) -> int | str:
    """An exact Qt-comparable key (see :func:`decimal_sort_key`); blanks sort first."""
    if column is IncomeColumn.DATE:
        return item.date.isoformat()
    if column is IncomeColumn.SOURCE:
        return item.source_label.casefold()
    if column is IncomeColumn.AMOUNT:
        return decimal_sort_key(item.amount)
    if column is IncomeColumn.CURRENCY:
        return item.currency
    if column is IncomeColumn.CONVERTED:
        return "" if item.converted is None else decimal_sort_key(item.converted)
    return item.description.casefold()


class IncomeFilterProxy(QSortFilterProxyModel):
    """Filters an :class:`IncomeTableModel` by date range, source and text; sorting is
    handed to the table model (:meth:`IncomeTableModel.sort`), whose order it keeps.

    A derived LIVE gifts row is dated the first day of its month, so a date range keeps
    it when that day is in range. Its source is ``LIVE_GIFTS_SOURCE``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._model: IncomeTableModel | None = None
        self._words: tuple[str, ...] = ()
        self._first: dt.date | None = None
        self._last: dt.date | None = None
        self._source: str | None = None

    def setSourceModel(self, sourceModel: QAbstractItemModel) -> None:
        if not isinstance(sourceModel, IncomeTableModel):
            raise TypeError("IncomeFilterProxy filters an IncomeTableModel")
        self._model = sourceModel
        super().setSourceModel(sourceModel)

    @property
    def text(self) -> str:
        return " ".join(self._words)

    @property
    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        return self._first, self._last

    @property
    def source(self) -> str | None:
        return self._source

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort through the table model (a keyed sort, not a comparison per call into
        Python); this proxy keeps the model's order. ``SORT_ROLE`` gives the same order."""
        if self._model is not None:
            self._model.sort(column, order)

    def set_text(self, text: str) -> None:
        """Keep rows where every word appears in the date, source, currency or description."""
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_date_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Keep rows dated ``first``..``last`` (inclusive; None: open)."""
        if (first, last) != (self._first, self._last):
            self.beginFilterChange()
            self._first, self._last = first, last
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_source(self, source: str | None) -> None:
        """Keep one source (case-insensitive; ``LIVE_GIFTS_SOURCE`` for LIVE gifts)."""
        wanted = (source or "").strip().casefold() or None
        if wanted != self._source:
            self.beginFilterChange()
            self._source = wanted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, item: IncomeRow) -> bool:
        if self._source is not None and item.source.casefold() != self._source:
            return False
        if not within(item.date, self._first, self._last):
            return False
        if self._words:
            haystack = " ".join(
                (
                    item.date.isoformat(),
                    item.source,
                    item.source_label,
                    item.currency,
                    item.description,
                )
            ).casefold()
            return all(word in haystack for word in self._words)
        return True

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._model is None or source_parent.isValid():
            return False
        return self.accepts(self._model.row_at(source_row))

    def visible_rows(self) -> list[IncomeRow]:
        """The rows the view shows, in its order."""
        model = self._model
        if model is None:
            return []
        return [
            model.row_at(self.mapToSource(self.index(row, 0)).row())
            for row in range(self.rowCount())
        ]
