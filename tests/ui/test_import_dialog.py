"""CSV import off the GUI thread: the outcome, cancelling, bad files, and a window that paints."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from pytestqt.qtbot import QtBot

from livetally.models import import_worker
from livetally.models.import_worker import (
    PROGRESS_SCALE,
    ImportKind,
    ImportRequest,
    ImportWorker,
)
from livetally.models.session import Session
from livetally.storage.csv_format import INCOME_COLUMNS, STREAM_COLUMNS
from livetally.ui.import_dialog import ImportDialog

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def write_streams(path: Path, count: int, *, first: int = 0) -> Path:
    """``count`` distinct, valid streams, one hour apart."""
    lines = [",".join(STREAM_COLUMNS[: STREAM_COLUMNS.index("notes") + 1])]  # the first format
    for i in range(first, first + count):
        started = (START + dt.timedelta(hours=i)).isoformat()
        lines.append(f"{started},60,{10 * (i + 1)},,5,3,1,gaming;chat,note {i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_income(path: Path) -> Path:
    lines = [
        ",".join(INCOME_COLUMNS),
        "2024-03-01,sponsorship,250.00,USD,Brand deal",
        "2024-03-05,merch,49.99,USD,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def make_dialog(
    session: Session, qtbot: QtBot
) -> Iterator[Callable[[ImportKind, Path], ImportDialog]]:
    """Builds, opens and tracks import dialogs; their threads are ended before the ledger."""
    made: list[ImportDialog] = []

    def make(kind: ImportKind, path: Path) -> ImportDialog:
        dialog = ImportDialog(session, kind, path)
        qtbot.addWidget(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.worker.cancel()
        assert dialog.worker.wait(10_000)


class Listener(QObject):
    """Hears the worker's signals on the GUI thread, as the dialog does.

    A plain function connected to a worker signal would run on the worker's thread.
    """

    def __init__(self, on_call: Callable[[int, int], None] | None = None) -> None:
        super().__init__()
        self.calls: list[tuple[int, int]] = []
        self.texts: list[str] = []
        self._on_call = on_call

    @Slot(int, int)
    def hear(self, done: int, total: int) -> None:
        self.calls.append((done, total))
        if self._on_call is not None:
            self._on_call(done, total)

    @Slot()
    def hear_nothing(self) -> None:
        self.calls.append((0, 0))

    @Slot(str)
    def hear_text(self, text: str) -> None:
        self.texts.append(text)


def finish(qtbot: QtBot, dialog: ImportDialog, state: str = "finished") -> None:
    """Open the dialog and wait until the import ended in ``state`` and its thread is gone."""
    with qtbot.waitSignal(dialog.ended, timeout=20_000) as ended:
        dialog.open()
    assert [state] == ended.args
    qtbot.waitUntil(lambda: not dialog.worker.is_running())


def test_a_small_stream_file_is_imported_and_summarised(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    dialog = make_dialog("streams", write_streams(session.home.root / "s.csv", 3))
    with qtbot.waitSignal(session.ledger_changed, timeout=20_000):
        finish(qtbot, dialog)
    assert 3 == len(session.ledger.streams())
    assert ("gaming", "chat") == session.ledger.streams()[0].record.tags
    assert "finished" == dialog.state
    assert "Imported s.csv" == dialog.heading_text()
    assert "3 new streams, 0 already there." == dialog.status_text()
    assert dialog.close_button.isVisible()
    assert not dialog.cancel_button.isVisible()
    assert PROGRESS_SCALE == dialog.progress_value()


def test_rows_already_in_the_ledger_are_counted_not_added_again(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    write_streams(session.home.root / "first.csv", 2)
    finish(qtbot, make_dialog("streams", session.home.root / "first.csv"))
    dialog = make_dialog("streams", write_streams(session.home.root / "s.csv", 3))
    finish(qtbot, dialog)
    assert 3 == len(session.ledger.streams())
    assert "1 new stream, 2 already there." == dialog.status_text()


def test_income_is_imported(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    dialog = make_dialog("income", write_income(session.home.root / "i.csv"))
    finish(qtbot, dialog)
    assert ["sponsorship", "merch"] == [e.record.source for e in session.ledger.income()]
    assert "2 new income entries, 0 already there." == dialog.status_text()


def test_cancel_on_the_first_progress_report_imports_nothing(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    dialog = make_dialog("streams", write_streams(session.home.root / "big.csv", 30_000))

    def first_report(done: int, total: int) -> None:
        if len(listener.calls) == 1:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    listener = Listener(first_report)
    dialog.worker.progress.connect(listener.hear)
    finish(qtbot, dialog, "cancelled")
    assert 0 < listener.calls[0][0] < import_worker.CHECK_SHARE  # it was still checking
    assert [] == session.ledger.streams()
    assert "cancelled" == dialog.state
    assert "Import cancelled" == dialog.heading_text()
    assert "Nothing was imported." == dialog.status_text()
    assert dialog.close_button.isVisible()


def test_cancel_while_saving_rolls_the_whole_import_back(
    session: Session, qtbot: QtBot, isolated_data_home: Path
) -> None:
    """Cancelled after rows were inserted: the one transaction is rolled back."""
    path = write_streams(session.home.root / "big.csv", 10_000)
    worker = ImportWorker(
        ImportRequest.create("streams", path, session.ledger, session.profile(), {"USD"})
    )
    saved: list[int] = []

    def on_saving(done: int, total: int) -> None:
        saved.append(done)
        if done > 0:
            worker.cancel()

    worker.saving.connect(on_saving, Qt.ConnectionType.DirectConnection)  # in the worker
    cancelled = Listener()
    worker.cancelled.connect(cancelled.hear_nothing)
    worker.start()
    qtbot.waitUntil(lambda: bool(cancelled.calls), timeout=20_000)
    assert worker.wait(10_000)
    assert max(saved) > 0  # rows had been inserted when it was cancelled
    assert [] == session.ledger.streams()


def test_escape_while_importing_cancels_and_keeps_the_dialog_open(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    dialog = make_dialog("streams", write_streams(session.home.root / "big.csv", 30_000))
    listener = Listener(lambda *_: dialog.reject())
    dialog.worker.progress.connect(listener.hear)
    finish(qtbot, dialog, "cancelled")
    assert dialog.isVisible()
    assert [] == session.ledger.streams()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_file_with_bad_rows_lists_them_and_imports_nothing(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    path = write_streams(session.home.root / "bad.csv", 5)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = "yesterday,60,100,,,,,,"
    lines[4] = "2024-02-01T10:00:00+00:00,60,lots,,,,,,"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = make_dialog("streams", path)
    failed = Listener()
    dialog.worker.failed.connect(failed.hear_text)
    finish(qtbot, dialog, "failed")
    # The listener's call is queued after the dialog's own, which ended the wait above.
    qtbot.waitUntil(lambda: bool(failed.texts))
    assert [] == session.ledger.streams()
    assert "failed" == dialog.state
    assert f"{path}:3: started_at:" in failed.texts[0]  # the worker passes the full message
    problems = dialog.problems_text().splitlines()
    assert 2 == len(problems)
    assert problems[0].startswith("Line 3: started_at: expected an ISO 8601 time")
    assert problems[1].startswith("Line 5: coins: ")
    assert "Could not import bad.csv" == dialog.heading_text()
    assert dialog.status_text().startswith("Nothing was imported. Fix these rows")
    box = dialog.findChild(type(dialog._problems))
    assert box is not None
    assert box.isVisible()
    assert box.isReadOnly()
    assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert "Problems found" == box.accessibleName() == dialog._problems_label.text().strip("&")


def test_a_missing_file_is_reported_in_one_line(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    dialog = make_dialog("income", session.home.root / "nowhere.csv")
    finish(qtbot, dialog, "failed")
    assert dialog.status_text().startswith(f"Cannot read {session.home.root / 'nowhere.csv'}")
    assert not dialog._problems.isVisible()


def test_an_unexpected_error_fails_the_import_and_reaches_the_error_hook(
    session: Session,
    make_dialog: Callable[[ImportKind, Path], ImportDialog],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    hooked: list[type[BaseException]] = []

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        hooked.append(kind)

    monkeypatch.setattr(import_worker, "read_streams_csv", broken)
    monkeypatch.setattr(sys, "excepthook", hook)
    dialog = make_dialog("streams", write_streams(session.home.root / "s.csv", 3))
    finish(qtbot, dialog, "failed")
    assert [ZeroDivisionError] == hooked
    assert "unexpected error" in dialog.status_text()
    assert "Traceback" not in dialog.status_text()


def test_progress_covers_both_steps_in_order(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    dialog = make_dialog("streams", write_streams(session.home.root / "big.csv", 12_000))
    statuses: list[str] = []
    progress = Listener()
    steps = Listener(lambda *_: statuses.append(dialog.status_text()))  # after the dialog's
    dialog.worker.progress.connect(progress.hear)
    dialog.worker.checking.connect(steps.hear)
    dialog.worker.saving.connect(steps.hear)
    finish(qtbot, dialog)
    values = [done for done, _ in progress.calls]
    assert values == sorted(values)
    assert PROGRESS_SCALE == values[-1]
    assert any(0 < v < import_worker.CHECK_SHARE for v in values)  # checking moved the bar
    assert any(import_worker.CHECK_SHARE < v < PROGRESS_SCALE for v in values)  # saving too
    assert "Checking 1,000 of 12,000 rows…" in statuses
    assert "Saving…" in statuses
    assert "Saving 2,000 of 12,000 new streams…" in statuses
    assert "Finishing…" in statuses


def test_the_window_keeps_painting_during_a_large_import(
    session: Session,
    make_dialog: Callable[[ImportKind, Path], ImportDialog],
    qtbot: QtBot,
    record_property: Callable[[str, object], None],
) -> None:
    dialog = make_dialog("streams", write_streams(session.home.root / "big.csv", 50_000))
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    finish(qtbot, dialog)
    elapsed = time.perf_counter() - started
    timer.stop()
    assert 50_000 == len(session.ledger.streams())
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    longest = max(gaps, default=elapsed)
    record_property("import_seconds", round(elapsed, 3))
    record_property("ticks", len(ticks))
    record_property("longest_gap_ms", round(longest * 1000, 1))
    print(
        f"50,000 rows in {elapsed:.2f} s: {len(ticks)} ticks, longest gap {longest * 1000:.0f} ms"
    )
    assert len(ticks) > 10


def test_a_cancel_at_the_last_report_still_rolls_back(
    session: Session, make_dialog: Callable[[ImportKind, Path], ImportDialog], qtbot: QtBot
) -> None:
    """The ledger reports once more after the last row, before committing: a cancel there
    is still honoured, so only a cancel after the commit can come too late."""
    dialog = make_dialog("streams", write_streams(session.home.root / "s.csv", 3))

    def cancel_at_the_end(done: int, total: int) -> None:
        if done == total == 3:
            dialog.cancel()

    listener = Listener(cancel_at_the_end)
    dialog.worker.saving.connect(listener.hear, Qt.ConnectionType.BlockingQueuedConnection)
    finish(qtbot, dialog, "cancelled")
    assert session.ledger.streams() == []
    assert "Import cancelled" == dialog.heading_text()
    assert "Nothing was imported." == dialog.status_text()


def test_opening_the_dialog_loads_no_chart_code_on_the_window_thread(
    session: Session,
    make_dialog: Callable[[ImportKind, Path], ImportDialog],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It starts pyqtgraph loading as it opens (livetally.ui.charts.loading); importing the
    charts' base there, with the Qt enums it makes, froze the window ~50 ms before the
    dialog's first draw."""
    monkeypatch.delitem(sys.modules, "livetally.ui.charts.base", raising=False)
    dialog = make_dialog("streams", write_streams(session.home.root / "s.csv", 3))
    finish(qtbot, dialog)
    assert "livetally.ui.charts.loading" in sys.modules
    assert "livetally.ui.charts.base" not in sys.modules
