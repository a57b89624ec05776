"""A process killed in the middle of an import leaves the ledger whole: all of it or none."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from livetally.core.records import StreamRecord
from livetally.storage.csv_write import write_streams_csv
from livetally.storage.ledger import Ledger

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

ROWS = 20_000

_IMPORTER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from livetally.core.rates import RateProfile
    from livetally.storage.csv_read import read_streams_csv
    from livetally.storage.ledger import Ledger

    home = Path(sys.argv[1])
    records = read_streams_csv(Path(sys.argv[2]))
    pause = float(sys.argv[3])

    def progress(done, total):
        print("PROGRESS", done, total, flush=True)
        time.sleep(pause)

    with Ledger.open(home / "livetally.sqlite3", home / "backups") as ledger:
        ledger.import_streams(records, RateProfile("US", "United States", "USD"), progress)
    print("DONE", flush=True)
    """
)


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "streams.csv"
    records = (
        StreamRecord(
            started_at=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00+00:00",
            coins=i,
            tags=("qa",) if i % 2 else ("collab", "chat"),
            notes=f"stream {i}",
        )
        for i in range(ROWS)
    )
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_streams_csv(records, stream)
    return path


def _start_import(home: Path, csv_file: Path, pause: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, str(home), str(csv_file), str(pause)],
        stdout=subprocess.PIPE,
        text=True,
    )


def _check(home: Path) -> int:
    """The ledger passes integrity_check; returns how many streams it holds."""
    connection = sqlite3.connect(home / "livetally.sqlite3")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        (count,) = connection.execute("SELECT count(*) FROM streams").fetchone()
        (links,) = connection.execute("SELECT count(*) FROM stream_tags").fetchone()
        assert links == (0 if count == 0 else ROWS * 3 // 2)
        return int(count)
    finally:
        connection.close()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    Ledger.open(folder / "livetally.sqlite3", folder / "backups").close()  # an existing ledger
    return folder


def test_killed_midway_leaves_nothing_and_the_next_import_works(home: Path, tmp_path: Path) -> None:
    csv_file = _csv(tmp_path)
    child = _start_import(home, csv_file, pause=0.5)
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first.startswith("PROGRESS"), first  # inside the import's transaction now
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert _check(home) == 0
    finished = _start_import(home, csv_file, pause=0)  # the lock died with the process
    out, _ = finished.communicate(timeout=120)
    assert out.splitlines()[-1] == "DONE"
    assert _check(home) == ROWS


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8, 1.5])
def test_killed_at_any_moment_the_import_is_whole_or_absent(
    home: Path, tmp_path: Path, delay: float
) -> None:
    child = _start_import(home, _csv(tmp_path), pause=0.01)
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert _check(home) in (0, ROWS)
