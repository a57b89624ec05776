"""What the stream and income CSV files look like, shared by the reader and the writer.

Exported files are opened in spreadsheets, and a spreadsheet runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula, so a note such as ``=HYPERLINK(...)`` typed by
anyone could act when the creator opens the export. Following OWASP's advice on CSV
injection, such cells are written with a leading apostrophe, which spreadsheets show as text.

The apostrophe must not change the data, so escaping is a bijection: a cell that is any
number of apostrophes followed by a trigger character gains one more apostrophe, and import
removes exactly one from such cells. ``'=x`` is written ``''=x`` and read back as ``'=x``;
a plain ``'hello`` is never touched either way.
"""

from __future__ import annotations

from typing import Final

from livetally.core.stream_fields import STREAM_DETAILS

#: The stream file's columns, in the order LiveTally writes them: the money columns, the
#: details of the first format, tags and notes, then the details added since and where the
#: figures came from (see :mod:`livetally.core.stream_fields`).
STREAM_COLUMNS: Final = (
    "started_at",
    "duration_minutes",
    "coins",
    "diamonds",
    *(detail.name for detail in STREAM_DETAILS if not detail.added_later),
    "tags",
    "notes",
    *(detail.name for detail in STREAM_DETAILS if detail.added_later),
    "origin",
)

#: Stream columns a file must have; the others may be left out and are then blank.
STREAM_REQUIRED: Final = frozenset({"started_at", "coins"})

#: The income file's columns, in the order LiveTally writes them.
INCOME_COLUMNS: Final = ("date", "source", "amount", "currency", "description")

#: Income columns a file must have; only the description may be left out.
INCOME_REQUIRED: Final = frozenset({"date", "source", "amount", "currency"})

#: Between the tags of one stream, in one cell: a comma would need quoting in every file.
TAG_SEPARATOR: Final = ";"

# Tab and carriage return are on OWASP's list because some spreadsheets skip them before
# looking for ``=``.
_TRIGGERS: Final = frozenset("=+-@\t\r")
_APOSTROPHE: Final = "'"


def _is_escaped_form(cell: str) -> bool:
    """True for apostrophes (one or more) then a trigger: the cells escaping produces."""
    return cell[:1] == _APOSTROPHE and cell.lstrip(_APOSTROPHE)[:1] in _TRIGGERS


def escape_formula(cell: str) -> str:
    """The cell as it is written, so that no spreadsheet takes it for a formula."""
    if cell[:1] in _TRIGGERS or _is_escaped_form(cell):
        return _APOSTROPHE + cell
    return cell


def unescape_formula(cell: str) -> str:
    """The value a written cell stands for: :func:`escape_formula` undone exactly.

    A cell from another program that starts with a bare ``=`` is kept as it is: it was not
    escaped, so there is nothing to undo.
    """
    return cell[1:] if _is_escaped_form(cell) else cell
