"""Writing streams and income as CSV that spreadsheets open safely and LiveTally reads back.

The output is a function of the records alone (no dates of export, no locale), so exporting
the same ledger twice gives the same bytes and a diff or a checksum shows real changes only.
Every cell goes through :func:`~livetally.storage.csv_format.escape_formula`, not only the
free-text ones, so even a record that skipped validation cannot smuggle a formula out.

The caller opens the file: ``open(path, "w", encoding="utf-8", newline="")``. Without
``newline=""`` Windows would turn the ``\\r\\n`` the csv module writes into ``\\r\\r\\n`` and
line breaks inside quoted notes would change. No BOM is written; the reader accepts one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import TextIO

from livetally.core.money import format_decimal, plain_decimal
from livetally.core.records import IncomeRecord, StreamRecord
from livetally.core.stream_fields import STREAM_DETAILS
from livetally.storage.csv_format import (
    INCOME_COLUMNS,
    STREAM_COLUMNS,
    TAG_SEPARATOR,
    escape_formula,
)
from livetally.storage.errors import RowError


def write_streams_csv(records: Iterable[StreamRecord], stream: TextIO) -> int:
    """Write a header and one row per stream to ``stream``; return the number of streams."""
    return _write(stream, STREAM_COLUMNS, map(_stream_cells, records))


def _stream_cells(record: StreamRecord) -> tuple[str, ...]:
    cells = {
        "started_at": record.started_at,
        "duration_minutes": _count(record.duration_minutes),
        "coins": str(record.coins),
        "diamonds": _decimal(record.diamonds),
        "tags": TAG_SEPARATOR.join(record.tags),
        "notes": record.notes,
        "origin": record.origin.value,
    }
    for detail in STREAM_DETAILS:
        value = getattr(record, detail.name)
        cells[detail.name] = "" if value is None else str(value)
    return tuple(cells[column] for column in STREAM_COLUMNS)


def write_income_csv(records: Iterable[IncomeRecord], stream: TextIO) -> int:
    """Write a header and one row per income entry to ``stream``; return the number of entries."""
    rows = (
        (
            record.date.isoformat(),
            record.source,
            plain_decimal(record.amount),
            record.currency,
            record.description,
        )
        for record in records
    )
    return _write(stream, INCOME_COLUMNS, rows)


def _write(stream: TextIO, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> int:
    # Spelled out so that the bytes written never hang on a registered dialect.
    writer = csv.writer(
        stream,
        delimiter=",",
        quotechar='"',
        doublequote=True,
        quoting=csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([escape_formula(cell) for cell in row])
        count += 1
    return count


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _decimal(value: Decimal | None) -> str:
    return "" if value is None else format_decimal(value)


def row_errors_csv(errors: Iterable[RowError]) -> str:
    """Every problem of a refused import as CSV (file, line, field, problem), for a
    spreadsheet beside the file being fixed; cells are neutralised as exports are."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(["file", "line", "field", "problem"])
    for error in errors:
        writer.writerow(
            [
                escape_formula(str(error.path)),
                error.line,
                error.field,
                escape_formula(error.message),
            ]
        )
    return stream.getvalue()
