"""What the frozen app leaves out, and that it never leaves out what LiveTally imports."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, load

rules = load("bundle_rules.py")

PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    "dest",
    [
        f"{PLUGINS}/platforms/libqxcb.so",
        f"{PLUGINS}/platforms/libqwayland.so",
        f"{PLUGINS}/platforms/libqoffscreen.so",
        f"{PLUGINS}/platformthemes/libqgtk3.so",
        f"{PLUGINS}/imageformats/libqsvg.so",
        f"{PLUGINS}/iconengines/libqsvgicon.so",
        f"{PLUGINS}/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        f"{PLUGINS}/platforms/libqcocoa.dylib",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "resources/settings.toml",
    ],
)
def test_what_the_app_uses_is_kept(dest: str) -> None:
    assert rules.keep_entry(dest, "/venv/site-packages/" + dest, "BINARY")


@pytest.mark.parametrize(
    "dest",
    [
        f"{PLUGINS}/platforms/libqeglfs.so",
        f"{PLUGINS}/platforms/libqvnc.so",
        f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        f"{PLUGINS}/sqldrivers/libqsqlite.so",
        f"{PLUGINS}/tls/libqopensslbackend.so",
        f"{PLUGINS}/generic/libqevdevmouseplugin.so",
        f"{PLUGINS}/imageformats/libqpdf.so",
        f"{PLUGINS}/wayland-graphics-integration-server/libqt-wayland-compositor-xcomposite-egl.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qtbase_fr.qm",
        "PySide6/opengl32sw.dll",
    ],
)
def test_what_it_cannot_use_is_left_out(dest: str) -> None:
    assert not rules.keep_entry(dest, "/venv/site-packages/" + dest, "BINARY")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux rule")
def test_system_libraries_are_left_to_the_package_dependencies() -> None:
    assert rules.is_system_library("/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0")
    assert rules.is_system_library("/lib/x86_64-linux-gnu/libstdc++.so.6")
    assert not rules.is_system_library("/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0")
    assert not rules.is_system_library("/usr/lib/python3.11/lib-dynload/_ssl.so")
    assert not rules.is_system_library("/usr/lib/python3/dist-packages/PySide6/Qt/lib/x.so")
    assert not rules.is_system_library("/home/me/.venv/lib/python3.11/site-packages/numpy/x.so")


def _qt_modules_imported(paths: list[Path]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        found |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return found


def test_no_qt_module_livetally_imports_is_excluded() -> None:
    sources = [
        p for p in (REPO / "desktop" / "livetally").rglob("*.py") if p.name != "screenshots.py"
    ]  # screenshots.py is a developer tool (QtTest), never frozen
    used = _qt_modules_imported(sources)
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    excluded = {name.removeprefix("PySide6.") for name in rules.EXCLUDED_MODULES}
    assert not used & excluded, "bundle_rules.EXCLUDED_MODULES leaves out a module in use"


def test_what_pyqtgraph_imports_unconditionally_is_kept() -> None:
    # pyqtgraph.Qt.OpenGLHelpers imports these at import time, for every Qt6 binding.
    excluded = set(rules.EXCLUDED_MODULES)
    assert not {"PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg"} & excluded
    assert "pyqtgraph" not in excluded
    assert "numpy" not in excluded


def test_qt_libraries_only_dropped_plugins_needed_are_pruned() -> None:
    entries = [
        ("PySide6/QtWidgets.abi3.so", "/v/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/v/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/v/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/v/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/v/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/v/libQt6Network.so.6", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
    ]
    links = {
        "/v/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/v/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/v/libQt6Widgets.so.6": ["libQt6Gui.so.6", "libc.so.6"],
        "/v/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
    }
    kept = rules.prune_qt_libraries(entries, lambda source: links.get(source, []))
    names = [Path(dest).name for dest, _, kind in kept if kind != "SYMLINK"]
    assert "libQt6Network.so.6" not in names
    assert {"libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6XcbQpa.so.6"} <= set(names)
    files = [dest for dest, _, kind in kept if kind != "SYMLINK"]
    assert rules.drop_dangling_symlinks(kept, files) == [e for e in kept if e[2] != "SYMLINK"]


def test_when_a_binary_cannot_be_read_every_qt_library_stays() -> None:
    entries = [
        ("PySide6/QtCore.abi3.so", "/v/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/v/libQt6Network.so.6", "BINARY"),
    ]
    assert rules.prune_qt_libraries(entries, lambda source: None) == entries


def test_symlink_chains_to_kept_files_survive() -> None:
    entries = [
        ("lib/libfoo.so.1.2", "/v/libfoo.so.1.2", "BINARY"),
        ("lib/libfoo.so.1", "libfoo.so.1.2", "SYMLINK"),
        ("libfoo.so.1", "lib/libfoo.so.1", "SYMLINK"),
        ("libgone.so.1", "lib/libgone.so.1", "SYMLINK"),
    ]
    kept = rules.drop_dangling_symlinks(entries, ["lib/libfoo.so.1.2"])
    assert [dest for dest, _, _ in kept] == ["lib/libfoo.so.1.2", "lib/libfoo.so.1", "libfoo.so.1"]


def test_the_frozen_app_finds_its_resources_where_the_spec_puts_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from livetally.resources import resource_path

    spec = (REPO / "packaging" / "livetally.spec").read_text(encoding="utf-8")
    assert 'datas=[(str(ROOT / "resources"), "resources")]' in spec
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("gifts.toml") == tmp_path / "resources" / "gifts.toml"


def test_the_multiprocessing_runtime_hook_is_left_out_and_the_app_is_kept() -> None:
    assert not rules.keep_script("pyi_rth_multiprocessing")
    for kept in ("launch", "pyi_rth_inspect", "pyi_rth_pyside6", "pyi_rth_livetally_selfcheck"):
        assert rules.keep_script(kept)


def test_livetally_starts_no_child_processes_that_would_need_it() -> None:
    """Without PyInstaller's multiprocessing hook a frozen child process would start the
    app again: LiveTally must start none (nor ask for freeze_support)."""
    uses = re.compile(
        r"^\s*(import multiprocessing|from multiprocessing|from concurrent\.futures import"
        r".*ProcessPool)|freeze_support|ProcessPoolExecutor",
        re.MULTILINE,
    )
    package = REPO / "desktop" / "livetally"
    found = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if uses.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
