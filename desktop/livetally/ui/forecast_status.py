"""The status bar's forecast: when the payout is expected, and the month against its goal.

Beside the balance (``ui.status``): "Payout expected about 12 Dec" and "Goal: $120 of $500,
on track" with a progress bar. Worked out a moment after the window is up and after each
change, on a timer, so neither start-up nor an edit waits for it; the forecast reads a few
index-backed totals (``storage.forecast``), not every stream.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from livetally.core.money import minor_unit, round_up
from livetally.models.formatting import Formatter
from livetally.models.session import Session

if TYPE_CHECKING:
    from livetally.core.forecast import PayoutForecast
    from livetally.core.goals import GoalPacing

#: The first forecast waits this long after the window is built: the window comes first.
FIRST_REFRESH_MS = 250


def short_day(day: dt.date, today: dt.date) -> str:
    """ "12 Dec", with the year only when it is not this one."""
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def payout_words(payout: PayoutForecast, today: dt.date) -> tuple[str, str]:
    """The status bar's words for the next payout, and its tooltip."""
    if payout.reached or not payout.pace_days:  # the balance says it all, or no log yet
        return "", ""
    if payout.date is None:
        if payout.diamonds_per_day:
            return "Payout: not within years", "Not within a century at this pace."
        return (
            "Payout date: not enough data yet",
            "No diamonds in the last 90 days to measure a pace by.",
        )
    shown = f"Payout expected about {short_day(payout.date, today)}"
    if payout.earliest is None or payout.latest is None:
        spread = "at the slowest, more than two years away"
    elif payout.earliest == payout.latest:
        spread = "your pace has been steady"
    else:
        spread = (
            f"between {short_day(payout.earliest, today)} and "
            f"{short_day(payout.latest, today)}, 9 times out of 10"
        )
    return shown, f"At the pace of your last {payout.pace_days} days; {spread}."


class ForecastIndicator(QWidget):
    """The expected payout day and the goal's progress, kept up to date with the ledger."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._format = Formatter()
        self.payout_label = QLabel()
        self.goal_label = QLabel()
        self.goal_progress = QProgressBar()
        self.goal_progress.setRange(0, 1000)
        self.goal_progress.setTextVisible(False)
        self.goal_progress.setFixedWidth(100)
        self.goal_progress.setAccessibleName("Progress to the monthly goal")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.payout_label)
        layout.addSpacing(12)
        layout.addWidget(self.goal_label)
        layout.addWidget(self.goal_progress)
        self.goal_label.hide()
        self.goal_progress.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        for signal in (session.ledger_changed, session.settings_changed, session.goal_changed):
            signal.connect(self.schedule)
        self._timer.start(FIRST_REFRESH_MS)

    def schedule(self) -> None:
        """Refresh at the next turn of the event loop, once for any number of changes."""
        self._timer.start(0)

    def stop(self) -> None:
        """Cancel a refresh still to come: the window is closing, its ledger about to close."""
        self._timer.stop()

    def refresh(self, today: dt.date | None = None) -> None:
        from livetally.core.goals import goal_pacing
        from livetally.storage.forecast import forecast_as_of

        session = self._session
        settings = session.settings
        today = today or dt.date.today()
        rates, currency = settings.exchange_rates, settings.currency
        ledger = session.ledger
        result = forecast_as_of(ledger, today, session.profile(), rates, currency)
        text, tip = payout_words(result.payout, today)
        self.payout_label.setText(text)
        self.payout_label.setToolTip(tip)
        self.payout_label.setVisible(bool(text))
        self._show_goal(goal_pacing(ledger.goals.in_force(today), result.months[0], rates,
                                    currency))  # fmt: skip

    def _show_goal(self, pacing: GoalPacing) -> None:
        has_goal = pacing.goal is not None and pacing.progress is not None
        self.goal_label.setVisible(has_goal)
        self.goal_progress.setVisible(has_goal)
        if pacing.goal is None or pacing.progress is None:
            return
        fmt, currency = self._format, pacing.currency
        step = minor_unit(currency)  # a goal and a day's need are shown rounded up, as the CLI
        verdict = "on track" if pacing.on_track else "behind"
        if pacing.needed_per_day == 0:
            verdict = "reached"
        self.goal_label.setText(
            f"Goal: {fmt.money(pacing.earned, currency)} of "
            f"{fmt.money(round_up(pacing.goal, step), currency)}, {verdict}"
        )
        self.goal_progress.setValue(int(pacing.progress * 1000))
        tip = f"{pacing.month:%B}: {fmt.money(pacing.projected, currency)} projected"
        if pacing.needed_per_day:
            needed = fmt.money(round_up(pacing.needed_per_day, step), currency)
            tip += f"; {needed} a day would reach the goal"
        self.goal_label.setToolTip(f"{tip}.")
        self.goal_progress.setToolTip(f"{fmt.percent(pacing.progress, 0)} of the monthly goal")
