"""Import: a CSV of N streams into a fresh ledger, against csv.reader + executemany.

``speed``: in-process, no Qt: LiveTally's reader (every row checked) and
``Ledger.import_streams`` (backup, fingerprints, one transaction), median of runs.
``stall``: the same file through File > Import in the window (the progress dialog and its
worker thread), with a 5 ms timer on the GUI thread; the longest gap between its ticks,
from the moment the dialog opens until the stream log shows every imported row and the
window has settled, is how long the window froze.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from common import best_of, emit, floor_import, forget_window_state, median


def fresh_home(home: Path) -> Path:
    from livetally.datahome import prepare_data_home, resolve_data_home
    from livetally.storage.ledger import Ledger

    shutil.rmtree(home, ignore_errors=True)
    prepared = prepare_data_home(resolve_data_home(home))
    Ledger.open(prepared.database_path, prepared.backups_dir).close()
    return home


def speed(csv_path: Path, scratch: Path, runs: int) -> dict[str, object]:
    from livetally.settings.document import SettingsFile
    from livetally.storage.csv_read import read_streams_csv
    from livetally.storage.ledger import Ledger

    times, reads = [], []
    for run in range(runs):
        home = fresh_home(scratch / f"import-{run}")
        profile = SettingsFile.load(home / "settings.toml").settings.profile()
        with Ledger.open(home / "livetally.sqlite3", home / "backups") as ledger:
            began = time.perf_counter()
            records = read_streams_csv(csv_path)
            read = time.perf_counter()
            summary = ledger.import_streams(records, profile)
            times.append(time.perf_counter() - began)
            reads.append(read - began)
        assert summary.new == len(records)
        shutil.rmtree(home)
    floor = best_of(runs, lambda: floor_import(csv_path, scratch / "floor.sqlite3"))
    return {
        "import": median(times),
        "import_read": median(reads),
        "import_save": median(times) - median(reads),
        "floor_import": floor,
    }


def stall(csv_path: Path, scratch: Path, streams: int) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    from livetally.app import create_main_window
    from livetally.ui.import_dialog import ImportDialog
    from livetally.ui.stream_log_charts import StreamLogCharts

    # Note when the stream log draws its charts, to tell that freeze apart from the rest.
    # The charts are worked out a step per turn (_chart_step) after _draw_charts starts
    # them: every step counts as drawing the charts.
    drawing: list[tuple[float, float]] = []
    patched = {
        name: getattr(StreamLogCharts, name)
        for name in ("_draw_charts", "_chart_step")
        if hasattr(StreamLogCharts, name)
    }
    assert len(patched) == 2, "the stream log's chart steps moved: update this probe"

    def timed(work: Callable[[StreamLogCharts], None]) -> Callable[[StreamLogCharts], None]:
        def timed_work(self: StreamLogCharts) -> None:
            began = time.perf_counter()
            work(self)
            drawing.append((began, time.perf_counter()))

        return timed_work

    for name, work in patched.items():
        setattr(StreamLogCharts, name, timed(work))
    home = fresh_home(scratch / "import-window")
    forget_window_state(home)
    window = create_main_window(home)
    window.resize(1180, 780)
    tab = window.stream_log
    window.tabs.setCurrentWidget(tab)
    window.show()
    # The window's own first seconds (the first forecast, the charts' code loading) are
    # start-up, not the import: they are over before the import starts, as when a creator
    # opens the window and then chooses File > Import. That command starts loading the
    # charts' code (pyqtgraph) as it asks for the file (ui/file_commands.import_csv): the
    # same here, the two seconds standing for the choosing.
    from livetally.ui.charts.loading import load_in_background

    load_in_background()
    settled = time.perf_counter() + 2.0
    while time.perf_counter() < settled:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ended: list[str] = []
    dialog = ImportDialog(window.session, "streams", csv_path, window)
    dialog.ended.connect(ended.append)
    ticker.start()
    began = time.perf_counter()
    ticks.append(began)
    dialog.open()
    # The event loop runs in Qt, as in the app; a slow timer watches for the end: every
    # row shown, then one more second of whatever the window does next (charts, totals).
    loop = QEventLoop()
    marks: dict[str, float] = {}

    def on_reset() -> None:
        if "shown" not in marks and ended and tab.model.rowCount() == streams:
            marks["shown"] = time.perf_counter()

    def check() -> None:
        on_reset()
        now = time.perf_counter()
        settled = "shown" in marks and ticks[-1] > marks["shown"] + 1.0
        if settled or now > began + 300:
            loop.quit()

    tab.model.modelReset.connect(on_reset)

    watcher = QTimer()
    watcher.setInterval(50)
    watcher.timeout.connect(check)
    watcher.start()
    loop.exec()
    watcher.stop()
    shown = marks.get("shown", float("nan"))
    ticker.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    worst = max(gaps) if gaps else float("nan")
    at = ticks[gaps.index(worst)] - began if gaps else float("nan")
    worst_five = sorted(range(len(gaps)), key=lambda i: gaps[i], reverse=True)[:5]
    charts = [
        gap
        for i, gap in enumerate(gaps)
        if any(start < ticks[i + 1] and end > ticks[i] for start, end in drawing)
    ]
    others = [
        gap
        for i, gap in enumerate(gaps)
        if not any(start < ticks[i + 1] and end > ticks[i] for start, end in drawing)
    ]
    result = {
        "import_in_window": shown - began,
        "longest_stalls": [
            {"ms": round(gaps[i] * 1000), "at_s": round(ticks[i] - began, 3)} for i in worst_five
        ],
        "import_state": ended[0] if ended else "did not finish",
        "max_stall_ms": worst * 1000,
        "max_stall_at_s": at,
        "stalls_over_100ms": sum(gap > 0.1 for gap in gaps),
        "max_stall_ms_charts": max(charts, default=0.0) * 1000,
        "max_stall_ms_without_charts": max(others, default=0.0) * 1000,
        "chart_draws_s": [round(end - start, 3) for start, end in drawing if end - start > 0.005],
    }
    for name, work in patched.items():
        setattr(StreamLogCharts, name, work)
    dialog.close()
    window.close()
    window.session.ledger.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("speed", "stall"))
    parser.add_argument("csv", type=Path)
    parser.add_argument("scratch", type=Path)
    parser.add_argument("--streams", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.scratch.mkdir(parents=True, exist_ok=True)
    if args.mode == "speed":
        emit(speed(args.csv, args.scratch, args.runs))
    else:
        emit(stall(args.csv, args.scratch, args.streams))


if __name__ == "__main__":
    main()
