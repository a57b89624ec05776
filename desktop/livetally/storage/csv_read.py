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
import datetime as dt
import functools
import io
import itertools
import operator
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final, Generic, TypeVar

from livetally import activity
from livetally.core.money import InputError, parse_amount, parse_count, parse_diamonds
from livetally.core.records import (
    TIME_IN_RANGE,
    IncomeRecord,
    StreamRecord,
    TimeOutOfRange,
    normalise_tag,
    parse_timestamp,
    parse_usual_timestamps,
    stream_records,
)
from livetally.core.sources import source_id
from livetally.core.stream_fields import (
    COUNT_DETAILS,
    STREAM_DETAILS,
    DetailKind,
    Origin,
    StreamDetail,
    origin_named,
)
from livetally.core.words import counted
from livetally.storage.bulk import collection_paused
from livetally.storage.csv_format import (
    INCOME_COLUMNS,
    INCOME_REQUIRED,
    STREAM_COLUMNS,
    STREAM_REQUIRED,
    TAG_SEPARATOR,
    unescape_formula,
)
from livetally.storage.errors import CsvImportError, RowError

# A note or description may be as long as anything LiveTally lets anyone type or export:
# the csv module's default limit (131,072 characters a cell) refused, on import, notes
# that export had written. The limit is the module's own, so it is raised once, here.
csv.field_size_limit(2**31 - 1)

#: The separators a header line may use: a comma, or what Excel writes where the decimal
#: mark is a comma (most of Europe), or a tab.
SEPARATORS: Final = (",", ";", "\t")


@dataclass
class CsvReadReport:
    """What an import should tell the person besides the rows it added."""

    separator: str = ","
    #: Times written without a UTC offset, read in this computer's time zone.
    local_times: int = 0
    local_offset: str = ""

    def notes(self) -> list[str]:
        """One sentence per thing worth saying, for the import's summary."""
        said = []
        if self.separator != ",":
            name = "semicolons" if self.separator == ";" else "tabs"
            said.append(f"The file is separated by {name}, with decimal commas.")
        if self.local_times:
            were = "was" if self.local_times == 1 else "were"
            said.append(
                f"{counted(self.local_times, 'time')} had no UTC offset and {were} read in "
                "this computer's time zone "
                f"(UTC{self.local_offset})."
            )
        return said


#: Told (lines read, lines in the file) every :data:`PROGRESS_EVERY` rows and at the end.
#: It counts physical lines because the number of rows is only known once all are read.
Progress = Callable[[int, int], None]
PROGRESS_EVERY: Final = 1000

_log = activity.logger(__name__)
_T = TypeVar("_T")
_V = TypeVar("_V")
_RowParser = Callable[[Sequence[str], list[InputError]], _T | None]
#: (rows of one step, cells in each row, where each column sits) to the step's records,
#: or None to have the step read row by row.
_ColumnParser = Callable[[list[list[str]], int, list[int]], list[_T] | None]

_TIME_EXPECTED: Final = (
    "expected an ISO 8601 time with its UTC offset, such as 2026-11-20T19:30:00+01:00"
)
_DATE_EXPECTED: Final = "expected a date as YYYY-MM-DD, such as 2026-11-20"
_AMOUNT_EXPECTED: Final = "expected an amount such as 49.99"
_DIAMONDS_EXPECTED: Final = "expected a whole number of diamonds such as 1000"
_SHOWN_CURRENCIES: Final = 40


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
        _stream_parser(report),
        progress,
        report,
        _NUMBERS_OF_STREAMS,
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
        _income_parser(known),
        progress,
        CsvReadReport() if report is None else report,
        _NUMBERS_OF_INCOME,
    )


def _read(
    path: Path,
    columns: tuple[str, ...],
    required: frozenset[str],
    parse: _RowParser[_T],
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
    parse: _RowParser[_T],
    progress: Progress | None,
    report: CsvReadReport,
    numbers: Mapping[int, bool],
    parse_columns: _ColumnParser[_T] | None,
) -> list[_T]:
    text = _text(path)
    total = _line_count(text) if progress is not None else 0
    report.separator = _separator(text, columns)
    if report.separator != ",":
        # Excel's semicolon files write 1.234,56: the numbers are read with a decimal comma,
        # row by row (the quick column reader knows only plain digits).
        parse, parse_columns = _with_decimal_commas(parse, numbers, columns), None
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
        parse: _RowParser[_T],
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


#: Where the numbers sit among the cells a row parser is given (in the columns' order), and
#: whether each is money (else a count, which cannot be a fraction: 10.000 is ten thousand).
_NUMBERS_OF_STREAMS: Final = {
    STREAM_COLUMNS.index(name): False
    for name in ("duration_minutes", "coins", "diamonds", *(d.name for d in COUNT_DETAILS))
}
_NUMBERS_OF_INCOME: Final = {2: True}
#: Digits grouped by dots, as a decimal-comma locale writes thousands: 1.234 or 1.234.567,5.
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d*)?")


