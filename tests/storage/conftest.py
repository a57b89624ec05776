"""An open ledger in a temp data home, and a few records to put in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from livetally.core.rates import RateProfile
from livetally.storage.ledger import Ledger

US = RateProfile("US", "United States", "USD")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    home = tmp_path / "home"
    home.mkdir()
    with Ledger.open(home / "livetally.sqlite3", home / "backups") as opened:
        yield opened
