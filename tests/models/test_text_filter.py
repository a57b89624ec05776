"""The text filter finds through its word index exactly what testing each stream's text
would find, through edits, removals and additions, and whichever way the log was read."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from livetally.core.rates import RateProfile
from livetally.core.records import LoggedStream, StreamRecord
from livetally.models.log_columns import StreamColumn
from livetally.models.stream_columns import StreamData
from livetally.models.stream_filter import StreamFilterProxy, _runs
from livetally.models.stream_table import StreamTableModel
from livetally.models.text_index import WordIndex, start_characters, starts_holding
from livetally.storage.ledger import Ledger
from tests.conftest import logged_at_us_rates
from tests.models.test_stream_table import loaded, shown_ids

#: Letters that fold to more than one (ß, ﬃ), or to a letter with a combining mark (İ),
#: white space of several kinds, and what start times are made of.
ALPHABET = "aAbBsSßﬃİi\u0307 \t\n\u2003-:+.0129TtZz"
STARTS = (
    "2026-03-01T19:30:00+09:00",
    "2026-03-01 12:00:00Z",
    "2026-02-28T23:00-05:00",
    "2026-11-20T21:00:00.5+01:00",
)
TAGS = ("qa", "chat", "collab", "ss", "talent")


def oracle(stream: LoggedStream, words: list[str]) -> bool:
    """The filter's rule, stated plainly: every word is in the stream's start as entered,
    tags, title or notes, case aside."""
    record = stream.record
    text = f"{record.started_at} {' '.join(record.tags)} {record.title} {record.notes}"
    return all(word in text.casefold() for word in words)


records = st.builds(
    StreamRecord,
    started_at=st.sampled_from(STARTS),
    coins=st.integers(0, 10_000),
    title=st.text(ALPHABET, max_size=12),
    tags=st.lists(st.sampled_from(TAGS), max_size=3).map(tuple),
    notes=st.text(ALPHABET, max_size=24),
)
queries = st.lists(
    st.text(ALPHABET, min_size=1, max_size=4).map(str.casefold).filter(lambda w: w.split() == [w]),
    min_size=1,
    max_size=2,
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(records, min_size=1, max_size=12),
    st.lists(queries, min_size=1, max_size=4),
    st.data(),
)
def test_the_index_finds_what_a_scan_of_every_text_finds(
    made: list[StreamRecord], asked: list[list[str]], data: st.DataObject
) -> None:
    streams = [logged_at_us_rates(n, record) for n, record in enumerate(made, 1)]
    model, proxy = loaded(streams)
    next_id = len(streams) + 1
    for words in asked:
        proxy.set_text(" ".join(words))
        expected = {s.id for s in model.streams() if oracle(s, words)}
        assert set(shown_ids(proxy)) == expected, words
        change = data.draw(st.sampled_from(["edit", "remove", "add"]))
        shown = model.streams()
        if change == "edit" and shown:
            before = data.draw(st.sampled_from(shown))
            record = data.draw(records)
            model.replace_stream(dataclasses.replace(before, record=record))
        elif change == "remove" and len(shown) > 1:
            model.remove_stream(data.draw(st.sampled_from(shown)).id)
        else:
            model.insert_stream(logged_at_us_rates(next_id, data.draw(records)))
            next_id += 1
    proxy.set_text(" ".join(asked[-1]))
    expected = {s.id for s in model.streams() if oracle(s, asked[-1])}
    assert set(shown_ids(proxy)) == expected


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(records, min_size=1, max_size=8), queries)
def test_a_log_read_from_the_ledger_is_indexed_as_it_is_read(
    tmp_path_factory: pytest.TempPathFactory, made: list[StreamRecord], words: list[str]
) -> None:
    home = tmp_path_factory.mktemp("home")
    with Ledger.open(home / "livetally.sqlite3", home / "backups") as ledger:
        ledger.import_streams(made, RateProfile("US", "United States", "USD"))
        data = StreamData()
        for rows, tags in ledger.stream_rows(size=3):
            data.add_rows(rows, tags)
        assert data.search.words is not None  # made with the rows, not at the first search
        model = StreamTableModel()
        proxy = StreamFilterProxy()
        proxy.setSourceModel(model)
        model.set_data(data)
        proxy.set_text(" ".join(words))
        expected = {s.id for s in ledger.streams() if oracle(s, words)}
        assert set(shown_ids(proxy)) == expected


def test_a_title_is_searched_like_the_notes() -> None:
    record = StreamRecord("2026-03-01T19:30:00+09:00", 100, title="Friday Q&A", notes="late")
    model, proxy = loaded(
        [
            logged_at_us_rates(1, record),
            logged_at_us_rates(2, StreamRecord("2026-03-02T19:30:00+09:00", 5)),
        ]
    )
    proxy.set_text("friday")
    assert shown_ids(proxy) == [1]
    proxy.set_text("q&a LATE")
    assert shown_ids(proxy) == [1]
    model.replace_stream(
        dataclasses.replace(model.streams()[0], record=dataclasses.replace(record, title="Sunday"))
    )
    proxy.set_text("friday")
    assert shown_ids(proxy) == []


def test_the_index_holds_each_distinct_word_once_however_many_streams_have_it() -> None:
    index = WordIndex()
    index.extend(0, [("qa",), ("qa",), ()], ["Rainy day", "rainy RAINY", ""])
    assert index.word_count == 3  # qa, rainy, day
    assert index.holding("rain") == {0, 1}
    assert index.holding("qa") == {0, 1}
    index.discard(1, ("qa",), "rainy RAINY")
    assert index.holding("rain") == {0}
    index.add(2, ("chat",), "Day off")
    assert index.holding("day") == {0, 2}
    with pytest.raises(ValueError, match="one tag list and one text per slot"):
        index.extend(3, [()], [])


def test_start_characters_cover_every_character_of_the_starts() -> None:
    starts = ["2026-03-01T19:30:00+09:00", "2026-03-01 12:00Z", "2026-W09-7T10:00+00:00"]
    found = start_characters(starts)
    assert found >= set("".join(starts).casefold())
    assert not found.issuperset("rainy")  # so no start is looked through for it
    assert start_characters(["2026-03-01T19:30:00+09:00"]) >= set("2026-03-01t19:30:00+09:00")


@pytest.mark.parametrize(
    ("part", "expected"), [("2026-03", [0, 1]), ("t19", [0]), ("z", [1]), ("w09", [2])]
)
def test_starts_are_searched_as_case_folded(part: str, expected: list[int]) -> None:
    starts = ["2026-03-01T19:30:00+09:00", "2026-03-01 12:00Z", "2026-W09-7T10:00+00:00"]
    assert starts_holding(starts, part) == expected


def _runs_one_by_one(
    rows: list[int] | range, kept: list[int], most: int
) -> list[tuple[int, int]] | None:
    """The runs of positions whose row is not kept, found a position at a time."""
    runs: list[tuple[int, int]] = []
    for position, row in enumerate(rows):
        if row in kept:
            continue
        if runs and runs[-1][1] == position - 1:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs if len(runs) <= most else None


@given(
    st.one_of(
        st.integers(0, 30).map(range),
        st.sets(st.integers(0, 40), max_size=30).map(sorted),
    ),
    st.sets(st.integers(0, 40), max_size=30).map(sorted),
    st.integers(0, 6),
)
def test_runs_of_rows_leaving_are_the_gaps_between_rows_kept(
    rows: list[int] | range, kept: list[int], most: int
) -> None:
    assert _runs(rows, kept, most) == _runs_one_by_one(rows, kept, most)
    assert _runs(rows, None, most) == []


def test_a_summary_of_streams_with_fractional_diamonds_stays_exact() -> None:
    """Diamonds are whole since schema version 3; a stream made with a fraction (only
    tests make one) is still added up exactly rather than refused."""
    data = StreamData.of_streams(
        [
            logged_at_us_rates(1, StreamRecord("2026-03-01T19:30:00Z", 100), Decimal("0.1")),
            logged_at_us_rates(2, StreamRecord("2026-03-02T19:30:00Z", 100, 60), Decimal(3)),
        ]
    )
    model = StreamTableModel()
    model.set_data(data)
    figures = model.figures([0, 1])
    assert figures.diamonds == Decimal("3.1")
    assert figures.cash == Decimal("3.1") * Decimal("0.05")
    assert figures.timed_cash == Decimal(3) * Decimal("0.05")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 50), min_size=2, max_size=15),
    st.lists(st.tuples(st.integers(0, 14), st.integers(0, 50)), max_size=8),
)
def test_each_streams_row_is_known_through_edits_that_move_it(
    coins: list[int], edits: list[tuple[int, int]]
) -> None:
    """The table keeps each stream's row up to date as edits move rows (rather than
    searching the whole order for it after every move)."""
    streams = [
        logged_at_us_rates(n, StreamRecord(f"2026-03-{n:02d}T19:30:00Z", amount))
        for n, amount in enumerate(coins, 1)
    ]
    model, _proxy = loaded(streams)
    model.sort(StreamColumn.COINS, Qt.SortOrder.DescendingOrder)
    model.place_rows()
    for which, amount in edits:
        before = model.streams()[which % len(streams)]
        model.replace_stream(
            dataclasses.replace(before, record=dataclasses.replace(before.record, coins=amount))
        )
        for row in range(model.rowCount()):
            assert model.row_of(model.stream_at(row).id) == row
