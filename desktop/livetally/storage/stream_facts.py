"""The streams of a period as the "what pays" report groups them, read in one query.

Cash per hour with an interval needs each stream's own figures (a bootstrap resamples
streams), not SQLite's sums: this reads the few columns it needs of every stream into
:class:`~livetally.core.what_pays.StreamFacts`, columns of whole numbers, with no object
made per stream.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Collection

from livetally.core.stream_facts import StreamFacts, stream_facts
from livetally.core.what_pays import Dimension
from livetally.storage.bulk import collection_paused
from livetally.storage.day_totals import days_between
from livetally.storage.ledger import Ledger

#: Each stream's minutes, whole diamonds and diamond rate; and its id (to find its tags)
#: and start (its weekday and hour) when the grouping needs them.
_FACTS = "SELECT {extra}duration_minutes, CAST(diamonds AS INTEGER), diamond_usd FROM streams"
#: Each tagged stream's tag ids, comma-separated: the links lie in stream order already
#: (the table's key), so SQLite groups them without sorting.
_TAG_IDS = "SELECT stream_id, group_concat(tag_id) FROM stream_tags GROUP BY stream_id"
#: What each grouping needs besides minutes and cash.
_NEEDS = {
    Dimension.TAG: ("id",),
    Dimension.WEEKDAY: ("started_at",),
    Dimension.HOUR: ("started_at",),
    Dimension.WEEKDAY_HOUR: ("started_at",),
    Dimension.LENGTH: (),
}


def read_stream_facts(
    ledger: Ledger,
    first: dt.date | None,
    last: dt.date | None,
    dimensions: Collection[Dimension] = tuple(Dimension),
) -> StreamFacts:
    """The streams started on ``first``..``last`` (the creator's own clock; None: no limit),
    with what grouping by each of ``dimensions`` needs (start times, tags) and no more."""
    with collection_paused():  # 100,000 rows, no cycles: see collection_paused
        return _read(ledger, first, last, {n for d in dimensions for n in _NEEDS[d]})


def _read(
    ledger: Ledger, first: dt.date | None, last: dt.date | None, needs: set[str]
) -> StreamFacts:
    where, parameters = days_between(first, last)
    connection = ledger.connection
    extra = [name for name in ("id", "started_at") if name in needs]
    query = _FACTS.format(extra="".join(f"{name}, " for name in extra)) + f" WHERE {where}"
    rows = connection.execute(query, parameters).fetchall()
    if not rows:
        return StreamFacts([], [], [], [], [])
    # One C loop per column (itemgetter), quicker than transposing the rows with zip(*rows).
    fields = [*extra, "minutes", "diamonds", "rates"]
    columns = {name: list(map(operator.itemgetter(i), rows)) for i, name in enumerate(fields)}
    tags = None
    if "id" in needs:
        tag_names = {
            str(key): str(name) for key, name in connection.execute("SELECT id, name FROM tags")
        }
        linked: dict[int, str] = dict(connection.execute(_TAG_IDS).fetchall())
        lists: dict[str | None, tuple[str, ...]] = {None: ()}
        for text in set(linked.values()):  # a handful of combinations, each named once
            lists[text] = tuple(tag_names[key] for key in text.split(","))
        tags = list(map(lists.__getitem__, map(linked.get, columns["id"])))
    return stream_facts(
        columns.get("started_at"), columns["minutes"], columns["diamonds"], columns["rates"], tags
    )
