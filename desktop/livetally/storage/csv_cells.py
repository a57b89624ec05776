"""Reading one CSV cell at a time: counts, diamonds, amounts, times, dates, tags, details.

Each reader takes the cell's text and the row's problem list: a bad cell adds one
:class:`InputError` (which field, what was expected) and gives a stand-in, so one row's
every problem is found in one pass. :func:`stream_parser` and :func:`income_parser` make
the row parsers :mod:`~livetally.storage.csv_read` runs on each row.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, TypeVar

from livetally.core.money import InputError, parse_amount, parse_count, parse_diamonds
from livetally.core.records import (
    TIME_IN_RANGE,
    IncomeRecord,
    StreamRecord,
    TimeOutOfRange,
    normalise_tag,
    parse_timestamp,
)
from livetally.core.sources import source_id
from livetally.core.stream_fields import (
    STREAM_DETAILS,
    DetailKind,
    Origin,
    StreamDetail,
    origin_named,
)
from livetally.core.words import counted
from livetally.storage.csv_format import STREAM_COLUMNS, TAG_SEPARATOR

_T = TypeVar("_T")
#: Reads one row's cells (in the columns' order) to a record, or None with the row's
#: problems added to the list.
RowParser = Callable[[Sequence[str], list[InputError]], _T | None]


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


_TIME_EXPECTED: Final = (
    "expected an ISO 8601 time with its UTC offset, such as 2026-11-20T19:30:00+01:00"
)
_DATE_EXPECTED: Final = "expected a date as YYYY-MM-DD, such as 2026-11-20"
_AMOUNT_EXPECTED: Final = "expected an amount such as 49.99"
_DIAMONDS_EXPECTED: Final = "expected a whole number of diamonds such as 1000"
_SHOWN_CURRENCIES: Final = 40
#: The most digits a count or a diamond cell may have (below MAX_COUNT).
COUNT_DIGITS: Final = 12


def stream_parser(report: CsvReadReport) -> RowParser[StreamRecord]:
    """The row parser of a stream file; times read in the local zone are told ``report``."""

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
        tags=cell_tags(cell["tags"]),
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
    if not PLAIN_KEY.fullmatch(key):
        problems.append(
            InputError(detail.name, f"expected TikTok's id of the LIVE (digits), got {text!r}")
        )
    return key


#: A key as TikTok writes its ids: digits (letters allowed, should it ever change), no spaces.
PLAIN_KEY: Final = re.compile(r"[0-9A-Za-z_-]{1,64}", re.ASCII)


#: Origin cells as LiveTally writes them (a blank one says the file is where it came from).
ORIGINS_AS_WRITTEN: Final = {"": Origin.CSV} | {origin.value: origin for origin in Origin}


def _origin(text: str, problems: list[InputError]) -> Origin:
    """Where the row's figures came from: said by the file, else the file itself."""
    if not text or text.isspace():
        return Origin.CSV
    try:
        return origin_named(text)
    except ValueError as problem:
        problems.append(InputError("origin", str(problem)))
        return Origin.CSV


def income_parser(known: frozenset[str]) -> RowParser[IncomeRecord]:
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
    if text.isdigit() and len(text) <= COUNT_DIGITS and text.isascii():
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
def cell_tags(text: str) -> tuple[str, ...]:
    """Normalised, blanks dropped, first of any duplicates kept: as the log form keeps them.

    Cached because a creator reuses a handful of tag cells across thousands of rows.
    """
    tags = dict.fromkeys(normalise_tag(tag) for tag in text.split(TAG_SEPARATOR))
    tags.pop("", None)
    return tuple(tags)
