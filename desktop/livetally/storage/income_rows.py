"""The ledger's income entries: writing them (with fingerprints) and reading them back.

:class:`IncomeRows` is the part of :class:`~livetally.storage.ledger.Ledger` that owns the
``income`` table over the ledger's one connection; the ledger wraps each change in its
transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from decimal import Decimal

from livetally.core.money import plain_decimal
from livetally.core.records import IncomeRecord, LoggedIncome, logged_income, normalise_tag
from livetally.storage.bulk import collection_paused
from livetally.storage.errors import DuplicateError, LedgerError
from livetally.storage.names import names_to_ids
from livetally.storage.occurrences import Occurrences
from livetally.storage.row_values import CHUNK, Progress, marks, now_stamp

_COLUMNS = "date, source_id, amount, currency, description, fingerprint, created_at, sample"


class IncomeRows:
    """The income entries of one ledger connection: typed queries, and inserts for the
    ledger's transactions."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    # -- reading -----------------------------------------------------------------------------

    def all(self) -> list[LoggedIncome]:
        """Every entry, by date (then in the order logged)."""
        return self._read("1", ())

    def one(self, income_id: int) -> LoggedIncome:
        found = self._read("i.id = ?", (income_id,))
        if not found:
            raise LedgerError(f"income entry {income_id} is not in the ledger")
        return found[0]

    def between(self, first: dt.date | None, last: dt.date | None) -> list[LoggedIncome]:
        """Entries dated ``first``..``last``; None: no limit on that side."""
        clauses, parameters = [], []
        if first is not None:
            clauses.append("i.date >= ?")
            parameters.append(first.isoformat())
        if last is not None:
            clauses.append("i.date <= ?")
            parameters.append(last.isoformat())
        return self._read(" AND ".join(clauses) or "1", parameters)

    def sample(self) -> list[LoggedIncome]:
        """The sample entries a newcomer was given."""
        return self._read("i.sample = 1", ())

    def _read(self, where: str, parameters: Sequence[object]) -> list[LoggedIncome]:
        """Entries matching ``where`` (SQL of this module only), by date."""
        rows = self._connection.execute(
            "SELECT i.id, i.date, s.name, i.amount, i.currency, i.description, i.sample "
            "FROM income i "
            f"JOIN sources s ON s.id = i.source_id WHERE {where} ORDER BY i.date, i.id",
            parameters,
        )
        days: dict[str, dt.date] = {}  # entries share days: each is parsed once
        entries = []
        with collection_paused():  # thousands of objects that live on, and no garbage
            for row_id, date, source, amount, currency, description, sample in rows:
                day = days.get(date)
                if day is None:
                    day = days[date] = dt.date.fromisoformat(date)
                entries.append(
                    logged_income(
                        row_id, day, source, Decimal(amount), currency, description, bool(sample)
                    )
                )
        return entries

    # -- writing (inside the ledger's transaction) ------------------------------------------

    def delete(self, income_id: int) -> None:
        self._connection.execute("DELETE FROM income WHERE id = ?", (income_id,))

    def insert(
        self,
        records: Sequence[IncomeRecord],
        *,
        skip_present: bool,
        progress: Progress | None = None,
        sample: bool = False,
        ids: Sequence[int] | None = None,
    ) -> list[int]:
        """Insert ``records`` (with ``ids`` when given); with ``skip_present``, those already
        in the ledger are left out. Returns the new ids."""
        # Imported here, as for streams: only writing needs hashlib.
        from livetally.storage.fingerprint import income_fingerprint

        connection = self._connection
        present: set[str] = set()
        if skip_present:
            present = {f for (f,) in connection.execute("SELECT fingerprint FROM income")}
        source_ids = names_to_ids(connection, "sources", {record.source for record in records})
        now = now_stamp()
        rows: list[tuple[object, ...]] = []
        occurrences = Occurrences(connection, "income", present, renumber=ids is not None)
        for record in records:
            fingerprint = occurrences.fingerprint(income_fingerprint(record))
            if fingerprint in present:
                continue
            present.add(fingerprint)
            rows.append(
                (
                    record.date.isoformat(),
                    source_ids[normalise_tag(record.source)],
                    plain_decimal(record.amount),
                    record.currency,
                    record.description,
                    fingerprint,
                    now,
                    int(sample),
                )
            )
        first_new_id = (
            int(connection.execute("SELECT coalesce(max(id), 0) FROM income").fetchone()[0]) + 1
        )
        statement = f"INSERT INTO income ({_COLUMNS}) VALUES ({marks(8)})"
        if ids is not None:
            rows = [(income_id, *row) for income_id, row in zip(ids, rows, strict=True)]
            statement = f"INSERT INTO income (id, {_COLUMNS}) VALUES ({marks(9)})"
        if progress is not None:
            progress(0, len(rows))
        try:
            for start in range(0, len(rows), CHUNK):
                connection.executemany(statement, rows[start : start + CHUNK])
                if progress is not None:
                    progress(min(start + CHUNK, len(rows)), len(rows))
        except sqlite3.IntegrityError as error:
            if "fingerprint" in str(error):
                raise DuplicateError("this income entry is already in the ledger") from None
            raise
        if ids is not None:
            return list(ids)
        return [
            r[0]
            for r in connection.execute(
                "SELECT id FROM income WHERE id >= ? ORDER BY id", (first_new_id,)
            )
        ]
