"""What a forecast reads from the ledger: a few index-backed queries, never every stream.

Streams are read for the days a forecast needs (the 90-day pace and the months it projects)
through the ``started_utc`` index; a stream's own day is that of its local start time,
which lies within a day of its UTC one. Other income comes through the index on its date.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from decimal import Decimal

from livetally.core.forecast import Forecast, LedgerHistory, forecast, reading_starts
from livetally.core.payout import Balance
from livetally.core.rates import ExchangeRates, RateProfile
from livetally.storage.balance import balance_until
from livetally.storage.ledger import Ledger

_ONE_DAY = dt.timedelta(days=1)


def forecast_as_of(
    ledger: Ledger, as_of: dt.date, profile: RateProfile, rates: ExchangeRates, currency: str
) -> Forecast:
    """The forecast (:func:`livetally.core.forecast.forecast`) of ``ledger`` as of ``as_of``:
    what ``livetally forecast``, ``livetally goal`` and the window show."""
    history = read_history(ledger.connection, as_of)
    return forecast(history, balance_as_of(ledger, as_of), profile, rates, currency)


def read_history(
    connection: sqlite3.Connection, as_of: dt.date, months: Sequence[dt.date] = ()
) -> LedgerHistory:
    """Everything a forecast as of ``as_of`` reads (see :func:`reading_starts`), projecting
    ``months`` (their first days) as well as the as-of month and the next."""
    live_since, income_since = reading_starts(as_of, months)
    where, parameters = _local_days(live_since, as_of)
    live_rows = connection.execute(
        "SELECT substr(started_at, 1, 10) AS day, diamond_usd, sum(CAST(diamonds AS INTEGER)) "
        f"FROM streams WHERE {where} GROUP BY day, diamond_usd",
        parameters,
    )
    rates: dict[str, Decimal] = {}
    live = [
        (dt.date.fromisoformat(day), rates.get(rate) or rates.setdefault(rate, Decimal(rate)),
         int(diamonds))
        for day, rate, diamonds in live_rows
    ]  # fmt: skip
    income_rows = connection.execute(
        "SELECT i.date, s.name, i.amount, i.currency FROM income i "
        "JOIN sources s ON s.id = i.source_id WHERE i.date >= ? AND i.date <= ?",
        (income_since.isoformat(), as_of.isoformat()),
    )
    days: dict[str, dt.date] = {}
    income = []
    first_income: dict[str, dt.date] = {}
    for date, source, amount, currency in income_rows:
        day = days.get(date) or days.setdefault(date, dt.date.fromisoformat(date))
        income.append((day, str(source), Decimal(amount), str(currency)))
        if day < first_income.get(source, dt.date.max):
            first_income[source] = day
    # A source's first entry before the rows read, if it has one: the date index finds it
    # at once, where a minimum per source over the whole table read every entry.
    for source, first in connection.execute(
        "SELECT s.name, (SELECT min(i.date) FROM income i WHERE i.source_id = s.id "
        "AND i.date < ?) AS first FROM sources s WHERE first IS NOT NULL",
        (income_since.isoformat(),),
    ):
        first_income[str(source)] = dt.date.fromisoformat(first)
    return LedgerHistory(as_of, live, income, _first_stream(connection, as_of), first_income)


def balance_as_of(ledger: Ledger, as_of: dt.date) -> Balance:
    """The balance as it stood at the end of ``as_of``: the ledger's own (worked out once
    per change) unless a stream or payout is dated after that day."""
    where, parameters = _local_days(as_of + _ONE_DAY, None)
    later = ledger.connection.execute(
        f"SELECT EXISTS (SELECT 1 FROM streams WHERE {where}) "
        "OR EXISTS (SELECT 1 FROM payouts WHERE date > ?)",
        [*parameters, as_of.isoformat()],
    ).fetchone()[0]
    return balance_until(ledger.connection, as_of) if later else ledger.balance()


def _first_stream(connection: sqlite3.Connection, as_of: dt.date) -> dt.date | None:
    """The local day of the first stream, if it is not after ``as_of``: among the streams
    of the first two UTC days (a local day is within one of the UTC one)."""
    (first_utc,) = connection.execute("SELECT min(started_utc) FROM streams").fetchone()
    if first_utc is None:
        return None
    try:
        bound = (dt.date.fromisoformat(first_utc[:10]) + 2 * _ONE_DAY).isoformat()
    except (ValueError, OverflowError):  # a key of a year before 1000: read them all
        bound = "A"  # after every digit
    (first,) = connection.execute(
        "SELECT min(substr(started_at, 1, 10)) FROM streams WHERE started_utc < ?", (bound,)
    ).fetchone()
    day = dt.date.fromisoformat(first)
    return day if day <= as_of else None


def _local_days(first: dt.date, last: dt.date | None) -> tuple[str, list[str]]:
    """A WHERE clause for streams started on ``first``..``last`` by their own clock, with a
    range of ``started_utc`` around it that SQLite finds in its index."""
    clauses = ["substr(started_at, 1, 10) >= ?"]
    parameters = [first.isoformat()]
    if last is not None:
        clauses.append("substr(started_at, 1, 10) <= ?")
        parameters.append(last.isoformat())
    try:
        low = first - _ONE_DAY
        high = None if last is None else last + 2 * _ONE_DAY
    except OverflowError:
        return " AND ".join(clauses), parameters
    if low.year < 1000:  # keys of earlier years are written another way: no range then
        return " AND ".join(clauses), parameters
    clauses.append("started_utc >= ?")
    parameters.append(low.isoformat())
    if high is not None:
        clauses.append("started_utc < ?")
        parameters.append(high.isoformat())
    return " AND ".join(clauses), parameters
