"""Test-wide isolation: no test reads or writes the real user's files or needs a screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "resources"


@pytest.fixture(autouse=True)
def isolated_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data home, HOME and the XDG folders at a temp dir for every test."""
    home = tmp_path / "livetally-home"
    monkeypatch.setenv("LIVETALLY_HOME", str(home))
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    monkeypatch.delenv("LIVETALLY_DEBUG", raising=False)
    return home
