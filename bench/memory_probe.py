"""Memory: the window with every stream of a data home loaded, shown and used once.

Opens the stream log, waits until every row is in and the charts are drawn, sorts by cash,
filters and clears the filter, then shows the income tab and quits. The parent reads the
peak resident set size of this whole process (wait4), as it does for the bare window.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from common import FILTER_WORD, emit, forget_window_state, peak_rss_mb

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication


def pump(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def main() -> None:
    home, streams = Path(sys.argv[1]), int(sys.argv[2])
    app = QApplication(sys.argv[:1])
    from livetally.app import create_main_window
    from livetally.models.log_columns import StreamColumn

    forget_window_state(home)
    window = create_main_window(home)
    window.resize(1180, 780)
    tab = window.stream_log
    window.tabs.setCurrentWidget(tab)
    window.show()
    deadline = time.perf_counter() + 300
    while tab.model.rowCount() < streams and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    pump(app, 1.0)
    tab.table.sortByColumn(StreamColumn.CASH, Qt.SortOrder.DescendingOrder)
    pump(app, 0.5)
    if not os.environ.get("BENCH_NO_FILTER"):  # for measuring code whose filter never ends
        tab.filter_edit.setText(FILTER_WORD)
        tab._apply_filter()
        pump(app, 0.5)
        tab.filter_edit.setText("")
        tab._apply_filter()
        pump(app, 0.5)
    window.tabs.setCurrentWidget(window.income)
    pump(app, 0.5)
    loaded = tab.model.rowCount()
    window.close()
    window.session.ledger.close()
    forget_window_state(home)
    emit({"rows": loaded, "peak_rss_mb_self": peak_rss_mb()})


if __name__ == "__main__":
    main()
