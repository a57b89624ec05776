"""The stream log read the quick way (ledger rows into columns) shows what the plain way
(``Ledger.streams()`` into ``set_streams``) shows, cell for cell, and a large filter
change keeps the view's place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from livetally.core.chart_data import cash_series, tag_rates
from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.models.formatting import Formatter
from livetally.models.log_columns import StreamColumn
from livetally.models.stream_columns import StreamData
from livetally.models.stream_filter import StreamFilterProxy
from livetally.models.stream_table import StreamTableModel
from livetally.models.table_roles import STREAM_ROLE
from livetally.storage.ledger import Ledger
from tests.models.stream_oracles import summarise
from tests.oracles import cash_per_hour_by_tag, cash_per_stream

US = RateProfile("US", "United States", "USD")
FORMAT = Formatter(QLocale("en_US"))


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    home = tmp_path / "home"
    home.mkdir()
    opened = Ledger.open(home / "livetally.sqlite3", home / "backups")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    records = [
        StreamRecord(
            (start + dt.timedelta(hours=7 * n)).isoformat(),
            (n * 7919) % 5003,
            duration_minutes=(n % 4) * 30 or None,
            diamonds=Decimal(n // 8) if n % 3 == 0 else None,
            likes=None if n % 5 == 0 else n * 11,
            peak_viewers=None if n % 4 == 1 else n * 3,  # blanks apart from the likes'
            tags=(("qa",), (), ("chat", "collab"))[n % 3],
            notes=f"Stream <{n}> {'rainy' if n % 7 == 0 else 'sunny'}",
        )
        for n in range(300)
    ]
    opened.import_streams(records, US)
    opened.import_streams(
        [StreamRecord("2026-01-01T00:00:00-05:00", 1, notes="same instant, dearer")],
        US.with_figures(diamond_usd=Decimal("0.07")),
    )
    yield opened  # type: ignore[misc]
    opened.close()


def loaded(ledger: Ledger) -> tuple[StreamTableModel, StreamTableModel]:
    """The same ledger in two models: read as columns, and as objects."""
    quick = StreamTableModel(formatter=FORMAT)
    data = StreamData()
    for rows, tags in ledger.stream_rows(size=64):
        data.add_rows(rows, tags)
    quick.set_data(data)
    plain = StreamTableModel(formatter=FORMAT)
    plain.set_streams(ledger.streams())
    return quick, plain


def cells(model: StreamTableModel) -> list[tuple[object, ...]]:
    return [
        tuple(model.index(row, column).data() for column in StreamColumn)
        for row in range(model.rowCount())
    ]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
@pytest.mark.parametrize("column", list(StreamColumn))
def test_rows_read_as_columns_show_and_sort_like_streams(
    ledger: Ledger, column: StreamColumn, order: Qt.SortOrder
) -> None:
    quick, plain = loaded(ledger)
    quick.sort(column, order)
    plain.sort(column, order)
    assert cells(quick) == cells(plain)
    assert quick.streams() == plain.streams()  # equal LoggedStreams, made from the columns


def test_figures_and_chart_points_match_the_plain_sums(ledger: Ledger) -> None:
    quick, _plain = loaded(ledger)
    proxy = StreamFilterProxy()
    proxy.setSourceModel(quick)
    streams = ledger.streams()
    assert proxy.summary() == summarise(streams)
    assert proxy.summary().viewers > 0, "likes per viewer is compared too"
    proxy.set_text("rainy")
    assert proxy.summary() == summarise(s for s in streams if "rainy" in s.record.notes)
    proxy.set_text("qa,")  # tags are searched as "chat collab", not as shown ("chat, collab")
    assert proxy.rowCount() == 0
    assert cash_series(quick.cash_points()) == cash_per_stream(streams)


def test_chart_figures_from_the_columns_match_the_streams(ledger: Ledger) -> None:
    """What the stream log charts, worked out from its columns a step at a time, is what
    the streams themselves give: every point, and each tag's rate, all rates mixed."""
    quick, _plain = loaded(ledger)
    streams = ledger.streams()
    series = cash_per_stream(streams)
    assert list(quick.chart_points()) == [
        (p.started.timestamp(), p.cash_usd) for p in series.points
    ]
    job = quick.tag_totals(step=50)
    steps = 0
    try:
        while True:
            next(job)
            steps += 1
    except StopIteration as done:
        totals, untimed = done.value
    assert steps == len(streams) // 50
    assert tag_rates(totals, untimed) == cash_per_hour_by_tag(streams)
    rates = tag_rates(totals, untimed)
    expected = cash_per_hour_by_tag(streams)
    assert (rates.without_hours, rates.untimed_streams) == (
        expected.without_hours,
        expected.untimed_streams,
    )
    proxy = StreamFilterProxy()
    proxy.setSourceModel(quick)
    proxy.set_text("rainy")
    rows = proxy.source_rows()
    rainy = [s for s in streams if "rainy" in s.record.notes]
    assert list(quick.chart_points(rows)) == [
        (p.started.timestamp(), p.cash_usd) for p in cash_per_stream(rainy).points
    ]
    job = quick.tag_totals(rows)
    with pytest.raises(StopIteration) as done:
        next(job)
    assert tag_rates(*done.value.value) == cash_per_hour_by_tag(rainy)


