"""Unexpected errors: logged with their traceback, shown as one calm sentence, copyable."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from livetally.errorlog import log_path
from livetally.ui.error_dialog import ErrorDialog
from livetally.ui.error_hook import ErrorHook, describe_error, install_error_hook


@pytest.fixture
def hook(isolated_data_home: Path, qtbot: QtBot) -> Iterator[ErrorHook]:
    isolated_data_home.mkdir(parents=True, exist_ok=True)
    with install_error_hook(isolated_data_home) as installed:
        yield installed
        if installed.dialog is not None:
            installed.dialog.close()


def shown(qtbot: QtBot, hook: ErrorHook) -> ErrorDialog:
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible())
    assert hook.dialog is not None
    qtbot.addWidget(hook.dialog)
    return hook.dialog


def broken_slot() -> None:
    raise ZeroDivisionError("the rate is zero")


def test_an_error_in_a_slot_is_logged_and_told_in_one_sentence(
    hook: ErrorHook, qtbot: QtBot, isolated_data_home: Path
) -> None:
    QTimer.singleShot(0, broken_slot)
    dialog = shown(qtbot, hook)
    log = log_path(isolated_data_home).read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in log
    assert "in broken_slot" in log
    assert "ZeroDivisionError: the rate is zero" in log
    assert (
        "Something went wrong: the rate is zero (ZeroDivisionError). Your data is safe; "
        f"the details were saved to {log_path(isolated_data_home)}."
    ) == dialog.message()
    shown_text = dialog.shown_text()
    assert "the rate is zero" in shown_text
    assert "Traceback" not in shown_text
    assert "broken_slot" not in shown_text
    assert dialog.isModal()


def test_copy_details_puts_the_traceback_on_the_clipboard(hook: ErrorHook, qtbot: QtBot) -> None:
    QTimer.singleShot(0, broken_slot)
    dialog = shown(qtbot, hook)
    QGuiApplication.clipboard().clear()
    copy = next(b for b in dialog.findChildren(type(dialog._copy)) if "Copy" in b.text())
    assert "&Copy details" == copy.text()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.details()
    assert "Traceback (most recent call last):" in copied
    assert copied.rstrip().endswith("ZeroDivisionError: the rate is zero")


def test_a_burst_of_errors_shows_one_dialog_with_a_count(hook: ErrorHook, qtbot: QtBot) -> None:
    timer = QTimer()
    timer.setInterval(0)
    fired: list[int] = []

    def failing() -> None:
        fired.append(1)
        if len(fired) == 10:
            timer.stop()
        raise ValueError(f"bad value {len(fired)}")

    timer.timeout.connect(failing)
    timer.start()
    dialog = shown(qtbot, hook)
    qtbot.waitUntil(lambda: dialog.count == 10)
    visible = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()
    ]
    assert [dialog] == visible
    assert dialog.message().startswith(
        "Something went wrong 10 times; the last time: bad value 10 (ValueError)."
    )
    assert 10 == dialog.details().count("Traceback (most recent call last):")


def test_after_closing_the_next_error_starts_a_fresh_count(hook: ErrorHook, qtbot: QtBot) -> None:
    QTimer.singleShot(0, broken_slot)
    dialog = shown(qtbot, hook)
    close = next(
        b for b in dialog.findChildren(type(dialog._copy)) if b.text().replace("&", "") == "Close"
    )
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    QTimer.singleShot(0, broken_slot)
    assert shown(qtbot, hook) is dialog
    assert 1 == dialog.count
    assert 1 == dialog.details().count("Traceback")


def test_an_error_on_a_python_thread_is_shown_by_the_gui_thread(
    hook: ErrorHook, qtbot: QtBot, isolated_data_home: Path
) -> None:
    thread = threading.Thread(target=broken_slot, name="helper")
    thread.start()
    thread.join()
    dialog = shown(qtbot, hook)
    assert dialog.thread() is QApplication.instance().thread()  # type: ignore[union-attr]
    assert "thread helper" in log_path(isolated_data_home).read_text(encoding="utf-8")


class Raiser(QObject):
    @Slot()
    def run(self) -> None:
        try:
            broken_slot()
        finally:
            self.thread().quit()


def test_an_error_in_a_qthread_slot_is_shown_by_the_gui_thread(
    hook: ErrorHook, qtbot: QtBot
) -> None:
    thread = QThread()
    raiser = Raiser()
    raiser.moveToThread(thread)
    thread.started.connect(raiser.run)
    thread.start()
    dialog = shown(qtbot, hook)
    assert thread.wait(5000)
    assert "the rate is zero" in dialog.message()


def test_an_unwritable_log_still_offers_the_details(
    tmp_path: Path, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    with install_error_hook(not_a_folder) as hook:
        QTimer.singleShot(0, broken_slot)
        dialog = shown(qtbot, hook)
    assert "the details could not be saved to the log" in dialog.message()
    assert "the details could not be saved to the log" in dialog.shown_text()
    assert "ZeroDivisionError: the rate is zero" in dialog.details()
    assert "Traceback" in capsys.readouterr().err  # a console, when there is one, has it too
    dialog.close()


def test_uninstall_restores_the_hooks_found(isolated_data_home: Path, qapp: QApplication) -> None:
    before = (sys.excepthook, threading.excepthook)
    hook = install_error_hook(isolated_data_home)
    assert sys.excepthook == hook.handle
    assert threading.excepthook != before[1]
    hook.uninstall()
    assert before == (sys.excepthook, threading.excepthook)


def test_the_dialog_is_parented_to_the_window_set_later(
    isolated_data_home: Path, qtbot: QtBot
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    with install_error_hook(isolated_data_home) as hook:
        hook.window = window
        QTimer.singleShot(0, broken_slot)
        dialog = shown(qtbot, hook)
    assert window is dialog.parentWidget()
    assert Qt.WindowModality.WindowModal == dialog.windowModality()
    dialog.close()


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (KeyError("rate"), "'rate' (KeyError)"),
        (RuntimeError(), "RuntimeError"),
        (ValueError("first\nsecond"), "first (ValueError)"),
        (ValueError("x" * 500), "x" * 199 + "… (ValueError)"),
    ],
)
def test_the_error_is_described_in_one_short_line(error: BaseException, line: str) -> None:
    assert line == describe_error(type(error), error)


def test_a_failing_dialog_does_not_set_off_the_hook_again(
    hook: ErrorHook,
    qtbot: QtBot,
    isolated_data_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken_report(*args: object) -> None:
        raise RuntimeError("the dialog itself is broken")

    monkeypatch.setattr(ErrorDialog, "report", broken_report)
    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: "the dialog itself is broken" in capsys.readouterr().err)
    qtbot.wait(50)
    assert 1 == log_path(isolated_data_home).read_text(encoding="utf-8").count("=== LiveTally")
