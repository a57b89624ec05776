"""Helpers shared by the benchmark scripts: data homes, floors, timing, peak memory."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BUILD = REPO / "build" / "bench"
sys.path.insert(0, str(BENCH))

#: The columns the stream log shows, as the ledger stores them (the floor fetches these).
STREAM_SELECT = (
    "SELECT s.id, started_at, duration_minutes, coins, diamonds, diamonds_entered, likes, "
    "peak_viewers, new_followers, notes, country, coin_usd, diamonds_per_coin, diamond_usd, "
    "sample FROM streams s"
)
TAG_SELECT = (
    "SELECT st.stream_id, t.name FROM stream_tags st JOIN tags t ON t.id = st.tag_id "
    "ORDER BY st.stream_id, st.position"
)
NOTES = 9  # index of the notes column in STREAM_SELECT
FILTER_WORD = "rainy"


def median(values: list[float]) -> float:
    return statistics.median(values)


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The median wall time of ``runs`` calls of ``work`` (seconds)."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return median(times)


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def database(home: Path) -> Path:
    return home / "livetally.sqlite3"


# -- floors: the fastest plain program doing the same work -----------------------------------


def floor_fetch(home: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Plain sqlite3: every stream (start order) and its tags, into tuples."""
    connection = sqlite3.connect(database(home))
    try:
        rows = connection.execute(f"{STREAM_SELECT} ORDER BY started_utc, s.id").fetchall()
        tags = connection.execute(TAG_SELECT).fetchall()
    finally:
        connection.close()
    return rows, tags


def floor_sorted_by_cash(home: Path) -> list[tuple[Any, ...]]:
    """The same query ordered by cash (diamonds x diamond_usd), largest first."""
    connection = sqlite3.connect(database(home))
    try:
        return connection.execute(
            f"{STREAM_SELECT} ORDER BY s.diamonds * s.diamond_usd DESC"
        ).fetchall()
    finally:
        connection.close()


def floor_filter(rows: list[tuple[Any, ...]], word: str = FILTER_WORD) -> list[tuple[Any, ...]]:
    """A Python substring test over the fetched tuples."""
    return [row for row in rows if word in row[NOTES]]


def floor_monthly(home: Path) -> list[tuple[Any, ...]]:
    """One GROUP BY query: LIVE cash and every income source per month."""
    connection = sqlite3.connect(database(home))
    try:
        return connection.execute(
            "SELECT month, source, sum(amount) FROM ("
            " SELECT substr(started_at, 1, 7) AS month, 'live_gifts' AS source,"
            "  diamonds * diamond_usd AS amount FROM streams"
            " UNION ALL"
            " SELECT substr(date, 1, 7), source_id, amount FROM income"
            ") GROUP BY month, source"
        ).fetchall()
    finally:
        connection.close()


def floor_import(csv_path: Path, target: Path) -> float:
    """csv.reader and one executemany into a table identical to the ledger's streams table."""
    from livetally.storage.schema import _V1

    target.unlink(missing_ok=True)
    connection = sqlite3.connect(target)
    connection.isolation_level = None
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    create = [s for s in _V1.split(";") if "TABLE streams" in s or "streams_by_start" in s]
    for statement in create:
        connection.execute(statement)
    connection.execute("ALTER TABLE streams ADD COLUMN sample INTEGER NOT NULL DEFAULT 0")
    began = time.perf_counter()
    with csv_path.open(encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        next(reader)
        rows = [
            (r[0], r[0], r[1] or None, r[2], r[3] or r[2], int(bool(r[3])), r[4] or None,
             r[5] or None, r[6] or None, r[8], "US", "0.01", "0.1", "0.05", str(n), "now")
            for n, r in enumerate(reader)
        ]  # fmt: skip
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO streams (started_at, started_utc, duration_minutes, coins, diamonds, "
        "diamonds_entered, likes, peak_viewers, new_followers, notes, country, coin_usd, "
        "diamonds_per_coin, diamond_usd, fingerprint, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - began
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return elapsed


# -- data homes ------------------------------------------------------------------------------


def make_home(home: Path, streams_csv: Path | None, income_csv: Path | None) -> Path:
    """A data home holding the given CSV files, imported the way LiveTally imports them."""
    import shutil

    from livetally.datahome import prepare_data_home, resolve_data_home
    from livetally.settings.document import SettingsFile
    from livetally.storage.csv_read import read_income_csv, read_streams_csv
    from livetally.storage.ledger import Ledger

    shutil.rmtree(home, ignore_errors=True)
    prepared = prepare_data_home(resolve_data_home(home))
    settings = SettingsFile.load(prepared.settings_path).settings
    with Ledger.open(prepared.database_path, prepared.backups_dir) as ledger:
        if streams_csv is not None:
            ledger.import_streams(read_streams_csv(streams_csv), settings.profile())
        if income_csv is not None:
            known = set(settings.exchange_rates)
            ledger.import_income(read_income_csv(income_csv, known_currencies=known))
    return home


def forget_window_state(home: Path) -> None:
    """Each run starts from the default layout, not what the previous run left."""
    (home / "window.ini").unlink(missing_ok=True)


# -- child processes -------------------------------------------------------------------------


def emit(result: dict[str, Any]) -> None:
    """A child's result: one JSON line on stdout, prefixed so Qt's chatter is ignored."""
    print("BENCH-RESULT " + json.dumps(result), flush=True)


def read_result(stdout: str) -> dict[str, Any]:
    for line in stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return dict(json.loads(line[len("BENCH-RESULT ") :]))
    raise RuntimeError(f"the benchmark child printed no result:\n{stdout[-2000:]}")


@contextmanager
def qt_env() -> Iterator[None]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    yield
