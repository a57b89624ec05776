"""Reading a stream file column by column gives what reading it row by row gives.

The column reader (``_stream_columns``) is the quick way through well-formed files; it must
take only what the row reader takes, make the same records, and leave every problem to the
row reader, which words it. Files are drawn with good and bad cells of every kind, blank
and ragged rows, quoted line breaks and stray quotes, and read both ways in small steps.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.core.records import StreamRecord
from livetally.core.stream_fields import COUNT_DETAILS
from livetally.storage import csv_read
from livetally.storage.csv_format import STREAM_COLUMNS
from livetally.storage.errors import CsvImportError

# The columns of files written before views, gifters, title, room id and origin.
FIRST_FORMAT_HEADER = (
    "started_at,duration_minutes,coins,diamonds,likes,peak_viewers,new_followers,tags,notes"
)
PROPERTY = settings(database=None, max_examples=250, deadline=None)

_COUNTS = ["0", "7", "120", "000012", "999999999999", "1000000000000", "9999999999999",
           "0000000000001", "", " ", " 5", "5 ",
           "1,000", "1_000", "-3", "+3", "2.5", "x", "\u0663", "\u00b2"]  # fmt: skip
_CELLS: dict[str, list[str]] = {
    "started_at": [
        "2026-11-20T19:30:00+01:00",
        "2026-11-20T19:30:00Z",
        "2026-11-20 19:30+05:30",
        "2026-11-20T19:30:00.123456-08:00",
        " 2026-11-20T19:30:00Z ",
        "2026-02-30T19:30:00Z",
        "2026-11-20T19:30:00",
        "20261120T193000Z",
        "0001-01-01T00:30:00+01:00",
        "",
        "soon",
        "'=2026-11-20T19:30:00Z",
    ],
    "duration_minutes": _COUNTS,
    "coins": _COUNTS,
    "diamonds": [
        "",
        "1000",
        "1000.5",
        "1000.00",
        "0.0001",
        "12.",
        ".5",
        "1,000.5",
        "1e3",
        "-1",
        " 3 ",
        "9999999999999",
        "123456789012.99",
        "NaN",
        "'-1",
    ],
    **{detail.name: _COUNTS for detail in COUNT_DETAILS},
    "title": ["", "Friday Q&A", "'=cmd", "two\nlines", " spaced "],
    "tiktok_room_id": ["", "7301234567890123456", " 73012 ", "73 01", "x" * 65, "'-1"],
    "origin": ["", "tiktok", "csv", "typed", "gifts", "TikTok", " csv", "wallet"],
    "tags": ["", "qa", "QA;chat", "q a; ;collab", "'@home;-live", "a,b", "'=x"],
    "notes": ["", "first", "two\nlines", "a, b", 'say "hi"', "'=HYPERLINK()", "''+1", "\r"],
}


@st.composite
def stream_files(draw: st.DrawFn) -> str:
    """A stream file's text: a header (columns in any order, optional ones left out) and
    rows of cells of every kind, with the odd blank, ragged or broken line among them."""
    optional = [name for name in STREAM_COLUMNS if name not in ("started_at", "coins")]
    kept = draw(st.lists(st.sampled_from(optional), unique=True))
    columns = draw(st.permutations(["started_at", "coins", *kept]))
    good = {name: _CELLS[name][0] for name in columns}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow(columns)
    kinds = ["good"] * 4 + ["one"] * 6 + ["any", "blank", "commas", "short", "quote"]
    for _ in range(draw(st.integers(min_value=0, max_value=14))):
        kind = draw(st.sampled_from(kinds))
        if kind in ("good", "one", "any"):
            cells = dict(good)
            changed = {"good": [], "one": [draw(st.sampled_from(columns))], "any": columns}
            for name in changed[kind]:  # a row good but for one cell finds each check alone
                cells[name] = draw(st.sampled_from(_CELLS[name]))
            writer.writerow([cells[name] for name in columns])
        elif kind == "blank":
            out.write("\n")
        elif kind == "commas":
            out.write("," * (len(columns) - 1) + "\n")
        elif kind == "short":
            writer.writerow(["2026-11-20T19:30:00Z"])
        else:
            out.write('2026-11-20T19:30:00Z,"1"2\n')  # a stray quote: not valid CSV
    return out.getvalue()


def _read(path: Path) -> tuple[list[StreamRecord] | list[str], list[tuple[int, int]]]:
    """The records (or every problem, worded), and every progress report."""
    reports: list[tuple[int, int]] = []
    try:
        found: list[StreamRecord] | list[str] = csv_read.read_streams_csv(
            path, progress=lambda done, total: reports.append((done, total))
        )
    except CsvImportError as error:
        found = [str(problem) for problem in error.errors]
    return found, reports


def _both_ways(text: str, step: int) -> tuple[object, object, int]:
    """The file read column by column and row by row, ``step`` rows at a time."""
    quick_steps = []
    real: Callable[..., object] = csv_read._stream_columns

    def counted(*args: object) -> object:
        found = real(*args)
        quick_steps.append(found is not None)
        return found

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "streams.csv"
        path.write_bytes(text.encode())
        with mock.patch.object(csv_read, "PROGRESS_EVERY", step):
            with mock.patch.object(csv_read, "_stream_columns", counted):
                quick = _read(path)
            with mock.patch.object(csv_read, "_stream_columns", return_value=None):
                rows = _read(path)
    return quick, rows, sum(quick_steps)


@PROPERTY
@given(stream_files(), st.integers(min_value=1, max_value=5))
def test_columns_and_rows_read_the_same(text: str, step: int) -> None:
    quick, rows, _ = _both_ways(text, step)
    assert quick == rows


def test_a_plain_file_is_read_by_columns() -> None:
    header = FIRST_FORMAT_HEADER
    row = "2026-11-20T19:30:00+01:00,90,10000,1001,5000,120,15,qa;chat,first"
    quick, rows, quick_steps = _both_ways("\r\n".join([header, *[row] * 7, ""]), step=3)
    assert quick == rows
    assert quick_steps == 3  # every step: 3 + 3 + 1 rows
    assert len(quick[0]) == 7


def test_one_bad_cell_sends_its_step_to_the_row_reader() -> None:
    header = FIRST_FORMAT_HEADER
    row = "2026-11-20T19:30:00+01:00,90,10000,1001,5000,120,15,qa;chat,first"
    text = "\n".join([header, row, row, '2026-11-20T19:30:00Z,90,"1,000",,,,,,', row, ""])
    quick, rows, quick_steps = _both_ways(text, step=2)
    assert quick == rows
    assert quick_steps == 1  # rows 2-3 by columns; 4-5 (a quoted "1,000") row by row
    assert len(quick[0]) == 4
