"""The desktop entry and AppStream metainfo shipped in the .deb validate and agree."""

from __future__ import annotations

import configparser
import subprocess
import xml.etree.ElementTree as ET

from livetally import __version__
from tests.packaging.conftest import REPO, need_tool

RESOURCES = REPO / "resources"
DESKTOP = RESOURCES / "livetally.desktop"
METAINFO = RESOURCES / "io.github.livetally.LiveTally.metainfo.xml"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validate_is_silent() -> None:
    tool = need_tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout + done.stderr == ""  # not even a hint


def test_appstreamcli_validates_the_metainfo() -> None:
    tool = need_tool("appstreamcli", "appstream")
    done = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_desktop_entry_runs_the_installed_command_with_the_app_icon() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "livetally"
    assert entry["Icon"] == "livetally"
    assert entry["Name"] == "LiveTally"
    assert (RESOURCES / "icons" / "hicolor" / "scalable" / "apps" / "livetally.svg").exists()


def test_the_metainfo_names_the_desktop_entry_the_binary_and_this_version() -> None:
    root = ET.parse(METAINFO).getroot()
    component_id = root.findtext("id")
    assert METAINFO.name == f"{component_id}.metainfo.xml"
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("provides/binary") == "livetally"
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == __version__, "add a <release> for the new version"