def _separator(text: str, columns: tuple[str, ...]) -> str:
    """The separator the header line uses: the one that splits it into the most known
    column names (a comma when none does better, so the header's own message applies)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0].split("\r", 1)[0]

    def known(separator: str) -> int:
        return sum(cell.strip().strip('"').lower() in columns for cell in header.split(separator))

    best = max(SEPARATORS, key=known)
    return best if known(best) > known(",") else ","


def _with_decimal_commas(
    parse: _RowParser[_T], numbers: Mapping[int, bool], columns: tuple[str, ...]
) -> _RowParser[_T]:
    """``parse`` for a file whose numbers use a decimal comma (``19,99``, ``1.234,56``)."""

    def parse_local(cells: Sequence[str], problems: list[InputError]) -> _T | None:
        plain = list(cells)
        for index, money in numbers.items():
            text = plain[index].strip()
            grouped = _DOT_GROUPED.fullmatch(text) is not None
            if money and grouped and "," not in text and text.count(".") == 1:
                plain[index] = "0"  # said once, here, not again by the parser
                problems.append(
                    InputError(
                        columns[index],
                        f"{text} is ambiguous in a file separated by semicolons (a thousand "
                        f"and more, or a fraction?); write {text.replace('.', '')} or "
                        f"{text.replace('.', ',')}",
                    )
                )
                continue
            if grouped:
                text = text.replace(".", "")
            plain[index] = text.replace(",", ".")
        said = bool(problems)
        record = parse(plain, problems)  # the other cells' problems are worth saying too
        return None if said else record

    return parse_local


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


def _stream_parser(report: CsvReadReport) -> _RowParser[StreamRecord]:
    def stream(cells: Sequence[str], problems: list[InputError]) -> StreamRecord | None:
        return _stream(cells, problems, report)

    return stream


def _stream(
    cells: Sequence[str], problems: list[InputError], report: CsvReadReport
) -> StreamRecord | None:
    cell = dict(zip(STREAM_COLUMNS, cells, strict=True))
    started = _timestamp(cell["started_at"], problems, report)  # checked in column order
    minutes = _optional_count(cell["duration_minutes"], "duration_minutes", problems)
    coin_count = _count(cell["coins"], "coins", problems)
    diamond_count = _diamonds(cell["diamonds"], problems)
    details = {
        detail.name: _detail(cell[detail.name], detail, problems) for detail in STREAM_DETAILS
    }
    origin = _origin(cell["origin"], problems)
    if problems:
        return None
    return StreamRecord(
        started_at=started,
        coins=coin_count,
        duration_minutes=minutes,
        diamonds=diamond_count,
        tags=_tags(cell["tags"]),
        notes=cell["notes"],
        origin=origin,
        **details,  # type: ignore[arg-type]
    )


def _detail(text: str, detail: StreamDetail, problems: list[InputError]) -> int | str | None:
    if detail.kind is DetailKind.COUNT:
        return _optional_count(text, detail.name, problems)
    if detail.kind is DetailKind.TEXT:
        return text
    key = text.strip()
    if not key:
        return None
    if not _PLAIN_KEY.fullmatch(key):
        problems.append(
            InputError(detail.name, f"expected TikTok's id of the LIVE (digits), got {text!r}")
        )
    return key


#: A key as TikTok writes its ids: digits (letters allowed, should it ever change), no spaces.
_PLAIN_KEY: Final = re.compile(r"[0-9A-Za-z_-]{1,64}", re.ASCII)


#: Origin cells as LiveTally writes them (a blank one says the file is where it came from).
_ORIGINS_AS_WRITTEN: Final = {"": Origin.CSV} | {origin.value: origin for origin in Origin}


def _origin(text: str, problems: list[InputError]) -> Origin:
    """Where the row's figures came from: said by the file, else the file itself."""
    if not text or text.isspace():
        return Origin.CSV
    try:
        return origin_named(text)
    except ValueError as problem:
        problems.append(InputError("origin", str(problem)))
        return Origin.CSV


