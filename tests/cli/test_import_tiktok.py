"""``livetally import tiktok``: TikTok's LIVE history into the log, once, never guessed."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from livetally.cli import main
from tests.tiktok_fixtures import (
    SECRET,
    TXT_FILES,
    document,
    live,
    write_folder,
    write_json,
    write_zip,
)


def streams(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["log", "list", "--json"]) == 0
    listed: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["streams"]
    return listed


def imported(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> list[str]:
    capsys.readouterr()
    assert main(["import", "tiktok", str(path), *options]) == 0
    return capsys.readouterr().out.splitlines()


def test_each_live_becomes_a_stream_in_tiktoks_own_figures(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    archive = write_zip(tmp_path / "export.zip", document([live(1), live(2), live(3)]))

    out = imported(capsys, archive)

    assert (
        out[0] == "3 LIVEs imported, 0 already there, 0 matched with streams you typed, 0 skipped."
    )
    assert out[-1] == "TikTok's figures for them: 600 diamonds, $30.00."
    first = streams(capsys)[0]
    started = dt.datetime.fromisoformat(first["started_at"])
    assert started == dt.datetime(2025, 3, 1, 19, tzinfo=dt.UTC), "the same instant"
    assert started.utcoffset() == started.astimezone().utcoffset(), "in the creator's time"
    assert {key: first[key] for key in ("diamonds", "diamonds_entered", "coins", "origin")} == {
        "diamonds": "100",
        "diamonds_entered": True,  # TikTok's figure, never recomputed
        "coins": "1000",  # derived at the US rate of 0.1 diamond per coin
        "origin": "tiktok",
    }
    assert first["creator_usd"] == "5.00"
    assert first["duration_minutes"] == "90"
    assert (first["likes"], first["views"], first["gifters"]) == ("1001", "501", "11")
    assert first["title"] == "LIVE number 1"
    assert first["tiktok_room_id"] == "7481234567890123001"


def test_the_same_or_an_overlapping_archive_adds_nothing_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = write_zip(tmp_path / "old.zip", document([live(1), live(2), live(3)]))
    newer = write_zip(tmp_path / "new.zip", document([live(n) for n in range(2, 6)]))
    imported(capsys, old)

    assert imported(capsys, old)[0].startswith("0 LIVEs imported, 3 already there")
    assert imported(capsys, newer)[0].startswith("2 LIVEs imported, 2 already there")
    assert len(streams(capsys)) == 5


def test_a_zip_its_folder_and_its_json_are_all_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = document([live(1)])
    folder = write_folder(tmp_path / "unpacked", doc, member="user_data.json")
    assert imported(capsys, folder)[0].startswith("1 LIVE imported")
    bare = write_json(tmp_path / "user_data_tiktok.json", document([live(1), live(2)]))
    assert imported(capsys, bare)[0].startswith("1 LIVE imported, 1 already there")


def test_lives_without_a_start_are_skipped_by_position(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lives = [live(1), live(2, LiveStartTime=None), live(3), live(4, LiveStartTime="")]
    out = imported(capsys, write_json(tmp_path / "u.json", document(lives)))

    assert out[0] == (
        "2 LIVEs imported, 0 already there, 0 matched with streams you typed, 2 skipped "
        "(no LiveStartTime: LIVEs 2, 4)."
    )
    assert len(streams(capsys)) == 2


def test_a_stream_typed_by_hand_is_matched_and_completed_not_doubled(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Typed 10 minutes after TikTok's start, 1,000 coins (100 diamonds, as TikTok says),
    # with the creator's own like count, which TikTok contradicts.
    assert main(["log", "add", "--coins", "1000", "--likes", "5",
                 "--started-at", "2025-03-01T20:10:00+01:00"]) == 0  # fmt: skip
    archive = write_zip(tmp_path / "export.zip", document([live(1), live(2)]))

    out = imported(capsys, archive)

    assert out[0].startswith("1 LIVE imported, 0 already there, 1 matched")
    assert out[1] == (
        "Stream #1 (2025-03-01T20:10:00+01:00) is LIVE 1: TikTok fills minutes, views, "
        "gifters, title; differs on likes: yours 5, TikTok 1,001."
    )
    assert "--take-tiktok" in out[2]
    typed = streams(capsys)[0]
    assert (typed["id"], typed["coins"], typed["likes"]) == (1, "1000", "5"), "yours kept"
    assert (typed["views"], typed["duration_minutes"]) == ("501", "90"), "blanks filled"
    assert typed["origin"] == "typed"
    assert len(streams(capsys)) == 2
    assert imported(capsys, archive)[0].startswith("0 LIVEs imported, 2 already there")


def test_take_tiktok_puts_tiktoks_figures_over_yours(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["log", "add", "--coins", "1000", "--likes", "5",
                 "--started-at", "2025-03-01T19:25:00Z"]) == 0  # fmt: skip
    imported(capsys, write_json(tmp_path / "u.json", document([live(1)])), "--take-tiktok")
    (typed,) = streams(capsys)
    assert typed["likes"] == "1001"


def test_a_stream_more_than_half_an_hour_away_is_another_stream(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["log", "add", "--coins", "1000", "--started-at", "2025-03-01T19:31:00Z"]) == 0
    out = imported(capsys, write_json(tmp_path / "u.json", document([live(1)])))
    assert out[0].startswith("1 LIVE imported, 0 already there, 0 matched")
    assert len(streams(capsys)) == 2


def test_a_dry_run_says_what_would_happen_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_data_home: Path
) -> None:
    archive = write_zip(tmp_path / "export.zip", document([live(1), live(2)]))
    assert main(["log", "add", "--coins", "5"]) == 0
    before = (isolated_data_home / "livetally.sqlite3").read_bytes()

    out = imported(capsys, archive, "--dry-run")

    assert out[0].startswith("2 LIVEs would be imported")
    assert (isolated_data_home / "livetally.sqlite3").read_bytes() == before
    assert len(streams(capsys)) == 1


def test_json_says_the_same(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lives = [live(1), live(2, LiveStartTime="soon"), live(3), live(3)]
    (result,) = [
        json.loads(line)
        for line in [
            "".join(imported(capsys, write_json(tmp_path / "u.json", document(lives)), "--json"))
        ]
    ]
    assert result["imported"] == 2
    assert result["already_there"] == 0
    ((skipped),) = result["skipped"]
    assert skipped["live"] == 2
    assert skipped["reason"].startswith("LiveStartTime is 'soon', not a date and time")
    assert result["listed_twice"] == [4]
    assert (result["first_day"], result["diamonds"], result["creator_usd"]) == (
        dt.datetime(2025, 3, 1, 19, tzinfo=dt.UTC).astimezone().date().isoformat(),
        "400",
        "20.00",
    )
    assert result["wallet"] == "absent"


def test_an_archive_without_lives_has_nothing_to_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = imported(capsys, write_zip(tmp_path / "export.zip", document([])))
    assert out[0].endswith("the archive lists no LIVEs; there is nothing to import.")


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: _written(p, b"not a zip at all"), "not"),
        (lambda p: write_zip(p, None, extra={"readme.txt": b"hello"}), "TikTok"),
        (lambda p: write_zip(p, None, extra=TXT_FILES), "JSON"),
        (lambda p: write_zip(p, {"Tiktok Live": {}}), "Go Live History"),
    ],
    ids=["not-a-zip", "no-tiktok-data", "txt-variant", "no-live-history"],
)
def test_a_bad_archive_is_one_line_and_exit_2_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    isolated_data_home: Path,
    make: Any,
    said: str,
) -> None:
    archive = make(tmp_path / "export.zip")
    assert main(["import", "tiktok", str(archive)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("livetally: ")
    assert said in err
    assert "Traceback" not in err
    assert not (isolated_data_home / "backups").exists() or not os.listdir(
        isolated_data_home / "backups"
    )


def test_a_missing_path_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["import", "tiktok", str(tmp_path / "nowhere.zip")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_csv_imports_refuse_the_tiktok_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "s.csv"
    path.write_text("started_at,coins\n2026-11-20T19:30:00Z,5\n", encoding="utf-8")
    assert main(["import", "streams", str(path), "--dry-run"]) == 2
    assert "--dry-run" in capsys.readouterr().err


def test_nothing_private_reaches_the_ledger_or_the_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_data_home: Path
) -> None:
    archive = write_zip(tmp_path / "export.zip", document([live(1), live(2)]))
    out = "\n".join(imported(capsys, archive))
    assert SECRET not in out
    for path in isolated_data_home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    ledger = sqlite3.connect(isolated_data_home / "livetally.sqlite3")
    try:
        (count,) = ledger.execute("SELECT count(*) FROM streams").fetchone()
    finally:
        ledger.close()
    assert count == 2
    assert any((isolated_data_home / "backups").iterdir()), "a backup was taken first"
