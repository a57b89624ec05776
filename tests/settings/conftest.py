"""A writable copy of the shipped settings.toml for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import RESOURCES


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    path = tmp_path / "settings.toml"
    shutil.copyfile(RESOURCES / "settings.toml", path)
    return path


def line_of_text(text: str, needle: str, after: str = "") -> int:
    """1-based number of the first line containing ``needle`` (after the line with ``after``)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start) if needle in line) + 1
