"""A broken settings.toml is said in the status bar in full (elided, whole in the tooltip),
with Open the file; the settings dialog names the file and offers Reload."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from livetally.ui import main_window as main_window_module
from livetally.ui.main_window import MainWindow
from livetally.ui.settings_dialog import SettingsDialog


def break_the_file(window: MainWindow, qtbot: QtBot) -> str:
    path = window.session.settings_file.path
    text = path.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.settings_watcher.failed, timeout=5000):
        path.write_text(text.replace("USD = 1\n", "USD = -1\n", 1), encoding="utf-8")
    return text


def test_a_long_problem_is_elided_whole_in_the_tooltip_and_opens_the_file(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(main_window_module, "open_in_desktop", opened.append)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    good = break_the_file(window, qtbot)
    notice = window.settings_notice
    assert notice is not None
    qtbot.waitUntil(notice.isVisible)
    full = notice.full_text()
    path = window.session.settings_file.path
    assert full.startswith(
        f"settings.toml has a problem, so the last good settings stay in use: {path}:"
    )
    assert notice.message.toolTip() == full
    assert notice.message.full_text().startswith("settings.toml:"), "the line comes first"
    shown = notice.message.text()
    assert shown.startswith("settings.toml:")
    assert shown.endswith("…"), "cut to fit, not cut off"
    assert notice.message.fontMetrics().horizontalAdvance(shown) <= notice.message.width()
    assert notice.geometry().right() <= window.statusBar().width()

    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert opened == [window.session.home.settings_path]

    with qtbot.waitSignal(window.settings_watcher.reloaded, timeout=5000):
        path.write_text(good, encoding="utf-8")
    assert not notice.isVisible()


def test_the_payout_bar_is_labelled(window: MainWindow) -> None:
    balance = window.balance
    assert balance.bar_label.text() == "Payout minimum $50.00:"
    assert balance.progress.accessibleName() == "Payout minimum $50.00"
    assert balance.bar_label.buddy() is balance.progress
    assert balance.percent.text() == "0%"


def test_a_file_changed_meanwhile_is_named_and_reload_keeps_the_edits(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.countries.setCurrentRow(
        next(
            r for r in range(dialog.countries.count()) if "(DE)" in dialog.countries.item(r).text()
        )
    )
    dialog.figures["diamond_usd"].setText("0.045")
    dialog.figures["diamond_usd"].textEdited.emit("0.045")
    path = session.settings_file.path
    outside = path.read_text(encoding="utf-8") + "# typed in an editor\n"
    path.write_text(outside, encoding="utf-8")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    text = dialog.banner.text()
    assert text.startswith(f"Nothing was saved: {path} was changed by another program")
    assert ". was" not in text
    assert dialog.banner.reload_button.isVisible()

    qtbot.mouseClick(dialog.banner.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.text().startswith(f"Reloaded {path}.")
    assert not dialog.banner.reload_button.isVisible()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    saved = path.read_text(encoding="utf-8")
    assert saved.endswith("# typed in an editor\n"), "the other program's change is kept"
    assert session.profile("DE").diamond_usd == Decimal("0.045"), "and so is this one"
