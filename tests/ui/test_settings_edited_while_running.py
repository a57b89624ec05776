"""The window keeps running on the last good settings when settings.toml is broken."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from livetally.ui.main_window import MainWindow


def test_a_deeply_nested_edit_is_shown_in_the_status_bar_and_the_rates_stay(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    path = session.settings_file.path
    before = session.settings_file
    text = path.read_text(encoding="utf-8")
    nested = "USD = " + "[" * 100_000 + "]" * 100_000
    with qtbot.waitSignal(window.settings_watcher.failed, timeout=5000):
        path.write_text(text.replace("USD = 1\n", nested + "\n", 1), encoding="utf-8")
    line = text.split("\n").index("USD = 1") + 1
    assert window.settings_notice is not None
    assert window.settings_notice.full_text() == (
        "settings.toml has a problem, so the last good settings stay in use: "
        f"{path}:{line}: invalid TOML: values nested more than 100 levels deep at column 107; "
        "LiveTally's files nest a few levels at most: remove the extra brackets or braces"
    )
    assert session.settings_file is before
