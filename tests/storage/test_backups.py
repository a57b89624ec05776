"""Backups are verified, uniquely named, pruned by the dates in their names, and restorable."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from livetally.storage import backups
from livetally.storage.backups import (
    backup_if_first_today,
    list_backups,
    make_backup,
    prune_backups,
    restore_into,
)
from livetally.storage.errors import LedgerError, LedgerFileError
from livetally.storage.inspect import check_ledger_file
from livetally.storage.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.storage.test_inspect import PAYOUT, make_ledger, payouts_in

NOW = dt.datetime(2026, 11, 26, 1, 30, 55)
OTHER_PAYOUT = ("2026-03-15", 2500, "125.00", "paypal", "1.25", "2026-03-15T08:00:00+00:00")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """The live ledger as the app holds it: WAL mode, autocommit, one payout."""
    path = make_ledger(tmp_path / "livetally.sqlite3")
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        yield connection


def _add_payout(connection: sqlite3.Connection, payout: tuple[object, ...]) -> None:
    connection.execute(
        "INSERT INTO payouts (date, diamonds, cash_usd, method, fee_usd, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        payout,
    )


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# -- make_backup ---------------------------------------------------------------------------


def test_backup_holds_the_same_ledger(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    _add_payout(ledger, OTHER_PAYOUT)  # committed, but still only in the WAL
    folder = tmp_path / "backups"

    path = make_backup(ledger, folder, "manual", NOW)

    assert path == folder / "livetally-20261126-013055-manual.sqlite3"
    assert _names(folder) == [path.name]  # no temp file, no -journal, -wal or -shm
    assert check_ledger_file(path, thorough=True) == SCHEMA_VERSION
    with closing(sqlite3.connect(path)) as copy:
        assert payouts_in(copy) == [PAYOUT, OTHER_PAYOUT]
        assert copy.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert copy.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # A backup is one self-contained file: rollback journal, not WAL (header bytes 18, 19).
    assert path.read_bytes()[18:20] == b"\x01\x01"


def test_backups_never_overwrite_each_other(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    stranger = folder / "livetally-20261126-013055-import-2.sqlite3"
    stranger.write_bytes(b"someone else's file")

    first = make_backup(ledger, folder, "import", NOW)
    first_bytes = first.read_bytes()
    _add_payout(ledger, OTHER_PAYOUT)
    third = make_backup(ledger, folder, "import", NOW)
    fourth = make_backup(ledger, folder, "import", NOW)

    assert [first.name, third.name, fourth.name] == [
        "livetally-20261126-013055-import.sqlite3",
        "livetally-20261126-013055-import-3.sqlite3",
        "livetally-20261126-013055-import-4.sqlite3",
    ]
    assert first.read_bytes() == first_bytes
    assert stranger.read_bytes() == b"someone else's file"
    with closing(sqlite3.connect(third)) as copy:
        assert payouts_in(copy) == [PAYOUT, OTHER_PAYOUT]


def test_copy_failing_its_integrity_check_is_discarded(
    tmp_path: Path, ledger: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setattr(backups, "integrity_problems", lambda *_a, **_k: ["row 3 missing"])

    with pytest.raises(LedgerError) as raised:
        make_backup(ledger, folder, "daily", NOW)

    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'livetally.sqlite3'}: its backup copy failed")
    assert "(row 3 missing)" in message
    assert str(folder) in message
    assert _names(folder) == ["notes.txt"]


def test_copy_that_cannot_finish_leaves_nothing_and_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_ledger(tmp_path / "livetally.sqlite3")
    folder = tmp_path / "backups"
    monkeypatch.setattr(backups, "BUSY_SECONDS", 0.2)
    with (
        closing(sqlite3.connect(path, isolation_level=None, timeout=0.05)) as source,
        closing(sqlite3.connect(path, isolation_level=None)) as writer,
    ):
        writer.execute("BEGIN EXCLUSIVE")  # rollback mode: nobody may even read now

        with pytest.raises(LedgerError) as raised:
            make_backup(source, folder, "manual", NOW)

        writer.execute("ROLLBACK")
    assert str(raised.value).startswith(
        f"{path}: the backup into {folder} failed "
        "(another connection kept the database locked for 0.2 seconds)"
    )
    assert _names(folder) == []


def test_source_mid_transaction_is_refused(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    ledger.execute("BEGIN")
    _add_payout(ledger, OTHER_PAYOUT)
    with pytest.raises(ValueError, match="commit first"):
        make_backup(ledger, tmp_path / "backups", "manual", NOW)
    ledger.execute("ROLLBACK")
    assert not (tmp_path / "backups").exists()


def test_unknown_reason_is_refused(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="daily, import, restore, migration, manual"):
        make_backup(ledger, tmp_path / "backups", "whenever", NOW)
    assert not (tmp_path / "backups").exists()


def test_unwritable_backups_folder_is_named(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    folder = tmp_path / "backups"
    folder.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(LedgerError) as raised:
        make_backup(ledger, folder, "manual", NOW)
    assert str(raised.value).startswith(f"{folder}: cannot write a backup there")


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("changing the local time zone needs time.tzset (POSIX)")
    before = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_names_and_days_use_local_time(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    folder = tmp_path / "backups"
    utc_morning = dt.datetime(2026, 11, 26, 1, 30, 55, tzinfo=dt.UTC)  # 20:30 on the 25th

    first = backup_if_first_today(ledger, folder, utc_morning)

    late_evening = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)  # 23:00 on the 25th
    after_midnight = dt.datetime(2026, 11, 26, 6, 0, tzinfo=dt.UTC)  # 01:00 on the 26th
    assert first is not None
    assert first.name == "livetally-20261125-203055-daily.sqlite3"
    assert backup_if_first_today(ledger, folder, late_evening) is None
    second = backup_if_first_today(ledger, folder, after_midnight)
    assert second is not None
    assert second.name == "livetally-20261126-010000-daily.sqlite3"


# -- backup_if_first_today -------------------------------------------------------------------


def test_daily_backup_is_taken_once_per_day(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    folder = tmp_path / "backups"
    morning = dt.datetime(2026, 11, 26, 0, 0, 1)

    first = backup_if_first_today(ledger, folder, morning)
    again = backup_if_first_today(ledger, folder, morning.replace(hour=23, minute=59))
    tomorrow = backup_if_first_today(ledger, folder, dt.datetime(2026, 11, 27, 0, 0, 0))

    assert first == folder / "livetally-20261126-000001-daily.sqlite3"
    assert again is None
    assert tomorrow == folder / "livetally-20261127-000000-daily.sqlite3"
    assert _names(folder) == [first.name, tomorrow.name]


def test_any_backup_taken_today_counts(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    folder = tmp_path / "backups"
    make_backup(ledger, folder, "import", dt.datetime(2026, 11, 26, 9, 0, 0))
    assert backup_if_first_today(ledger, folder, dt.datetime(2026, 11, 26, 18, 0, 0)) is None
    assert len(list_backups(folder)) == 1


# -- list_backups and prune_backups ---------------------------------------------------------

NOT_BACKUPS = [
    "notes.txt",
    ".livetally-backup-abc123.partial",
    "livetally-20250101-000000-daily.sqlite3.bak",
    "livetally-20250101-000000-whenever.sqlite3",
    "livetally-20251399-000000-daily.sqlite3",  # month 13
    "livetally-20250101-000000-daily-1.sqlite3",  # the first copy has no counter
    "livetally-2025011-000000-daily.sqlite3",
]


def _synthetic_backups() -> list[str]:
    """41 names over two years: monthly in 2025, twice monthly in 2026, daily this week."""
    names = [f"livetally-2025{month:02}10-090000-daily.sqlite3" for month in range(1, 13)]
    for month in range(1, 11):
        names.append(f"livetally-2026{month:02}05-090000-daily.sqlite3")
        names.append(f"livetally-2026{month:02}20-213000-manual.sqlite3")
    names += [f"livetally-202611{day}-070000-daily.sqlite3" for day in range(20, 27)]
    names += [
        "livetally-20261126-080000-migration.sqlite3",
        "livetally-20261126-080000-migration-2.sqlite3",
    ]
    return names


def _fill(folder: Path, names: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    for age, name in enumerate(sorted(names)):
        (folder / name).write_bytes(b"")
        # Modification times run backwards: the order must come from the names.
        os.utime(folder / name, (2_000_000_000 - age * 3600, 2_000_000_000 - age * 3600))


def test_pruning_keeps_ten_newest_and_one_a_month_for_a_year(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    names = _synthetic_backups()
    assert len(names) == 41
    _fill(folder, names + NOT_BACKUPS)

    removed = prune_backups(folder, dt.datetime(2026, 11, 26, 12, 0, 0))

    kept_newest = [
        "livetally-20261126-080000-migration-2.sqlite3",
        "livetally-20261126-080000-migration.sqlite3",
        *[f"livetally-202611{day}-070000-daily.sqlite3" for day in range(26, 19, -1)],
        "livetally-20261020-213000-manual.sqlite3",
    ]
    kept_monthly = [f"livetally-2026{m:02}20-213000-manual.sqlite3" for m in range(9, 0, -1)]
    kept_monthly.append("livetally-20251210-090000-daily.sqlite3")
    gone = [f"livetally-2025{m:02}10-090000-daily.sqlite3" for m in range(1, 12)]
    gone += [f"livetally-2026{m:02}05-090000-daily.sqlite3" for m in range(1, 11)]

    assert sorted(p.name for p in removed) == sorted(gone)
    assert all(path.parent == folder for path in removed)
    assert [p.name for p in list_backups(folder)] == kept_newest + kept_monthly
    assert sorted(set(_names(folder)) - set(kept_newest + kept_monthly)) == sorted(NOT_BACKUPS)


def test_pruning_never_removes_the_newest_backup(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    _fill(folder, ["livetally-20200101-000000-manual.sqlite3"])
    assert prune_backups(folder, NOW) == []
    assert _names(folder) == ["livetally-20200101-000000-manual.sqlite3"]


def test_pruning_keeps_exactly_ten_old_ones(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    _fill(folder, [f"livetally-201901{day:02}-120000-daily.sqlite3" for day in range(1, 13)])
    removed = prune_backups(folder, NOW)
    assert sorted(p.name for p in removed) == [
        "livetally-20190101-120000-daily.sqlite3",
        "livetally-20190102-120000-daily.sqlite3",
    ]
    assert len(list_backups(folder)) == 10


def test_missing_backups_folder_lists_and_prunes_nothing(tmp_path: Path) -> None:
    assert list_backups(tmp_path / "nowhere") == []
    assert prune_backups(tmp_path / "nowhere", NOW) == []


def test_list_is_newest_first_by_name_and_skips_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    _fill(
        folder,
        [
            "livetally-20261126-013055-daily.sqlite3",
            "livetally-20261126-013055-daily-2.sqlite3",
            "livetally-20261126-013055-daily-10.sqlite3",
            "livetally-20251231-235959-restore.sqlite3",
            *NOT_BACKUPS,
        ],
    )
    (folder / "livetally-20261001-000000-manual.sqlite3").mkdir()  # a folder, not a backup
    assert [p.name for p in list_backups(folder)] == [
        "livetally-20261126-013055-daily-10.sqlite3",
        "livetally-20261126-013055-daily-2.sqlite3",
        "livetally-20261126-013055-daily.sqlite3",
        "livetally-20251231-235959-restore.sqlite3",
    ]


# -- restore_into ---------------------------------------------------------------------------


def test_restore_replaces_the_whole_content(tmp_path: Path, ledger: sqlite3.Connection) -> None:
    backup = make_ledger(tmp_path / "old.sqlite3", [OTHER_PAYOUT, PAYOUT])
    backup_before = backup.read_bytes()
    live = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(live, isolation_level=None)) as other_reader:
        assert payouts_in(other_reader) == [PAYOUT]

        restore_into(backup, ledger)

        assert payouts_in(ledger) == [OTHER_PAYOUT, PAYOUT]
        assert payouts_in(other_reader) == [OTHER_PAYOUT, PAYOUT]
    assert ledger.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with closing(sqlite3.connect(live)) as fresh:
        assert payouts_in(fresh) == [OTHER_PAYOUT, PAYOUT]
    assert backup.read_bytes() == backup_before


def test_restore_from_our_own_backup_round_trips(
    tmp_path: Path, ledger: sqlite3.Connection
) -> None:
    saved = make_backup(ledger, tmp_path / "backups", "manual", NOW)
    _add_payout(ledger, OTHER_PAYOUT)
    ledger.execute("DELETE FROM payouts WHERE diamonds = 1000")
    restore_into(saved, ledger)
    assert payouts_in(ledger) == [PAYOUT]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(600), "is not a SQLite database"),
        (b"", "is empty (0 bytes)"),
        ("half", "is truncated"),
        ("newer", "newer LiveTally"),
        ("blank", "holds no LiveTally data"),
    ],
)
def test_restore_from_a_bad_file_changes_nothing(
    tmp_path: Path, ledger: sqlite3.Connection, content: bytes | str, problem: str
) -> None:
    bad = tmp_path / "bad.sqlite3"
    if content == "half":
        whole = make_ledger(tmp_path / "whole.sqlite3", [OTHER_PAYOUT]).read_bytes()
        bad.write_bytes(whole[: len(whole) // 2])
    elif content == "newer":
        make_ledger(bad, [OTHER_PAYOUT])
        with closing(sqlite3.connect(bad)) as connection:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
            connection.commit()
    elif content == "blank":
        with closing(sqlite3.connect(bad)) as connection:
            connection.execute("CREATE TABLE scratch (x)")
            connection.execute("DROP TABLE scratch")
            connection.commit()
    else:
        assert isinstance(content, bytes)
        bad.write_bytes(content)
    live = tmp_path / "livetally.sqlite3"
    ledger.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    live_before, bad_before = live.read_bytes(), bad.read_bytes()

    with pytest.raises(LedgerFileError) as raised:
        restore_into(bad, ledger)

    assert problem in raised.value.problem
    assert raised.value.path == bad
    assert payouts_in(ledger) == [PAYOUT]
    assert live.read_bytes() == live_before
    assert (tmp_path / "livetally.sqlite3-wal").stat().st_size == 0
    assert bad.read_bytes() == bad_before


def test_restore_refuses_a_target_mid_transaction(
    tmp_path: Path, ledger: sqlite3.Connection
) -> None:
    backup = make_ledger(tmp_path / "old.sqlite3", [OTHER_PAYOUT])
    ledger.execute("BEGIN")
    _add_payout(ledger, OTHER_PAYOUT)
    with pytest.raises(ValueError, match="commit first"):
        restore_into(backup, ledger)
    ledger.execute("ROLLBACK")
    assert payouts_in(ledger) == [PAYOUT]


def test_restore_gives_up_on_a_ledger_locked_by_another_writer(
    tmp_path: Path, ledger: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = make_ledger(tmp_path / "old.sqlite3", [OTHER_PAYOUT])
    monkeypatch.setattr(backups, "BUSY_SECONDS", 0.2)
    ledger.execute("PRAGMA busy_timeout = 50")  # SQLite's own wait, before each retry
    with closing(sqlite3.connect(tmp_path / "livetally.sqlite3", isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")

        with pytest.raises(LedgerError) as raised:
            restore_into(backup, ledger)

        other.execute("ROLLBACK")
    assert str(raised.value).startswith(
        f"{backup}: could not be copied into {tmp_path / 'livetally.sqlite3'} "
        "(another connection kept the database locked for 0.2 seconds); "
        "that ledger was left as it was."
    )
    assert payouts_in(ledger) == [PAYOUT]


def test_restore_names_a_page_size_it_cannot_copy(
    tmp_path: Path, ledger: sqlite3.Connection
) -> None:
    backup = tmp_path / "small-pages.sqlite3"
    with closing(sqlite3.connect(backup)) as connection:
        connection.execute("PRAGMA page_size = 1024")
        connection.execute("VACUUM")
    make_ledger(backup, [OTHER_PAYOUT])

    with pytest.raises(LedgerFileError) as raised:
        restore_into(backup, ledger)

    assert raised.value.problem.startswith(
        "uses 1024-byte pages and the open ledger 4096-byte pages, which SQLite cannot copy "
        "into a ledger in WAL mode; on a copy of the file run 'PRAGMA page_size = 4096; VACUUM;'"
    )
    assert payouts_in(ledger) == [PAYOUT]


@pytest.mark.parametrize(
    "stamp", ["20261126-034512", "20240229-235959", "00010101-000000", "99991231-235959"]
)
def test_a_backup_stamp_reads_as_strptime_reads_it(stamp: str) -> None:
    assert backups._stamp_time(stamp) == dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")


@pytest.mark.parametrize("stamp", ["20261399-000000", "20250229-120000", "20261126-246000"])
def test_a_stamp_that_names_no_time_is_refused(stamp: str) -> None:
    with pytest.raises(ValueError, match=r"must be in|out of range"):
        backups._stamp_time(stamp)
