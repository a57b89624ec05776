"""Fingerprints that number identical rows, so an import run twice adds nothing twice."""

from __future__ import annotations

import sqlite3


class Occurrences:
    """Fingerprints that tell identical rows apart by their count: ``f``, ``f#2``, ``f#3``.

    Two equal payments on one day are two rows. Numbering each content's occurrences within
    what is added, and comparing with what the ledger holds, recognises a file imported
    again (its second equal row is ``f#2`` both times) without merging the two. Putting back
    deleted rows (``renumber``) takes the lowest number still free instead.
    """

    def __init__(
        self, connection: sqlite3.Connection, table: str, present: set[str], *, renumber: bool
    ) -> None:
        self._connection = connection
        self._table = table
        self._present = present
        self._renumber = renumber
        self._seen: dict[str, int] = {}

    def fingerprint(self, base: str) -> str:
        count = self._seen.get(base, 0) + 1
        if self._renumber:
            taken = self._taken(base)
            while _numbered(base, count) in taken:
                count += 1
        self._seen[base] = count
        return _numbered(base, count)

    def _taken(self, base: str) -> set[str]:
        # '#' sorts just before '$': the range holds the base and every numbered copy.
        rows = self._connection.execute(
            f"SELECT fingerprint FROM {self._table} WHERE fingerprint >= ? AND fingerprint < ?",
            (base, f"{base}$"),
        )
        return {str(f) for (f,) in rows} | self._present


def _numbered(base: str, count: int) -> str:
    return base if count == 1 else f"{base}#{count}"
