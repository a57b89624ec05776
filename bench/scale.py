"""Scale: the window on a data home of N streams, each step timed against its floor.

Run by ``bench/run.py`` in a fresh process per size; prints one ``BENCH-RESULT`` JSON line.
Steps: the monthly report (as ``livetally report`` makes it) and the forecast (as
``livetally forecast`` makes it), opening the data home with
the stream log shown, sorting by cash, a text filter, and the income tab with its chart.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    FILTER_WORD,
    best_of,
    emit,
    floor_fetch,
    floor_filter,
    floor_monthly,
    floor_sorted_by_cash,
    forget_window_state,
    peak_rss_mb,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication


def note(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


class Watchdog:
    """Ends the run with what was measured so far when one step takes far too long."""

    def __init__(self, result: dict[str, object], limit: float) -> None:
        self.result = result
        self.limit = limit
        self._timer: threading.Timer | None = None

    def start(self, step: str) -> None:
        self.stop()
        self._timer = threading.Timer(self.limit, self._expire, args=(step,))
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def _expire(self, step: str) -> None:
        self.result["timed_out"] = step
        emit(self.result)
        os._exit(0)


def wait_for(app: QApplication, done: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def settle(app: QApplication, quiet: float = 0.3) -> None:
    """Let timers and deferred work run until nothing has happened for ``quiet`` seconds."""
    last = time.perf_counter()
    while time.perf_counter() - last < quiet:
        began = time.perf_counter()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() - began > 0.01:
            last = time.perf_counter()
        time.sleep(0.005)


def monthly_reports(home: Path, runs: int) -> dict[str, float]:
    """The monthly report as ``livetally report --by month`` makes it, on a ledger already
    open (opening it, with its quick integrity check, and reading settings.toml are the
    same fixed cost for any command): the day totals SQLite adds up (``Ledger.live_days``)
    and the income entries, grouped by month.
    """
    from livetally.core.report import Grouping, build_report_from_days
    from livetally.settings.document import SettingsFile
    from livetally.storage.ledger import Ledger

    settings = SettingsFile.load(home / "settings.toml").settings
    rates, currency = settings.exchange_rates, settings.currency
    with Ledger.open(home / "livetally.sqlite3", home / "backups", writable=False) as ledger:

        def from_days() -> None:
            days = ledger.live_days(None, None)
            income = [entry.record for entry in ledger.income_between(None, None)]
            build_report_from_days(Grouping.MONTH, days, income, rates, currency)

        result = {"report": best_of(runs, from_days)}
        result |= forecasts(ledger, settings, runs)
        return result


def forecasts(ledger: Any, settings: Any, runs: int) -> dict[str, Any]:
    """``livetally forecast`` on the same open ledger, as of the day of the last stream (the
    generated log ends years before today, and a forecast of a quiet quarter reads little):
    the balance as of that day, the 90 days of pace, a year of other income, and every draw.
    The ledger keeps its balance between calls; a command's fresh process does not, so it is
    forgotten before each run.
    """
    import datetime as dt

    from livetally.storage.forecast import forecast_as_of

    (last,) = ledger.connection.execute(
        "SELECT substr(started_at, 1, 10) FROM streams ORDER BY started_utc DESC LIMIT 1"
    ).fetchone()
    as_of = dt.date.fromisoformat(last)
    profile, rates, currency = settings.profile(), settings.exchange_rates, settings.currency

    def forecast() -> None:
        ledger._balance.forget()  # as a new process finds it
        forecast_as_of(ledger, as_of, profile, rates, currency)

    return {"forecast": best_of(runs, forecast), "forecast_as_of": as_of.isoformat()}


def edit_one_stream(app: QApplication, window: Any) -> None:
    """One stream's coins changed through the undo stack, as the stream dialog saves it,
    until the log shows the new figure and the summary is redrawn."""
    from livetally.models import commands
    from livetally.models.commands import EditStreamCommand

    session, tab = window.session, window.stream_log
    before = tab.model.stream_at(tab.model.rowCount() // 2)
    record = dataclasses.replace(before.record, coins=before.record.coins + 1)
    commands.run(session, EditStreamCommand(session, before, record))
    row = tab.model.row_of(before.id)
    assert row is not None
    assert tab.model.stream_at(row).record.coins == record.coins
    tab._update_summary()  # what its timer would start a moment later
    tab.table.viewport().repaint()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home", type=Path)
    parser.add_argument("streams", type=int)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--step-limit", type=float, default=90.0)
    args = parser.parse_args()
    home: Path = args.home
    runs: int = args.runs
    result: dict[str, object] = {}
    watchdog = Watchdog(result, args.step_limit)

    # Floors first, in a process that has loaded nothing but sqlite3.
    rows, _tags = floor_fetch(home)
    assert len(rows) == args.streams, (len(rows), args.streams)
    result["floor_open"] = best_of(runs, lambda: floor_fetch(home))
    result["floor_sort"] = best_of(runs, lambda: floor_sorted_by_cash(home))
    result["floor_filter"] = best_of(runs, lambda: floor_filter(rows))
    result["filter_rows_floor"] = len(floor_filter(rows))
    result["floor_report"] = best_of(runs, lambda: floor_monthly(home))

    watchdog.start("report")
    result |= monthly_reports(home, runs)

    app = QApplication([])
    from livetally.app import create_main_window
    from livetally.models.log_columns import StreamColumn

    forget_window_state(home)
    watchdog.start("log_open")
    began = time.perf_counter()
    window = create_main_window(home)
    window.resize(1180, 780)
    tab = window.stream_log
    window.tabs.setCurrentWidget(tab)
    window.show()
    wait_for(app, lambda: tab.model.rowCount() == args.streams and tab.proxy.rowCount() > 0)
    tab.table.viewport().repaint()
    result["log_open"] = time.perf_counter() - began
    note(f"{args.streams}: open {result['log_open']:.3f}")

    def charts_show(count: int) -> Callable[[], bool]:
        def shown() -> bool:
            chart = tab.charts.widget(0) if tab.charts.count() else None
            if chart is None or not chart.is_showing_plot():
                return False
            return len(chart.plotted_series().get("Cash per stream", ())) == count

        return shown

    wait_for(app, charts_show(args.streams))
    result["log_open_with_charts"] = time.perf_counter() - began
    settle(app)

    watchdog.start("sort")
    began = time.perf_counter()
    tab.table.sortByColumn(StreamColumn.CASH, Qt.SortOrder.DescendingOrder)  # a header click
    tab.table.viewport().repaint()
    result["sort"] = time.perf_counter() - began
    note(f"{args.streams}: sort {result['sort']:.3f}")
    settle(app)

    watchdog.start("filter")
    # Best of three, as the floor is: one run is at the mercy of a single late frame.
    filters, clears, with_charts = [], [], []
    for _ in range(3):
        tab.filter_edit.setText(FILTER_WORD)
        began = time.perf_counter()
        tab._apply_filter()  # what the pause in typing starts (the 200 ms wait itself left out)
        tab.table.viewport().repaint()
        filters.append(time.perf_counter() - began)
        shown = tab.proxy.rowCount()
        wait_for(app, charts_show(shown))
        with_charts.append(time.perf_counter() - began)
        settle(app)
        tab.filter_edit.setText("")
        began = time.perf_counter()
        tab._apply_filter()
        tab.table.viewport().repaint()
        clears.append(time.perf_counter() - began)
        wait_for(app, charts_show(args.streams))
        settle(app)
    result["filter"] = min(filters)
    result["filter_rows"] = shown
    result["filter_with_charts"] = min(with_charts)
    result["filter_clear"] = min(clears)
    note(
        f"{args.streams}: filter {result['filter']:.3f} (runs {', '.join(f'{f:.3f}' for f in filters)})"
    )

    watchdog.start("edit")
    result["edit"] = best_of(runs, lambda: edit_one_stream(app, window))
    note(f"{args.streams}: edit {result['edit']:.4f}")
    settle(app)

    watchdog.start("income_chart")
    income = window.income
    began = time.perf_counter()
    window.tabs.setCurrentWidget(income)
    wait_for(app, lambda: income._chart is not None and income._chart.is_showing_plot())
    income.table.viewport().repaint()
    result["income_tab_with_chart"] = time.perf_counter() - began
    settle(app)

    def redraw() -> None:  # choosing a period: the chart is worked out and drawn again
        income._on_period(dt.date(2020, 1, 1), None)
        app.processEvents()
        income._on_period(None, None)
        app.processEvents()

    result["income_chart_redraw"] = best_of(3, redraw) / 2
    watchdog.stop()
    result["peak_rss_mb"] = peak_rss_mb()
    window.close()
    window.session.ledger.close()
    forget_window_state(home)
    emit(result)


if __name__ == "__main__":
    main()
