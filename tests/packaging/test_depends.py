"""The .deb's Depends and Recommends, read from what the bundle links against."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.packaging.conftest import load, need_tool

depends = load("linux/depends.py")


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb.so.1", "libxcb1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libglib-2.0.so.0", "libglib2.0-0t64 | libglib2.0-0"),
        ("libstdc++.so.6", "libstdc++6"),
        ("libc.so.6", "libc6"),
        ("ld-linux-x86-64.so.2", "libc6"),
        ("libEGL.so.1", "libegl1"),
        ("libmystery.so.3", None),
    ],
)
def test_library_names_map_to_debian_packages(soname: str, package: str | None) -> None:
    assert depends.package_for(soname) == package


def _fake_bundle(root: Path, files: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    for relative in files:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x7fELF stand-in")
    by_path = {root / relative: needed for relative, needed in files.items()}
    monkeypatch.setattr(
        depends, "read_elf", lambda path: depends.ElfInfo(list(by_path[path]), (2, 34))
    )


def test_optional_plugins_and_the_qt_libraries_only_they_use_are_recommends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = "_internal/PySide6/Qt/plugins"
    _fake_bundle(
        tmp_path,
        {
            "livetally": ["libc.so.6", "libQt6Core.so.6"],
            "_internal/libQt6Core.so.6": ["libglib-2.0.so.0", "libstdc++.so.6"],
            f"{plugins}/platforms/libqxcb.so": ["libxcb-cursor.so.0", "libQt6Core.so.6"],
            "_internal/libQt6WaylandClient.so.6": ["libwayland-client.so.0"],
            f"{plugins}/platforms/libqwayland.so": ["libQt6WaylandClient.so.6"],
            f"{plugins}/platformthemes/libqgtk3.so": ["libgtk-3.so.0", "libglib-2.0.so.0"],
        },
        monkeypatch,
    )
    found = depends.bundle_dependencies(tmp_path)
    assert found.depends == [
        "libc6 (>= 2.34)",
        "libglib2.0-0t64 | libglib2.0-0",
        "libstdc++6",
        "libxcb-cursor0",
    ]
    assert found.recommends == ["libgtk-3-0t64 | libgtk-3-0", "libwayland-client0"]
    assert found.needed_by["libxcb-cursor.so.0"] == [f"{plugins}/platforms/libqxcb.so"]


def test_an_unknown_library_stops_the_build_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_bundle(tmp_path, {"livetally": ["libc.so.6", "libmystery.so.3"]}, monkeypatch)
    monkeypatch.setattr(depends, "owning_package", lambda soname: "libmystery3")
    with pytest.raises(depends.UnknownLibrary, match=r"libmystery\.so\.3 \(needed by livetally"):
        depends.bundle_dependencies(tmp_path)


def test_a_real_elf_file_is_read(tmp_path: Path) -> None:
    need_tool("objdump", "binutils")
    true = shutil.which("true")
    assert true is not None
    shutil.copy(true, tmp_path / "livetally")
    found = depends.bundle_dependencies(tmp_path)
    assert any(p.startswith("libc6 (>= 2.") for p in found.depends)
