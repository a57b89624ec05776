"""Reading stream and income CSV files, checked whole before a single record is kept.

An import is all or nothing: every problem in the file is collected, each with the line
where its record starts (a quoted note may span lines, so that is not simply the row
count), and the file is refused with all of them at once. The creator then fixes the file
in one go instead of meeting its errors one per attempt.

The good path raises no exception per row: a 100,000-row file is checked in a fraction of a
second, which keeps an import from a spreadsheet feeling instant.
"""

from __future__ import annotations

import _csv
import codecs
import csv
import io
import itertools
import operator
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final, Generic, TypeVar

from livetally import activity
from livetally.core.money import InputError
from livetally.core.records import IncomeRecord, StreamRecord
from livetally.storage.bulk import collection_paused
from livetally.storage.csv_cells import CsvReadReport, RowParser, income_parser, stream_parser
from livetally.storage.csv_columns import stream_columns as _stream_columns
from livetally.storage.csv_format import (
    INCOME_COLUMNS,
    INCOME_REQUIRED,
    STREAM_COLUMNS,
    STREAM_REQUIRED,
    unescape_formula,
)
from livetally.storage.csv_separators import (
    NUMBERS_OF_INCOME,
    NUMBERS_OF_STREAMS,
    SEPARATORS,
    separator_of,
    with_decimal_commas,
)
from livetally.storage.errors import CsvImportError, RowError

__all__ = ["PROGRESS_EVERY", "SEPARATORS", "CsvReadReport", "read_income_csv", "read_streams_csv"]


# A note or description may be as long as anything LiveTally lets anyone type or export:
# the csv module's default limit (131,072 characters a cell) refused, on import, notes
# that export had written. The limit is the module's own, so it is raised once, here.
csv.field_size_limit(2**31 - 1)

#: Told (lines read, lines in the file) every :data:`PROGRESS_EVERY` rows and at the end.
#: It counts physical lines because the number of rows is only known once all are read.
Progress = Callable[[int, int], None]
PROGRESS_EVERY: Final = 1000

_log = activity.logger(__name__)
_T = TypeVar("_T")
#: (rows of one step, cells in each row, where each column sits) to the step's records,
#: or None to have the step read row by row.
_ColumnParser = Callable[[list[list[str]], int, list[int]], list[_T] | None]


def read_streams_csv(
    path: Path, *, progress: Progress | None = None, report: CsvReadReport | None = None
) -> list[StreamRecord]:
    """The streams in ``path``, in file order; :class:`CsvImportError` if any row is bad.

    ``progress`` is told (lines read, lines in the file); ``report`` collects what the
    summary should say (a semicolon file, times read in the local zone). OSError (a missing
    or unreadable file) is left to the caller, which words it.
    """
    report = CsvReadReport() if report is None else report
    return _read(
        path,
        STREAM_COLUMNS,
        STREAM_REQUIRED,
        stream_parser(report),
        progress,
        report,
        NUMBERS_OF_STREAMS,
        _stream_columns,
    )


def read_income_csv(
    path: Path,
    known_currencies: Collection[str],
    *,
    progress: Progress | None = None,
    report: CsvReadReport | None = None,
) -> list[IncomeRecord]:
    """The income entries in ``path``; each currency must be one of ``known_currencies``.

    The currencies come in as an argument because they live in settings.toml, which this
    layer does not read; any amount in another currency could not be converted later.
    """
    known = frozenset(code.strip().upper() for code in known_currencies)
    return _read(
        path,
        INCOME_COLUMNS,
        INCOME_REQUIRED,
        income_parser(known),
        progress,
        CsvReadReport() if report is None else report,
        NUMBERS_OF_INCOME,
    )


