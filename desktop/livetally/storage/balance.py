"""The diamond balance worked out from the ledger's tables, now or as it stood on a day.

``Ledger.balance`` keeps the answer for as long as nothing changes; a forecast asks for the
balance as of its ``--as-of`` day, so that a forecast of a past day stays what it was when
later streams and payouts are added.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

from livetally.core.payout import Balance


class BalanceCache:
    """The ledger's balance, worked out again only when the ledger has changed since (on
    this connection or, committed, on any other): the window asks on every change, from
    several places."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._kept: tuple[tuple[int, int], Balance] | None = None

    def get(self) -> Balance:
        stamp = self._change_stamp()
        if self._kept is not None and self._kept[0] == stamp:
            return self._kept[1]
        balance = balance_until(self._connection)
        if not self._connection.in_transaction:  # a rollback would not change the stamp
            self._kept = (stamp, balance)
        return balance

    def forget(self) -> None:
        """Work it out afresh next time: for changes that do not count as this connection's
        (a restore copies a whole file into it)."""
        self._kept = None

    def _change_stamp(self) -> tuple[int, int]:
        """Changes whenever the ledger's content may have: rows changed by this connection,
        or a commit by another one."""
        (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        return self._connection.total_changes, int(version)


def balance_until(connection: sqlite3.Connection, last: dt.date | None = None) -> Balance:
    """Diamonds credited minus diamonds cashed out, and their worth (see :class:`Balance`),
    counting the streams started (by the creator's own clock) and the payouts dated on or
    before ``last``; everything when ``last`` is None."""
    streams_until, payouts_until, parameters = "1", "1", []
    if last is not None:
        streams_until, payouts_until = "substr(started_at, 1, 10) <= ?", "date <= ?"
        parameters = [last.isoformat()]
    (paid,) = connection.execute(
        f"SELECT coalesce(sum(diamonds), 0) FROM payouts WHERE {payouts_until}", parameters
    ).fetchone()
    if last is None or _nothing_after(connection, last):
        # Every stream counts: the totals the triggers keep (schema version 7), one row
        # per diamond rate, rather than a pass over every stream.
        rows = connection.execute("SELECT diamond_usd, diamonds FROM diamond_totals").fetchall()
    else:
        rows = connection.execute(
            "SELECT diamond_usd, sum(CAST(diamonds AS INTEGER)) FROM streams "
            f"WHERE {streams_until} GROUP BY diamond_usd",
            parameters,
        ).fetchall()
    earned = sum(int(total) for _, total in rows)
    worth = sum((Decimal(rate) * int(total) for rate, total in rows), Decimal(0))
    cashed_out = worth_of_oldest(connection, int(paid), streams_until, parameters)
    return Balance(earned - int(paid), worth - cashed_out)


def _nothing_after(connection: sqlite3.Connection, last: dt.date) -> bool:
    """Whether no stream can have started after ``last`` by its own clock: the latest start
    (from the index, in UTC) is more than a day before it, further than any UTC offset."""
    (latest,) = connection.execute("SELECT max(started_utc) FROM streams").fetchone()
    return latest is None or latest[:10] < (last - dt.timedelta(days=1)).isoformat()


def worth_of_oldest(
    connection: sqlite3.Connection,
    diamonds: int,
    where: str = "1",
    parameters: list[str] | None = None,
) -> Decimal:
    """What the first ``diamonds`` diamonds credited were worth, taken from the oldest streams
    first (each at its own rate): the worth a payout took out. Reads only as many streams, in
    start order, as the payouts reached: nothing at all before the first payout."""
    if diamonds <= 0:
        return Decimal(0)
    left, worth = diamonds, Decimal(0)
    rates: dict[str, Decimal] = {}
    cursor = connection.execute(
        "SELECT CAST(diamonds AS INTEGER), diamond_usd FROM streams "
        f"WHERE {where} ORDER BY started_utc, id",
        parameters or [],
    )
    while left > 0 and (chunk := cursor.fetchmany(2000)):
        for credited, rate_text in chunk:
            taken = min(int(credited), left)
            if taken:
                rate = rates.get(rate_text) or rates.setdefault(rate_text, Decimal(rate_text))
                worth += taken * rate
                left -= taken
                if not left:
                    break
    return worth
