"""Formula escaping: no exported cell starts a formula, and import gets every value back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.storage.csv_format import (
    INCOME_COLUMNS,
    STREAM_COLUMNS,
    escape_formula,
    unescape_formula,
)

PROPERTY = settings(database=None, max_examples=500, deadline=None)
TRIGGERS = "=+-@\t\r"

ESCAPED = [
    ("=1+2", "'=1+2"),
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+44 7700 900123", "'+44 7700 900123"),
    ("-5", "'-5"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("'=x", "''=x"),  # already looks escaped: one more, so import can tell them apart
    ("''-x", "'''-x"),
]

UNTOUCHED = ["", "hello", "'hello", "'", "''", "'' =x", "a=b", "5-3", " =1", "née"]


def test_the_columns_are_the_documented_ones() -> None:
    assert ",".join(STREAM_COLUMNS) == (
        "started_at,duration_minutes,coins,diamonds,likes,peak_viewers,new_followers,tags,notes,"
        "views,gifters,title,tiktok_room_id,origin"
    )
    assert ",".join(INCOME_COLUMNS) == "date,source,amount,currency,description"


@pytest.mark.parametrize(("value", "written"), ESCAPED)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(value: str, written: str) -> None:
    assert escape_formula(value) == written
    assert unescape_formula(written) == value


@pytest.mark.parametrize("value", UNTOUCHED)
def test_other_cells_are_left_alone_both_ways(value: str) -> None:
    assert escape_formula(value) == value
    assert unescape_formula(value) == value


def test_a_bare_formula_from_another_program_is_read_as_it_stands() -> None:
    assert unescape_formula("=1+2") == "=1+2"
    assert unescape_formula("-5") == "-5"


@PROPERTY
@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab ")) | st.text())
def test_escaping_is_undone_exactly(value: str) -> None:
    assert unescape_formula(escape_formula(value)) == value


@PROPERTY
@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab ")) | st.text())
def test_no_written_cell_starts_with_a_trigger(value: str) -> None:
    assert escape_formula(value)[:1] not in set(TRIGGERS)


@PROPERTY
@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab ")), st.text(st.sampled_from("'=+-@ab")))
def test_different_values_are_written_differently(first: str, second: str) -> None:
    if first != second:
        assert escape_formula(first) != escape_formula(second)
