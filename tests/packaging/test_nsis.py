"""The Windows installer script compiles with makensis against a small stand-in payload."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from livetally import __version__
from tests.packaging.conftest import PACKAGING, load, need_tool

icon_formats = load("icon_formats.py")
build = load("build.py")
SCRIPT = PACKAGING / "windows" / "livetally.nsi"


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    """What PyInstaller would leave in dist/livetally, in miniature."""
    root = tmp_path / "livetally"
    (root / "_internal" / "resources").mkdir(parents=True)
    (root / "livetally.exe").write_bytes(b"MZ stand-in for the frozen program")
    (root / "_internal" / "resources" / "settings.toml").write_text("[app]\n")
    return root


def _compile(makensis: str, payload: Path, tmp_path: Path) -> tuple[Path, str]:
    ico, _ = icon_formats.write_icons(tmp_path / "icons")
    target = tmp_path / f"LiveTally-{__version__}-setup.exe"
    command = build.nsis_command(makensis, payload, target, ico)
    command[1:2] = ["-V4", "-WX"]  # everything it does, and any warning is an error
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    return target, done.stdout


def test_the_script_compiles_into_a_windows_installer(payload: Path, tmp_path: Path) -> None:
    makensis = need_tool("makensis", "nsis")
    target, log = _compile(makensis, payload, tmp_path)
    data = target.read_bytes()
    assert data[:2] == b"MZ"
    assert b"Nullsoft" in data
    assert 'File: "livetally.exe"' in log
    assert 'File: "settings.toml"' in log


def test_it_installs_per_user_with_shortcuts_and_an_uninstaller(
    payload: Path, tmp_path: Path
) -> None:
    makensis = need_tool("makensis", "nsis")
    _, log = _compile(makensis, payload, tmp_path)
    assert "RequestExecutionLevel user" in SCRIPT.read_text(encoding="utf-8")
    assert "SetShellVarContext: current" in log  # shortcuts in this user's menu, not all
    assert "HKLM" not in log  # nothing machine-wide
    assert '"$SMPROGRAMS\\LiveTally.lnk"' in log
    assert '"$DESKTOP\\LiveTally.lnk"' in log
    assert 'WriteUninstaller: "$INSTDIR\\uninstall.exe"' in log
    assert f"DisplayVersion={__version__}" in log
    assert "Uninstall\\LiveTally\\UninstallString" in log


def test_the_desktop_shortcut_is_optional_and_off_by_default() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert 'Section /o "Desktop shortcut"' in text


def test_a_missing_version_stops_the_build(payload: Path, tmp_path: Path) -> None:
    makensis = need_tool("makensis", "nsis")
    ico, _ = icon_formats.write_icons(tmp_path / "icons")
    command = [
        makensis,
        f"-DSOURCE_DIR={payload}",
        f"-DOUTFILE={tmp_path / 'x.exe'}",
        f"-DICON={ico}",
        str(SCRIPT),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode != 0
    assert "pass /DVERSION" in done.stdout + done.stderr


def test_the_windows_version_has_four_numbers() -> None:
    command = build.nsis_command("makensis", Path("src"), Path("out.exe"), Path("i.ico"))
    (version4,) = [part for part in command if "DVERSION4=" in part]
    assert len(version4.split("=", 1)[1].split(".")) == 4
