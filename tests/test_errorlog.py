"""The error log: where it lives, what an entry holds, and that it never grows past ~1 MB."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from livetally import errorlog
from livetally.errorlog import ENTRY_START, MAX_BYTES, log_path, record_error, trim_log


def raised(message: str) -> tuple[type[BaseException], BaseException, object]:
    def inner() -> None:
        raise ValueError(message)

    try:
        inner()
    except ValueError:
        kind, exc, tb = sys.exc_info()
        assert kind is not None
        assert exc is not None
        return kind, exc, tb
    raise AssertionError("not raised")


def record(home: Path, message: str) -> str:
    kind, exc, tb = raised(message)
    return record_error(home, kind, exc, tb)  # type: ignore[arg-type]


def test_the_log_is_in_the_data_home(tmp_path: Path) -> None:
    assert tmp_path / "livetally.log" == log_path(tmp_path)


def test_an_entry_has_the_time_versions_and_traceback(tmp_path: Path) -> None:
    details = record(tmp_path / "new-home", "the rate is missing")
    text = log_path(tmp_path / "new-home").read_text(encoding="utf-8")
    assert details + "\n" == text
    header, versions, *rest = details.splitlines()
    assert header.startswith(f"{ENTRY_START}0.")
    assert " error at 20" in header
    assert versions.startswith("Python 3.")
    assert "Traceback (most recent call last):" == rest[0]
    assert any("in inner" in line for line in rest)
    assert "ValueError: the rate is missing" == rest[-1]


def test_entries_are_appended(tmp_path: Path) -> None:
    record(tmp_path, "first")
    record(tmp_path, "second")
    text = log_path(tmp_path).read_text(encoding="utf-8")
    assert 2 == text.count(ENTRY_START)
    assert text.index("first") < text.index("second")


def test_a_log_past_the_limit_keeps_its_newest_whole_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(errorlog, "MAX_BYTES", 20_000)
    monkeypatch.setattr(errorlog, "KEEP_BYTES", 10_000)
    for number in range(200):
        record(tmp_path, f"error number {number}")
        assert log_path(tmp_path).stat().st_size <= 20_000
    text = log_path(tmp_path).read_text(encoding="utf-8")
    assert text.startswith(ENTRY_START)  # cut at an entry, not mid-traceback
    assert "error number 199" in text
    assert "error number 0\n" not in text


def test_the_real_limit_is_about_a_megabyte(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    old = f"{ENTRY_START}0.0, error at then ===\n" + "old line\n" * 1000
    path.write_text(old * (MAX_BYTES // len(old) + 1), encoding="utf-8")
    record(tmp_path, "the newest")
    size = path.stat().st_size
    assert errorlog.KEEP_BYTES // 2 < size <= errorlog.KEEP_BYTES
    text = path.read_text(encoding="utf-8")
    assert text.startswith(ENTRY_START)
    assert text.rstrip().endswith("ValueError: the newest")


def test_one_huge_entry_is_cut_at_a_line_start(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    path.write_text("".join(f"line {n}\n" for n in range(5000)), encoding="utf-8")
    trim_log(path, keep_bytes=1000)
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) <= 1000
    assert text.startswith("line ")
    assert text.endswith("line 4999\n")


def test_a_log_under_the_limit_is_left_alone(tmp_path: Path) -> None:
    path = log_path(tmp_path)
    path.write_text("short\n", encoding="utf-8")
    trim_log(path, keep_bytes=1000)
    assert "short\n" == path.read_text(encoding="utf-8")
