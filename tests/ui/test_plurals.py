"""The window says "1 diamond", "1 stream", "1 gift": one of a thing is singular."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from livetally.core.records import StreamRecord
from livetally.models.commands import AddStreamCommand, run
from livetally.ui.main_window import MainWindow


def test_one_stream_of_one_diamond_reads_in_the_singular(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    record = StreamRecord("2026-11-02T20:00:00+01:00", 10, duration_minutes=60)
    run(session, AddStreamCommand(session, record, session.profile()))
    window.show()
    window.tabs.setCurrentWidget(window.stream_log)
    qtbot.waitExposed(window)
    summary = window.stream_log.summary
    qtbot.waitUntil(lambda: summary.text().startswith("Shown: 1 stream ·"))
    assert "· 10 coins · 1 diamond ·" in summary.text()
    assert window.balance.label.text().startswith("Balance: 1 diamond ($0.05)")

    window.tabs.setCurrentWidget(window.calculator)
    calculator = window.calculator
    calculator.model.gifts.set_count("Rose", 1)
    assert calculator.gift_total.text() == "1 gift counted: 1 coin"
    assert calculator.payout_values["this_amount"].text() == "+0 diamonds = $0.00"
    calculator.fields["coins"].setText("")
    qtbot.keyClicks(calculator.fields["diamonds"], "1")
    assert calculator.payout_values["this_amount"].text() == "+1 diamond = $0.05"
