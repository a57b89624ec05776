"""Test-wide isolation: no test reads or writes the real user's files or needs a screen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from livetally import activity
from livetally.core.records import LoggedStream, StreamRecord

if TYPE_CHECKING:
    from livetally.models.session import Session

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "resources"


def logged_at_us_rates(
    stream_id: int, record: StreamRecord, diamonds: Decimal | None = None
) -> LoggedStream:
    """``record`` as logged at the shipped US rates: $0.01 a coin, 0.1 diamond a coin, $0.05
    a diamond (diamonds: the whole ones the coins credit unless given)."""
    return LoggedStream(
        id=stream_id,
        record=record,
        diamonds=Decimal(record.coins // 10) if diamonds is None else diamonds,
        country="US",
        coin_usd=Decimal("0.01"),
        diamonds_per_coin=Decimal("0.1"),
        diamond_usd=Decimal("0.05"),
    )


def python_prints(code: str) -> str:
    """What ``code`` prints when this Python runs it in a fresh process (Qt off-screen):
    for facts about a whole start, such as which modules it loaded, that a test process
    which has imported everything cannot show."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return done.stdout.strip()


@pytest.fixture(autouse=True)
def isolated_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data home, HOME and the XDG folders at a temp dir for every test."""
    home = tmp_path / "livetally-home"
    monkeypatch.setenv("LIVETALLY_HOME", str(home))
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    monkeypatch.delenv("LIVETALLY_DEBUG", raising=False)
    monkeypatch.setattr(activity, "_target", None)  # no test writes to another's log
    return home


@pytest.fixture(autouse=True)
def no_unexpected_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail, rather than hang, when code under test opens a modal dialog nobody scripted.

    Widgets ask through ``livetally.ui.prompts``; a test that expects a question replaces
    the prompt function it expects with a scripted answer. Anything reaching Qt's blocking
    calls directly is a bug in the test or the code.
    """
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(what: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            titles = [a.windowTitle() for a in args if hasattr(a, "windowTitle")]
            pytest.fail(f"unexpected modal {what} {titles or args[1:3]}; script the answer")

        return blocked

    monkeypatch.setattr(QDialog, "exec", refuse("dialog"))
    monkeypatch.setattr(QMessageBox, "exec", refuse("message box"))
    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse(f"QMessageBox.{name}"))
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse(f"QFileDialog.{name}"))
    for name in ("getText", "getInt", "getDouble", "getItem"):
        monkeypatch.setattr(QInputDialog, name, refuse(f"QInputDialog.{name}"))


@pytest.fixture
def session(isolated_data_home: Path, qapp: object) -> Iterator[Session]:
    """A window session on a fresh data home: shipped settings and catalog, empty ledger."""
    from livetally.datahome import prepare_data_home, resolve_data_home
    from livetally.models.session import Session
    from livetally.settings.document import SettingsFile
    from livetally.settings.gift_file import load_gift_catalog
    from livetally.storage.ledger import Ledger

    home = prepare_data_home(resolve_data_home(isolated_data_home))
    ledger = Ledger.open(home.database_path, home.backups_dir)
    opened = Session(
        home, SettingsFile.load(home.settings_path), load_gift_catalog(home.gifts_path), ledger
    )
    yield opened
    opened.undo_stack.clear()
    ledger.close()
