"""The import worker hands the interpreter back to the GUI thread often while it works."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally.models import import_worker
from livetally.models.import_worker import IMPORT_SWITCH_INTERVAL, ImportRequest, ImportWorker
from livetally.models.session import Session
from livetally.storage.csv_read import read_streams_csv
from tests.ui.test_import_dialog import write_streams


def test_the_switch_interval_is_short_during_an_import_and_restored_after(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long switch interval froze the window for a quarter of a second at a time while a
    large file was read; the short one lasts exactly as long as the import."""
    seen: list[float] = []

    def reading(path: Path, **kwargs: object) -> object:
        seen.append(sys.getswitchinterval())
        return read_streams_csv(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(import_worker, "read_streams_csv", reading)
    before = sys.getswitchinterval()
    assert before > IMPORT_SWITCH_INTERVAL
    path = write_streams(session.home.root / "s.csv", 5)
    worker = ImportWorker(
        ImportRequest.create("streams", path, session.ledger, session.profile(), {"USD"})
    )
    with qtbot.waitSignal(worker.stopped, timeout=20_000):
        worker.start()
    assert worker.wait(10_000)
    assert seen == [IMPORT_SWITCH_INTERVAL]
    assert sys.getswitchinterval() == before
    assert len(session.ledger.streams()) == 5
