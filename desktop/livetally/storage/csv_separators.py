"""Files written where the decimal mark is a comma: the separator and the numbers' shape.

Excel writes a semicolon-separated file with ``1.234,56`` where the decimal mark is a
comma (most of Europe); some tools write tabs. The header line tells which separator a
file uses, and its numbers are then read with a decimal comma.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final, TypeVar

from livetally.core.money import InputError
from livetally.core.stream_fields import COUNT_DETAILS
from livetally.storage.csv_cells import RowParser
from livetally.storage.csv_format import STREAM_COLUMNS

_T = TypeVar("_T")

#: The separators a header line may use: a comma, or what Excel writes where the decimal
#: mark is a comma (most of Europe), or a tab.
SEPARATORS: Final = (",", ";", "\t")

#: Where the numbers sit among the cells a row parser is given (in the columns' order), and
#: whether each is money (else a count, which cannot be a fraction: 10.000 is ten thousand).
NUMBERS_OF_STREAMS: Final = {
    STREAM_COLUMNS.index(name): False
    for name in ("duration_minutes", "coins", "diamonds", *(d.name for d in COUNT_DETAILS))
}
NUMBERS_OF_INCOME: Final = {2: True}
#: Digits grouped by dots, as a decimal-comma locale writes thousands: 1.234 or 1.234.567,5.
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d*)?")


def separator_of(text: str, columns: tuple[str, ...]) -> str:
    """The separator the header line uses: the one that splits it into the most known
    column names (a comma when none does better, so the header's own message applies)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0].split("\r", 1)[0]

    def known(separator: str) -> int:
        return sum(cell.strip().strip('"').lower() in columns for cell in header.split(separator))

    best = max(SEPARATORS, key=known)
    return best if known(best) > known(",") else ","


def with_decimal_commas(
    parse: RowParser[_T], numbers: Mapping[int, bool], columns: tuple[str, ...]
) -> RowParser[_T]:
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