def _stream_columns(
    rows: list[list[str]], width: int, order: list[int]
) -> list[StreamRecord] | None:
    """The streams of one step of rows, read column by column; None if any cell is unusual.

    The quick way to read a well-formed file: each column is checked and converted by C
    loops (str methods on the joined column, a pattern per cell, ``map``), instead of nine
    Python calls per row. It takes only cells that :func:`_stream` would take without a
    word, and makes the same records from them: plain ASCII digits (12 at most) for counts,
    blanks only where a column may be blank, the usual timestamp shape with no spaces
    around it. Anything else (a blank row, a comma in a number, a bad date) gives None, and
    the step is read row by row, which words the problems.
    ``tests/storage/test_csv_columns.py`` holds the two ways to the same result.
    """
    if not rows or len(set(map(len, rows))) != 1 or len(rows[0]) != width:
        return None
    table = list(zip(*rows, strict=True))
    blank = ("",) * len(rows)  # a left-out column
    cells = [_unescaped(table[i]) if i < width else blank for i in order]
    column = dict(zip(STREAM_COLUMNS, cells, strict=True))
    counts = [column[detail.name] for detail in COUNT_DETAILS]
    keys = [column[detail.name] for detail in STREAM_DETAILS if detail.kind is DetailKind.KEY]
    origins = set(column["origin"])
    if not (
        _plain_counts(column["coins"], blanks=False)
        and all(_plain_counts(c, blanks=True) for c in (column["duration_minutes"], *counts))
        and all(map(_PLAIN_DIAMONDS.fullmatch, filter(None, column["diamonds"])))
        and all(map(_PLAIN_KEY.fullmatch, filter(None, itertools.chain(*keys))))
        and len(origins) == 1
        and parse_usual_timestamps(column["started_at"]) is not None
    ):
        return None
    (said,) = origins
    if said not in _ORIGINS_AS_WRITTEN:
        return None  # spelled otherwise, or wrong: read (and worded) row by row
    origin = _ORIGINS_AS_WRITTEN[said]
    details: dict[str, Sequence[int | str | None]] = {}
    for detail in STREAM_DETAILS:
        cells_of = column[detail.name]
        if detail.kind is DetailKind.COUNT:
            details[detail.name] = list(_optional(int, cells_of))
        elif detail.kind is DetailKind.KEY:
            details[detail.name] = [cell or None for cell in cells_of]
        else:
            details[detail.name] = cells_of
    return stream_records(
        column["started_at"],
        map(int, column["coins"]),
        _optional(int, column["duration_minutes"]),
        _optional(Decimal, column["diamonds"]),
        list(map(_tags, column["tags"])),
        column["notes"],
        details,
        origin,
    )


def _plain_counts(column: Sequence[str], *, blanks: bool) -> bool:
    """Whether :func:`_count` (or, with ``blanks``, :func:`_optional_count`) reads every cell
    of ``column`` without help: ASCII digits, 12 at most, or nothing where blanks may be.

    Checked on the joined column, in C: a text of digits only is made of cells of digits
    only (a blank cell adds nothing to it, hence the separate test for those).
    """
    joined = "".join(column)
    return (
        (joined.isdigit() or not joined)
        and joined.isascii()
        and max(map(len, column)) <= _COUNT_DIGITS
        and (blanks or "" not in column)
    )


_COUNT_DIGITS: Final = 12
#: What :func:`_diamonds` reads without help, blanks aside: a whole number of 12 digits at most.
_PLAIN_DIAMONDS: Final = re.compile(r"\d{1,12}", re.ASCII)


def _unescaped(column: tuple[str, ...]) -> Sequence[str]:
    """The column with :func:`unescape_formula` applied as :func:`_read` applies it per row.

    Looks for an apostrophe at the start of a cell in one joined text first: few columns
    have one, and then the column is used as it is.
    """
    joined = "\n".join(column)
    if joined[:1] != "'" and "\n'" not in joined:
        return column
    return [unescape_formula(c) if c[:1] == "'" else c for c in column]


def _optional(convert: Callable[[str], _V], column: Sequence[str]) -> Iterable[_V | None]:
    """``convert`` of each cell, None for a blank one (the column holds no other kind)."""
    if "" not in column:
        return map(convert, column)
    return [None if not cell else convert(cell) for cell in column]


def _income_parser(known: frozenset[str]) -> _RowParser[IncomeRecord]:
    listed = sorted(known)
    if len(listed) > _SHOWN_CURRENCIES:
        listed[_SHOWN_CURRENCIES:] = ["…"]
    if listed:
        expected = f"expected one of {', '.join(listed)} (the currencies in settings.toml)"
    else:
        expected = "expected a currency from settings.toml, but it lists none"

    def income(cells: Sequence[str], problems: list[InputError]) -> IncomeRecord | None:
        date, source, amount, currency, description = cells
        day = _date(date, problems)
        name = _source(source, problems)
        value = _amount(amount, "amount", _AMOUNT_EXPECTED, problems)
        code = currency.strip().upper()
        if code not in known:
            problems.append(InputError("currency", _got(expected, currency)))
        if problems:
            return None
        return IncomeRecord(day, name, value, code, description)

    return income


def _got(expected: str, text: str) -> str:
    text = text.strip()
    return f"{expected}, got {text!r}" if text else f"is empty; {expected}"


