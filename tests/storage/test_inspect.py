"""Every kind of bad ledger file is named for what it is, and none of them is touched."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from livetally.storage.errors import LedgerFileError
from livetally.storage.inspect import check_ledger_file, integrity_ok
from livetally.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

PAYOUT = ("2026-01-31", 1000, "50.00", "paypal", "0", "2026-01-31T20:00:00+00:00")


def make_ledger(
    path: Path, payouts: list[tuple[str, int, str, str, str, str]] | None = None
) -> Path:
    """A real LiveTally ledger at ``path``, built by the shipped migrations."""
    with closing(sqlite3.connect(path)) as connection:
        for migrate in MIGRATIONS:
            migrate(connection)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.executemany(
            "INSERT INTO payouts (date, diamonds, cash_usd, method, fee_usd, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [PAYOUT] if payouts is None else payouts,
        )
        connection.commit()
    return path


def payouts_in(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    return connection.execute(
        "SELECT date, diamonds, cash_usd, method, fee_usd, created_at FROM payouts ORDER BY id"
    ).fetchall()


def _many_payouts(count: int) -> list[tuple[str, int, str, str, str, str]]:
    return [
        ("2026-02-01", n + 1, f"{n}.05", "paypal", "0", "2026-02-01T00:00:00Z")
        for n in range(count)
    ]


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _random(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _sqlite_header_then_noise(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(8).randbytes(8192))


def _first_half(path: Path) -> None:
    whole = make_ledger(path.with_name("whole.sqlite3")).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


def _first_fifty_bytes(path: Path) -> None:
    whole = make_ledger(path.with_name("whole.sqlite3")).read_bytes()
    path.write_bytes(whole[:50])


def _page_overwritten(path: Path) -> None:
    whole = bytearray(make_ledger(path.with_name("whole.sqlite3"), _many_payouts(300)).read_bytes())
    page_size = int.from_bytes(whole[16:18], "big")
    whole[2 * page_size : 3 * page_size] = random.Random(9).randbytes(page_size)  # page 3
    path.write_bytes(bytes(whole))


def _other_program(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        connection.commit()


def _other_application_id(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA application_id = 1196444487")  # "GPKG", a GeoPackage
        connection.commit()


def _newer_ledger(path: Path) -> None:
    make_ledger(path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.commit()


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "png renamed": (_png, "is not a SQLite database"),
    "zero bytes": (_empty, "is empty (0 bytes), not a LiveTally ledger"),
    "random bytes": (_random, "is not a SQLite database"),
    "sqlite header, then noise": (_sqlite_header_then_noise, "is damaged (file is not a database)"),
    "first half of a ledger": (_first_half, "is truncated: "),
    "first 50 bytes of a ledger": (_first_fifty_bytes, "is truncated: only 50 bytes remain"),
    "a page overwritten": (_page_overwritten, "is damaged ("),
    "another program's database": (_other_program, "is a SQLite database of another program"),
    "another application id": (_other_application_id, "of another program (application_id 0x"),
    "newer schema": (
        _newer_ledger,
        f"was written by a newer LiveTally (schema version {SCHEMA_VERSION + 1}); "
        f"this one reads up to {SCHEMA_VERSION}: update LiveTally",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_file_is_named_and_left_byte_for_byte(tmp_path: Path, case: str) -> None:
    make, problem = BAD_FILES[case]
    path = tmp_path / "livetally.sqlite3"
    make(path)
    before = path.read_bytes()
    folder_before = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(LedgerFileError) as raised:
        check_ledger_file(path)

    assert problem in raised.value.problem
    assert raised.value.path == path
    assert str(raised.value).startswith(f"{path}: {raised.value.problem}")
    # Damage is undone from a backup; a newer version is undone by updating LiveTally.
    assert ("livetally restore" in str(raised.value)) == (case != "newer schema")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == folder_before
    assert not integrity_ok(path)


def test_first_half_reports_both_sizes(tmp_path: Path) -> None:
    whole = make_ledger(tmp_path / "whole.sqlite3").read_bytes()
    half = tmp_path / "half.sqlite3"
    half.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(LedgerFileError) as raised:
        check_ledger_file(half)
    assert raised.value.problem == (
        f"is truncated: {len(whole) // 2} bytes of the {len(whole)} it should have"
    )


def test_good_ledger_gives_its_version_and_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = make_ledger(tmp_path / "livetally.sqlite3")
    before = path.read_bytes()
    assert check_ledger_file(path) == SCHEMA_VERSION
    assert check_ledger_file(path, thorough=True) == SCHEMA_VERSION
    assert integrity_ok(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["livetally.sqlite3"]


def test_older_ledger_gives_its_own_version(tmp_path: Path) -> None:
    path = make_ledger(tmp_path / "livetally.sqlite3")
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA user_version = 0")
        connection.commit()
    assert check_ledger_file(path) == 0


def test_sqlite_file_without_tables_or_marks_passes_as_version_0(tmp_path: Path) -> None:
    # What an interrupted first run leaves: SQLite wrote a header and nothing else.
    path = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE scratch (x)")
        connection.execute("DROP TABLE scratch")
        connection.commit()
    assert path.stat().st_size > 0
    assert check_ledger_file(path) == 0


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(LedgerFileError, match="does not exist"):
        check_ledger_file(tmp_path / "nothing.sqlite3")
    assert not (tmp_path / "nothing.sqlite3").exists()
    with pytest.raises(LedgerFileError, match="is a folder"):
        check_ledger_file(tmp_path)


def test_ledger_with_changes_still_in_the_wal_is_read_without_touching_it(tmp_path: Path) -> None:
    # The state a power cut leaves: committed rows only in the -wal file, nobody connected.
    # A writable connection would fold the WAL into the main file on closing.
    live = make_ledger(tmp_path / "live.sqlite3")
    path = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(live)) as writer:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.executemany(
            "INSERT INTO payouts (date, diamonds, cash_usd, method, fee_usd, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            _many_payouts(200),
        )
        writer.commit()
        path.write_bytes(live.read_bytes())
        wal = path.with_name("livetally.sqlite3-wal")
        wal.write_bytes(live.with_name("live.sqlite3-wal").read_bytes())
    main_before, wal_before = path.read_bytes(), wal.read_bytes()
    assert wal_before  # the new rows are only in the WAL

    assert check_ledger_file(path, thorough=True) == SCHEMA_VERSION

    assert path.read_bytes() == main_before
    assert wal.read_bytes() == wal_before
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as reader:
        assert len(payouts_in(reader)) == 201  # what was checked included the WAL


def test_awkward_characters_in_the_folder_name_are_quoted(tmp_path: Path) -> None:
    # "?" cannot be part of a file name on Windows.
    folder = tmp_path / ("my #1 100% real ledger" + ("" if os.name == "nt" else "?mode=rwc"))
    folder.mkdir()
    path = make_ledger(folder / "livetally.sqlite3")
    assert check_ledger_file(path) == SCHEMA_VERSION
    # Unquoted, "#", "%" or "?" would have made SQLite open (or create) some other file.
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
    assert [p.name for p in folder.iterdir()] == ["livetally.sqlite3"]
