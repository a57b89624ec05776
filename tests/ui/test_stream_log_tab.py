"""The Stream log tab: logging, filtering, sorting, and charts that match the ledger."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from livetally.core.records import StreamRecord
from livetally.models.commands import AddStreamCommand, run
from livetally.models.log_columns import StreamColumn
from livetally.ui.main_window import MainWindow
from livetally.ui.stream_dialog import StreamDialog

STREAMS = [
    StreamRecord("2026-11-02T20:00:00+01:00", 10_000, duration_minutes=120, tags=("qa",)),
    StreamRecord("2026-11-05T20:00:00+01:00", 2_000, duration_minutes=60, tags=("chat",),
                 notes="rainy day"),
    StreamRecord("2026-10-20T20:00:00+01:00", 30_000, duration_minutes=90, tags=("collab",)),
]  # fmt: skip


def log_all(window: MainWindow) -> None:
    session = window.session
    for record in STREAMS:
        run(session, AddStreamCommand(session, record, session.profile()))


def shown(window: MainWindow) -> list[int]:
    tab = window.stream_log
    return [
        tab.proxy.index(row, StreamColumn.COINS).data(Qt.ItemDataRole.DisplayRole)
        for row in range(tab.proxy.rowCount())
    ]


def test_log_a_stream_through_the_dialog(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    window.tabs.setCurrentWidget(window.stream_log)
    window.stream_log.add_stream()
    (dialog,) = window.stream_log.findChildren(StreamDialog)
    qtbot.keyClicks(dialog.coins, "10000")
    qtbot.keyClicks(dialog.duration, "90")
    dialog.accept()
    (stream,) = window.session.ledger.streams()
    assert (stream.record.coins, stream.record.duration_minutes, stream.creator_usd) == (
        10_000,
        90,
        Decimal(50),
    )
    assert window.stream_log.model.rowCount() == 1
    assert window.session.undo_stack.undoText() == "Log stream"


def test_filter_by_text_tag_and_the_summary_follows(window: MainWindow, qtbot: QtBot) -> None:
    log_all(window)
    tab = window.stream_log
    assert tab.summary.text().startswith("Shown: 3 streams · 4 h · 42,000 coins")
    tab.filter_edit.setText("rainy")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1)
    assert shown(window) == ["2,000"]
    assert "$10.00" in tab.summary.text()
    tab.filter_edit.clear()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 3)
    tab.tag_combo.setCurrentText("collab")
    assert shown(window) == ["30,000"]


def test_the_summary_gives_likes_per_viewer_and_says_what_it_is(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Not "likes per coin", which no creator compares by: likes per peak viewer, over the
    streams that logged both."""
    session = window.session
    for record in (
        StreamRecord("2026-11-02T20:00:00+01:00", 100, likes=3_000, peak_viewers=100),
        StreamRecord("2026-11-03T20:00:00+01:00", 100, likes=900, peak_viewers=20),
        StreamRecord("2026-11-04T20:00:00+01:00", 100, likes=50_000),  # no viewers logged
    ):
        run(session, AddStreamCommand(session, record, session.profile()))
    summary = window.stream_log.summary
    assert summary.text().endswith(" · 33 likes per viewer")  # 3,900 / 120 = 32.5
    assert "likes per coin" not in summary.text()
    assert "likes pay nothing" in summary.toolTip()


def test_sort_by_cash_both_ways(window: MainWindow) -> None:
    log_all(window)
    table = window.stream_log.table
    table.sortByColumn(StreamColumn.CASH, Qt.SortOrder.AscendingOrder)
    assert shown(window) == ["2,000", "10,000", "30,000"]
    table.sortByColumn(StreamColumn.CASH, Qt.SortOrder.DescendingOrder)
    assert shown(window) == ["30,000", "10,000", "2,000"]


def test_charts_show_what_the_ledger_holds(window: MainWindow, qtbot: QtBot) -> None:
    log_all(window)
    window.show()
    window.tabs.setCurrentWidget(window.stream_log)
    qtbot.waitExposed(window)
    tab = window.stream_log
    qtbot.waitUntil(lambda: tab.charts.count() == 4)  # made on a turn of their own
    cash_chart = tab.charts.widget(0)
    qtbot.waitUntil(lambda: cash_chart.is_showing_plot())
    points = cash_chart.plotted_series()["Cash per stream"]
    assert [round(y, 2) for _, y in points] == [150.0, 50.0, 10.0]
    tab.charts.setCurrentIndex(1)
    tag_chart = tab.charts.widget(1)
    qtbot.waitUntil(lambda: tag_chart.is_showing_plot())
    assert tag_chart.plotted_bars() == {"collab": 100.0, "qa": 25.0, "chat": 10.0}


def test_charts_pending_until_the_chart_on_screen_is_drawn(
    window: MainWindow, qtbot: QtBot
) -> None:
    log_all(window)
    window.show()
    window.tabs.setCurrentWidget(window.stream_log)
    tab = window.stream_log
    assert tab.charts_pending()  # asked for, drawn on a later turn of the event loop
    qtbot.waitUntil(lambda: not tab.charts_pending())
    assert tab.charts.widget(0).is_showing_plot()


def test_the_charts_are_made_on_a_turn_after_the_rows_arrive(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Rows, charts' code and plots, and each step of drawing take turns of their own, so
    the window keeps answering while a large log comes in."""
    log_all(window)
    window.show()
    window.tabs.setCurrentWidget(window.stream_log)
    tab = window.stream_log
    assert tab.model.rowCount() == 3
    assert tab.charts.count() == 0
    assert tab.charts_pending()
    qtbot.waitUntil(lambda: tab.charts.count() == 2)  # the first two, then the other two
    assert tab.charts_pending()
    qtbot.waitUntil(lambda: not tab.charts_pending())
    assert tab.charts.count() == 4  # pending until every chart tab is there
    assert tab.charts.widget(0).is_showing_plot()
