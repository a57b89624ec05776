"""Start-up time of two programs, measured alternately: A B A B ..., medians in milliseconds.

    python packaging/startup.py --runs 7 -- dist/livetally/livetally --quit-after-show \\
        --data-dir /tmp/home -- build/bare-window-dist/bare-window/bare-window --quit-after-show

Each run is a fresh process from launch until it exits; both programs close their window
on the turn of the event loop after it is first drawn (``--quit-after-show``; LiveTally
once the tab it opens on is built and drawn), so the time is launch to a drawn window plus
each one's teardown. One untimed
warm-up run of each comes first (file cache, first-run set-up of a data home). Run it on
the display you mean to measure (``xvfb-run -a``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Timing:
    a_ms: list[float]
    b_ms: list[float]

    @property
    def a_median(self) -> float:
        return statistics.median(self.a_ms)

    @property
    def b_median(self) -> float:
        return statistics.median(self.b_ms)

    @property
    def ratio(self) -> float:
        return self.a_median / self.b_median


def run_once(command: Sequence[str], timeout: float = 60) -> float:
    """Milliseconds from launch to exit; raises if the program fails."""
    start = time.perf_counter()
    done = subprocess.run(list(command), capture_output=True, timeout=timeout)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        output = (done.stderr or done.stdout).decode(errors="replace").strip()
        raise RuntimeError(f"{command[0]} exited {done.returncode}: {output[-800:]}")
    return elapsed


def measure(a: Sequence[str], b: Sequence[str], runs: int = 7) -> Timing:
    run_once(a)
    run_once(b)
    timing = Timing([], [])
    for _ in range(runs):
        timing.a_ms.append(run_once(a))
        timing.b_ms.append(run_once(b))
    return timing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the timings to this file")
    parser.add_argument("commands", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    words = list(args.commands)
    if words[:1] == ["--"]:
        words = words[1:]
    if "--" not in words:
        parser.error("give two commands separated by --")
    split = words.index("--")
    timing = measure(words[:split], words[split + 1 :], args.runs)
    if args.json:
        figures = {"a_ms": timing.a_ms, "b_ms": timing.b_ms, "ratio": timing.ratio}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"A: median {timing.a_median:.0f} ms  {[round(t) for t in timing.a_ms]}")
    print(f"B: median {timing.b_median:.0f} ms  {[round(t) for t in timing.b_ms]}")
    print(f"A/B: {timing.ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
