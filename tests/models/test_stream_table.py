"""The stream log table, its filter proxy and the summary over what is shown."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTime,
    QTimeZone,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from livetally.core.records import LoggedStream, StreamRecord
from livetally.models.formatting import Formatter
from livetally.models.log_columns import StreamColumn
from livetally.models.sort_keys import decimal_sort_key
from livetally.models.stream_filter import StreamFilterProxy
from livetally.models.stream_table import StreamTableModel
from livetally.models.table_roles import NUMBER_ALIGNMENT, SORT_ROLE, STREAM_ROLE, TEXT_ALIGNMENT
from tests.conftest import logged_at_us_rates
from tests.models.stream_oracles import summarise

US = Formatter(QLocale("en_US"))
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def stream(
    stream_id: int,
    started: str = "2026-03-01T19:30:00+09:00",
    coins: int = 1000,
    *,
    minutes: int | None = None,
    diamonds: Decimal | None = None,
    likes: int | None = None,
    peak: int | None = None,
    followers: int | None = None,
    tags: tuple[str, ...] = (),
    notes: str = "",
) -> LoggedStream:
    """A stream logged at the default rates ($0.01 a coin, 0.1 diamond a coin, $0.05 each)."""
    record = StreamRecord(
        started_at=started,
        coins=coins,
        duration_minutes=minutes,
        likes=likes,
        peak_viewers=peak,
        new_followers=followers,
        tags=tags,
        notes=notes,
    )
    return logged_at_us_rates(stream_id, record, diamonds)


def sample() -> list[LoggedStream]:
    """Unique start instants; ties, blanks and sub-cent cash in the other columns."""
    return [
        stream(1, "2026-03-01T19:30:00+09:00", 100, minutes=60, diamonds=Decimal("0.1"),
               likes=5, peak=10, followers=1, tags=("qa",), notes="Alpha"),  # $0.005
        stream(2, "2026-03-01T12:00:00Z", 80, diamonds=Decimal("0.08"), followers=0,
               notes="beta"),  # $0.004, no duration
        stream(3, "2026-02-28T23:00:00-05:00", 90, minutes=30, diamonds=Decimal("0.09"),
               likes=5, peak=10, tags=("chat", "collab"), notes="Gamma ray"),  # $0.0045
        stream(4, "2026-03-05T20:00:00+01:00", 10_000, minutes=90, likes=20_000, peak=300,
               followers=12, tags=("qa", "promoted")),  # $50 over 1.5 h
        stream(5, "2026-03-10T18:00:00+00:00", 10_000, minutes=120, likes=0, peak=300,
               tags=("talent",), notes="alpha again"),  # $50 over 2 h
        stream(6, "2026-04-01T09:00:00+02:00", 0, minutes=0, likes=3, notes="zero"),
    ]  # fmt: skip


def loaded(streams: list[LoggedStream] | None = None) -> tuple[StreamTableModel, StreamFilterProxy]:
    model = StreamTableModel(formatter=US)
    proxy = StreamFilterProxy()
    proxy.setSourceModel(model)
    model.set_streams(sample() if streams is None else streams)
    return model, proxy


def shown_ids(proxy: QSortFilterProxyModel) -> list[int]:
    return [proxy.index(row, 0).data(STREAM_ROLE).id for row in range(proxy.rowCount())]


def text(model: StreamTableModel | StreamFilterProxy, row: int, column: StreamColumn) -> str:
    value = model.index(row, column).data()
    assert isinstance(value, str)
    return value


# -- Qt model contract ---------------------------------------------------------------------


def test_the_model_and_proxy_keep_the_qt_model_contract(qtmodeltester: ModelTester) -> None:
    model, proxy = loaded()
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    proxy.set_text("alpha")
    proxy.sort(StreamColumn.CASH, DESC)
    qtmodeltester.check(proxy)


def test_empty_model_and_proxy_keep_the_qt_model_contract(qtmodeltester: ModelTester) -> None:
    model, proxy = loaded([])
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_proxy_refuses_other_models() -> None:
    with pytest.raises(TypeError):
        StreamFilterProxy().setSourceModel(QSortFilterProxyModel())


# -- what each cell shows --------------------------------------------------------------------


def test_started_shows_the_streams_own_wall_clock_and_keeps_the_iso_text_as_tooltip() -> None:
    model, _ = loaded([stream(1, "2026-03-01T19:30:00+09:00")])
    expected = US.locale.toString(
        QDateTime(QDate(2026, 3, 1), QTime(19, 30), QTimeZone.utc()),
        QLocale.FormatType.ShortFormat,
    )
    assert text(model, 0, StreamColumn.STARTED) == expected
    assert "7:30" in expected  # 10:30 UTC would be the machine's clock, not the creator's
    tip = model.index(0, StreamColumn.STARTED).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "2026-03-01T19:30:00+09:00"


def test_figures_are_rounded_down_and_blank_when_not_logged() -> None:
    model, _ = loaded(
        [
            stream(1, coins=12_345, minutes=45, diamonds=Decimal("1234.99"), likes=1_000_000),
            stream(2, "2026-03-02T10:00:00Z", coins=80, diamonds=Decimal("0.08")),
        ]
    )
    row = [text(model, 0, column) for column in StreamColumn]
    assert row[StreamColumn.MINUTES] == "45"
    assert row[StreamColumn.COINS] == "12,345"
    assert row[StreamColumn.DIAMONDS] == "1,234"  # whole diamonds, fraction dropped
    assert row[StreamColumn.CASH] == "$61.74"  # 1234.99 x 0.05 = 61.7495
    assert row[StreamColumn.CASH_PER_HOUR] == "$82.33"  # 61.7495 / 0.75 = 82.3326...
    assert row[StreamColumn.LIKES] == "1,000,000"
    assert text(model, 1, StreamColumn.CASH) == "$0.00"  # $0.004 is not a cent yet
    for column in (StreamColumn.MINUTES, StreamColumn.CASH_PER_HOUR, StreamColumn.LIKES):
        assert text(model, 1, column) == ""


def test_tags_notes_alignment_and_the_likes_header() -> None:
    model, _ = loaded([stream(1, tags=("QA", "collab"), notes="Sang requests")])
    assert text(model, 0, StreamColumn.TAGS) == "qa, collab"
    assert text(model, 0, StreamColumn.NOTES) == "Sang requests"
    alignment = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, StreamColumn.CASH).data(alignment) == NUMBER_ALIGNMENT
    assert model.index(0, StreamColumn.NOTES).data(alignment) == TEXT_ALIGNMENT
    horizontal = Qt.Orientation.Horizontal
    assert [model.headerData(c, horizontal) for c in StreamColumn] == [
        "Started", "Minutes", "Coins", "Diamonds", "Cash", "Cash per hour", "Likes",
        "Peak viewers", "New followers", "Tags", "Notes",
    ]  # fmt: skip
    tip = model.headerData(StreamColumn.LIKES, horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Engagement only: likes pay nothing"
    assert model.index(0, 0).data(STREAM_ROLE).id == 1


def test_cells_are_formatted_only_when_asked_for() -> None:
    model, _ = loaded([stream(i, f"2026-03-{i:02d}T10:00:00Z") for i in range(1, 21)])
    assert model._texts == {}
    text(model, 3, StreamColumn.CASH)
    assert list(model._texts) == [model.stream_at(3).id]
    model.set_streams(sample())
    assert model._texts == {}


#: The roles a QStyledItemDelegate asks of every cell it paints (Qt 6's initStyleOption).
PAINT_ROLES = (
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.BackgroundRole,
)


def test_a_role_as_a_plain_int_gives_what_its_enum_gives() -> None:
    """Qt passes roles to ``data()`` as ints; the models compare against int constants, so
    a role given as Qt's enum member must still find the same answer."""
    model, proxy = loaded([stream(1, tags=("qa",), notes="Sang", minutes=30, likes=3)])
    proxy.set_text("sang")
    for table in (model, proxy):
        for column in range(table.columnCount()):
            index = table.index(0, column)
            for role in (*PAINT_ROLES, Qt.ItemDataRole.ToolTipRole):
                assert table.data(index, role) == table.data(index, int(role)), (column, role)
            assert table.data(index) == table.data(index, Qt.ItemDataRole.DisplayRole)
        index = table.index(0, StreamColumn.CASH)
        assert table.data(index, Qt.ItemDataRole.FontRole) is None
        assert table.data(index, Qt.ItemDataRole.BackgroundRole) is None
        assert table.data(index, SORT_ROLE) == table.data(index, int(SORT_ROLE))
        # The proxy leaves flags to Qt's table model (no call into Python per cell painted),
        # which also says a cell never has children.
        shown = table.flags(index) & ~Qt.ItemFlag.ItemNeverHasChildren
        assert shown == (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        assert table.flags(table.index(5, 0)) == Qt.ItemFlag.NoItemFlags  # no such row


# -- sorting ----------------------------------------------------------------------------------


def test_decimal_sort_keys_keep_sub_cent_differences() -> None:
    small, smaller = decimal_sort_key(Decimal("0.005")), decimal_sort_key(Decimal("0.004"))
    assert smaller < small
    assert decimal_sort_key(Decimal("0.0050")) == small
    assert decimal_sort_key(Decimal(10)) > decimal_sort_key(Decimal("9.99999999"))


AMOUNTS = st.decimals(min_value=-(10**15), max_value=10**15, allow_nan=False, allow_infinity=False)


@given(AMOUNTS, AMOUNTS)
@example(  # more digits than Decimal's 28: abs() would round them to the same key
    Decimal("999999999999999.9999999999989494830562769526455"),
    Decimal("999999999999999.99999999999894941791222417617701897"),
)
def test_decimal_sort_keys_order_as_the_numbers_do(a: Decimal, b: Decimal) -> None:
    key_a, key_b = decimal_sort_key(a), decimal_sort_key(b)
    assert (key_a < key_b) == (a < b)
    assert (key_a == key_b) == (a == b)


def _cash_per_hour(s: LoggedStream) -> Decimal:
    minutes = s.record.duration_minutes
    return s.diamonds * s.diamond_usd * 60 / minutes if minutes else Decimal(-1)


def _blank_last(value: int | None) -> int:
    return -1 if value is None else value


VALUE: dict[StreamColumn, Callable[[LoggedStream], Any]] = {
    StreamColumn.STARTED: lambda s: s.record.started.astimezone(dt.UTC),
    StreamColumn.MINUTES: lambda s: _blank_last(s.record.duration_minutes),
    StreamColumn.COINS: lambda s: s.record.coins,
    StreamColumn.DIAMONDS: lambda s: s.diamonds,
    StreamColumn.CASH: lambda s: s.diamonds * s.diamond_usd,
    StreamColumn.CASH_PER_HOUR: _cash_per_hour,
    StreamColumn.LIKES: lambda s: _blank_last(s.record.likes),
    StreamColumn.PEAK_VIEWERS: lambda s: _blank_last(s.record.peak_viewers),
    StreamColumn.NEW_FOLLOWERS: lambda s: _blank_last(s.record.new_followers),
    StreamColumn.TAGS: lambda s: ", ".join(s.record.tags),
    StreamColumn.NOTES: lambda s: s.record.notes.casefold(),
}


@pytest.mark.parametrize("order", [ASC, DESC])
@pytest.mark.parametrize("column", list(StreamColumn))
def test_every_column_sorts_by_its_exact_value_ties_in_start_order(
    column: StreamColumn, order: Qt.SortOrder
) -> None:
    model, proxy = loaded()
    proxy.sort(column, order)
    streams = [proxy.index(row, 0).data(STREAM_ROLE) for row in range(proxy.rowCount())]
    assert len(streams) == 6
    for before, after in itertools.pairwise(streams):
        a, b = VALUE[column](before), VALUE[column](after)
        in_order = (a < b) if order == ASC else (a > b)
        assert in_order or (a == b and before.record.started < after.record.started)
    assert (model.sort_column, model.sort_order) == (column, order)

    # Qt's own sort by SORT_ROLE, over a fresh model in start order, agrees row for row.
    plain_model = StreamTableModel()
    plain_model.set_streams(sample())
    plain = QSortFilterProxyModel()
    plain.setSourceModel(plain_model)
    plain.setSortRole(SORT_ROLE)
    # As in a view: Qt keeps ties in place only once it has mapped the rows (before that
    # a descending sort reverses them).
    assert plain.rowCount() == 6
    plain.sort(column, order)
    assert shown_ids(plain) == shown_ids(proxy)


def test_cash_sorts_by_fractions_of_a_cent_the_screen_rounds_away() -> None:
    _model, proxy = loaded()
    proxy.sort(StreamColumn.CASH, ASC)
    assert shown_ids(proxy)[:4] == [6, 2, 3, 1]  # $0, $0.004, $0.0045, $0.005
    assert {text(proxy, row, StreamColumn.CASH) for row in range(4)} == {"$0.00"}


def test_sorting_keeps_persistent_indexes_on_their_stream() -> None:
    _model, proxy = loaded()
    held = QPersistentModelIndex(proxy.index(0, StreamColumn.NOTES))
    first = held.data(STREAM_ROLE).id
    proxy.sort(StreamColumn.COINS, DESC)
    assert held.isValid()
    assert held.data(STREAM_ROLE).id == first
    assert held.column() == StreamColumn.NOTES
    proxy.sort(-1, ASC)
    assert shown_ids(proxy) == [3, 1, 2, 4, 5, 6]  # back to start order (by the instant)


def test_set_streams_keeps_the_current_sort() -> None:
    model, proxy = loaded()
    proxy.sort(StreamColumn.LIKES, DESC)
    model.set_streams(list(reversed(sample())))
    assert shown_ids(proxy)[:3] == [4, 3, 1]  # 20,000 likes, then the two 5s oldest first


# -- insert, remove, replace -----------------------------------------------------------------


def test_insert_goes_where_the_sort_puts_it(qtbot: QtBot) -> None:
    model, proxy = loaded()
    proxy.sort(StreamColumn.CASH, DESC)
    new = stream(7, "2026-03-20T10:00:00Z", 200)  # $1.00
    with qtbot.waitSignal(proxy.rowsInserted):
        row = model.insert_stream(new)
    assert row == 2
    assert shown_ids(proxy) == [4, 5, 7, 1, 3, 2, 6]
    assert model.row_of(7) == 2
    with pytest.raises(ValueError, match="already"):
        model.insert_stream(new)


def test_insert_in_start_order_by_default() -> None:
    model, proxy = loaded()
    model.insert_stream(stream(7, "2026-03-01T11:00:00Z"))  # between 1 (10:30Z) and 2 (12:00Z)
    assert shown_ids(proxy) == [3, 1, 7, 2, 4, 5, 6]


def test_insert_respects_the_filter() -> None:
    model, proxy = loaded()
    proxy.set_tag("qa")
    model.insert_stream(stream(7, "2026-05-01T10:00:00Z", notes="no tag"))
    model.insert_stream(stream(8, "2026-05-02T10:00:00Z", tags=("QA",)))
    assert shown_ids(proxy) == [1, 4, 8]
    assert model.rowCount() == 8


def test_remove_takes_the_row_out(qtbot: QtBot) -> None:
    model, proxy = loaded()
    assert len(shown_ids(proxy)) == 6  # a view has looked: the proxy maps its rows
    with qtbot.waitSignal(proxy.rowsRemoved):
        removed = model.remove_stream(4)
    assert removed is not None
    assert removed.id == 4
    assert shown_ids(proxy) == [3, 1, 2, 5, 6]
    assert model.row_of(4) is None
    assert model.remove_stream(4) is None
    model.insert_stream(removed)  # undo puts it back where it was
    assert shown_ids(proxy) == [3, 1, 2, 4, 5, 6]


def test_replace_in_place_updates_the_shown_text(qtbot: QtBot) -> None:
    model, proxy = loaded()
    row = model.row_of(4)
    assert row is not None
    assert text(model, row, StreamColumn.NOTES) == ""  # formatted and cached
    edited = stream(4, "2026-03-05T20:00:00+01:00", 10_000, minutes=90, notes="Brand new")
    with qtbot.waitSignal(model.dataChanged):
        assert model.replace_stream(edited) == row
    assert text(model, row, StreamColumn.NOTES) == "Brand new"
    proxy.set_text("brand")
    assert shown_ids(proxy) == [4]  # the search text was refreshed too
    model.replace_stream(stream(4, "2026-03-05T20:00:00+01:00", 10_000, notes="Old news"))
    assert shown_ids(proxy) == []  # an edit that no longer matches leaves the view


def test_replace_moves_the_row_and_keeps_it_selected(qtbot: QtBot) -> None:
    model, proxy = loaded()
    proxy.sort(StreamColumn.COINS, ASC)
    held = QPersistentModelIndex(proxy.index(1, 0))
    assert held.data(STREAM_ROLE).id == 2
    with qtbot.waitSignal(model.rowsMoved):
        row = model.replace_stream(stream(2, "2026-03-01T12:00:00Z", 20_000))
    assert row == 5
    assert shown_ids(proxy) == [6, 3, 1, 4, 5, 2]
    assert held.isValid()
    assert held.row() == 5
    assert text(proxy, 5, StreamColumn.COINS) == "20,000"
    row = model.replace_stream(stream(2, "2026-03-01T12:00:00Z", 1))  # and back up
    assert row == 1
    assert shown_ids(proxy) == [6, 2, 3, 1, 4, 5]
    assert held.row() == 1
    with pytest.raises(KeyError):
        model.replace_stream(stream(99))


def test_edits_keep_the_proxy_consistent(qtmodeltester: ModelTester) -> None:
    model, proxy = loaded()
    qtmodeltester.check(proxy)  # the tester watches the signals of the edits that follow
    proxy.set_text("a")
    proxy.sort(StreamColumn.NOTES, DESC)
    model.insert_stream(stream(7, "2026-06-01T10:00:00Z", notes="a new one"))
    model.replace_stream(stream(1, "2026-03-01T19:30:00+09:00", 5, notes="zzz a"))
    model.remove_stream(3)
    assert [proxy.index(r, StreamColumn.NOTES).data() for r in range(proxy.rowCount())] == [
        "zzz a",
        "beta",
        "alpha again",
        "a new one",
        "",  # 4: no notes, but its tag "qa" has an "a"
    ]


# -- filters ----------------------------------------------------------------------------------


def test_text_filter_is_case_insensitive_over_notes_tags_and_start() -> None:
    _model, proxy = loaded()
    proxy.set_text("ALPHA")
    assert shown_ids(proxy) == [1, 5]
    proxy.set_text("promoted")
    assert shown_ids(proxy) == [4]
    proxy.set_text("2026-02-28")
    assert shown_ids(proxy) == [3]
    proxy.set_text("alpha AGAIN")  # every word must appear
    assert shown_ids(proxy) == [5]
    proxy.set_text("ray chat")
    assert shown_ids(proxy) == [3]
    proxy.set_text("  ")
    assert shown_ids(proxy) == [3, 1, 2, 4, 5, 6]
    assert proxy.text == ""


def test_date_range_uses_the_streams_own_calendar_day() -> None:
    _model, proxy = loaded()
    proxy.set_date_range(dt.date(2026, 3, 1), dt.date(2026, 3, 1))
    # 3 started on Feb 28 at 23:00 in New York (March 1 in UTC): not March 1 for its creator.
    assert shown_ids(proxy) == [1, 2]
    proxy.set_date_range(None, dt.date(2026, 2, 28))
    assert shown_ids(proxy) == [3]
    proxy.set_date_range(dt.date(2026, 3, 5), None)
    assert shown_ids(proxy) == [4, 5, 6]
    assert proxy.date_range == (dt.date(2026, 3, 5), None)


def test_tag_filter_takes_any_spelling_and_combines_with_the_others() -> None:
    _model, proxy = loaded()
    proxy.set_tag(" QA ")
    assert shown_ids(proxy) == [1, 4]
    assert proxy.tag == "qa"
    proxy.set_date_range(dt.date(2026, 3, 2), None)
    assert shown_ids(proxy) == [4]
    proxy.set_tag(None)
    proxy.set_text("alpha")
    assert shown_ids(proxy) == [5]
    assert [s.id for s in proxy.visible_streams()] == [5]
    proxy.set_tag("")
    assert proxy.tag is None


def test_visible_streams_follow_the_filter_and_the_sort() -> None:
    _model, proxy = loaded()
    assert [s.id for s in proxy.visible_streams()] == [3, 1, 2, 4, 5, 6]
    proxy.sort(StreamColumn.CASH_PER_HOUR, DESC)
    proxy.set_text("a")
    assert [s.id for s in proxy.visible_streams()] == shown_ids(proxy) == [4, 5, 3, 1, 2]
    assert StreamFilterProxy().visible_streams() == []


def test_a_filter_change_is_announced_to_views(qtbot: QtBot) -> None:
    _model, proxy = loaded()
    with qtbot.waitSignal(proxy.rowsRemoved):
        proxy.set_text("zero")
    with qtbot.assertNotEmitted(proxy.rowsRemoved), qtbot.assertNotEmitted(proxy.rowsInserted):
        proxy.set_text("ZERO")  # the same filter: nothing to do


# -- summary ----------------------------------------------------------------------------------


def test_summary_of_ten_thousand_coins_over_ninety_minutes() -> None:
    figures = summarise([stream(1, coins=10_000, minutes=90, likes=25_000, peak=500)])
    assert figures.streams == 1
    assert figures.hours == Decimal("1.5")
    assert figures.coins == 10_000
    assert figures.diamonds == 1000
    assert figures.cash == Decimal(50)
    assert figures.cash_per_hour is not None
    assert US.money(figures.cash) == "$50.00"
    assert US.money(figures.cash_per_hour) == "$33.33"
    assert figures.likes_per_viewer == 50


def test_summary_is_exact_and_rates_leave_out_streams_without_the_figure() -> None:
    figures = summarise(sample())
    assert figures.streams == 6
    assert figures.coins == 20_270
    assert figures.diamonds == Decimal("2000.27")
    assert figures.whole_diamonds == 2000
    assert figures.cash == Decimal("100.0135")  # 0.005 + 0.004 + 0.0045 + 50 + 50
    assert figures.minutes == 300
    # Stream 2 has no duration: its $0.004 is not spread over other streams' hours.
    assert figures.cash_per_hour == Decimal("100.0095") * 60 / 300
    # Likes per peak viewer over the streams that logged both (2 logged neither, 6 only
    # its likes): a stream without its viewers does not inflate the figure.
    assert (figures.likes, figures.viewers) == (20_010, 620)
    assert figures.likes_per_viewer == Decimal(20_010) / 620


def test_summary_of_nothing_has_no_rates() -> None:
    figures = summarise([])
    assert (figures.streams, figures.hours, figures.cash) == (0, Decimal(0), Decimal(0))
    assert figures.cash_per_hour is None
    assert figures.likes_per_viewer is None
    untimed = summarise([stream(1, coins=0, likes=10)])
    assert untimed.cash_per_hour is None
    assert untimed.likes_per_viewer is None, "no viewers logged"
    unwatched = summarise([stream(1, likes=10, peak=0), stream(2, peak=40)])
    assert unwatched.likes_per_viewer is None, "no stream logged both above zero viewers"


# -- scale -------------------------------------------------------------------------------------


def test_a_hundred_thousand_streams_load_sort_and_filter() -> None:
    start = dt.datetime(2015, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    streams = [
        stream(
            number,
            (start + dt.timedelta(hours=number)).isoformat(),
            (number * 7919) % 100_003,
            minutes=(number % 4) * 30 or None,
            diamonds=Decimal((number * 7919) % 100_003) / 10 + Decimal(number % 7) / 1000,
            tags=("qa",) if number % 5 == 0 else (),
            notes=f"stream <{number}>",
        )
        for number in range(100_000)
    ]
    model, proxy = loaded([])
    began = time.perf_counter()
    model.set_streams(streams)
    loaded_at = time.perf_counter()
    proxy.sort(StreamColumn.CASH, DESC)
    sorted_at = time.perf_counter()
    proxy.set_text("<9999>")
    filtered_at = time.perf_counter()
    print(
        f"100,000 streams: load {loaded_at - began:.2f}s, sort by cash "
        f"{sorted_at - loaded_at:.2f}s, filter {filtered_at - sorted_at:.2f}s"
    )
    assert shown_ids(proxy) == [9999]
    proxy.set_text("")
    assert proxy.rowCount() == 100_000
    top = [proxy.index(row, 0).data(STREAM_ROLE).creator_usd for row in range(1000)]
    assert top == sorted(top, reverse=True)
    assert text(proxy, 0, StreamColumn.CASH).startswith("$")
