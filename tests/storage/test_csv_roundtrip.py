"""Export then import gives the same records, and exporting them again gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livetally.core.money import MAX_AMOUNT, MAX_COUNT
from livetally.core.records import IncomeRecord, StreamRecord, normalise_tag
from livetally.core.sources import source_id
from livetally.core.stream_fields import Origin
from livetally.storage.csv_read import read_income_csv, read_streams_csv
from livetally.storage.csv_write import write_income_csv, write_streams_csv

# tmp_path is shared by every example of one test; each example overwrites the same file.
PROPERTY = settings(
    database=None,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
CURRENCIES = ("USD", "EUR", "JPY", "VND")

counts = st.integers(min_value=0, max_value=MAX_COUNT)
# Any exponent and precision: the writer must turn 1E+3 and 0.0500 into plain text.
amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, allow_nan=False, allow_infinity=False)
SAFE_FIRST, SAFE_LAST = dt.datetime(1, 1, 2), dt.datetime(9999, 12, 30, 23, 59, 59)
offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


@st.composite
def timestamps(draw: st.DrawFn) -> str:
    """Times in the spellings a person or a program writes; the reader keeps the spelling.

    No surrounding spaces: the reader strips them, as it would from a hand-typed cell.
    """
    # A day clear of each end of the years a datetime holds: an offset there can take the
    # time out of years 1-9999 in UTC, which the reader refuses (tested in test_csv_read).
    moment = draw(st.datetimes(SAFE_FIRST, SAFE_LAST, timezones=offsets))
    sep = draw(st.sampled_from(["T", " "]))
    spec = draw(st.sampled_from(["minutes", "seconds", "milliseconds", "microseconds"]))
    text = moment.isoformat(sep=sep, timespec=spec)
    return text.replace("+00:00", "Z") if draw(st.booleans()) else text


# Tags as the reader leaves them: normalised, none blank, no repeats. A tag holding ";"
# cannot come back as one tag (";" separates tags in the cell), so the log form never
# makes one; they are drawn without it. Any other character, quotes and commas included,
# must survive.
tags = st.lists(st.text().filter(lambda tag: ";" not in tag), max_size=5).map(
    lambda drawn: tuple(dict.fromkeys(t for t in map(normalise_tag, drawn) if t))
)

# Free text is kept exactly, so any text goes: commas, quotes, ";", \r, \n, \r\n, NUL,
# leading "=" or "'=" and whitespace-only notes all come back unchanged. (st.text() draws
# no lone surrogates, which no UTF-8 file can hold.)
free_text = st.text() | st.text(alphabet=st.sampled_from("'=+-@\t\r\n\",; a"))

stream_records = st.builds(
    StreamRecord,
    started_at=timestamps(),
    coins=counts,
    duration_minutes=st.none() | counts,
    # Whole, as a stream is credited them; written in any of the places a file may use.
    diamonds=st.none()
    | st.builds(
        lambda whole, places: Decimal(whole).quantize(Decimal(1).scaleb(-places)),
        st.integers(0, 10**12),
        st.integers(0, 3),
    ),
    likes=st.none() | counts,
    peak_viewers=st.none() | counts,
    new_followers=st.none() | counts,
    tags=tags,
    notes=free_text,
)

income_records = st.builds(
    IncomeRecord,
    date=st.dates(),
    # A source is an id: normalised like a tag, a built-in's old id or name read as the
    # built-in (see core.sources), never empty.
    source=st.text().map(source_id).filter(bool),
    amount=amounts,
    currency=st.sampled_from(CURRENCIES),
    description=free_text,
)


def exported_streams(records: Iterable[StreamRecord], path: Path) -> bytes:
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_streams_csv(records, stream)
    return path.read_bytes()


def exported_income(records: Iterable[IncomeRecord], path: Path) -> bytes:
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_income_csv(records, stream)
    return path.read_bytes()


@PROPERTY
@given(st.lists(stream_records, max_size=8))
def test_streams_survive_export_and_import(tmp_path: Path, records: list[StreamRecord]) -> None:
    first = exported_streams(records, tmp_path / "streams.csv")
    read = read_streams_csv(tmp_path / "streams.csv")
    assert read == records
    assert exported_streams(read, tmp_path / "again.csv") == first


@PROPERTY
@given(st.lists(income_records, max_size=8))
def test_income_survives_export_and_import(tmp_path: Path, records: list[IncomeRecord]) -> None:
    first = exported_income(records, tmp_path / "income.csv")
    read = read_income_csv(tmp_path / "income.csv", CURRENCIES)
    assert read == records
    assert exported_income(read, tmp_path / "again.csv") == first


def test_the_stream_export_is_exactly_this() -> None:
    records = [
        StreamRecord(
            started_at="2026-11-20T19:30:00+01:00",
            coins=10000,
            duration_minutes=90,
            diamonds=Decimal("1.0E+3"),
            tags=("qa", "chat"),
            notes='He said "hi", then\nleft',
        ),
        StreamRecord(
            started_at="2026-11-21T20:00Z",
            coins=0,
            diamonds=Decimal("5.00"),
            title="Friday Q&A",
            tiktok_room_id="7301234567890123456",
            origin=Origin.TIKTOK,
        ),
    ]
    stream = io.StringIO(newline="")
    assert write_streams_csv(iter(records), stream) == 2
    assert stream.getvalue() == (
        "started_at,duration_minutes,coins,diamonds,likes,peak_viewers,new_followers,tags,notes,"
        "views,gifters,title,tiktok_room_id,origin\r\n"
        '2026-11-20T19:30:00+01:00,90,10000,1000,,,,qa;chat,"He said ""hi"", then\nleft",'
        ",,,,typed\r\n"
        "2026-11-21T20:00Z,,0,5,,,,,,,,Friday Q&A,7301234567890123456,tiktok\r\n"
    )


def test_the_income_export_is_exactly_this() -> None:
    records = [
        IncomeRecord(dt.date(2026, 1, 5), "sponsorship", Decimal("250.00"), "EUR", "Deal, Q1"),
        IncomeRecord(dt.date(2026, 2, 1), "affiliate", Decimal("3E+1"), "USD"),
    ]
    stream = io.StringIO(newline="")
    assert write_income_csv(records, stream) == 2
    assert stream.getvalue() == (
        "date,source,amount,currency,description\r\n"
        '2026-01-05,sponsorship,250.00,EUR,"Deal, Q1"\r\n'
        "2026-02-01,affiliate,30,USD,\r\n"
    )


def test_an_empty_export_is_the_header_alone() -> None:
    stream = io.StringIO(newline="")
    assert write_income_csv([], stream) == 0
    assert stream.getvalue() == "date,source,amount,currency,description\r\n"


def test_formulas_are_escaped_on_export_and_restored_on_import(tmp_path: Path) -> None:
    notes = ["-5", '=HYPERLINK("http://x","y")', "@SUM(A1)", "'=x", "'hello", "+1", "\tx"]
    records = [
        StreamRecord(
            started_at="2026-11-20T19:30Z", coins=1, tags=("-live",), notes=note, title=note
        )
        for note in notes
    ]
    data = exported_streams(records, tmp_path / "streams.csv").decode()
    escaped = [
        "'-5",
        '"\'=HYPERLINK(""http://x"",""y"")"',
        "'@SUM(A1)",
        "''=x",
        "'hello",
        "'+1",
        "'\tx",
    ]
    assert data.splitlines()[1:] == [
        f"2026-11-20T19:30Z,,1,,,,,'-live,{cell},,,{cell},,typed" for cell in escaped
    ]
    assert read_streams_csv(tmp_path / "streams.csv") == records


def test_escaped_income_cells_come_back(tmp_path: Path) -> None:
    records = [IncomeRecord(dt.date(2026, 1, 5), "=cmd", Decimal(1), "USD", "@SUM(A1)")]
    data = exported_income(records, tmp_path / "income.csv").decode()
    assert data.splitlines()[1] == "2026-01-05,'=cmd,1,USD,'@SUM(A1)"
    assert read_income_csv(tmp_path / "income.csv", CURRENCIES) == records
