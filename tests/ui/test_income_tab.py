"""The Income streams tab: entries with undo, LIVE gifts derived, chart and exports."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.models.commands import AddIncomeCommand, AddStreamCommand, run
from livetally.storage.ledger import Ledger
from livetally.ui import prompts
from livetally.ui.income_dialog import IncomeDialog
from livetally.ui.main_window import MainWindow


def test_add_income_through_the_dialog_with_inline_errors(window: MainWindow, qtbot: QtBot) -> None:
    window.tabs.setCurrentWidget(window.income)
    window.income.add_entry()
    (dialog,) = window.income.findChildren(IncomeDialog)
    dialog.source.setCurrentText("Sponsorship")
    qtbot.keyClicks(dialog.amount, "abc")
    assert dialog.error.text() == "Amount: expected an amount such as 49.99, got 'abc'"
    dialog.buttons.accepted.emit()
    assert window.session.ledger.income() == []
    dialog.amount.setText("250.00")
    assert dialog.error.text() == ""
    dialog.buttons.accepted.emit()
    (entry,) = window.session.ledger.income()
    assert (entry.record.source, entry.record.amount) == ("sponsorship", Decimal("250.00"))
    window.undo_action.trigger()
    assert window.session.ledger.income() == []


def test_live_gifts_appear_as_their_own_source_and_the_chart_matches(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    session = window.session
    run(session, AddStreamCommand(session, StreamRecord("2026-10-02T20:00:00Z", 10_000),
                                  session.profile()))  # fmt: skip
    run(session, AddIncomeCommand(session, IncomeRecord(dt.date(2026, 11, 3), "affiliate",
                                                        Decimal("19.99"), "USD")))  # fmt: skip
    window.show()
    window.tabs.setCurrentWidget(window.income)
    qtbot.waitExposed(window)
    tab = window.income
    assert tab.model.rowCount() == 2
    chart = tab._chart
    assert chart is not None
    qtbot.waitUntil(lambda: chart.is_showing_plot())
    assert chart.plotted_bars() == {"live_gifts": [50.0, 0.0], "affiliate": [0.0, 19.99]}
    assert "LIVE gifts" in tab.shares.text()
    assert "71%" in tab.shares.text()
    assert "<b>Total</b>" in tab.shares.text()
    assert "<b>$69.99</b>" in tab.shares.text(), "the period's total, beside the shares"
    target = tmp_path / "chart.csv"
    monkeypatch.setattr(prompts, "save_file", lambda *args: target)
    tab.export_csv()
    assert target.read_text(encoding="utf-8").splitlines() == [
        "Month,LIVE gifts,Affiliate,Total",
        "2026-10,50.00,0.00,50.00",
        "2026-11,0.00,19.99,19.99",
    ]
    png = tmp_path / "chart.png"
    monkeypatch.setattr(prompts, "save_file", lambda *args: png)
    tab.export_png()
    assert png.stat().st_size > 5_000


def test_the_shares_add_up_to_100_percent(window: MainWindow, qtbot: QtBot) -> None:
    """Three equal sources are 34%, 33% and 33%, not 33% three times (largest remainder)."""
    session = window.session
    for source in ("sponsorship", "affiliate", "merchandise"):
        entry = IncomeRecord(dt.date(2026, 11, 3), source, Decimal(100), "USD")
        run(session, AddIncomeCommand(session, entry))
    window.show()
    window.tabs.setCurrentWidget(window.income)
    qtbot.waitExposed(window)
    tab = window.income
    qtbot.waitUntil(lambda: "Share of the period" in tab.shares.text())
    percents = [int(p) for p in re.findall(r"(\d+)%</td>", tab.shares.text())]
    assert sorted(percents) == [33, 33, 34]


def test_the_tab_reads_day_totals_never_every_stream(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A log of 100,000 streams must not become 100,000 objects for a few LIVE rows."""
    session = window.session
    for day in (2, 9, 30):
        record = StreamRecord(f"2026-10-{day:02d}T20:00:00Z", 2_000)
        run(session, AddStreamCommand(session, record, session.profile()))

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the income tab read every stream")

    monkeypatch.setattr(Ledger, "streams", refuse)
    monkeypatch.setattr(Ledger, "streams_between", refuse)
    window.show()
    window.tabs.setCurrentWidget(window.income)
    qtbot.waitExposed(window)
    tab = window.income
    (row,) = (tab.model.row_at(r) for r in range(tab.model.rowCount()))
    assert (row.date, row.amount, row.description) == (
        dt.date(2026, 10, 1),
        Decimal(30),
        "From 3 streams",
    )
    assert tab._chart is not None
    qtbot.waitUntil(lambda: tab._chart is not None and tab._chart.is_showing_plot())
    assert tab._chart.plotted_bars() == {"live_gifts": [30.0]}


@pytest.mark.parametrize("size", [(1180, 780), (1024, 640)])
def test_the_chart_gets_at_least_two_fifths_of_the_height(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.add_sample_data()
    window.show()
    window.tabs.setCurrentWidget(window.income)
    qtbot.waitExposed(window)
    table, chart_area = window.income.splitter.sizes()
    assert chart_area >= 0.4 * (table + chart_area), (table, chart_area)


def test_the_splitter_stays_where_it_was_dragged(isolated_data_home: Path, qtbot: QtBot) -> None:
    from livetally.app import create_main_window

    first = create_main_window(isolated_data_home)
    qtbot.addWidget(first)
    first.resize(1180, 780)
    first.add_sample_data()
    first.show()
    first.tabs.setCurrentWidget(first.income)
    qtbot.waitExposed(first)
    splitter = first.income.splitter
    total = sum(splitter.sizes())
    splitter.moveSplitter(total // 4, 1)  # the creator drags the chart taller
    dragged = splitter.sizes()
    first.close()
    first.session.ledger.close()

    second = create_main_window(isolated_data_home)
    qtbot.addWidget(second)
    second.resize(1180, 780)
    second.show()
    second.tabs.setCurrentWidget(second.income)
    qtbot.waitExposed(second)
    assert second.income.splitter.sizes() == dragged
    second.close()
    second.session.ledger.close()
