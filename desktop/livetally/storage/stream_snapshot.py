"""Every stream as a plain row, read in steps from one consistent snapshot.

For a window that shows 100,000 streams: no object is made per stream, and reading in
steps lets the caller keep its event loop turning in between.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator
from pathlib import Path
from typing import Any, NamedTuple

from livetally.core.stream_fields import DETAIL_NAMES

#: The columns of :func:`read_stream_rows`, in order. ``rates`` is the stream's country,
#: coin_usd, diamonds_per_coin and diamond_usd in one text, joined by :data:`RATES_SEPARATOR`
#: (a handful of distinct texts for a whole ledger, where four columns would make four
#: texts per stream).
STREAM_ROW = (
    "id",
    "started_at",
    "started_utc",
    "duration_minutes",
    "coins",
    "diamonds",
    "diamonds_entered",
    *DETAIL_NAMES,
    "notes",
    "origin",
    "rates",
    "sample",
)
RATES_SEPARATOR = "\x1f"
_STREAM_ROWS = (
    f"SELECT {', '.join(STREAM_ROW[:-2])}, "
    "country || char(31) || coin_usd || char(31) || diamonds_per_coin || char(31) || diamond_usd, "
    "sample FROM streams ORDER BY started_utc, id"
)
_TAG_NAMES = "SELECT id, name FROM tags"
# Every stream's tags with their positions, in the table's own key order (no sort).
_STREAM_TAGS = "SELECT stream_id, position, tag_id FROM stream_tags"


class StreamRowStep(NamedTuple):
    """One step of :func:`read_stream_rows`: rows (see :data:`STREAM_ROW`) and, for each,
    its tags as one text (the names, comma-separated in the order given; None: no tags)."""

    rows: list[tuple[Any, ...]]
    tags: list[str | None]


def read_stream_rows(path: Path, size: int = 5000) -> Generator[StreamRowStep, None, None]:
    """Every stream of the ledger at ``path`` as a plain row, oldest first, ``size`` at a time.

    The first steps read every stream's tags (giving no rows), the others give up to
    ``size`` rows each.

    The rows come from a read-only connection of their own, in one read transaction:
    one consistent snapshot however long the caller takes between steps, while writes
    go on. Close the generator (or read it to the end) to release it.
    """
    reader = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    reader.isolation_level = None
    try:
        reader.execute("BEGIN")
        names = {row_id: str(name) for row_id, name in reader.execute(_TAG_NAMES)}
        # The links in key order, read as they lie (no sort: sorting them all by
        # position took SQLite a twentieth of a second before the first step).
        links: dict[int, list[tuple[int, int]]] = {}
        linked_rows = reader.execute(_STREAM_TAGS)
        while linked := linked_rows.fetchmany(size):
            for stream_id, position, tag_id in linked:
                found = links.get(stream_id)
                if found is None:
                    links[stream_id] = [(position, tag_id)]
                else:
                    found.append((position, tag_id))
            yield StreamRowStep([], [])
        texts: dict[tuple[tuple[int, int], ...], str] = {}

        def tags_of(stream_id: int) -> str | None:
            found = links.get(stream_id)
            if found is None:
                return None
            key = tuple(sorted(found)) if len(found) > 1 else tuple(found)
            text = texts.get(key)
            if text is None:
                text = texts[key] = ",".join(names[tag_id] for _, tag_id in key)
            return text

        cursor = reader.execute(_STREAM_ROWS)
        while chunk := cursor.fetchmany(size):
            yield StreamRowStep(chunk, [tags_of(row[0]) for row in chunk])
    finally:
        reader.close()
