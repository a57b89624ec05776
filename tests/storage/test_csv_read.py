"""Reading CSV files: every problem reported at once, each at the line where its row starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.storage.csv_format import INCOME_COLUMNS, STREAM_COLUMNS
from livetally.storage.csv_read import read_income_csv, read_streams_csv
from livetally.storage.errors import CsvImportError

# Most files here are in the first format, without the columns added since: they import as
# they always did (the reader takes any subset of the columns, in any order).
FIRST_FORMAT = STREAM_COLUMNS[: STREAM_COLUMNS.index("notes") + 1]
STREAM_HEADER = ",".join(FIRST_FORMAT)
INCOME_HEADER = ",".join(INCOME_COLUMNS)
CURRENCIES = {"USD", "EUR", "JPY"}
TIME_EXPECTED = "expected an ISO 8601 time with its UTC offset, such as 2026-11-20T19:30:00+01:00"
CURRENCY_EXPECTED = "expected one of EUR, JPY, USD (the currencies in settings.toml)"

GOOD_STREAM = {
    "started_at": "2026-11-20T19:30:00+01:00",
    "duration_minutes": "90",
    "coins": "10000",
    "diamonds": "1001",
    "likes": "5000",
    "peak_viewers": "120",
    "new_followers": "15",
    "tags": "qa;chat",
    "notes": "first stream",
}
GOOD_STREAM_RECORD = StreamRecord(
    started_at="2026-11-20T19:30:00+01:00",
    coins=10000,
    duration_minutes=90,
    diamonds=Decimal("1001"),
    likes=5000,
    peak_viewers=120,
    new_followers=15,
    tags=("qa", "chat"),
    notes="first stream",
)
GOOD_INCOME = {
    "date": "2026-11-20",
    "source": "sponsorship",
    "amount": "250.00",
    "currency": "EUR",
    "description": "Brand deal",
}


def stream_row(**cells: str) -> str:
    return ",".join({**GOOD_STREAM, **cells}[name] for name in FIRST_FORMAT)


def income_row(**cells: str) -> str:
    return ",".join({**GOOD_INCOME, **cells}[name] for name in INCOME_COLUMNS)


def csv_file(tmp_path: Path, *lines: str, end: str = "\r\n", prefix: bytes = b"") -> Path:
    """A file holding ``lines`` exactly, so line endings and BOMs are what the test says."""
    path = tmp_path / "import.csv"
    path.write_bytes(prefix + "".join(line + end for line in lines).encode("utf-8"))
    return path


def problems(read: Callable[[], object]) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        read()
    return [str(error) for error in caught.value.errors]


def streams(path: Path) -> Callable[[], object]:
    return lambda: read_streams_csv(path)


def income(path: Path) -> Callable[[], object]:
    return lambda: read_income_csv(path, CURRENCIES)


# Good files -----------------------------------------------------------------------------


def test_a_good_stream_row_reads_every_field(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row())
    assert read_streams_csv(path) == [GOOD_STREAM_RECORD]


def test_blank_optional_fields_are_none(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, "2026-11-20T19:30:00Z,,500,,,, ,,")
    assert read_streams_csv(path) == [StreamRecord(started_at="2026-11-20T19:30:00Z", coins=500)]


def test_numbers_may_be_written_with_separators(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(coins='"10,000"', diamonds='"1,001"'))
    assert read_streams_csv(path) == [GOOD_STREAM_RECORD]


def test_tags_are_normalised_blanks_and_repeats_dropped(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(tags=" QA ;qa;; Just  Chatting;chat;"))
    assert read_streams_csv(path)[0].tags == ("qa", "just_chatting", "chat")


def test_the_time_is_kept_as_written(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(started_at=" 2026-11-20 19:30-05:00 "))
    assert read_streams_csv(path)[0].started_at == "2026-11-20 19:30-05:00"


def test_columns_may_come_in_any_order_and_optional_ones_be_left_out(tmp_path: Path) -> None:
    path = csv_file(tmp_path, " Coins ,notes,STARTED_AT", '500,"hi, there",2026-11-20T19:30Z')
    assert read_streams_csv(path) == [
        StreamRecord(started_at="2026-11-20T19:30Z", coins=500, notes="hi, there")
    ]


def test_blank_lines_and_lines_of_commas_are_skipped(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "", STREAM_HEADER, "", stream_row(), ",,,,,,,,", "  ", stream_row())
    assert read_streams_csv(path) == [GOOD_STREAM_RECORD, GOOD_STREAM_RECORD]


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(notes="café"), prefix=b"\xef\xbb\xbf")
    assert read_streams_csv(path)[0].notes == "café"


def test_unix_line_endings_are_accepted(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(), stream_row(coins="x"), end="\n")
    assert problems(streams(path)) == [
        f"{path}:3: coins: expected a whole number such as 500, got 'x'"
    ]


def test_notes_keep_commas_quotes_and_line_breaks(tmp_path: Path) -> None:
    note = '"Said ""hi"", then:\r\nline two\nline three"'
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(notes=note))
    assert read_streams_csv(path)[0].notes == 'Said "hi", then:\r\nline two\nline three'


def test_a_good_income_row_reads_every_field(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, INCOME_HEADER, income_row(source="Brand Deals", currency=" eur", description="")
    )
    assert read_income_csv(path, {"usd", "eur"}) == [
        IncomeRecord(dt.date(2026, 11, 20), "brand_deals", Decimal("250.00"), "EUR", "")
    ]


def test_income_description_may_be_left_out(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "date,source,amount,currency", "2026-11-20,affiliate,5,USD")
    assert read_income_csv(path, CURRENCIES) == [
        IncomeRecord(dt.date(2026, 11, 20), "affiliate", Decimal(5), "USD")
    ]


# Field problems: one test per kind, each with its exact text ------------------------------


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {"started_at": "2026-06-31T19:30:00+02:00"},
            "started_at: 2026-06-31 is not a day in the calendar (June 2026 has 30 days)",
        ),
        ({"started_at": "last Tuesday"}, f"started_at: {TIME_EXPECTED}, got 'last Tuesday'"),
        ({"started_at": " "}, f"started_at: is empty; {TIME_EXPECTED}"),
        ({"coins": "abc"}, "coins: expected a whole number such as 500, got 'abc'"),
        ({"coins": ""}, "coins: is empty; expected a whole number such as 500"),
        ({"coins": "-5"}, "coins: must not be negative, got -5"),
        ({"coins": "12.5"}, "coins: must be a whole number, got 12.5"),
        (
            {"coins": "10000000000001"},
            "coins: is too large: 10000000000001 (at most 1,000,000,000,000)",
        ),
        (
            {"coins": "9" * 5000},
            "coins: is too large: 99999999999999999999... (at most 1,000,000,000,000)",
        ),
        (
            {"duration_minutes": "1h30"},
            "duration_minutes: expected a whole number such as 500, got '1h30'",
        ),
        (
            {"diamonds": "lots"},
            "diamonds: expected a whole number of diamonds such as 1000, got 'lots'",
        ),
        ({"diamonds": "-1"}, "diamonds: must not be negative, got -1"),
        ({"likes": "1.5k"}, "likes: expected a whole number such as 500, got '1.5k'"),
        ({"peak_viewers": "-3"}, "peak_viewers: must not be negative, got -3"),
        ({"new_followers": "2.5"}, "new_followers: must be a whole number, got 2.5"),
    ],
)
def test_a_bad_stream_field_is_named_with_what_was_expected(
    tmp_path: Path, cells: dict[str, str], message: str
) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(), stream_row(**cells))
    assert problems(streams(path)) == [f"{path}:3: {message}"]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {"date": "20/11/2026"},
            "date: expected a date as YYYY-MM-DD, such as 2026-11-20, got '20/11/2026'",
        ),
        (
            {"date": "20261120"},
            "date: expected a date as YYYY-MM-DD, such as 2026-11-20, got '20261120'",
        ),
        (
            {"date": "2026-02-30"},
            "date: 2026-02-30 is not a day in the calendar (February 2026 has 28 days)",
        ),
        ({"date": ""}, "date: is empty; expected a date as YYYY-MM-DD, such as 2026-11-20"),
        ({"source": "  "}, "source: is empty; expected a name such as sponsorship"),
        ({"amount": "$50"}, "amount: expected an amount such as 49.99, got '$50'"),
        ({"amount": "-5"}, "amount: must not be negative, got -5"),
        ({"amount": ""}, "amount: is empty; expected an amount such as 49.99"),
        ({"currency": "XYZ"}, f"currency: {CURRENCY_EXPECTED}, got 'XYZ'"),
        ({"currency": "US$"}, f"currency: {CURRENCY_EXPECTED}, got 'US$'"),
        ({"currency": ""}, f"currency: is empty; {CURRENCY_EXPECTED}"),
    ],
)
def test_a_bad_income_field_is_named_with_what_was_expected(
    tmp_path: Path, cells: dict[str, str], message: str
) -> None:
    path = csv_file(tmp_path, INCOME_HEADER, income_row(), income_row(**cells))
    assert problems(income(path)) == [f"{path}:3: {message}"]


def test_a_long_currency_list_is_cut_short(tmp_path: Path) -> None:
    known = {f"C{a}{b}" for a in "ABCDEFG" for b in "ABCDEFG"}  # 49 codes
    path = csv_file(tmp_path, INCOME_HEADER, income_row(currency="XYZ"))
    [message] = problems(lambda: read_income_csv(path, known))
    assert ", CFE, …, (the currencies in settings.toml), got 'XYZ'" not in message
    assert message.endswith(", CFE, … (the currencies in settings.toml), got 'XYZ'")


def test_every_problem_in_a_row_is_reported_in_column_order(tmp_path: Path) -> None:
    bad = stream_row(started_at="", coins="x", duration_minutes="y", new_followers="-1")
    path = csv_file(tmp_path, STREAM_HEADER, bad)
    assert problems(streams(path)) == [
        f"{path}:2: started_at: is empty; {TIME_EXPECTED}",
        f"{path}:2: duration_minutes: expected a whole number such as 500, got 'y'",
        f"{path}:2: coins: expected a whole number such as 500, got 'x'",
        f"{path}:2: new_followers: must not be negative, got -1",
    ]


def test_a_row_with_the_wrong_number_of_cells_is_one_problem(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        STREAM_HEADER,
        "2026-11-20T19:30:00Z,90,abc",
        stream_row(notes="great, really"),
    )
    assert problems(streams(path)) == [
        f"{path}:2: row: expected 9 cells, one per column, got 3",
        f"{path}:3: row: expected 9 cells, one per column, got 10; "
        "a cell holding a comma must be in double quotes",
    ]


# Line numbers ---------------------------------------------------------------------------


def test_multi_line_notes_give_later_rows_their_physical_line(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        STREAM_HEADER,  # 1
        stream_row(notes='"one\r\ntwo\r\nthree"'),  # 2-4
        stream_row(coins="abc"),  # 5
        stream_row(notes='"a\nb"'),  # 6-7 (a bare \n inside quotes is a line too)
        stream_row(coins="xyz", notes='"starts here\r\nand goes on"'),  # 8-9
        stream_row(likes="many"),  # 10
    )
    assert problems(streams(path)) == [
        f"{path}:5: coins: expected a whole number such as 500, got 'abc'",
        f"{path}:8: coins: expected a whole number such as 500, got 'xyz'",
        f"{path}:10: likes: expected a whole number such as 500, got 'many'",
    ]


def test_an_unclosed_quote_is_an_error_not_a_note_holding_the_rest(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(), stream_row(notes='"oops'), stream_row())
    assert problems(streams(path)) == [f"{path}:3: row: a double quote opened here is never closed"]


def test_a_stray_quote_is_reported_and_later_rows_still_checked(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, STREAM_HEADER, stream_row(notes='"quoted"then more'), stream_row(coins="z")
    )
    assert problems(streams(path)) == [
        f"{path}:2: row: is not valid CSV (',' expected after '\"'); a cell in double quotes "
        "must end with one, and a double quote inside it is written twice",
        f"{path}:3: coins: expected a whole number such as 500, got 'z'",
    ]


def test_a_file_that_is_not_utf8_is_one_problem_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + f"{STREAM_HEADER}\r\n{stream_row()}\r\n".encode() + b"caf\xe9\r\n"
    )
    assert problems(streams(path)) == [
        f"{path}:3: encoding: expected UTF-8 text, found the byte 0xE9; "
        "save the file as CSV UTF-8 and import it again"
    ]


def test_many_bad_rows_show_twenty_then_a_count(tmp_path: Path) -> None:
    rows = [stream_row(coins=f"bad{n}") for n in range(25)]
    path = csv_file(tmp_path, STREAM_HEADER, *rows)
    with pytest.raises(CsvImportError) as caught:
        read_streams_csv(path)
    lines = str(caught.value).splitlines()
    assert len(caught.value.errors) == 25
    assert lines[0] == f"{path}:2: coins: expected a whole number such as 500, got 'bad0'"
    assert lines[19] == f"{path}:21: coins: expected a whole number such as 500, got 'bad19'"
    assert lines[20:] == ["... and 5 more problems", "Nothing was imported."]


# Header problems ------------------------------------------------------------------------

EXPECTED_STREAM_COLUMNS = f"expected the columns {','.join(STREAM_COLUMNS)}"


def test_an_unknown_column_is_named(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER.replace("notes", "note"), stream_row())
    assert problems(streams(path)) == [
        f"{path}:1: header: unknown column 'note'; {EXPECTED_STREAM_COLUMNS}"
    ]


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "started_at,coin,diamond", "2026-11-20T19:30Z,5,5")
    assert problems(streams(path)) == [
        f"{path}:1: header: unknown columns 'coin', 'diamond'; missing column 'coins'; "
        f"{EXPECTED_STREAM_COLUMNS}"
    ]


def test_a_repeated_column_is_named(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"{STREAM_HEADER},Notes", f"{stream_row()},more")
    assert problems(streams(path)) == [
        f"{path}:1: header: column 'notes' appears more than once; {EXPECTED_STREAM_COLUMNS}"
    ]


def test_an_unnamed_column_is_pointed_out(tmp_path: Path) -> None:
    path = csv_file(tmp_path, f"{INCOME_HEADER},", f"{income_row()},")
    assert problems(income(path)) == [
        f"{path}:1: header: unknown column '' (an unnamed column); "
        f"expected the columns {INCOME_HEADER}"
    ]


def test_a_header_below_blank_lines_is_reported_at_its_own_line(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "", "", "when,coins")
    assert problems(streams(path)) == [
        f"{path}:3: header: unknown column 'when'; missing column 'started_at'; "
        f"{EXPECTED_STREAM_COLUMNS}"
    ]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\n"])
def test_an_empty_file_says_what_was_expected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert problems(streams(path)) == [
        f"{path}:1: header: the file is empty; expected a header row: {','.join(STREAM_COLUMNS)}"
    ]


def test_a_header_alone_is_an_empty_import(tmp_path: Path) -> None:
    assert read_streams_csv(csv_file(tmp_path, STREAM_HEADER)) == []


# Formula escaping on the way in --------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("'-5", "-5"),
        ('"\'=HYPERLINK(""http://x"",""y"")"', '=HYPERLINK("http://x","y")'),
        ("'@SUM(A1)", "@SUM(A1)"),
        ("''=x", "'=x"),
        ("'hello", "'hello"),
        ("=1+2", "=1+2"),  # not escaped by whoever wrote it: kept as it stands
    ],
)
def test_an_escaped_note_is_read_back_as_written(tmp_path: Path, cell: str, value: str) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(notes=cell))
    assert read_streams_csv(path)[0].notes == value


def test_escaped_tags_source_and_description_are_read_back(tmp_path: Path) -> None:
    streams_path = csv_file(tmp_path, STREAM_HEADER, stream_row(tags="'@home;-live"))
    assert read_streams_csv(streams_path)[0].tags == ("@home", "-live")
    income_path = csv_file(tmp_path, INCOME_HEADER, income_row(source="'=x", description="'+1"))
    [entry] = read_income_csv(income_path, CURRENCIES)
    assert (entry.source, entry.description) == ("=x", "+1")


# Progress -------------------------------------------------------------------------------


def test_progress_counts_lines_every_thousand_rows(tmp_path: Path) -> None:
    path = csv_file(tmp_path, STREAM_HEADER, *[stream_row()] * 2500)
    calls: list[tuple[int, int]] = []
    records = read_streams_csv(path, progress=lambda done, total: calls.append((done, total)))
    assert len(records) == 2500
    assert calls == [(1001, 2501), (2001, 2501), (2501, 2501)]


def test_a_time_out_of_range_in_utc_is_named_with_its_line(tmp_path: Path) -> None:
    """0001-01-01 00:30 at +01:00 is a time before year 1 in UTC: a typo in the year."""
    path = csv_file(tmp_path, STREAM_HEADER, stream_row(started_at="0001-01-01T00:30:00+01:00"))
    assert problems(streams(path)) == [
        f"{path}:2: started_at: expected a time between the years 1 and 9999 in UTC "
        "(check the year), got '0001-01-01T00:30:00+01:00'"
    ]