def test_a_large_filter_change_is_one_layout_change_keeping_the_selection(
    ledger: Ledger, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    quick, _ = loaded(ledger)
    proxy = StreamFilterProxy()
    proxy.setSourceModel(quick)
    qtmodeltester.check(proxy)
    rainy = next(r for r in range(proxy.rowCount()) if "rainy" in proxy.index(r, 10).data())
    held = QPersistentModelIndex(proxy.index(rainy, StreamColumn.NOTES))
    stream_id = held.data(STREAM_ROLE).id
    with qtbot.assertNotEmitted(proxy.rowsRemoved), qtbot.waitSignal(proxy.layoutChanged):
        proxy.set_text("rainy")  # every 7th stream stays: far too many runs to announce
    assert proxy.rowCount() == 43
    assert held.isValid()
    assert held.data(STREAM_ROLE).id == stream_id
    gone = QPersistentModelIndex(proxy.index(0, 0))
    proxy.sort(StreamColumn.CASH, Qt.SortOrder.DescendingOrder)
    assert held.data(STREAM_ROLE).id == stream_id
    proxy.set_text("")
    assert proxy.rowCount() == 301
    assert gone.isValid()
    proxy.set_text("stream <1")  # 1, 10..19, 100..199
    assert proxy.rowCount() == 111


def test_cash_sort_keys_are_compact_whole_numbers_in_the_exact_order() -> None:
    """Sorting by cash keeps 8 bytes a stream (not a Decimal each), ordered exactly as the
    Decimals are, fractions of a cent and mixed rates included; what does not fit in 64
    bits stays Decimal."""
    from array import array

    from livetally.models.sort_keys import compact_keys as _compact

    diamonds = ["30.9", "7", "0.125", "1000000", "30.90", "0.1"]
    rates = [Decimal("0.05"), Decimal("0.07"), Decimal("0.05"), Decimal("0.005"), Decimal("0.05"),
             Decimal("0.0625")]  # fmt: skip
    keys = _compact(diamonds, rates)
    assert isinstance(keys, array)
    exact = [Decimal(d) * r for d, r in zip(diamonds, rates, strict=True)]
    by_key = sorted(range(len(keys)), key=keys.__getitem__)
    assert by_key == sorted(range(len(exact)), key=exact.__getitem__)
    assert keys[0] == keys[4], "equal cash, equal keys (ties keep their start order)"
    huge = _compact(["123456789012345678901.5", "1"], [Decimal("0.05")] * 2)
    assert list(huge) == [Decimal("123456789012345678901.5") * Decimal("0.05"), Decimal("0.05")]


def test_a_stream_is_found_by_id_through_removes_adds_and_more_rows(ledger: Ledger) -> None:
    """find() answers from an index made at its first use: it must follow every change."""
    model, _ = loaded(ledger)
    streams = model.streams()
    ids = [stream.id for stream in streams]
    for stream_id in (ids[0], ids[150], ids[-1]):
        row = model.row_of(stream_id)
        assert row is not None
        assert model.stream_at(row).id == stream_id
    taken = model.remove_stream(ids[150])
    assert taken is not None
    assert model.row_of(ids[150]) is None
    assert model.row_of(10**9) is None
    row = model.insert_stream(taken)  # put back (undo): a new slot, the same id
    assert model.row_of(ids[150]) == row
    assert model.stream_at(row).id == ids[150]
    edited = model.replace_stream(taken)
    assert model.row_of(ids[150]) == edited
    model.sort(StreamColumn.CASH, Qt.SortOrder.DescendingOrder)
    assert [model.stream_at(model.row_of(i) or 0).id for i in ids] == ids
    data = StreamData()  # rows read in two steps: the index covers both
    steps = [step for step in ledger.stream_rows(size=100) if step[0]]
    assert len(steps) > 1
    data.add_rows(*steps[0])
    assert data.find(ids[0]) == 0
    for more, tags in steps[1:]:
        data.add_rows(more, tags)
    assert [data.find(i) for i in ids] == list(range(len(ids)))
