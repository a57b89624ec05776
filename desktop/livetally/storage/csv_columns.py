"""The quick way through a well-formed stream file: a step of rows read column by column.

:func:`stream_columns` takes only cells the row parser (:mod:`~livetally.storage.csv_cells`)
would take without a word, and makes the same records from them; anything unusual sends
the step back to be read row by row, which words the problems.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Final, TypeVar

from livetally.core.records import StreamRecord, parse_usual_timestamps, stream_records
from livetally.core.stream_fields import COUNT_DETAILS, STREAM_DETAILS, DetailKind
from livetally.storage.csv_cells import COUNT_DIGITS, ORIGINS_AS_WRITTEN, PLAIN_KEY, cell_tags
from livetally.storage.csv_format import STREAM_COLUMNS, unescape_formula

_V = TypeVar("_V")


def stream_columns(
    rows: list[list[str]], width: int, order: list[int]
) -> list[StreamRecord] | None:
    """The streams of one step of rows, read column by column; None if any cell is unusual.

    The quick way to read a well-formed file: each column is checked and converted by C
    loops (str methods on the joined column, a pattern per cell, ``map``), instead of nine
    Python calls per row. It takes only cells that the row parser
    (:func:`~.csv_cells.stream_parser`) would take without a word, and makes the same
    records from them: plain ASCII digits (12 at most) for counts,
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
        and all(map(PLAIN_KEY.fullmatch, filter(None, itertools.chain(*keys))))
        and len(origins) == 1
        and parse_usual_timestamps(column["started_at"]) is not None
    ):
        return None
    (said,) = origins
    if said not in ORIGINS_AS_WRITTEN:
        return None  # spelled otherwise, or wrong: read (and worded) row by row
    origin = ORIGINS_AS_WRITTEN[said]
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
        list(map(cell_tags, column["tags"])),
        column["notes"],
        details,
        origin,
    )


def _plain_counts(column: Sequence[str], *, blanks: bool) -> bool:
    """Whether ``csv_cells._count`` (or, with ``blanks``, ``_optional_count``) reads every cell
    of ``column`` without help: ASCII digits, 12 at most, or nothing where blanks may be.

    Checked on the joined column, in C: a text of digits only is made of cells of digits
    only (a blank cell adds nothing to it, hence the separate test for those).
    """
    joined = "".join(column)
    return (
        (joined.isdigit() or not joined)
        and joined.isascii()
        and max(map(len, column)) <= COUNT_DIGITS
        and (blanks or "" not in column)
    )


#: What ``csv_cells._diamonds`` reads without help, blanks aside: a whole number of 12
#: digits at most.
_PLAIN_DIAMONDS: Final = re.compile(r"\d{1,12}", re.ASCII)


def _unescaped(column: tuple[str, ...]) -> Sequence[str]:
    """The column with :func:`unescape_formula` applied as the row reader applies it per row.

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
