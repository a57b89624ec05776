"""The Calculator tab: coins, gifts, diamonds or a cash target in; who gets what out.

A thin view over :class:`~livetally.models.calculator.CalculatorViewModel`: it forwards
each keystroke and shows the formatted results, inline errors and the payout panel the
view-model computes. The stream and calibration dialogs open from here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from livetally.models.calculator import COINS, DIAMONDS, GIFTS, TARGET, CalculatorViewModel
from livetally.models.commands import StreamSaver, log_stream
from livetally.models.formatting import Formatter
from livetally.models.gift_picker import COUNT, NAME, PRICE, SORT_ROLE, SUBTOTAL
from livetally.models.session import Session
from livetally.ui.fields import RIGHT, FieldError, FieldGrid, count_field, hint_label, number_field
from livetally.ui.tables import row_table

if TYPE_CHECKING:  # the dialogs' modules load when a dialog first opens
    from livetally.ui.calibrate_dialog import CalibrateDialog
    from livetally.ui.payouts_dialog import PayoutsDialog
    from livetally.ui.stream_dialog import StreamDialog

#: Result rows: (key in Results for the value, key for the label or a fixed label).
_RESULT_ROWS = (
    ("coins", "coins_label"),
    ("viewer_spend", "viewer_spend_label"),
    ("tiktok_cut", "tiktok_label"),
    ("creator_usd", "share_label"),
    ("creator_local", "local_label"),
    ("diamonds", "diamonds_label"),
)
_PAYOUT_ROWS = (
    ("balance", "In your ledger"),
    ("this_amount", "This amount"),
    ("total", "Together"),
    ("minimum", "Payout minimum"),
)
_LARGEST_COUNT = 1_000_000_000
#: Amount fields are kept short, so the figure typed stays close to its label.
_FIELD_WIDTH = 260


class _CountDelegate(QStyledItemDelegate):
    """Gift counts are edited in a spin box: whole, never negative, right-aligned."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(0, _LARGEST_COUNT)
        editor.setAlignment(RIGHT)
        editor.setGroupSeparatorShown(True)
        editor.setFrame(False)
        gift = index.model().index(index.row(), NAME, index.parent()).data()
        editor.setAccessibleName(f"Count of {gift}")
        return editor