def _timestamp(text: str, problems: list[InputError], report: CsvReadReport) -> str:
    text = text.strip()
    try:
        parse_timestamp(text)
    except TimeOutOfRange:
        problems.append(InputError("started_at", _got(TIME_IN_RANGE, text)))
    except ValueError:
        local = _local_time(text)
        if local is not None:
            report.local_times += 1
            report.local_offset = report.local_offset or local[-6:]
            return local
        impossible = _impossible_day(text)
        problems.append(InputError("started_at", impossible or _got(_TIME_EXPECTED, text)))
    return text


def _local_time(text: str) -> str | None:
    """``text`` with this computer's UTC offset for that moment, if it is a time with a
    written-out date and no offset (a spreadsheet's usual export); else None."""
    if not _DATE_START.match(text):
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None or not dt.MINYEAR < moment.year < dt.MAXYEAR:
        return None
    spec = "seconds" if moment.second or ":" in text[14:] else "minutes"
    if moment.microsecond:
        spec = "microseconds"
    return moment.astimezone().isoformat(sep="T" if "T" in text else " ", timespec=spec)


def _impossible_day(text: str) -> str | None:
    """What is wrong with a date that has the right shape but is not in the calendar:
    ``2026-06-31 is not a day in the calendar (June has 30 days)``; None otherwise."""
    match = _DATE_START.match(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        pass
    else:
        return None
    if not 1 <= month <= 12:
        return f"{match.group(0)} is not a date: there is no month {month}"
    if not dt.MINYEAR <= year < dt.MAXYEAR:
        return f"{match.group(0)} is not a date: expected a year from 1 to 9998"
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    name = _MONTHS[month - 1]
    return f"{match.group(0)} is not a day in the calendar ({name} {year} has {last} days)"


_MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DATE_START = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _date(text: str, problems: list[InputError]) -> dt.date:
    text = text.strip()
    # fromisoformat also takes 20261120 and 2026-W47-5; the file format promises YYYY-MM-DD.
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            impossible = _impossible_day(text)
            if impossible is not None:
                problems.append(InputError("date", impossible))
                return dt.date.min
    problems.append(InputError("date", _got(_DATE_EXPECTED, text)))
    return dt.date.min


def _source(text: str, problems: list[InputError]) -> str:
    name = _source_id(text)
    if not name:
        problems.append(InputError("source", "is empty; expected a name such as sponsorship"))
    return name


#: Sources repeat across rows as tag cells do. A built-in's name ("Creator Rewards") or an
#: old id (``creator_fund``) is that built-in (see ``core.sources``).
_source_id = functools.lru_cache(maxsize=4096)(source_id)


def _count(text: str, field: str, problems: list[InputError]) -> int:
    # Plain ASCII digits below MAX_COUNT (the common case) skip parse_count's regex.
    if text.isdigit() and text.isascii() and len(text) < 13:
        return int(text)
    return _checked_count(text, field, problems)


def _optional_count(text: str, field: str, problems: list[InputError]) -> int | None:
    if text.isdigit() and text.isascii() and len(text) < 13:
        return int(text)
    if not text or text.isspace():
        return None
    return _checked_count(text, field, problems)


def _checked_count(text: str, field: str, problems: list[InputError]) -> int:
    try:
        return parse_count(text, field)
    except InputError as problem:
        problems.append(problem)
    return 0


def _diamonds(text: str, problems: list[InputError]) -> Decimal | None:
    if not text or text.isspace():
        return None
    if text.isdigit() and len(text) <= _COUNT_DIGITS and text.isascii():
        return Decimal(text)
    try:
        return parse_diamonds(text, "diamonds")
    except InputError as problem:
        # parse_amount speaks of cash; say what this column holds instead.
        message = problem.message.replace(_AMOUNT_EXPECTED, _DIAMONDS_EXPECTED)
        problems.append(InputError("diamonds", message))
        return Decimal(0)


def _amount(text: str, field: str, expected: str, problems: list[InputError]) -> Decimal:
    # Plain ASCII "123" or "123.45" below MAX_AMOUNT skips parse_amount's regex, as in _count.
    whole, point, fraction = text.partition(".")
    if whole.isdigit() and len(whole) < 13 and (not point or fraction.isdigit()) and text.isascii():
        return Decimal(text)
    try:
        return parse_amount(text, field)
    except InputError as problem:
        # parse_amount speaks of cash; say what this column holds instead.
        message = problem.message.replace(_AMOUNT_EXPECTED, expected)
        problems.append(InputError(field, message))
        return Decimal(0)


@functools.lru_cache(maxsize=4096)
def _tags(text: str) -> tuple[str, ...]:
    """Normalised, blanks dropped, first of any duplicates kept: as the log form keeps them.

    Cached because a creator reuses a handful of tag cells across thousands of rows.
    """
    tags = dict.fromkeys(normalise_tag(tag) for tag in text.split(TAG_SEPARATOR))
    tags.pop("", None)
    return tuple(tags)
