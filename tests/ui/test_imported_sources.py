"""PySide6 no longer reads every module's source at start-up (livetally.ui.imported_sources)."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import pytest

from livetally.ui.imported_sources import skip_pyside_source_scan

ASKS_FOR_A_FEATURE = re.compile(r"^\s*(from|import)\s+__feature__", re.MULTILINE)
PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "livetally"


@pytest.fixture
def feature(monkeypatch: pytest.MonkeyPatch) -> object:
    """PySide6's feature module, its check put back after the test."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport)

    module = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(module, "_mod_uses_pyside", module._mod_uses_pyside)
    return module


def test_a_module_imported_after_qt_is_not_read(
    feature: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[object] = []
    real_getsource = inspect.getsource

    def counting_getsource(thing: object) -> str:
        reads.append(thing)
        return real_getsource(thing)  # type: ignore[arg-type]

    monkeypatch.setattr(inspect, "getsource", counting_getsource)
    (tmp_path / "lt_scan_probe.py").write_text("import PySide6\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lt_scan_probe", raising=False)

    assert skip_pyside_source_scan()
    __import__("lt_scan_probe")  # as `import` does (import_module skips PySide6's hook)
    assert reads == []
    table = feature.pyside_feature_dict  # type: ignore[attr-defined]
    assert table["lt_scan_probe"] == -1  # "ignore", as a frozen build marks it


def test_nothing_in_livetally_switches_on_a_pyside_feature() -> None:
    """The premise: no module of ours asks for snake_case or true_property."""
    users = [
        path.relative_to(PACKAGE)
        for path in PACKAGE.rglob("*.py")
        if ASKS_FOR_A_FEATURE.search(path.read_text(encoding="utf-8"))
    ]
    assert users == []


def test_another_pyside_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature", raising=False)
    assert not skip_pyside_source_scan()
