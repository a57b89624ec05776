"""The status bar's payout day and goal, and setting the goal from the Income streams tab.

The log: 100 diamonds ($5) on each of the 90 days to today, and all but 400 cashed out, so
the payout is 6 days away at a steady pace (see ``tests/core/test_forecast.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from livetally.core.forecast import days_in_month
from livetally.core.goals import MonthlyGoal
from livetally.core.records import PayoutRecord, StreamRecord
from livetally.ui.forecast_status import short_day
from livetally.ui.goal_dialog import GoalDialog
from livetally.ui.main_window import MainWindow

TODAY = dt.date.today()  # what the window goes by


@pytest.fixture
def steady(window: MainWindow) -> MainWindow:
    session = window.session
    days = [TODAY - dt.timedelta(days=n) for n in range(90)]
    streams = [StreamRecord(f"{day}T12:00:00+00:00", 1000) for day in days]
    session.ledger.import_streams(streams, session.profile())
    session.ledger.add_payout(PayoutRecord(TODAY, 8600, Decimal(430)))
    session.ledger_was_changed()
    return window


def test_the_payout_day_appears_a_moment_after_the_window(window: MainWindow, qtbot: QtBot) -> None:
    indicator = window.forecast
    assert indicator.payout_label.text() == ""  # nothing worked out while the window is built
    assert indicator._timer.isActive()
    qtbot.waitUntil(lambda: not indicator._timer.isActive())
    assert indicator.payout_label.isHidden()  # an empty log: the balance says all there is
    assert indicator.goal_label.isHidden()


def test_the_status_bar_says_when_the_payout_is_expected(steady: MainWindow, qtbot: QtBot) -> None:
    label = steady.forecast.payout_label
    expected = f"Payout expected about {short_day(TODAY + dt.timedelta(days=6), TODAY)}"
    qtbot.waitUntil(lambda: label.text() == expected)
    assert "your pace has been steady" in label.toolTip()
    steady.session.ledger.add_stream(
        StreamRecord(f"{TODAY}T23:00:00+00:00", 6000), steady.session.profile()
    )
    steady.session.ledger_was_changed()  # now 1,000 diamonds: the balance says "ready"
    qtbot.waitUntil(lambda: label.isHidden())


def test_short_days_name_the_year_only_when_it_is_another() -> None:
    today = dt.date(2026, 12, 3)
    assert short_day(dt.date(2026, 12, 12), today) == "12 Dec"
    assert short_day(dt.date(2027, 1, 2), today) == "2 Jan 2027"


def test_setting_the_goal_from_the_income_tab(steady: MainWindow, qtbot: QtBot) -> None:
    steady.tabs.setCurrentWidget(steady.income)
    steady.income.goal_button.click()
    (dialog,) = steady.income.findChildren(GoalDialog)
    assert dialog.amount.accessibleName() == "Monthly goal (USD)"
    assert dialog.history.text() == "No goal set yet."
    qtbot.keyClicks(dialog.amount, "lots")
    assert "Monthly goal (USD): expected an amount such as 49.99" in dialog.error.message()
    dialog.buttons.accepted.emit()
    assert steady.session.ledger.goals.history() == []
    dialog.amount.setText("100")
    dialog.buttons.accepted.emit()
    assert steady.session.ledger.goals.history()[-1].amount == 100
    # $5 a day: today's day of the month times $5 earned, the whole month's days projected.
    earned = TODAY.day * 5
    verdict = "reached" if earned >= 100 else "on track"
    goal = steady.forecast.goal_label
    qtbot.waitUntil(lambda: goal.text() != "")
    assert goal.text() == f"Goal: ${earned}.00 of $100.00, {verdict}"
    assert steady.forecast.goal_progress.value() == min(earned * 10, 1000)
    assert f"${days_in_month(TODAY) * 5}.00 projected" in goal.toolTip()


def test_the_goal_dialog_shows_the_goal_in_force_and_those_before(steady: MainWindow) -> None:
    goals = steady.session.ledger.goals
    goals.set(MonthlyGoal(dt.date(2026, 1, 1), Decimal(300), "USD"))
    goals.set(MonthlyGoal(dt.date(2026, 2, 1), Decimal("450.50"), "USD"))
    dialog = GoalDialog(steady.session, steady, today=dt.date(2026, 3, 1))
    assert dialog.amount.text() == "450.50"
    assert dialog.history.text() == (
        "Goals set before: from 2026-02-01: $450.50; from 2026-01-01: $300.00."
    )
    dialog.amount.setText("0")
    dialog.buttons.accepted.emit()
    assert goals.in_force(dt.date(2026, 3, 1)) is None


def test_a_read_only_home_refuses_the_goal_with_the_reason(steady: MainWindow) -> None:
    steady.session.read_only = True
    dialog = GoalDialog(steady.session, steady)
    dialog.amount.setText("500")
    dialog.buttons.accepted.emit()
    assert "is read-only" in dialog.error.message()
    assert steady.session.ledger.goals.history() == []
