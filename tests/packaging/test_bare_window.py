"""The start-up floor closes once drawn, as ``livetally --quit-after-show`` does."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.packaging.conftest import load

bare_window = load("bare_window.py")


def test_quit_after_show_closes_only_after_the_first_frame(qtbot: QtBot) -> None:
    window = bare_window.BareWindow(quit_after_show=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    # Only a paint clears the flag: the window was drawn before it closed.
    assert window.quit_after_show is False


def test_without_the_option_the_window_stays_open_after_drawing(qtbot: QtBot) -> None:
    window = bare_window.BareWindow(quit_after_show=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.repaint()
    qtbot.wait(50)
    assert window.isVisible()
