"""A data home that cannot be written opens read-only: the window says so, shows the data,
turns off what would write, and refuses with the reason what still asks to."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally import app
from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.models.commands import AddStreamCommand, run
from livetally.models.session import ReadOnlyError
from livetally.storage.ledger import Ledger
from livetally.ui import prompts

US = RateProfile("US", "United States", "USD")


def test_a_read_only_home_opens_read_only_and_says_so(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    home = prepare_data_home(resolve_data_home(isolated_data_home))
    with Ledger.open(home.database_path, home.backups_dir) as ledger:
        ledger.add_stream(StreamRecord("2026-11-20T19:30:00Z", 10_000), US)
    before = {p.name: p.read_bytes() for p in isolated_data_home.iterdir() if p.is_file()}
    # Tests run as root, whom no permission bit stops: the check itself is replaced.
    monkeypatch.setattr(app, "is_writable", lambda home: False)
    warned: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: warned.append(text))

    window = app.create_main_window(isolated_data_home)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        assert window.read_only_label.isVisible()
        assert window.windowTitle() == "LiveTally (read-only)"
        assert "is read-only, so LiveTally shows your data" in window.read_only_label.toolTip()
        assert not window.add_sample_action.isEnabled()
        assert not window.delete_action.isEnabled()
        writing = [a.text() for a in window.menus.writing_actions if a.isEnabled()]
        assert writing == []
        assert "1,000 diamonds" in window.balance.label.text(), "the data is shown"

        session = window.session
        record = StreamRecord("2026-11-21T19:30:00Z", 500)
        with pytest.raises(ReadOnlyError, match="nothing was changed"):
            run(session, AddStreamCommand(session, record, US))
        window.add_sample_data()
        window.tabs.setCurrentWidget(window.stream_log)
        qtbot.waitUntil(lambda: window.stream_log.model.rowCount() == 1)
        window.stream_log.table.selectRow(0)
        window.stream_log.delete_selected()
        assert len(warned) == 2
        assert all("cannot save changes" in text for text in warned)
        assert len(session.ledger.streams()) == 1
    finally:
        window.close()
        window.session.ledger.close()
    after = {p.name: p.read_bytes() for p in isolated_data_home.iterdir() if p.is_file()}
    assert after["livetally.sqlite3"] == before["livetally.sqlite3"]
    assert after["settings.toml"] == before["settings.toml"]
