"""The settings watcher: edits made in a text editor reach the session, broken ones do not."""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally.models.session import Session
from livetally.models.settings_watcher import SettingsWatcher
from livetally.settings import edits
from livetally.settings.document import SettingsFile

WAIT_MS = 5000


@pytest.fixture
def watcher(session: Session) -> Iterator[SettingsWatcher]:
    """A watcher wired as the main window wires it: a reloaded file is adopted."""
    watching = SettingsWatcher(session, delay_ms=50)
    watching.reloaded.connect(session.adopt_settings)
    yield watching
    watching.deleteLater()


def write_in_place(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def replace_by_rename(path: Path, text: str) -> None:
    """What most editors do: write a temp file beside it, then rename it over the old one."""
    temp = path.with_name(f".{path.name}.swp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def with_diamond_usd(text: str, value: str) -> str:
    return text.replace('currency = "USD"\n', f'currency = "USD"\ndiamond_usd = {value}\n', 2)


def test_an_external_edit_is_adopted(
    watcher: SettingsWatcher, session: Session, qtbot: QtBot
) -> None:
    path = session.settings_file.path
    edited = with_diamond_usd(path.read_text(encoding="utf-8"), "0.0042")
    with (
        qtbot.waitSignal(session.settings_changed, timeout=WAIT_MS),
        qtbot.waitSignal(watcher.reloaded, timeout=WAIT_MS) as reloaded,
    ):
        write_in_place(path, edited)
    [loaded] = reloaded.args
    assert isinstance(loaded, SettingsFile)
    assert loaded.settings.profile("US").diamond_usd == Decimal("0.0042")
    assert session.settings_file is loaded
    assert session.profile().diamond_usd == Decimal("0.0042")


def test_a_broken_edit_is_reported_and_the_old_settings_stay(
    watcher: SettingsWatcher, session: Session, qtbot: QtBot
) -> None:
    path = session.settings_file.path
    before = session.settings_file
    broken = path.read_text(encoding="utf-8").replace("coin_usd = 0.01 ", "coin_usd = -1   ", 1)
    with (
        qtbot.assertNotEmitted(watcher.reloaded),
        qtbot.assertNotEmitted(session.settings_changed),
        qtbot.waitSignal(watcher.failed, timeout=WAIT_MS) as failed,
    ):
        write_in_place(path, broken)
    [message] = failed.args
    line = next(n for n, text in enumerate(broken.split("\n"), 1) if "coin_usd = -1" in text)
    assert message == (
        f"{path}:{line}: defaults.coin_usd: expected a number between 0.001 and 1, got -1"
    )
    assert session.settings_file is before
    assert session.profile().coin_usd == Decimal("0.01")


def test_putting_a_broken_file_back_clears_the_error(
    watcher: SettingsWatcher, session: Session, qtbot: QtBot
) -> None:
    path = session.settings_file.path
    good = path.read_text(encoding="utf-8")
    with qtbot.waitSignal(watcher.failed, timeout=WAIT_MS):
        write_in_place(path, good.replace("[app]", "[ap", 1))
    before = session.settings_file
    with qtbot.waitSignal(watcher.reloaded, timeout=WAIT_MS) as reloaded:
        replace_by_rename(path, good)
    assert reloaded.args == [before]


def test_the_apps_own_save_is_not_taken_for_an_outside_edit(
    watcher: SettingsWatcher, session: Session, qtbot: QtBot
) -> None:
    edited = edits.with_country_figure(
        session.settings_file, "DE", "diamond_usd", Decimal("0.0045")
    )
    with qtbot.waitSignal(session.settings_changed, timeout=WAIT_MS):
        session.save_settings(edited)
    with qtbot.assertNotEmitted(watcher.reloaded), qtbot.assertNotEmitted(watcher.failed):
        qtbot.waitUntil(lambda: watcher.pending, timeout=WAIT_MS)  # the save was seen...
        qtbot.waitUntil(lambda: not watcher.pending, timeout=WAIT_MS)  # ...and looked at
    assert session.profile("DE").diamond_usd == Decimal("0.0045")


def test_replace_by_rename_is_noticed_again_and_again(
    watcher: SettingsWatcher, session: Session, qtbot: QtBot
) -> None:
    path = session.settings_file.path
    original = path.read_text(encoding="utf-8")
    for value in ("0.0041", "0.0042", "0.0043"):
        with qtbot.waitSignal(watcher.reloaded, timeout=WAIT_MS) as reloaded:
            replace_by_rename(path, with_diamond_usd(original, value))
        assert reloaded.args[0].settings.profile("US").diamond_usd == Decimal(value)
        assert str(path) in watcher._watcher.files()
    assert session.profile().diamond_usd == Decimal("0.0043")


def test_a_deleted_and_recreated_file_is_noticed(
    watcher: SettingsWatcher, session: Session, qtbot: QtBot
) -> None:
    path = session.settings_file.path
    original = path.read_text(encoding="utf-8")
    with qtbot.waitSignal(watcher.failed, timeout=WAIT_MS) as failed:
        path.unlink()
    assert "cannot be read" in failed.args[0]
    with qtbot.waitSignal(watcher.reloaded, timeout=WAIT_MS) as reloaded:
        path.write_text(with_diamond_usd(original, "0.0044"), encoding="utf-8")
    assert reloaded.args[0].settings.profile("US").diamond_usd == Decimal("0.0044")


def test_only_a_change_of_the_settings_file_itself_is_looked_at(
    watcher: SettingsWatcher, session: Session
) -> None:
    path = session.settings_file.path
    noise = path.with_name("livetally.sqlite3-journal")
    noise.write_text("the ledger writing", encoding="utf-8")
    watcher._folder_changed(str(path.parent))
    assert not watcher.pending
    replace_by_rename(path, path.read_text(encoding="utf-8") + "# touched\n")
    watcher._folder_changed(str(path.parent))
    assert watcher.pending


def test_the_watcher_only_reports_and_reports_once(session: Session, qtbot: QtBot) -> None:
    watcher = SettingsWatcher(session, delay_ms=50)
    before = session.settings_file
    path = before.path
    edited = with_diamond_usd(path.read_text(encoding="utf-8"), "0.0042")
    with (
        qtbot.assertNotEmitted(session.settings_changed),
        qtbot.waitSignal(watcher.reloaded, timeout=WAIT_MS),
    ):
        write_in_place(path, edited)
    assert session.settings_file is before
    with qtbot.assertNotEmitted(watcher.reloaded):
        watcher.check_now()
    watcher.deleteLater()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "USD = " + "[" * 100_000 + "]" * 100_000,
            "invalid TOML: values nested more than 100 levels deep at column 107; LiveTally's "
            "files nest a few levels at most: remove the extra brackets or braces",
        ),
        (
            ".".join(["a"] * 100_000) + " = 1",
            "invalid TOML: keys nested more than 100 levels deep at column 200; LiveTally's "
            "files nest a few levels at most: remove the extra dotted key parts",
        ),
        (
            "USD = 1" + "0" * 5000,
            "currencies.USD: expected a number, got one 5,001 characters long "
            "(10000000000000000000...); no figure needs more than a few digits: correct it",
        ),
    ],
)
def test_an_edit_that_would_blow_up_the_parser_is_reported_and_the_old_settings_stay(
    watcher: SettingsWatcher, session: Session, qtbot: QtBot, written: str, message: str
) -> None:
    # These raised RecursionError or ValueError out of the watcher: no message, and the
    # quick parser took seconds and all the memory there is on the dotted key.
    path = session.settings_file.path
    before = session.settings_file
    broken = path.read_text(encoding="utf-8").replace("USD = 1\n", written + "\n", 1)
    with (
        qtbot.assertNotEmitted(watcher.reloaded),
        qtbot.waitSignal(watcher.failed, timeout=WAIT_MS) as failed,
    ):
        write_in_place(path, broken)
    line = next(n for n, text in enumerate(broken.split("\n"), 1) if text == written)
    assert failed.args == [f"{path}:{line}: {message}"]
    assert session.settings_file is before
