"""Clumsy and hostile command lines: exit 2 and one line saying what to do, nothing lost.

Each case here once ended in ``unexpected error (...)`` and exit 1, or in exit 0 after
damage (a CSV written over the ledger), or in a stream saved twice by a retry.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from livetally.cli import main, transfer
from livetally.storage.ledger import Ledger


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "unexpected error" not in err
    return err


@pytest.fixture
def home(isolated_data_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["log", "add", "--coins", "10000", "--started-at", "2026-11-20T19:30:00Z"]) == 0
    capsys.readouterr()
    return isolated_data_home


# -- files given on the command line ----------------------------------------------------------


def test_a_missing_import_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "streams", str(home / "nope.csv")]) == 2
    assert "nope.csv: no such file; check the name" in one_line(capsys)


def test_a_folder_given_as_the_import_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "income", str(home)]) == 2
    assert "is a folder; give the file inside it" in one_line(capsys)


def test_an_export_into_a_folder(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "streams", "-o", str(home / "backups")]) == 2
    assert "is a folder; give a file name" in one_line(capsys)


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("livetally.sqlite3", "the ledger"),
        ("settings.toml", "the settings file"),
        ("gifts.toml", "the gift catalog"),
    ],
)
def test_an_export_never_overwrites_livetallys_own_files(
    home: Path, capsys: pytest.CaptureFixture[str], name: str, what: str
) -> None:
    target = home / name
    before = target.read_bytes()
    assert main(["export", "streams", "-o", str(target)]) == 2
    assert f"is {what}; writing CSV over it would destroy it" in one_line(capsys)
    assert target.read_bytes() == before


def test_an_export_through_a_symlink_or_into_backups_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    link = tmp_path / "harmless.csv"
    link.symlink_to(home / "livetally.sqlite3")
    assert main(["export", "streams", "-o", str(link)]) == 2
    assert "is the ledger" in one_line(capsys)
    backup = next((home / "backups").iterdir())
    assert main(["export", "income", "-o", str(backup)]) == 2
    assert "is one of LiveTally's backups" in one_line(capsys)
    with Ledger.open(home / "livetally.sqlite3", home / "backups", writable=False) as ledger:
        assert len(ledger.streams()) == 1


# -- the data home ------------------------------------------------------------------------------


def test_a_data_dir_that_is_a_file_or_inside_one_or_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    assert main(["--data-dir", str(a_file), "balance"]) == 2
    assert "is a file, not a folder" in one_line(capsys)
    assert main(["--data-dir", str(a_file / "home"), "balance"]) == 2
    assert f"{a_file} is a file, so no folder can be made inside it" in one_line(capsys)
    assert main(["--data-dir", "", "balance"]) == 2
    assert "--data-dir: is empty" in one_line(capsys)
    assert a_file.read_text(encoding="utf-8") == "mine"


# -- the disk -----------------------------------------------------------------------------------


def test_a_full_disk_while_logging_changes_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Ledger, "add_stream", full)
    assert main(["log", "add", "--coins", "5"]) == 2
    assert "the disk is full; nothing was changed" in one_line(capsys)


def test_a_full_disk_while_exporting_changes_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = home.parent / "out.csv"

    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(transfer, "write_text_atomic", full)
    assert main(["export", "streams", "-o", str(target)]) == 2
    assert f"{target}: the disk is full; nothing was changed" in one_line(capsys)
    assert not target.exists()


def test_a_read_only_ledger_is_explained(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Ledger, "import_income", read_only)
    csv = home.parent / "income.csv"
    csv.write_text("date,source,amount,currency,description\n2026-11-03,affiliate,5,USD,\n")
    assert main(["import", "income", str(csv)]) == 2
    assert "the ledger is read-only; nothing was changed" in one_line(capsys)


# -- ranges and pipes ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["log", "list"], ["report", "--by", "month"]])
def test_a_reversed_date_range_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main([*command, "--from", "2026-11-30", "--to", "2026-11-01"]) == 2
    assert "2026-11-30 is after --to 2026-11-01: the range is reversed" in one_line(capsys)


def test_a_closed_output_pipe_ends_quietly(isolated_data_home: Path) -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "livetally", "gifts"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    reader.stdout.readline()
    reader.stdout.close()  # as `| head -1` does
    _, err = reader.communicate(timeout=60)
    assert err.decode() == ""
    assert reader.returncode == 0


# -- after the change is saved ------------------------------------------------------------------


def test_an_output_error_after_the_commit_is_not_a_failure(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from livetally.cli import log

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(log, "print_json", broken)
    assert main(["log", "add", "--coins", "7", "--json"]) == 0
    assert "the change was saved, but showing it failed" in one_line(capsys)
    with Ledger.open(home / "livetally.sqlite3", home / "backups", writable=False) as ledger:
        assert [s.record.coins for s in ledger.streams()] == [10_000, 7]


# -- restore over a ledger that cannot be opened --------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"this is not a database at all",
        b"",  # truncated to nothing
    ],
)
def test_restore_works_over_a_damaged_ledger_and_keeps_it(
    home: Path, capsys: pytest.CaptureFixture[str], damage: bytes
) -> None:
    assert main(["backup"]) == 0
    backup = Path(capsys.readouterr().out.strip().removeprefix("Backed up the ledger to "))
    ledger = home / "livetally.sqlite3"
    ledger.write_bytes(damage)
    assert main(["balance"]) == 2
    advice = one_line(capsys)
    assert f"a file from {home / 'backups'}" in advice
    assert main(["restore", str(backup)]) == 0
    out = capsys.readouterr().out
    (aside,) = home.glob("livetally.sqlite3.unusable-*")
    assert f"is kept as {aside}" in out
    assert aside.read_bytes() == damage
    with Ledger.open(ledger, home / "backups", writable=False) as restored:
        assert [s.record.coins for s in restored.streams()] == [10_000]


def test_a_damaged_backup_is_refused_naming_the_data_homes_backups(
    home: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "old" / "livetally-copy.sqlite3"
    bad.parent.mkdir()
    bad.write_bytes(b"garbage")
    assert main(["restore", str(bad)]) == 2
    err = one_line(capsys)
    assert f"choose another backup, e.g. from {home / 'backups'}" in err
    assert str(tmp_path / "old" / "backups") not in err
