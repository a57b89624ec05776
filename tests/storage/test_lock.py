"""One writer per data home, and a dead writer never leaves the folder locked."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import livetally
from livetally.storage.errors import AlreadyOpenError, LedgerError
from livetally.storage.lock import DataHomeLock

#: A second process that takes the lock, says so, and holds it until stdin closes.
HOLDER = """
import sys
from pathlib import Path
from livetally.storage.lock import DataHomeLock
lock = DataHomeLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
"""


def _message(home: Path, pid: int) -> str:
    return (
        f"LiveTally is already open on {home} (process {pid}); close that window or command first"
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def holder(home: Path) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONPATH": str(Path(livetally.__file__).parents[1])}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == "locked\n", child.stderr.read() if child.stderr else ""
        yield child
    finally:
        child.kill()
        child.communicate(timeout=30)


def test_lock_file_names_the_holder_while_held(home: Path) -> None:
    with DataHomeLock(home) as lock:
        assert (home / "livetally.lock").read_text(encoding="ascii") == f"{os.getpid()}\n"
    assert not lock.held
    assert (home / "livetally.lock").read_text(encoding="ascii") == ""


def test_second_lock_in_the_same_process_is_refused(home: Path) -> None:
    with DataHomeLock(home):
        second = DataHomeLock(home)
        with pytest.raises(AlreadyOpenError) as raised:
            second.acquire()
        assert str(raised.value) == _message(home, os.getpid())
        assert not second.held
        second.release()  # harmless: it holds nothing, and must not free the first
        with pytest.raises(AlreadyOpenError):
            DataHomeLock(home).acquire()


def test_lock_is_free_again_after_release_and_after_an_error(home: Path) -> None:
    first = DataHomeLock(home)
    first.acquire()
    first.release()
    first.release()
    with pytest.raises(KeyError), DataHomeLock(home):
        raise KeyError("boom")
    with DataHomeLock(home) as again:
        assert again.held


def test_other_data_homes_are_independent(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with DataHomeLock(tmp_path / "a"), DataHomeLock(tmp_path / "b") as other:
        assert other.held


def test_leftover_file_from_a_dead_process_does_not_block(home: Path) -> None:
    (home / "livetally.lock").write_text("999999\n", encoding="ascii")
    with DataHomeLock(home) as lock:
        assert lock.held
        assert (home / "livetally.lock").read_text(encoding="ascii") == f"{os.getpid()}\n"


def test_lock_held_by_another_process_blocks_until_it_dies(
    home: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(AlreadyOpenError) as raised:
        DataHomeLock(home).acquire()
    assert str(raised.value) == _message(home, holder.pid)

    holder.kill()  # SIGKILL on POSIX: no chance to release anything itself
    holder.wait(timeout=30)

    with DataHomeLock(home) as lock:
        assert lock.held


def test_missing_data_home_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(LedgerError) as raised:
        DataHomeLock(missing).acquire()
    assert str(raised.value).startswith(f"{missing / 'livetally.lock'}: cannot create")
    assert str(missing) in str(raised.value)
    assert not missing.exists()
