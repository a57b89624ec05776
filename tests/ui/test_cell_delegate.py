"""The stream log's delegate paints and sizes cells exactly as Qt's own delegate does,
from one call per cell instead of seven calls into the model."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from livetally.core.records import LoggedStream
from livetally.models.log_columns import COLUMN_COUNT, StreamColumn
from livetally.models.stream_filter import StreamFilterProxy
from livetally.ui.cell_delegate import TextCellDelegate
from livetally.ui.tables import fit_columns, row_table, set_up_table
from tests.models.test_stream_table import loaded, sample, stream


class CountingProxy(StreamFilterProxy):
    """The log's proxy, noting what the view asks of it."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[int] = []
        self.shown: list[tuple[int, int]] = []

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        self.asked.append(int(role))
        return super().data(index, role)

    def shown_cell(self, row: int, column: int) -> tuple[str, Qt.AlignmentFlag]:
        self.shown.append((row, column))
        return super().shown_cell(row, column)


def _shown(qtbot: QtBot, streams: list[LoggedStream] | None = None) -> tuple[QTableView, Any]:
    model, _ = loaded(streams)
    proxy = CountingProxy()
    proxy.setSourceModel(model)
    table = row_table()
    table.setModel(proxy)
    set_up_table(table, "Streams")
    qtbot.addWidget(table)
    table.resize(900, 260)
    table.show()
    qtbot.waitExposed(table)
    return table, proxy


def _drawn(table: QTableView, delegate: QStyledItemDelegate) -> QImage:
    table.setItemDelegate(delegate)
    return table.grab().toImage()


@pytest.mark.parametrize("alternating", [True, False])
def test_the_log_looks_the_same_as_with_qts_own_delegate(qtbot: QtBot, alternating: bool) -> None:
    long_note = "A very long note that the column cannot hold and so ends in an ellipsis " * 3
    table, proxy = _shown(
        qtbot, [*sample(), stream(9, "2026-03-20T21:00:00Z", 55_555, notes=long_note)]
    )
    table.setAlternatingRowColors(alternating)
    fit_columns(table)
    table.setColumnWidth(StreamColumn.NOTES, 120)
    table.selectionModel().select(
        proxy.index(1, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    ours = _drawn(table, TextCellDelegate(proxy, table))
    assert len(proxy.shown) >= 2 * COLUMN_COUNT - 4  # it painted (some columns are narrow)
    assert ours == _drawn(table, QStyledItemDelegate(table))
    proxy.set_text("qa")  # a filtered view maps its rows through the proxy
    assert 0 < proxy.rowCount() < 7
    ours = _drawn(table, TextCellDelegate(proxy, table))
    assert ours == _drawn(table, QStyledItemDelegate(table))


def test_cells_are_sized_as_qts_own_delegate_sizes_them(qtbot: QtBot) -> None:
    table, proxy = _shown(qtbot)
    ours, theirs = TextCellDelegate(proxy, table), QStyledItemDelegate(table)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    for row in range(proxy.rowCount()):
        for column in range(COLUMN_COUNT):
            index = proxy.index(row, column)
            assert ours.sizeHint(option, index) == theirs.sizeHint(option, index), (row, column)


def test_painting_asks_the_model_one_call_per_cell_and_no_roles(qtbot: QtBot) -> None:
    table, proxy = _shown(qtbot)
    table.setItemDelegate(TextCellDelegate(proxy, table))
    proxy.asked.clear()
    table.grab()
    assert len(proxy.shown) >= proxy.rowCount()  # every row on screen painted by it
    assert proxy.asked == []
    table.setItemDelegate(QStyledItemDelegate(table))
    table.grab()
    assert int(Qt.ItemDataRole.DisplayRole) in proxy.asked  # Qt's own asks role by role
