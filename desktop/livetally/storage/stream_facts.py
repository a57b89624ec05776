"""The streams of a period as the "what pays" report groups them, read in one query.

Cash per hour with an interval needs each stream's own figures (a bootstrap resamples
streams), not SQLite's sums: this reads the few columns it needs of every stream into
:class:`~livetally.core.what_pays.StreamFacts`, columns of whole numbers, with no object
made per stream.
"""

from __future__ import annotations

import datetime as dt

from livetally.core.what_pays import StreamFacts, stream_facts
from livetally.storage.bulk import collection_paused
from livetally.storage.ledger import Ledger, _days_between

_FACTS = (
    "SELECT id, started_at, duration_minutes, CAST(diamonds AS INTEGER), diamond_usd "
    "FROM streams WHERE {where}"
)
#: Each tagged stream's tag ids, comma-separated: the links lie in stream order already
#: (the table's key), so SQLite groups them without sorting.
_TAG_IDS = "SELECT stream_id, group_concat(tag_id) FROM stream_tags GROUP BY stream_id"


def read_stream_facts(
    ledger: Ledger, first: dt.date | None, last: dt.date | None, *, with_tags: bool = True
) -> StreamFacts:
    """The streams started on ``first``..``last`` (the creator's own clock; None: no limit),
    with their tags unless ``with_tags`` is False (grouping by anything but tag)."""
    with collection_paused():  # 100,000 rows, no cycles: see collection_paused
        return _read(ledger, first, last, with_tags)


def _read(
    ledger: Ledger, first: dt.date | None, last: dt.date | None, with_tags: bool
) -> StreamFacts:
    where, parameters = _days_between(first, last)
    connection = ledger.connection
    rows = connection.execute(_FACTS.format(where=where), parameters).fetchall()
    if not rows:
        return StreamFacts([], [], [], [], [])
    ids, starts, minutes, diamonds, rates = zip(*rows, strict=True)
    if with_tags:
        names = {
            str(key): str(name) for key, name in connection.execute("SELECT id, name FROM tags")
        }
        linked: dict[int, str] = dict(connection.execute(_TAG_IDS).fetchall())
        lists: dict[str | None, tuple[str, ...]] = {None: ()}
        for text in set(linked.values()):  # a handful of combinations, each named once
            lists[text] = tuple(names[key] for key in text.split(","))
        tags = list(map(lists.__getitem__, map(linked.get, ids)))
    else:
        tags = [()] * len(ids)
    return stream_facts(starts, minutes, diamonds, rates, tags)
