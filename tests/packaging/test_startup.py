"""The start-up timer runs the two programs alternately and takes medians."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import load

startup = load("startup.py")


def test_runs_alternate_after_one_warm_up_each(tmp_path: Path) -> None:
    log = tmp_path / "order"

    def command(letter: str) -> list[str]:
        code = f"open({str(log)!r}, 'a').write({letter!r})"
        return [sys.executable, "-c", code]

    timing = startup.measure(command("A"), command("B"), runs=5)
    assert log.read_text() == "AB" + "AB" * 5
    assert len(timing.a_ms) == len(timing.b_ms) == 5
    assert timing.ratio == pytest.approx(timing.a_median / timing.b_median)


def test_a_failing_program_is_reported() -> None:
    with pytest.raises(RuntimeError, match="exited 3"):
        startup.run_once([sys.executable, "-c", "raise SystemExit(3)"])