class CalculatorTab(QWidget):
    """Inputs on the left (amount, gifts), results and payout progress on the right.

    ``stream_saver`` writes the stream the **Log this stream…** dialog produces; it
    defaults to :func:`~livetally.models.commands.log_stream`, and the main window may
    replace it with one that goes through its undo stack.

    While nothing is logged, an **Add sample data** button offers what the other tabs'
    empty states offer; ``sample_requested`` asks the window to add it (undoably).
    """

    sample_requested = Signal()

    def __init__(
        self,
        session: Session,
        formatter: Formatter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._format = formatter or Formatter()
        self.model = CalculatorViewModel(session, self._format, self)
        self.stream_saver: StreamSaver = partial(log_stream, session)
        self.note = QLabel()
        columns = QHBoxLayout(self)
        columns.addLayout(self._build_inputs(), 3)
        columns.addSpacing(8)
        columns.addLayout(self._build_outputs(), 2)
        self.model.changed.connect(self._refresh)
        self.model.countries_changed.connect(self._fill_countries)
        session.ledger_changed.connect(self._show_sample_offer)
        self._fill_countries()
        self._refresh()
        self._show_sample_offer()

    # -- building ----------------------------------------------------------------------------

    def _build_inputs(self) -> QVBoxLayout:
        amount = QGroupBox("Amount")
        grid = FieldGrid(amount)
        self.fields: dict[str, QLineEdit] = {
            COINS: count_field("e.g. 10,000"),
            DIAMONDS: count_field("e.g. 1,000"),
            TARGET: number_field("e.g. 100.00"),
        }
        mnemonic = {COINS: "C&oins", DIAMONDS: "&Diamonds", TARGET: "&Target (USD)"}
        self.errors: dict[str, FieldError] = {}
        for key, field in self.fields.items():
            field.setMaximumWidth(_FIELD_WIDTH)
            self.errors[key] = grid.add(mnemonic[key], field)
            field.textEdited.connect(partial(self.model.set_text, key))
            field.textEdited.connect(self.note.clear)
        self.coins_note = hint_label("Filled from the gifts counted below; clear them to type.")
        grid.add_wide(self.coins_note)
        grid.add_wide(
            hint_label(
                "Coins, Diamonds and Target (USD) are alternatives: typing in one clears "
                "the others. Counting gifts fills Coins."
            )
        )
        self.country = QComboBox()
        self.country.setMaximumWidth(_FIELD_WIDTH)
        self.country.currentIndexChanged.connect(self._country_chosen)
        grid.add("Cou&ntry", self.country)

        gifts = QGroupBox("Gifts received")
        box = QVBoxLayout(gifts)
        search_grid = FieldGrid()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of a gift's name, e.g. rose")
        self.search.setClearButtonEnabled(True)
        search_grid.add("Search &gifts", self.search)
        box.addLayout(search_grid)

        self.gift_proxy = QSortFilterProxyModel(self)
        self.gift_proxy.setSourceModel(self.model.gifts)
        self.gift_proxy.setFilterKeyColumn(NAME)
        self.gift_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.gift_proxy.setSortRole(SORT_ROLE)
        self.search.textChanged.connect(self.gift_proxy.setFilterFixedString)
        self.search.returnPressed.connect(self._to_first_gift)

        table = row_table()
        table.setModel(self.gift_proxy)
        table.setAccessibleName("Gifts")
        table.setItemDelegateForColumn(COUNT, _CountDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setAlternatingRowColors(True)
        metrics = table.fontMetrics()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # Room for the widest figure and for the header with its sort arrow.
        for number_column in (PRICE, COUNT, SUBTOTAL):
            title = str(self.model.gifts.headerData(number_column, Qt.Orientation.Horizontal))
            header.resizeSection(
                number_column,
                max(metrics.horizontalAdvance(title) + 44, metrics.horizontalAdvance("9,999,999")),
            )
        # Sorting as setSortingEnabled would, minus its first sort: the model's rows already
        # come cheapest first, so that sort would change nothing and cost milliseconds.
        header.setSortIndicator(PRICE, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.gift_proxy.sort)
        table.selectionModel().currentChanged.connect(self._keep_on_count)
        table.setToolTip("Type a count next to each gift you received")
        self.gift_table = table
        box.addWidget(table, 1)
        self.errors[GIFTS] = FieldError()
        box.addWidget(self.errors[GIFTS])

        total_row = QHBoxLayout()
        self.gift_total = QLabel()
        self.clear_gifts = QPushButton("Clea&r counts")
        self.clear_gifts.clicked.connect(self.model.gifts.clear_counts)
        total_row.addWidget(self.gift_total, 1)
        total_row.addWidget(self.clear_gifts)
        box.addLayout(total_row)

        column = QVBoxLayout()
        column.addWidget(amount)
        column.addWidget(gifts, 1)
        return column

    def _build_outputs(self) -> QVBoxLayout:
        results = QGroupBox("Results")
        box = QVBoxLayout(results)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        box.addWidget(self.heading)
        self.results_form = _value_form()
        box.addLayout(self.results_form)
        self.values: dict[str, QLabel] = {}
        self.result_labels: dict[str, QLabel] = {}
        for value_key, _ in _RESULT_ROWS:
            self.result_labels[value_key], self.values[value_key] = _add_value_row(
                self.results_form
            )
        big = self.values["creator_usd"].font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.values["creator_usd"].setFont(big)
        box.addWidget(hint_label("Likes are not an input: they pay nothing."))

        payout = QGroupBox("Payout")
        payout_box = QVBoxLayout(payout)
        payout_form = _value_form()
        payout_box.addLayout(payout_form)
        self.payout_values: dict[str, QLabel] = {}
        for key, text in _PAYOUT_ROWS:
            label, self.payout_values[key] = _add_value_row(payout_form)
            label.setText(text)
            self.payout_values[key].setAccessibleName(text)
        self.payout_bar = QProgressBar()
        self.payout_bar.setRange(0, 1000)
        self.payout_bar.setAccessibleName("Progress to the payout minimum")
        payout_box.addWidget(self.payout_bar)
        self.payout_missing = QLabel()
        self.payout_missing.setAlignment(RIGHT)
        self.payout_missing.setWordWrap(True)
        self.payouts_button = QPushButton("&Payouts and wallet check…")
        self.payouts_button.setToolTip(
            "Record a withdrawal, see your payout history, compare with your wallet"
        )
        self.payouts_button.clicked.connect(self.show_payouts)
        # One row: on a 640-pixel-high screen the column has no height for another.
        payouts_row = QHBoxLayout()
        payouts_row.addWidget(self.payouts_button)
        payouts_row.addWidget(self.payout_missing, 1)
        payout_box.addLayout(payouts_row)

        self.log_button = QPushButton("&Log this stream…")
        self.log_button.setToolTip("Log these coins or gifts as a stream in your ledger")
        self.log_button.clicked.connect(self.log_this_stream)
        self.calibrate_button = QPushButton("Calibrate from my &wallet…")
        self.calibrate_button.setToolTip(
            "Take your country's rates from what your TikTok wallet shows"
        )
        self.calibrate_button.clicked.connect(self.calibrate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.calibrate_button)
        buttons.addStretch()

        self.note.setWordWrap(True)
        column = QVBoxLayout()
        column.addWidget(results)
        column.addWidget(payout)
        column.addLayout(buttons)
        column.addWidget(self.note)
        column.addWidget(self._build_sample_offer())
        column.addStretch()
        return column

    def _build_sample_offer(self) -> QGroupBox:
        """Shown while the ledger is empty: sample rows fill every tab at once."""
        self.sample_offer = QGroupBox("Nothing logged yet")
        box = QVBoxLayout(self.sample_offer)
        box.addWidget(
            hint_label(
                "Add sample data to see the Stream log, the charts and this payout panel "
                "filled in; View > Remove sample data takes it away."
            )
        )
        self.sample_button = QPushButton("&Add sample data")
        self.sample_button.clicked.connect(self.sample_requested)
        row = QHBoxLayout()
        row.addWidget(self.sample_button)
        row.addStretch()
        box.addLayout(row)
        return self.sample_offer

    # -- reacting --------------------------------------------------------------------------------

    def _show_sample_offer(self) -> None:
        session = self._session
        self.sample_offer.setVisible(not session.read_only and session.ledger.is_empty())

    def _fill_countries(self) -> None:
        self.country.blockSignals(True)
        try:
            self.country.clear()
            for code, label in self.model.countries():
                self.country.addItem(label, code)
            self.country.setCurrentIndex(max(self.country.findData(self.model.country), 0))
        finally:
            self.country.blockSignals(False)

    def _country_chosen(self, index: int) -> None:
        code = self.country.itemData(index)
        if isinstance(code, str):
            self.model.set_country(code)

    def _to_first_gift(self) -> None:
        if self.gift_proxy.rowCount():
            self.gift_table.setFocus()
            self.gift_table.setCurrentIndex(self.gift_proxy.index(0, COUNT))

    def _keep_on_count(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Keyboard focus stays on the Count column, so typing a number edits the count."""
        if current.isValid() and current.column() != COUNT:
            self.gift_table.setCurrentIndex(current.siblingAtColumn(COUNT))

    def _refresh(self) -> None:
        model = self.model
        for key, field in self.fields.items():
            if field.text() != model.text(key):
                field.setText(model.text(key))
        self.fields[COINS].setReadOnly(model.coins_from_gifts)
        self.coins_note.setVisible(model.coins_from_gifts)
        for key, error in self.errors.items():
            error.set_message(model.error(key))
            if key in self.fields:
                self.fields[key].setAccessibleDescription(model.error(key))
        results = model.results
        self.heading.setText(results.heading)
        for value_key, label_key in _RESULT_ROWS:
            label = getattr(results, label_key)
            self.result_labels[value_key].setText(label)
            self.values[value_key].setText(getattr(results, value_key))
            self.values[value_key].setAccessibleName(label)
        self.results_form.setRowVisible(self.values["creator_local"], results.show_local)
        payout = model.payout
        for key, value in self.payout_values.items():
            value.setText(getattr(payout, key))
        self.payout_bar.setValue(payout.progress_permille)
        self.payout_bar.setFormat(payout.progress_text)
        self.payout_missing.setText(payout.missing)
        self.gift_total.setText(model.gift_summary)
        self.clear_gifts.setEnabled(model.gifts.total_gifts() > 0)
        self.log_button.setEnabled(model.can_log_stream)

    # -- dialogs -----------------------------------------------------------------------------

    def log_this_stream(self) -> StreamDialog:
        """Open the stream dialog prefilled with this amount (window-modal, not blocking)."""
        from livetally.ui.stream_dialog import StreamDialog

        dialog = StreamDialog(
            self._session,
            self,
            draft=self.model.stream_draft(),
            save=self.stream_saver,
            formatter=self._format,
        )
        dialog.accepted.connect(self._stream_logged)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _stream_logged(self) -> None:
        self.model.clear()
        self.note.setText("Stream logged: it is in the Stream log and in your balance.")

    def show_payouts(self) -> PayoutsDialog:
        """Open the payouts dialog (window-modal, not blocking)."""
        from livetally.ui.payouts_dialog import open_payouts

        return open_payouts(self._session, self, self._format)

    def calibrate(self) -> CalibrateDialog:
        """Open the calibration dialog for the chosen country (window-modal)."""
        from livetally.ui.calibrate_dialog import CalibrateDialog

        dialog = CalibrateDialog(
            self._session, self, country=self.model.country, formatter=self._format
        )
        dialog.accepted.connect(
            lambda: self.note.setText("Rates updated from your wallet and saved in settings.")
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog


def _value_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def _add_value_row(form: QFormLayout) -> tuple[QLabel, QLabel]:
    """A label and a right-aligned value a person can select and copy."""
    label, value = QLabel(), QLabel()
    value.setAlignment(RIGHT)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    form.addRow(label, value)
    return label, value
