"""The main window on a fresh data home, closed and its ledger released after each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally.app import create_main_window
from livetally.ui.main_window import MainWindow


@pytest.fixture
def window(isolated_data_home: Path, qtbot: QtBot) -> Iterator[MainWindow]:
    opened = create_main_window(isolated_data_home)
    qtbot.addWidget(opened)
    opened.resize(1200, 800)
    yield opened
    opened.session.undo_stack.clear()
    opened.close()
    opened.session.ledger.close()