def _read(
    path: Path,
    columns: tuple[str, ...],
    required: frozenset[str],
    parse: RowParser[_T],
    progress: Progress | None,
    report: CsvReadReport,
    numbers: Mapping[int, bool],
    parse_columns: _ColumnParser[_T] | None = None,
) -> list[_T]:
    """Check every row of ``path`` as it is parsed, keeping records but no rows.

    Rows are taken :data:`PROGRESS_EVERY` at a time. ``parse_columns``, when given, reads a
    whole step of them column by column, the per-cell work in C loops; it gives up (None)
    on anything but the plainest cells, and those steps are read row by row with ``parse``,
    which finds and words every problem. Either way the same records come out.

    Holding every cell of a large file until the end would double the memory and the
    garbage collector's work, which showed as a third of the time on 100,000 rows; the
    collector is paused meanwhile, too (see :func:`collection_paused`).
    """
    with collection_paused():
        records = _read_paused(
            path, columns, required, parse, progress, report, numbers, parse_columns
        )
    _log.info(f"read {path.name}: {len(records)} rows, separator {report.separator!r}")
    return records


def _read_paused(
    path: Path,
    columns: tuple[str, ...],
    required: frozenset[str],
    parse: RowParser[_T],
    progress: Progress | None,
    report: CsvReadReport,
    numbers: Mapping[int, bool],
    parse_columns: _ColumnParser[_T] | None,
) -> list[_T]:
    text = _text(path)
    total = _line_count(text) if progress is not None else 0
    report.separator = separator_of(text, columns)
    if report.separator != ",":
        # Excel's semicolon files write 1.234,56: the numbers are read with a decimal comma,
        # row by row (the quick column reader knows only plain digits).
        parse, parse_columns = with_decimal_commas(parse, numbers, columns), None
    # strict: a quote left open must be an error, not the rest of the file in one note.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=report.separator, strict=True)
    records: list[_T] = []
    errors: list[RowError] = []
    line, header = next(_rows(path, reader, errors), (1, []))
    if not header:
        problem = f"the file is empty; expected a header row: {','.join(columns)}"
        raise CsvImportError([*errors, RowError(path, line, "header", problem)])
    order = _layout(path, line, header, columns, required)
    rows = _RowReader(path, len(header), order, parse, errors)
    # Each row with the line it ends on, paired in C: zip takes a row from the reader,
    # then the reader's line count, which has just moved past that row.
    line_nums = map(operator.attrgetter("line_num"), itertools.repeat(reader))
    ended = zip(reader, line_nums, strict=False)
    end = reader.line_num  # the last line read so far; the next row starts after it
    read = 0
    while True:
        step: list[tuple[list[str], int]] = []
        syntax: csv.Error | None = None
        try:
            step.extend(itertools.islice(ended, PROGRESS_EVERY))  # keeps rows before an error
        except csv.Error as exc:
            syntax = exc
        if progress is not None and (read + len(step)) // PROGRESS_EVERY > read // PROGRESS_EVERY:
            progress(step[-1][1], total)
        read += len(step)
        kept = parse_columns([row for row, _ in step], rows.width, order) if parse_columns else None
        if kept is not None and step:
            records.extend(kept)
            end = step[-1][1]
        elif kept is None:
            end = rows.read(step, end, records)
        if syntax is not None:
            # The reader goes on with the next line, so one stray quote does not hide the
            # problems further down.
            errors.append(RowError(path, end + 1, "row", _syntax_problem(syntax)))
            end = reader.line_num
        elif len(step) < PROGRESS_EVERY:
            break
    if progress is not None:
        progress(total, total)
    if errors:
        raise CsvImportError(errors)
    return records


class _RowReader(Generic[_T]):
    """Reads rows one by one with a row parser, each problem kept with its line."""

    def __init__(
        self,
        path: Path,
        width: int,
        order: list[int],
        parse: RowParser[_T],
        errors: list[RowError],
    ) -> None:
        self.path = path
        self.width = width
        self._pick = operator.itemgetter(*order)
        self._padded = width in order  # a left-out column reads a blank cell appended
        self._parse = parse
        self._errors = errors
        self._problems: list[InputError] = []  # one row's, emptied after each bad row

    def read(self, step: list[tuple[list[str], int]], end: int, records: list[_T]) -> int:
        """Append the records of ``step`` (rows with the line each ends on) to ``records``;
        the line the last one ends on."""
        path, width, errors, problems = self.path, self.width, self._errors, self._problems
        for row, row_end in step:
            line, end = end + 1, row_end
            # A line of only commas is what spreadsheets leave after the last real row.
            if not row or not (row[0].strip() or "".join(row).strip()):
                continue
            if len(row) != width:
                errors.append(RowError(path, line, "row", _width_problem(row, width)))
                continue
            if self._padded:
                row.append("")
            cells = [unescape_formula(c) if c[:1] == "'" else c for c in self._pick(row)]
            record = self._parse(cells, problems)
            if record is None:
                errors.extend(RowError(path, line, p.field, p.message) for p in problems)
                problems.clear()
            else:
                records.append(record)
        return end


