"""The .deb layout and control fields, built with dpkg-deb from a stand-in onedir."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from livetally import __version__
from tests.packaging.conftest import load, need_tool

build_deb = load("linux/build_deb.py")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    need_tool("dpkg-deb", "dpkg")
    need_tool("objdump", "binutils")
    bundle = tmp_path / "livetally"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    true = shutil.which("true")
    assert true is not None
    shutil.copy(true, bundle / "livetally")
    (bundle / "_internal" / "resources" / "settings.toml").write_text("[app]\n")
    return build_deb.build(bundle, tmp_path / "out", tmp_path / "work")


def test_the_package_lays_out_the_app_menu_entry_icons_and_metadata(built: Path) -> None:
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(built)], capture_output=True, text=True, check=True
    ).stdout
    paths = {line.split()[5] for line in listing.splitlines()}
    for expected in (
        "./opt/livetally/livetally",
        "./opt/livetally/_internal/resources/settings.toml",
        "./usr/bin/livetally",
        "./usr/share/applications/livetally.desktop",
        "./usr/share/metainfo/io.github.livetally.LiveTally.metainfo.xml",
        "./usr/share/icons/hicolor/scalable/apps/livetally.svg",
        "./usr/share/icons/hicolor/16x16/apps/livetally.png",
        "./usr/share/icons/hicolor/512x512/apps/livetally.png",
        "./usr/share/doc/livetally/copyright",
    ):
        assert expected in paths
    assert "./usr/bin/livetally -> /opt/livetally/livetally" in listing
    assert "root/root" in listing.splitlines()[0]


def test_the_control_fields(built: Path) -> None:
    def field(name: str) -> str:
        return subprocess.run(
            ["dpkg-deb", "--field", str(built), name], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert field("Package") == "livetally"
    assert field("Version") == __version__
    assert field("Depends").startswith("libc6 (>= 2.")
    assert int(field("Installed-Size")) > 0
    assert built.name == f"livetally_{__version__}_{field('Architecture')}.deb"
