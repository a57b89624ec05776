"""The support log: what was opened, migrated, imported and backed up, one line each."""

from __future__ import annotations

from pathlib import Path

from livetally import activity
from livetally.cli import main
from tests.tiktok_fixtures import SECRET, document, live, write_zip


def _log_lines(home: Path) -> list[str]:
    return (home / "livetally.log").read_text(encoding="utf-8").splitlines()


def test_a_command_notes_the_ledger_it_made_and_what_it_imported(
    isolated_data_home: Path, tmp_path: Path
) -> None:
    streams = tmp_path / "streams.csv"
    streams.write_text("started_at,coins\n2026-11-20T19:30:00Z,500\n", encoding="utf-8")
    assert main(["import", "streams", str(streams)]) == 0

    lines = _log_lines(isolated_data_home)
    said = [line.split(": ", 1)[1] for line in lines]
    assert any(s.startswith("created a new ledger") for s in said)
    assert "read streams.csv: 1 rows, separator ','" in said
    assert "imported streams: 1 new, 0 already there" in said
    assert any(s.startswith("backup taken (import)") for s in said)
    assert all(line[:4].isdigit() and " livetally." in line for line in lines)


def test_a_tiktok_import_is_noted_without_anything_from_the_archive(
    isolated_data_home: Path, tmp_path: Path
) -> None:
    archive = write_zip(tmp_path / "export.zip", document([live(1), live(2)]))
    assert main(["import", "tiktok", str(archive)]) == 0
    text = (isolated_data_home / "livetally.log").read_text(encoding="utf-8")
    assert "read TikTok's export export.zip: 2 LIVEs listed, 2 read, 0 skipped" in text
    assert "imported streams: 2 new, 0 completed, 0 already there" in text
    assert SECRET not in text
    assert "LIVE number" not in text, "titles stay out of the log"


def test_nothing_is_written_before_a_data_home_is_chosen(tmp_path: Path) -> None:
    activity.write_to(None)
    activity.logger("livetally.test").info("nowhere")
    assert not list(tmp_path.rglob("livetally.log"))


def test_a_migration_is_noted_with_both_versions(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from livetally.storage.ledger import Ledger
    from livetally.storage.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

    database = tmp_path / "livetally.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        MIGRATIONS[0](db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
        db.commit()
    activity.write_to(tmp_path)
    Ledger.open(database, tmp_path / "backups").close()
    text = (tmp_path / "livetally.log").read_text(encoding="utf-8")
    assert f"migrated livetally.sqlite3 from schema 1 to {SCHEMA_VERSION}" in text