def _rows(
    path: Path, reader: _csv.Reader, errors: list[RowError]
) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the line it starts on; CSV syntax errors go to ``errors``.

    For the header: :func:`_read` takes the rows after it in steps, the same way.
    """
    end = 0
    while True:
        try:
            for row in reader:
                line, end = end + 1, reader.line_num
                # A line of only commas is what spreadsheets leave after the last real row.
                if row and (row[0].strip() or "".join(row).strip()):
                    yield line, row
        except csv.Error as exc:
            errors.append(RowError(path, end + 1, "row", _syntax_problem(exc)))
            end = reader.line_num
        else:
            return


def _syntax_problem(exc: csv.Error) -> str:
    if "unexpected end of data" in str(exc):
        return "a double quote opened here is never closed"
    return (
        f"is not valid CSV ({exc}); a cell in double quotes must end with one, "
        "and a double quote inside it is written twice"
    )


def _text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(codecs.BOM_UTF8):  # Excel's "CSV UTF-8" writes one
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CsvImportError([_encoding_error(path, data, exc.start)]) from None


def _line_count(text: str) -> int:
    """Lines as the reader counts them: ending in \\n, \\r\\n or a lone \\r."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (not text.endswith(("\n", "\r")) and bool(text))


def _encoding_error(path: Path, data: bytes, offset: int) -> RowError:
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    problem = (
        f"expected UTF-8 text, found the byte 0x{data[offset]:02X}; "
        "save the file as CSV UTF-8 and import it again"
    )
    return RowError(path, line, "encoding", problem)


def _layout(
    path: Path, line: int, header: list[str], columns: tuple[str, ...], required: frozenset[str]
) -> list[int]:
    """Where each of ``columns`` sits in the file's rows; a left-out one points past the end.

    Column order is free and names ignore case and surrounding spaces, since people write
    these files by hand; anything else wrong with the header stops the import, because no
    row can be read without it.
    """
    names = [cell.strip().lower() for cell in header]
    problems: list[str] = []
    unknown = [name for name in names if name not in columns]
    if unknown:
        listed = ", ".join(repr(name) if name else "'' (an unnamed column)" for name in unknown)
        problems.append(f"unknown column{_s(unknown)} {listed}")
    repeated = [name for name in columns if names.count(name) > 1]
    if repeated:
        verb = "appear" if len(repeated) > 1 else "appears"
        listed = ", ".join(map(repr, repeated))
        problems.append(f"column{_s(repeated)} {listed} {verb} more than once")
    missing = [name for name in columns if name in required and name not in names]
    if missing:
        problems.append(f"missing column{_s(missing)} {', '.join(map(repr, missing))}")
    if problems:
        message = f"{'; '.join(problems)}; expected the columns {','.join(columns)}"
        raise CsvImportError([RowError(path, line, "header", message)])
    return [names.index(name) if name in names else len(names) for name in columns]


def _s(items: Sequence[str]) -> str:
    return "s" if len(items) > 1 else ""


def _width_problem(row: list[str], width: int) -> str:
    problem = f"expected {width} cells, one per column, got {len(row)}"
    if any("\n" in cell or "\r" in cell for cell in row):
        return f"{problem}; is a double quote missing its partner?"
    if len(row) > width:
        return f"{problem}; a cell holding a comma must be in double quotes"
    return problem
