"""Each command says what it changed, and the stream log follows that, not a full reload."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.models import commands
from livetally.models.commands import (
    AddIncomeCommand,
    AddStreamCommand,
    DeleteStreamsCommand,
    EditStreamCommand,
)
from livetally.models.session import Session
from livetally.ui.stream_log_tab import StreamLogTab

START = dt.datetime(2026, 11, 1, 19, tzinfo=dt.UTC)


def _stream(n: int, coins: int = 1000) -> StreamRecord:
    started = (START + dt.timedelta(hours=n)).isoformat()
    return StreamRecord(started_at=started, coins=coins, duration_minutes=60, tags=("qa",))


@pytest.fixture
def tab(session: Session, qtbot: QtBot) -> StreamLogTab:
    for n in range(5):
        session.ledger.add_stream(_stream(n), session.profile())
    shown = StreamLogTab(session)
    qtbot.addWidget(shown)
    return shown


def _resets(tab: StreamLogTab) -> list[object]:
    resets: list[object] = []
    tab.model.modelReset.connect(lambda: resets.append(True))
    return resets


def test_an_income_change_leaves_the_stream_log_alone(session: Session, tab: StreamLogTab) -> None:
    resets = _resets(tab)
    version = tab.model.version
    entry = IncomeRecord(dt.date(2026, 11, 3), "sponsorship", Decimal(250), "USD")
    commands.run(session, AddIncomeCommand(session, entry))
    session.undo_stack.undo()
    assert resets == []
    assert tab.model.version == version


def test_a_stream_edit_moves_one_row_without_reading_the_log_again(
    session: Session, tab: StreamLogTab
) -> None:
    resets = _resets(tab)
    before = session.ledger.streams()[2]
    edited = StreamRecord(before.record.started_at, 5000, 60, tags=("qa",))
    commands.run(session, EditStreamCommand(session, before, edited))
    row = tab.model.row_of(before.id)
    assert row is not None
    assert tab.model.stream_at(row).record.coins == 5000
    assert "6 h" not in tab.summary.text()  # still 5 streams of an hour each
    assert tab.summary.text().startswith("Shown: 5 streams")
    assert "9,000 coins" in tab.summary.text()
    session.undo_stack.undo()
    assert tab.model.stream_at(tab.model.row_of(before.id) or 0).record.coins == 1000
    assert resets == []


def test_adding_and_deleting_insert_and_remove_rows(session: Session, tab: StreamLogTab) -> None:
    resets = _resets(tab)
    command = AddStreamCommand(session, _stream(10, 70), session.profile())
    commands.run(session, command)
    assert tab.model.rowCount() == 6
    assert command.logged is not None
    commands.run(session, DeleteStreamsCommand(session, [command.logged.id, 1]))
    assert tab.model.rowCount() == 4
    session.undo_stack.undo()
    assert tab.model.rowCount() == 6
    assert resets == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_sequence_of_commands_shows_what_a_full_reload_shows(
    session: Session, tab: StreamLogTab, seed: int
) -> None:
    rng = random.Random(seed)
    profile = session.profile()
    for step in range(40):
        ids = [stream.id for stream in session.ledger.streams()]
        action = rng.choice(["add", "edit", "delete", "undo", "redo"])
        if action == "add" or not ids:
            record = _stream(100 + step, rng.randint(0, 9000))
            commands.run(session, AddStreamCommand(session, record, profile))
        elif action == "edit":
            before = session.ledger.stream(rng.choice(ids))
            record = StreamRecord(
                (START + dt.timedelta(hours=rng.randint(-50, 200))).isoformat(),
                rng.randint(0, 9000),
                rng.choice([None, 30, 90]),
            )
            commands.run(session, EditStreamCommand(session, before, record))
        elif action == "delete":
            chosen = rng.sample(ids, min(len(ids), rng.randint(1, 3)))
            commands.run(session, DeleteStreamsCommand(session, chosen))
        elif action == "undo":
            session.undo_stack.undo()
        else:
            session.undo_stack.redo()
        shown = {s.id: (s.record, s.diamonds) for s in tab.model.streams()}
        stored = {s.id: (s.record, s.diamonds) for s in session.ledger.streams()}
        assert shown == stored, (seed, step, action)
        # The log shows the newest first; streams that started together stay in id order.
        newest_first = sorted(
            session.ledger.streams(), key=lambda s: s.record.started, reverse=True
        )
        assert [s.id for s in tab.model.streams()] == [s.id for s in newest_first], step
    incremental = tab.model.figures()
    tab.reload()
    assert tab.model.figures() == incremental
