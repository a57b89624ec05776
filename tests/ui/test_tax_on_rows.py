"""Once a tax set-aside is set, each stream's cash and each income amount say their share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.models.commands import AddIncomeCommand, AddStreamCommand, run
from livetally.models.income_table import IncomeColumn
from livetally.models.log_columns import StreamColumn
from livetally.settings import edits
from livetally.settings.document import SettingsFile
from livetally.ui.main_window import MainWindow

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_rows_say_what_to_set_aside_once_a_percentage_is_set(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    run(
        session,
        AddStreamCommand(session, StreamRecord("2026-11-20T19:00:00Z", 10_000), session.profile()),
    )
    entry = IncomeRecord(dt.date(2026, 11, 3), "sponsorship", Decimal("123.45"), "USD")
    run(session, AddIncomeCommand(session, entry))
    window.show()
    log = window.stream_log
    cash = log.model.index(0, StreamColumn.CASH)
    assert cash.data(TOOLTIP) is None, "nothing said while no percentage is set"

    path = session.settings_file.path
    session.save_settings(edits.with_tax_reserve_percent(SettingsFile.load(path), Decimal(25)))
    assert cash.data(TOOLTIP) == "Set aside for tax (25%): $12.50"  # of $50.00
    window.tabs.setCurrentWidget(window.income)
    qtbot.waitExposed(window)
    income = window.income.model
    rows = [income.index(r, IncomeColumn.CONVERTED) for r in range(income.rowCount())]
    said = {index.data(TOOLTIP) for index in rows}
    assert "Set aside for tax (25%): $30.87" in said  # 25% of $123.45, rounded up once
