"""Helpers for the packaging tests: load the scripts under packaging/, find the tools."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def load(relative: str) -> ModuleType:
    """Import ``packaging/<relative>`` (a script folder, not a package) under its own name."""
    path = PACKAGING / relative
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)  # the scripts import their neighbours by name
    name = f"_packaging_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def need_tool(name: str, package: str) -> str:
    """The tool's path, or skip the test saying which Debian package provides it."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed (Debian package {package}; bash .ci/run installs it)")
    return found
