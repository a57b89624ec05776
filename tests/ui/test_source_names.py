"""The window names income sources as people read them, never by their ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytestqt.qtbot import QtBot

from livetally.core.records import IncomeRecord
from livetally.models.commands import AddIncomeCommand, run
from livetally.models.income_table import IncomeColumn
from livetally.ui.income_dialog import IncomeDialog
from livetally.ui.main_window import MainWindow


def test_the_source_filter_and_table_show_names(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    for source in ("creator_rewards", "patreon_tips"):
        record = IncomeRecord(dt.date(2026, 11, 3), source, Decimal("20.00"), "USD")
        run(session, AddIncomeCommand(session, record))
    window.show()
    window.tabs.setCurrentWidget(window.income)
    qtbot.waitExposed(window)
    tab = window.income
    combo = tab.source_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names[:2] == ["All sources", "LIVE gifts"]
    assert "Creator Rewards" in names
    assert "Patreon Tips" in names
    assert not [name for name in names if "_" in name]
    shown = {tab.proxy.index(r, IncomeColumn.SOURCE).data() for r in range(tab.proxy.rowCount())}
    assert shown == {"Creator Rewards", "Patreon Tips"}

    combo.setCurrentIndex(combo.findText("Creator Rewards"))
    assert tab.proxy.rowCount() == 1
    tab.reload()  # the chosen source stays chosen when the ledger changes
    assert combo.currentText() == "Creator Rewards"
    combo.setCurrentIndex(0)
    assert tab.proxy.rowCount() == 2


def test_the_income_dialog_offers_names_and_saves_the_one_builtin(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show()
    window.tabs.setCurrentWidget(window.income)
    qtbot.waitExposed(window)
    window.income.add_entry()
    (dialog,) = window.income.findChildren(IncomeDialog)
    offered = [dialog.source.itemText(i) for i in range(dialog.source.count())]
    assert "Creator Rewards" in offered
    assert "creator_fund" not in offered
    assert "creator_rewards" not in offered
    dialog.source.setCurrentText("Creator Fund / Creator Rewards Program")
    dialog.amount.setText("12.00")
    dialog.buttons.accepted.emit()
    (entry,) = window.session.ledger.income()
    assert entry.record.source == "creator_rewards"
    window.income.table.selectRow(0)
    window.income.edit_selected()
    editing = [d for d in window.income.findChildren(IncomeDialog) if d.isVisible()][-1]
    assert editing.windowTitle() == "Edit income"
    assert editing.source.currentText() == "Creator Rewards"
