"""Undo and redo of every ledger action, each one transaction, the view told each time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.core.sample import sample_data
from livetally.models.commands import (
    AddIncomeCommand,
    AddSampleDataCommand,
    AddStreamCommand,
    DeleteIncomeCommand,
    DeleteStreamsCommand,
    EditIncomeCommand,
    EditStreamCommand,
    run,
)
from livetally.models.session import Session

RECORD = StreamRecord(started_at="2026-11-20T19:30:00+01:00", coins=10_000, tags=("qa",))
OTHER = StreamRecord(started_at="2026-11-21T19:30:00+01:00", coins=500)


def records(session: Session) -> list[StreamRecord]:
    return [stream.record for stream in session.ledger.streams()]


def test_add_stream_undo_redo_keeps_the_id(session: Session, qtbot: QtBot) -> None:
    command = AddStreamCommand(session, RECORD, session.profile())
    with qtbot.waitSignal(session.ledger_changed):
        run(session, command)
    assert session.undo_stack.count() == 1
    assert command.logged is not None
    first_id = command.logged.id
    assert records(session) == [RECORD]
    assert session.payout_status().balance_diamonds == 1000
    session.undo_stack.undo()
    assert records(session) == []
    assert session.payout_status().balance_diamonds == 0
    session.undo_stack.redo()
    assert [s.id for s in session.ledger.streams()] == [first_id]


def test_edit_keeps_the_logged_rates_and_undoes(session: Session) -> None:
    cheap = session.profile().with_figures(diamond_usd=Decimal("0.04"))
    logged = session.ledger.add_stream(RECORD, cheap)
    edited = StreamRecord(started_at=RECORD.started_at, coins=20_000, tags=("collab",))
    run(session, EditStreamCommand(session, logged, edited))
    after = session.ledger.stream(logged.id)
    assert (after.record, after.creator_usd) == (edited, Decimal(80))
    session.undo_stack.undo()
    assert session.ledger.stream(logged.id) == logged


def test_delete_several_streams_and_undo(session: Session) -> None:
    ids = [session.ledger.add_stream(r, session.profile()).id for r in (RECORD, OTHER)]
    before = session.ledger.streams()
    run(session, DeleteStreamsCommand(session, ids))
    assert records(session) == []
    session.undo_stack.undo()
    assert session.ledger.streams() == before
    assert session.undo_stack.redoText() == "Delete 2 streams"


def test_income_add_edit_delete_undo(session: Session) -> None:
    deal = IncomeRecord(dt.date(2026, 11, 3), "sponsorship", Decimal("250.00"), "EUR", "X")
    add = AddIncomeCommand(session, deal)
    run(session, add)
    assert add.logged is not None
    logged = add.logged
    better = IncomeRecord(dt.date(2026, 11, 3), "sponsorship", Decimal("300.00"), "EUR", "X")
    run(session, EditIncomeCommand(session, logged, better))
    assert [e.record for e in session.ledger.income()] == [better]
    run(session, DeleteIncomeCommand(session, session.ledger.income_entry(logged.id)))
    assert session.ledger.income() == []
    session.undo_stack.undo()
    assert [e.record for e in session.ledger.income()] == [better]
    session.undo_stack.undo()
    assert [e.record for e in session.ledger.income()] == [deal]
    session.undo_stack.undo()
    assert session.ledger.income() == []
    session.undo_stack.redo()
    assert [(e.id, e.record) for e in session.ledger.income()] == [(logged.id, deal)]


def test_a_refused_action_reaches_the_caller_and_is_not_pushed(session: Session) -> None:
    from livetally.storage.ledger import DuplicateError

    run(session, AddStreamCommand(session, RECORD, session.profile()))
    with pytest.raises(DuplicateError):
        run(session, AddStreamCommand(session, RECORD, session.profile()))
    assert session.undo_stack.count() == 1
    assert records(session) == [RECORD]


def test_sample_data_is_one_undoable_step_and_redo_keeps_the_ids(
    session: Session, qtbot: QtBot
) -> None:
    """Sample data goes through the undo stack like any other action; redo puts back the
    same rows, so a later step that names one (an edit of a sample stream) still applies."""
    mine = session.ledger.add_stream(RECORD, session.profile())
    data = sample_data(dt.date(2026, 11, 20))
    with qtbot.waitSignal(session.ledger_changed):
        run(session, AddSampleDataCommand(session, data, session.profile()))
    assert session.undo_stack.undoText() == "Add sample data"
    assert len(session.ledger.streams()) == len(data.streams) + 1
    assert [e.record for e in session.ledger.income()] == sorted(data.income, key=lambda e: e.date)
    added = session.ledger.sample_streams()
    edited = dataclasses.replace(added[0].record, notes="Edited sample")
    run(session, EditStreamCommand(session, added[0], edited))
    incomes = session.ledger.income()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.ledger.streams() == [mine], "only the sample rows went"
    assert session.ledger.income() == []
    assert not session.ledger.has_sample_data()
    session.undo_stack.redo()
    session.undo_stack.redo()
    again = session.ledger.sample_streams()
    assert [s.id for s in again] == [s.id for s in added]
    assert again[0].record == edited
    assert session.ledger.income() == incomes
