"""The installed command as a user runs it: a real process, no traceback, no Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from livetally import __version__
from livetally.cli import main


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LIVETALLY_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "livetally", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_bad_input_in_a_real_process_is_one_line_and_exit_2(isolated_data_home: Path) -> None:
    result = run("convert", "--coins", "ten", home=isolated_data_home)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "livetally: --coins: expected a whole number such as 500, got 'ten'\n"


def test_the_command_line_never_imports_qt(isolated_data_home: Path) -> None:
    code = (
        "import sys; from livetally.cli import main; main(['convert', '--gifts', 'Rose:3']); "
        "main(['gifts', 'rose']); "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'PySide6', 'shiboken6', 'pyqtgraph', 'numpy'}); print('LOADED', loaded)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "LIVETALLY_HOME": str(isolated_data_home)},
        timeout=60,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "LOADED []"


def test_unexpected_errors_are_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("livetally.cli.context.prepare_data_home", explode)
    assert main(["convert", "--coins", "1"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "livetally: unexpected error (RuntimeError: disk on fire); run again with "
        "LIVETALLY_DEBUG=1 to see the details for a bug report\n"
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"livetally {__version__}\n"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for command in ("convert", "calibrate", "gifts", "log", "import", "report", "restore"):
        assert f"    {command}" in out
    assert "With no command, LiveTally opens its window." in " ".join(out.split())


def test_no_arguments_opens_the_window(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[object] = []
    monkeypatch.setattr(
        "livetally.app.run", lambda data_dir, quit_after_show: opened.append(data_dir) or 0
    )
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert opened == [str(tmp_path)]


def test_gift_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gifts", "lion"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Lion's Mane       500 coins",
        "Lion           29,999 coins",
        "Leon and Lion  34,000 coins",
    ]


def test_smoke_opens_uses_and_closes_the_window(isolated_data_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "livetally", "--smoke"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("livetally --smoke: ok (the window is visible, ")
    assert not isolated_data_home.exists(), "the smoke test uses its own temporary home"


def test_quit_after_show_exits_by_itself(isolated_data_home: Path) -> None:
    result = run("--quit-after-show", home=isolated_data_home)
    assert result.returncode == 0, result.stderr
    assert (isolated_data_home / "livetally.sqlite3").exists()
