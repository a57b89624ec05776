"""Tag and income-source names: each stored once, referred to by id."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Literal

from livetally.core.records import normalise_tag

#: The tables that hold names: a stream's tags, an income entry's source.
NameTable = Literal["tags", "sources"]


def names(connection: sqlite3.Connection, table: NameTable) -> list[str]:
    """Every name in ``table``, in the order they were first used."""
    return [str(name) for (name,) in connection.execute(f"SELECT name FROM {table} ORDER BY id")]


def names_to_ids(
    connection: sqlite3.Connection, table: NameTable, wanted_names: Iterable[str]
) -> dict[str, int]:
    """Ids for ``wanted_names`` in ``table``, adding the ones not there yet."""
    wanted = {normalise_tag(name) for name in wanted_names}
    connection.executemany(
        f"INSERT OR IGNORE INTO {table} (name) VALUES (?)", [(name,) for name in wanted]
    )
    return {
        name: int(row_id)
        for row_id, name in connection.execute(f"SELECT id, name FROM {table}")
        if name in wanted
    }
