"""TikTok archive import: 1,000 LIVEs inside ~200 MB of other sections, against the bare parser.

With no arguments: makes the archive once (cached under ``build/bench/tiktok/``), then runs
the floor and LiveTally's reader alternately, each in a fresh process started by GNU time
(for its peak RSS), and prints the medians as one BENCH-RESULT line for ``run.py``.

- floor: ``for _ in ijson.parse(member, buf_size=READ_SIZE): pass`` over the same ZIP
  member, opened the same way: the least any streaming reader of that file can do.
- import: ``livetally import tiktok ZIP`` into a fresh data home, in-process: finds the
  member, parses, skips every other section, checks the 1,000 LIVEs, plans the import
  against the ledger and writes them in one transaction with a backup first.

The ratio compares CPU time (user + system) of the measured step inside each process, not
the interpreter's start: on a machine shared with other work, CPU time moves far less
than wall time, and both sides do the same single-threaded work. Wall times are reported
too. ``floor PATH`` and ``import PATH`` are the two children.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from common import BENCH, BUILD, REPO, emit, median, read_result

LIVES = 1000
FILLER_BYTES = 200_000_000
TIME = shutil.which("time", path="/usr/bin:/bin")


def archive_path() -> Path:
    return BUILD / "tiktok" / f"export-{LIVES}-lives-{FILLER_BYTES // 1_000_000}mb.zip"


def make_archive() -> Path:
    """The benchmark's archive, written once: the test suite's fixture builder, scaled up."""
    path = archive_path()
    if path.exists():
        return path
    sys.path.insert(0, str(REPO))
    from tests.tiktok_fixtures import document, live, write_zip

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    wallet = {"Transaction History": {"TransactionsList": None}}
    doc = document([live(n) for n in range(1, LIVES + 1)], wallet=wallet)
    write_zip(partial, doc, filler=FILLER_BYTES)
    partial.replace(path)
    return path


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(kind: str, path: Path) -> None:
    import ijson

    from livetally.storage.tiktok_archive import READ_SIZE

    began_wall, began_cpu = time.perf_counter(), cpu_seconds()
    if kind == "floor":
        with zipfile.ZipFile(path) as archive:
            member = next(n for n in archive.namelist() if n.endswith("user_data_tiktok.json"))
            with archive.open(member) as stream:
                for _ in ijson.parse(stream, buf_size=READ_SIZE):
                    pass
        lives = 0
    else:
        import contextlib
        import io
        import json

        from livetally.cli import main as livetally

        out = io.StringIO()
        with tempfile.TemporaryDirectory() as home, contextlib.redirect_stdout(out):
            code = livetally(["--data-dir", home, "import", "tiktok", str(path), "--json"])
        if code != 0:
            raise RuntimeError(f"livetally import tiktok exited {code}")
        lives = json.loads(out.getvalue())["imported"]
    emit(
        {
            "wall": time.perf_counter() - began_wall,
            "cpu": cpu_seconds() - began_cpu,
            "lives": lives,
            "backend": ijson.backend,
        }
    )


def launch(kind: str, path: Path) -> dict[str, Any]:
    """One child run to its end: its own figures and its peak RSS (MB) from GNU time."""
    command = [sys.executable, str(BENCH / "tiktok_import.py"), kind, str(path)]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        if TIME:
            command = [TIME, "-f", "%M", "-o", report.name, *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{kind} failed ({done.returncode}): {done.stderr[-2000:]}")
        result = read_result(done.stdout)
        peak = report.read().split()
    result["peak_mb"] = int(peak[-1]) / 1024 if peak else float("nan")
    return result


def measure(runs: int) -> dict[str, Any]:
    path = make_archive()
    launch("import", path)  # warms the disk cache and the byte-compiled modules
    floors, reads = [], []
    for _ in range(runs):
        floors.append(launch("floor", path))
        reads.append(launch("import", path))
    assert all(run["lives"] == LIVES for run in reads), reads
    figures = {
        "tiktok_import_s": median([run["cpu"] for run in reads]),
        "tiktok_floor_s": median([run["cpu"] for run in floors]),
        "tiktok_import_wall_s": median([run["wall"] for run in reads]),
        "tiktok_floor_wall_s": median([run["wall"] for run in floors]),
        "tiktok_import_peak_mb": max(run["peak_mb"] for run in reads),
        "tiktok_floor_peak_mb": max(run["peak_mb"] for run in floors),
        "tiktok_json_mb": zipfile.ZipFile(path).infolist()[0].file_size / 1e6,
        "tiktok_backend": reads[0]["backend"],
    }
    figures["tiktok_import_ratio"] = figures["tiktok_import_s"] / figures["tiktok_floor_s"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", nargs="?", choices=["floor", "import"])
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.kind:
        child(args.kind, args.path)
    else:
        emit(measure(args.runs))


if __name__ == "__main__":
    main()
