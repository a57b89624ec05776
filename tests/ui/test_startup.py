"""Opening the window when something is wrong: an explanation and a way out, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally import app
from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.resources import resource_path
from livetally.settings.errors import SettingsError
from livetally.storage.ledger import Ledger
from livetally.ui import startup
from livetally.ui.startup import SettingsChoice
from tests.conftest import python_prints

US_RATES = RateProfile("US", "United States", "USD")
BROKEN = "schema_version = 1\n[app]\ncountry = 'US'\n"


def _broken_home(isolated_data_home: Path) -> Path:
    home = prepare_data_home(resolve_data_home(isolated_data_home))
    home.settings_path.write_text(BROKEN, encoding="utf-8")
    return home.settings_path


def test_broken_settings_can_be_replaced_by_the_defaults_and_are_kept(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    settings_path = _broken_home(isolated_data_home)
    asked: list[SettingsError] = []
    monkeypatch.setattr(
        startup,
        "ask_about_broken_settings",
        lambda error: asked.append(error) or SettingsChoice.DEFAULTS,
    )
    window = app.open_window_or_explain(isolated_data_home)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert "currencies" in str(asked[0])
        assert settings_path.read_bytes() == resource_path("settings.toml").read_bytes()
        (kept,) = settings_path.parent.glob("settings.broken-*.toml")
        assert kept.read_text(encoding="utf-8") == BROKEN
    finally:
        window.close()
        window.session.ledger.close()


def test_broken_settings_opened_in_an_editor_change_nothing(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_path = _broken_home(isolated_data_home)
    opened: list[object] = []
    monkeypatch.setattr(startup, "ask_about_broken_settings", lambda e: SettingsChoice.OPEN_FILE)
    monkeypatch.setattr("livetally.ui.main_window.open_in_desktop", opened.append)
    assert app.open_window_or_explain(isolated_data_home) is None
    assert opened == [settings_path]
    assert settings_path.read_text(encoding="utf-8") == BROKEN


def test_a_second_window_on_the_same_home_is_told_it_is_open(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = prepare_data_home(resolve_data_home(isolated_data_home))
    told: list[str] = []
    monkeypatch.setattr(startup, "report_fatal", lambda title, message: told.append(message))
    with Ledger.open(home.database_path, home.backups_dir):
        assert app.open_window_or_explain(isolated_data_home) is None
    assert "already open" in told[0]


def test_the_sources_read_by_pyside6s_import_hook_are_let_go(tmp_path: Path) -> None:
    """shiboken6 reads every module imported after it into linecache; megabytes that
    nothing reads again are dropped once the window is built."""
    code = (
        "import linecache, sys\n"
        "from livetally import app\n"
        f"status = app.run({str(tmp_path / 'home')!r}, quit_after_show=True)\n"
        "kept = [name for name in linecache.cache if 'livetally' in name]\n"
        "print(status, 'livetally.ui.main_window' in sys.modules, kept)\n"
    )
    assert python_prints(code) == "0 True []"


@pytest.mark.parametrize("restore", [True, False])
def test_a_damaged_ledger_offers_the_newest_backup_and_keeps_the_damaged_file(
    isolated_data_home: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, restore: bool
) -> None:
    home = prepare_data_home(resolve_data_home(isolated_data_home))
    with Ledger.open(home.database_path, home.backups_dir) as ledger:
        ledger.add_stream(StreamRecord("2026-11-20T19:30:00Z", 10_000), US_RATES)
        ledger.backup("manual")
    home.database_path.write_bytes(b"damaged beyond use")
    offered: list[tuple[str, Path | None]] = []

    def ask(problem: str, newest: Path | None) -> bool:
        offered.append((problem, newest))
        return restore

    monkeypatch.setattr(startup, "ask_to_restore", ask)
    window = app.open_window_or_explain(isolated_data_home)
    [(problem, newest)] = offered
    assert "is not a SQLite database" in problem
    assert newest is not None
    assert newest.parent == home.backups_dir
    if not restore:
        assert window is None
        assert home.database_path.read_bytes() == b"damaged beyond use"
        return
    assert window is not None
    try:
        assert [s.record.coins for s in window.session.ledger.streams()] == [10_000]
    finally:
        window.close()
        window.session.ledger.close()
    (aside,) = isolated_data_home.glob("livetally.sqlite3.unusable-*")
    assert aside.read_bytes() == b"damaged beyond use"
