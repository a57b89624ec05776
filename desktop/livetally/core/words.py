"""Counts with their nouns, as people read them: ``1 diamond``, ``2 diamonds``.

Every view (window, command line, reports) says a count with its noun through here, so
"1 diamonds" cannot come back in one place while it is fixed in another.
"""

from __future__ import annotations


def noun(count: int, singular: str, plural: str | None = None) -> str:
    """``singular`` for exactly one, else ``plural`` (by default ``singular`` + "s")."""
    if count == 1:
        return singular
    return plural if plural is not None else f"{singular}s"


def counted(count: int, singular: str, plural: str | None = None, *, shown: str = "") -> str:
    """``1 diamond``, ``1,000 diamonds``, ``2 income entries``.

    ``shown`` is the number as the caller lays it out (a locale's digit grouping); by
    default it is grouped with commas, as the command line prints numbers.
    """
    return f"{shown or f'{count:,}'} {noun(count, singular, plural)}"


#: What one record of each kind (as commands and files name the kinds) is called, singular
#: and plural: ``1 stream``, ``2 income entries``.
RECORD_NOUNS: dict[str, tuple[str, str]] = {
    "streams": ("stream", "streams"),
    "income": ("income entry", "income entries"),
}
