"""The Stream log tab: every stream in a sortable, filterable table, a summary and charts.

Built for a log of 100,000 streams: the table reads the ledger's rows into columns (no
object per stream), a large ledger is read in steps between which the window keeps
answering, the summary is worked out from the columns, and the charts (the slow part) are
drawn after the table, only when on screen and only when the streams shown changed
(:mod:`livetally.ui.stream_log_charts`).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from livetally.core.money import round_half_up
from livetally.core.records import LoggedStream
from livetally.models.changes import LedgerChange
from livetally.models.commands import AddStreamCommand, DeleteStreamsCommand, EditStreamCommand, run
from livetally.models.formatting import Formatter
from livetally.models.log_columns import FIXED_COLUMNS, LATER_DETAILS
from livetally.models.session import Session
from livetally.models.stream_columns import StreamData
from livetally.models.stream_filter import StreamFilterProxy
from livetally.models.stream_table import StreamTableModel
from livetally.storage.errors import LedgerError
from livetally.ui import prompts
from livetally.ui.cell_delegate import TextCellDelegate
from livetally.ui.empty_state import EmptyState
from livetally.ui.period_picker import PeriodPicker
from livetally.ui.stream_log_charts import StreamLogCharts
from livetally.ui.tables import SIZING_ROWS, fit_column, fit_columns, row_table, set_up_table

ALL_TAGS = "All tags"
#: Streams read from the ledger per step while the window is on screen: ~12 ms each, and
#: ~25 ms just after a large import, while its rows are still in SQLite's write-ahead log
#: (2,000 a step took ~47 ms there).
READ_STEP = 1000
#: Rows formatted per turn before the columns are sized (a turn of ~5 ms).
FORMAT_STEP = 50
#: Rows looked at when sizing a column of the stream log.
FIT_ROWS = 100


class StreamLogTab(QWidget):
    """Add, edit, delete (undoable), filter and sort streams; see what each tactic pays."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._format = Formatter()
        self.model = StreamTableModel(parent=self)
        self.model.set_tax_reserve(session.settings.tax_reserve_percent)
        session.settings_changed.connect(
            lambda: self.model.set_tax_reserve(session.settings.tax_reserve_percent)
        )
        self.proxy = StreamFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Notes, tags, title or date")
        self.filter_edit.setClearButtonEnabled(True)
        self.tag_combo = QComboBox()
        self.period = PeriodPicker()
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        controls = QHBoxLayout()
        for text, widget in (("Filter", self.filter_edit), ("Tag", self.tag_combo)):
            label = QLabel(f"{text}:")
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.period)
        controls.addStretch()
        for button in (self.add_button, self.edit_button, self.delete_button):
            controls.addWidget(button)

        self.table = row_table()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(TextCellDelegate(self.proxy, self.table))
        set_up_table(self.table, "Streams")
        # Sizing a column asks each sampled row's cell for about nine roles, each a call into
        # Python: a hundred rows (those on screen first) size these columns as well as more.
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self._columns_fitted = False
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setToolTip(
            "Likes per viewer: the likes of the streams that logged peak viewers, divided by "
            "those peak viewers. An engagement figure: likes pay nothing."
        )

        self.charts = StreamLogCharts(self.model, self.proxy, self._charts_on_screen)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table)
        upper_layout.addWidget(self.summary)
        splitter.addWidget(upper)
        splitter.addWidget(self.charts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([420, 300])
        content_layout.addWidget(splitter)
        self.splitter = splitter  # the main window keeps where the creator drags it

        self.empty = EmptyState(
            "No streams yet. Bring in your past LIVEs with File > Import TikTok data (the "
            "export TikTok sends when you ask for your data), log your next LIVE here or from "
            "the Calculator tab, or add sample data to see how LiveTally tracks your earnings.",
            "Log a stream…",
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.pages)

        # Filtering 100,000 rows takes a moment: wait for a pause in the typing first.
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(200)
        self._filter_timer.timeout.connect(self._apply_filter)
        # A large ledger is read a step per turn of the event loop.
        self._reading: (
            Generator[tuple[list[tuple[Any, ...]], list[str | None]], None, None] | None
        ) = None
        self._incoming: StreamData | None = None
        self._read_timer = QTimer(self)
        self._read_timer.setInterval(0)
        self._read_timer.timeout.connect(self._read_step)
        # Sizing the columns asks for a few hundred rows per column: one column per turn.
        self._columns_to_fit: list[int] = []
        self._rows_to_format: range = range(0)
        self._fit_timer = QTimer(self)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_step)
        # Summary and charts follow row changes once per turn, however many rows moved.
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(0)
        self._summary_timer.timeout.connect(self._update_summary)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.tag_combo.currentTextChanged.connect(self._on_tag)
        self.period.changed.connect(self._on_period)
        self.add_button.clicked.connect(self.add_stream)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty.action_requested.connect(self.add_stream)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.dataChanged,
        ):
            signal.connect(lambda *_args: self._summary_timer.start())
        session.streams_changed.connect(self._apply_change)
        self.reload()

    # -- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the ledger's streams as they are now.

        While the window is hidden (it is being built) or the ledger is small, at once; a
        large ledger on screen is read :data:`READ_STEP` streams per turn of the event loop,
        the old rows staying until the new ones are all in, so the window never freezes.
        """
        self._stop_reading()
        ledger = self._session.ledger
        data = StreamData()
        if not self.window().isVisible() or ledger.stream_count() <= READ_STEP:
            with _no_garbage_collection():
                for rows, tags in ledger.stream_rows(READ_STEP):
                    data.add_rows(rows, tags)
            self._show(data)
            return
        self._reading, self._incoming = ledger.stream_rows(READ_STEP), data
        if self.isVisible():
            # The charts follow the rows: pyqtgraph loads while the rows are read (a few
            # calls into Python per turn), not while the columns are sized (thousands),
            # each of which would wait for the loading thread to hand the interpreter over.
            from livetally.ui.charts.loading import load_in_background

            load_in_background()
        self.summary.setText("Reading the stream log…")
        self._read_timer.start()

    def _read_step(self) -> None:
        reading, data = self._reading, self._incoming
        if reading is None or data is None:
            self._read_timer.stop()
            return
        with _no_garbage_collection():
            step = next(reading, None)
            if step is not None:
                data.add_rows(*step)
                return
        self._stop_reading()
        self._show(data)

    def _stop_reading(self) -> None:
        self._read_timer.stop()
        if self._reading is not None:
            self._reading.close()
        self._reading = self._incoming = None

    @Slot(object)
    def _apply_change(self, change: object) -> None:
        """Follow one change to the ledger: only the rows it names, when it names them.

        An edit at 100,000 streams then costs what it costs at 100 (a row moved, the totals
        added up again in C), where reading the whole log again took a second.
        """
        assert isinstance(change, LedgerChange)
        if change.whole or self._reading is not None:
            self.reload()
            return
        model = self.model
        for stream_id in change.removed:
            model.remove_stream(stream_id)
        for stream in (*change.edited, *change.added):
            if model.row_of(stream.id) is None:
                model.insert_stream(stream)
            else:
                model.replace_stream(stream)
        self._follow_rows()

    def _show(self, data: StreamData) -> None:
        self.model.set_data(data)
        QTimer.singleShot(0, self, self.model.place_rows)
        self._follow_rows()

    def _follow_rows(self) -> None:
        """What depends on the rows shown: optional columns, tags, the page, the summary."""
        model = self.model
        # Details most creators leave empty (TikTok's views, a title...) take a column only
        # once some stream has them.
        for offset, detail in enumerate(LATER_DETAILS):
            hidden = detail.hidden_when_empty and not model.has_detail(detail.name)
            self.table.setColumnHidden(FIXED_COLUMNS + offset, hidden)
        count = model.rowCount()
        if count and not self._columns_fitted:
            self._columns_fitted = True
            if self.window().isVisible():  # on screen: one column per turn, from the next
                self._columns_to_fit = list(range(self.model.columnCount()))
                self._rows_to_format = range(0, min(count, SIZING_ROWS), FORMAT_STEP)
                self._fit_timer.start()
            else:
                fit_columns(self.table)
        self._reload_tags()
        self.pages.setCurrentIndex(1 if count else 0)
        self._update_summary()
        self._update_buttons()

    def _fit_step(self) -> None:
        if self._rows_to_format:  # the rows sizing reads, formatted a step per turn first
            self.model.format_rows(self._rows_to_format[0], FORMAT_STEP)
            self._rows_to_format = self._rows_to_format[1:]
            return
        if self._columns_to_fit:
            fit_column(self.table, self._columns_to_fit.pop(0))
        if not self._columns_to_fit:
            self._fit_timer.stop()

    def _reload_tags(self) -> None:
        current = self.tag_combo.currentText()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItems([ALL_TAGS, *self._session.ledger.tags()])
        self.tag_combo.setCurrentText(current or ALL_TAGS)
        self.tag_combo.blockSignals(False)

    def _update_summary(self) -> None:
        self._summary_timer.stop()
        figures = self.proxy.summary()
        fmt = self._format
        parts = [
            fmt.counted(figures.streams, "stream"),
            f"{fmt.number(figures.hours.quantize(1), 0)} h" if figures.hours else "0 h",
            fmt.counted(figures.coins, "coin"),
            fmt.counted(figures.whole_diamonds, "diamond"),
            fmt.money(figures.cash),
        ]
        if figures.cash_per_hour is not None:
            parts.append(f"{fmt.money(figures.cash_per_hour)} per hour")
        if figures.likes_per_viewer is not None:
            likes = round_half_up(figures.likes_per_viewer, Decimal(1))
            parts.append(f"{fmt.number(likes, 0)} likes per viewer")
        self.summary.setText("Shown: " + " · ".join(parts))
        self.charts.schedule()

    def _charts_on_screen(self) -> bool:
        return self.isVisible() and self.pages.currentIndex() != 0

    def charts_pending(self) -> bool:
        """Whether the chart on screen is still being worked out or waits to be."""
        return self.charts.pending()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.charts.schedule()

    # -- filters ------------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.proxy.set_text(self.filter_edit.text())
        self._update_summary()

    def _on_tag(self, tag: str) -> None:
        self.proxy.set_tag(None if tag in ("", ALL_TAGS) else tag)
        self._update_summary()

    def _on_period(self, first: dt.date | None, last: dt.date | None) -> None:
        self.proxy.set_date_range(first, last)
        self._update_summary()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # -- actions ------------------------------------------------------------------------------

    def selected_streams(self) -> list[LoggedStream]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.stream_at(self.proxy.mapToSource(index).row()) for index in rows]

    def add_stream(self) -> None:
        from livetally.ui.stream_dialog import StreamDialog

        session = self._session
        StreamDialog(
            session,
            self,
            save=lambda record, profile: run(session, AddStreamCommand(session, record, profile)),
        ).open()

    def edit_selected(self) -> None:
        selected = self.selected_streams()
        if len(selected) != 1:
            return
        from livetally.ui.stream_dialog import StreamDialog

        session, before = self._session, selected[0]
        StreamDialog(
            session,
            self,
            stream=before,
            save=lambda record, _profile: run(session, EditStreamCommand(session, before, record)),
        ).open()

    def delete_selected(self) -> None:
        ids = [stream.id for stream in self.selected_streams()]
        if ids:
            try:
                run(self._session, DeleteStreamsCommand(self._session, ids))
            except LedgerError as error:  # a read-only data home, say
                prompts.warn(self, "Nothing was deleted", str(error))

    def select_stream(self, stream_id: int) -> None:
        row = self.model.row_of(stream_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """Hold the cyclic garbage collector off while reading rows.

    Reading 100,000 streams makes a few hundred thousand short-lived objects, none in a
    reference cycle; the collector would walk every live object many times over meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
