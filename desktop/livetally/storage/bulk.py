"""Work on many rows at once: what keeps an import of 100,000 streams quick."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a bulk step makes objects that live on.

    Python's collector runs after every 700 new container objects and, as they pile up,
    walks all of them again and again: reading and saving 100,000 streams spent about a
    tenth of its time there, finding nothing, since records, rows and their texts form no
    cycles. Reference counting frees everything as usual meanwhile; the collector is back
    as it was when the step ends. It is one switch for the whole process, so a step
    running on a worker thread pauses it for the window too, for those few seconds.
    """
    if not gc.isenabled():  # paused already (an outer step, or the program itself)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: The trigger that adds each inserted stream's whole diamonds to its rate's running total
#: (schema version 7, :func:`livetally.storage.schema._running_totals`).
_ADD_TRIGGER = "diamonds_added"
#: Whole diamonds of the streams in an id range, as the trigger counts each one.
_SUM_RANGE = (
    "SELECT coalesce(sum(CAST(diamonds AS INTEGER)), 0) FROM streams WHERE id BETWEEN ? AND ?"
)
_ADD_TO_TOTAL = (
    "INSERT INTO diamond_totals (diamond_usd, diamonds) VALUES (?, ?) "
    "ON CONFLICT (diamond_usd) DO UPDATE SET diamonds = diamonds + excluded.diamonds"
)
_RECOUNT_TOTAL = (
    "INSERT INTO diamond_totals (diamond_usd, diamonds) "
    "SELECT diamond_usd, sum(CAST(diamonds AS INTEGER)) FROM streams WHERE diamond_usd = ? "
    "GROUP BY diamond_usd "
    "ON CONFLICT (diamond_usd) DO UPDATE SET diamonds = excluded.diamonds"
)


def largest_stream_id(connection: sqlite3.Connection) -> int:
    """The largest id a stream has (0 when there are none): SQLite numbers new rows after it."""
    (top,) = connection.execute("SELECT coalesce(max(id), 0) FROM streams").fetchone()
    return int(top)


@contextmanager
def diamonds_totalled_once(
    connection: sqlite3.Connection, diamond_usd: str, count: int
) -> Iterator[None]:
    """Insert ``count`` new streams, all at ``diamond_usd`` (as stored), and add their
    diamonds to that rate's running total in one statement at the end, rather than through
    the trigger's upsert once per row: that was ~0.9 s of a 100,000-stream import.

    The trigger is dropped for the inserts and made again from the SQL the ledger stores for
    it, inside the caller's transaction, so a rollback puts it back with everything else.
    Should the inserts fail and the caller go on with the transaction regardless, the
    trigger is made again and the rate's total counted afresh first. The new streams are
    those after the largest id before, as SQLite numbers them; should it not have (its ids
    run out at 2**63 - 1), the rate's total is counted afresh from its streams instead.
    """
    if not connection.in_transaction:
        raise RuntimeError("diamonds_totalled_once needs the caller's transaction")
    found = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_ADD_TRIGGER,)
    ).fetchone()
    if found is None:  # not a ledger of ours as migrated: leave it to whatever it has
        yield
        return
    trigger = str(found[0])
    before = largest_stream_id(connection)
    connection.execute(f"DROP TRIGGER {_ADD_TRIGGER}")
    try:
        yield
    except BaseException:
        if connection.in_transaction:  # else SQLite rolled it all back, the drop too
            with suppress(sqlite3.Error):  # the failure itself is what the caller hears
                connection.execute(_RECOUNT_TOTAL, (diamond_usd,))
                connection.execute(trigger)
        raise
    after = largest_stream_id(connection)
    if after == before + count:
        (added,) = connection.execute(_SUM_RANGE, (before + 1, after)).fetchone()
        if count:
            connection.execute(_ADD_TO_TOTAL, (diamond_usd, int(added)))
    else:
        connection.execute(_RECOUNT_TOTAL, (diamond_usd,))
    connection.execute(trigger)
