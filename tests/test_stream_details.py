"""A stream detail declared once (``core.stream_fields``) shows everywhere: the ledger and its
migration, CSV, the table (hidden while empty), the dialog, and the log's JSON."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.core.stream_fields import DETAIL_NAMES, STREAM_DETAILS, Origin
from livetally.models.log_columns import FIXED_COLUMNS, LATER_DETAILS
from livetally.models.session import Session
from livetally.models.stream_columns import StreamData
from livetally.models.stream_table import StreamTableModel
from livetally.storage.ledger import DuplicateError, Ledger
from livetally.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

US = RateProfile("US", "United States", "USD")
TIKTOK_LIVE = StreamRecord(
    started_at="2025-03-01T20:00:00+01:00",
    coins=1000,
    diamonds=Decimal(100),
    duration_minutes=90,
    likes=1001,
    views=501,
    gifters=11,
    title="Friday Q&A",
    tiktok_room_id="7481234567890123001",
    origin=Origin.TIKTOK,
)


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger.open(tmp_path / "livetally.sqlite3", tmp_path / "backups")


def test_every_detail_is_stored_and_read_back(ledger: Ledger) -> None:
    logged = ledger.add_stream(TIKTOK_LIVE, US)
    assert logged.record == TIKTOK_LIVE
    assert logged.record.origin is Origin.TIKTOK
    (row,), _tags = next(ledger.stream_rows(10))
    data = StreamData()
    data.add_rows([row], [None])
    assert data.stream(0).record == TIKTOK_LIVE
    assert data.stream(0).record.origin is Origin.TIKTOK


def test_a_tiktok_room_is_in_the_ledger_once(ledger: Ledger) -> None:
    ledger.add_stream(TIKTOK_LIVE, US)
    again = dataclasses.replace(TIKTOK_LIVE, started_at="2025-03-02T20:00:00+01:00")
    with pytest.raises(DuplicateError, match="TikTok LIVE is already in the ledger"):
        ledger.add_stream(again, US)
    assert ledger.tiktok_room_ids() == {"7481234567890123001"}


def test_version_3_ledgers_gain_the_details_and_say_where_figures_came_from(
    tmp_path: Path,
) -> None:
    database = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        for step in MIGRATIONS[:3]:
            step(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 3")
        for n in (1, 2):
            db.execute(
                "INSERT INTO streams (started_at, started_utc, coins, diamonds, "
                "diamonds_entered, country, coin_usd, diamonds_per_coin, diamond_usd, "
                "fingerprint, created_at) VALUES (?, ?, 2010, '201', 0, 'US', '0.01', '0.1', "
                "'0.05', ?, 'now')",
                (f"2026-01-0{n}T20:00:00Z", f"2026-01-0{n}T20:00:00.000000Z", f"f{n}"),
            )
        db.execute("INSERT INTO stream_gifts VALUES (2, 'Rose', 10, 1)")
        db.commit()
    with Ledger.open(database, tmp_path / "backups") as ledger:
        typed, gifted = ledger.streams()
        assert (typed.record.origin, gifted.record.origin) == (Origin.TYPED, Origin.GIFTS)
        assert (typed.record.views, typed.record.title, typed.record.tiktok_room_id) == (
            None,
            "",
            None,
        )
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert list((tmp_path / "backups").glob("*-migration.sqlite3")), "backed up first"


def test_the_table_shows_later_details_and_marks_derived_coins(qapp: object) -> None:
    model = StreamTableModel()
    model.set_streams(
        [
            _logged(1, TIKTOK_LIVE),
            _logged(2, StreamRecord(started_at="2025-03-02T20:00:00+01:00", coins=500)),
        ]
    )
    headers = [model.headerData(c, _HORIZONTAL) for c in range(model.columnCount())]
    assert headers[FIXED_COLUMNS:] == [detail.label for detail in LATER_DETAILS]
    row = model.row_of(1)
    assert row is not None
    texts = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert texts[FIXED_COLUMNS:] == ["501", "11", "Friday Q&A", "7481234567890123001"]
    assert texts[2] == "\u2248 1,000", "coins worked out from TikTok's diamonds are marked"
    assert "TikTok" in model.data(model.index(row, 2), _TOOLTIP)
    title = FIXED_COLUMNS + [d.name for d in LATER_DETAILS].index("title")
    model.sort(title, _DESCENDING)
    assert model.stream_at(0).id == 1


def test_empty_later_columns_are_hidden_until_a_stream_has_one(
    session: Session, qtbot: QtBot
) -> None:
    from livetally.ui.stream_log_tab import StreamLogTab

    tab = StreamLogTab(session)
    qtbot.addWidget(tab)
    later = range(FIXED_COLUMNS, FIXED_COLUMNS + len(LATER_DETAILS))
    session.ledger.add_stream(StreamRecord(started_at="2025-03-02T20:00:00Z", coins=5), US)
    tab.reload()
    assert all(tab.table.isColumnHidden(c) for c in later)
    session.ledger.add_stream(TIKTOK_LIVE, US)
    tab.reload()
    assert not any(tab.table.isColumnHidden(c) for c in later)


def test_the_dialog_types_the_editable_details_and_keeps_the_others(
    session: Session, qtbot: QtBot
) -> None:
    from livetally.ui.stream_dialog import StreamDialog

    stream = session.ledger.add_stream(TIKTOK_LIVE, US)
    dialog = StreamDialog(session, stream=stream)
    qtbot.addWidget(dialog)
    editable = [d.name for d in STREAM_DETAILS if d.editable]
    assert list(dialog.details) == editable
    assert dialog.details["title"].text() == "Friday Q&A"
    dialog.details["views"].setText("600")
    record = dialog._read(saving=True)
    assert record is not None
    assert record.views == 600
    assert record.tiktok_room_id == TIKTOK_LIVE.tiktok_room_id, "kept through an edit"
    assert record.origin is Origin.TIKTOK


def test_a_detail_name_is_spelled_in_few_modules() -> None:
    """Adding a detail is one spec entry, one record attribute and one migration: the rest
    of the code reads the spec. (The first-format details are also spelled in a few older
    places, such as the sample data; the later ones must not spread.)"""
    package = Path(__file__).parents[1] / "desktop" / "livetally"
    for name in ("views", "gifters", "tiktok_room_id"):
        spelled = {
            path.relative_to(package).as_posix()
            for path in package.rglob("*.py")
            if re.search(_AS_IDENTIFIER.format(name=name), path.read_text(encoding="utf-8"))
        }
        assert len(spelled) <= 4, (name, sorted(spelled))
    assert set(DETAIL_NAMES) >= {"views", "gifters", "title", "tiktok_room_id"}


#: A detail's name used in code: an attribute, a keyword, a key or a column text.
_AS_IDENTIFIER = r"\.{name}\b|\b{name}=|[\"']{name}[\"']|\b{name}:"
_HORIZONTAL = __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal
_TOOLTIP = __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.ItemDataRole.ToolTipRole
_DESCENDING = __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.SortOrder.DescendingOrder


def _logged(stream_id: int, record: StreamRecord):  # type: ignore[no-untyped-def]
    from livetally.core.records import LoggedStream, resolve_diamonds

    return LoggedStream(
        id=stream_id,
        record=record,
        diamonds=resolve_diamonds(record, US),
        country="US",
        coin_usd=US.coin_usd,
        diamonds_per_coin=US.diamonds_per_coin,
        diamond_usd=US.diamond_usd,
    )


def test_a_later_column_hides_again_when_its_last_stream_goes(qapp: object) -> None:
    model = StreamTableModel()
    model.set_streams([_logged(1, TIKTOK_LIVE), _logged(2, StreamRecord("2025-03-02T20:00Z", 5))])
    assert model.has_detail("title")
    model.remove_stream(1)
    assert not model.has_detail("title")
    assert model.stream_at(0).record.title == ""
    assert model.stream_at(0).record.origin is Origin.TYPED
