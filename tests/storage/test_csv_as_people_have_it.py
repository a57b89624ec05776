"""CSV files as people actually have them: Excel's semicolons and decimal commas, times
without a UTC offset, impossible dates, and notes longer than the csv module's default."""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.storage.csv_read import CsvReadReport, read_income_csv, read_streams_csv
from livetally.storage.csv_write import write_streams_csv
from livetally.storage.errors import CsvImportError

CURRENCIES = {"USD", "EUR"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "file.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_excels_semicolons_and_decimal_commas_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeffdate;source;amount;currency;description\r\n"
        "2026-11-03;sponsorship;1.234,56;EUR;Marke X\r\n"
        "2026-11-04;affiliate;19,99;USD;\r\n"
        '2026-11-05;affiliate;7;USD;"Link; mit Semikolon"\r\n',
    )
    report = CsvReadReport()
    entries = read_income_csv(path, CURRENCIES, report=report)
    assert [e.amount for e in entries] == [Decimal("1234.56"), Decimal("19.99"), Decimal(7)]
    assert entries[2].description == "Link; mit Semikolon"
    assert report.separator == ";"
    assert report.notes() == ["The file is separated by semicolons, with decimal commas."]


def test_streams_in_a_semicolon_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "started_at;duration_minutes;coins;diamonds;likes;peak_viewers;new_followers;tags;notes\n"
        "2026-11-20T19:30:00+01:00;90;10.000;1.000;52.000;;;qa;\n",
    )
    (stream,) = read_streams_csv(path)
    assert (stream.coins, stream.diamonds, stream.likes) == (10_000, Decimal(1000), 52_000)


def test_every_count_column_reads_dot_grouped_thousands_in_a_semicolon_file(
    tmp_path: Path,
) -> None:
    """The columns added since the first format are counts like the others."""
    path = write(
        tmp_path,
        "started_at;coins;views;gifters;title\n2026-11-20T19:30:00+01:00;10;12.500;1.001;Q&A\n",
    )
    (stream,) = read_streams_csv(path)
    assert (stream.views, stream.gifters, stream.title) == (12_500, 1_001, "Q&A")


def test_an_ambiguous_number_in_a_semicolon_file_is_refused_not_guessed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date;source;amount;currency;description\n2026-11-03;affiliate;1.234;USD;\n",
    )
    with pytest.raises(CsvImportError) as caught:
        read_income_csv(path, CURRENCIES)
    assert "amount: 1.234 is ambiguous in a file separated by semicolons" in str(caught.value)
    assert "write 1234 or 1,234" in str(caught.value)


@pytest.fixture
def in_berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_time_without_an_offset_is_read_in_this_computers_zone(
    tmp_path: Path, in_berlin: None
) -> None:
    path = write(
        tmp_path,
        "started_at,coins\n2026-11-20 19:30,100\n2026-07-01T20:00:00,5\n2026-11-21T19:30Z,7\n",
    )
    report = CsvReadReport()
    streams = read_streams_csv(path, report=report)
    assert [s.started_at for s in streams] == [
        "2026-11-20 19:30+01:00",
        "2026-07-01T20:00:00+02:00",  # summer time that day
        "2026-11-21T19:30Z",
    ]
    assert streams[0].started == dt.datetime(2026, 11, 20, 18, 30, tzinfo=dt.UTC)
    assert report.local_times == 2
    assert report.notes() == [
        "2 times had no UTC offset and were read in this computer's time zone (UTC+01:00)."
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2026-06-31T19:30:00Z", "2026-06-31 is not a day in the calendar (June 2026 has 30 days)"),
        ("2026-13-01T19:30:00Z", "2026-13-01 is not a date: there is no month 13"),
        ("2028-02-30 10:00", "2028-02-30 is not a day in the calendar (February 2028 has 29 days)"),
    ],
)
def test_an_impossible_date_says_so(tmp_path: Path, cell: str, message: str) -> None:
    path = write(tmp_path, f"started_at,coins\n{cell},100\n")
    with pytest.raises(CsvImportError) as caught:
        read_streams_csv(path)
    assert f":2: started_at: {message}" in str(caught.value)


def test_a_note_longer_than_the_csv_modules_default_round_trips(tmp_path: Path) -> None:
    from livetally.core.records import StreamRecord

    note = "long stream, " * 20_000  # 260,000 characters
    record = StreamRecord("2026-11-20T19:30:00+01:00", 100, notes=note)
    buffer = io.StringIO(newline="")
    write_streams_csv(iter([record]), buffer)
    path = tmp_path / "long.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    assert read_streams_csv(path) == [record]
