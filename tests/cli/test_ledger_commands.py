"""The ledger from the command line: log, list, pay out, balance, report, back up, restore."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from livetally.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def log(*argv: str) -> None:
    assert main(["log", "add", *argv]) == 0


def test_log_add_then_list(capsys: pytest.CaptureFixture[str]) -> None:
    log("--coins", "10,000", "--started-at", "2026-11-20T19:30:00+01:00",
        "--duration-minutes", "90", "--likes", "52000", "--tags", "qa,Collab",
        "--notes", "with Ana", "--views", "1,200", "--title", "Friday Q&A")  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Logged stream #1 (2026-11-20T19:30:00+01:00): 10,000 coins, 1,000 diamonds, "
        "$50.00 for you.",
        "Balance: 1,000 diamonds ($50.00): you can withdraw it.",
    ]
    listed = run_json(capsys, "log", "list")["streams"]
    assert listed == [
        {
            "id": 1,
            "started_at": "2026-11-20T19:30:00+01:00",
            "duration_minutes": "90",
            "coins": "10000",
            "diamonds": "1000",
            "diamonds_entered": False,
            "creator_usd": "50.00",
            "likes": "52000",
            "peak_viewers": None,
            "new_followers": None,
            "views": "1200",
            "gifters": None,
            "title": "Friday Q&A",
            "tiktok_room_id": None,
            "tags": ["qa", "collab"],
            "notes": "with Ana",
            "origin": "typed",
            "country": "US",
            "rates": {"coin_usd": "0.01", "diamonds_per_coin": "0.1", "diamond_usd": "0.05"},
        }
    ]


def test_a_detail_that_is_not_a_count_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "add", "--coins", "10", "--gifters", "a few"]) == 2
    assert "--gifters" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:  # TikTok's room id comes from an import only
        main(["log", "add", "--coins", "10", "--tiktok-room-id", "7"])
    assert refused.value.code == 2


def test_log_gifts_and_default_start(capsys: pytest.CaptureFixture[str]) -> None:
    log("--gifts", "Rose:10,Galaxy:2", "--duration-minutes", "30")
    out = capsys.readouterr().out
    assert "2,010 coins, 201 diamonds, $10.05 for you." in out
    assert "$39.95 short of the $50.00 payout minimum." in out
    (stream,) = run_json(capsys, "log", "list")["streams"]
    assert stream["started_at"][-6] in "+-", "the default start carries the local UTC offset"
    assert stream["origin"] == "gifts", "coins added up from gifts say so"


def test_list_on_a_fresh_home_guides_the_user(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "list"]) == 0
    assert capsys.readouterr().out == (
        "No streams logged yet: log one with 'livetally log add --coins N'.\n"
    )


def test_payout_and_balance(capsys: pytest.CaptureFixture[str]) -> None:
    log("--coins", "12000", "--started-at", "2026-11-20T19:30:00Z")
    assert main(["payout", "add", "--diamonds", "1000", "--cash-usd", "50", "--date",
                 "2026-11-25"]) == 0  # fmt: skip
    assert "200 diamonds left." in capsys.readouterr().out
    assert run_json(capsys, "balance") == {
        "country": "US",
        "balance_diamonds": "200",
        "balance_usd": "10.00",
        "payout_fee_usd": "0.00",
        "payout_net_usd": "10.00",
        "payout_minimum_usd": "50.00",
        "withdrawable": False,
        "missing_usd": "40.00",
        "missing_diamonds": "800",
    }


def test_report_by_source_json_shape(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log("--coins", "10000", "--started-at", "2026-11-20T19:30:00Z")
    log("--coins", "3", "--started-at", "2026-11-21T19:30:00Z")
    income = tmp_path / "income.csv"
    income.write_text(
        "date,source,amount,currency,description\n"
        "2026-11-03,sponsorship,250.00,EUR,Brand X\n"
        "2026-11-04,affiliate,19.99,USD,\n",
        encoding="utf-8",
    )
    assert main(["import", "income", str(income)]) == 0
    capsys.readouterr()
    assert run_json(capsys, "report", "--by", "source") == {
        "currency": "USD",
        "total": "341.72",
        "by_source": {"live_gifts": "50.00", "sponsorship": "271.73", "affiliate": "19.99"},
    }


def test_report_by_tag_and_weekday(capsys: pytest.CaptureFixture[str]) -> None:
    log("--coins", "10000", "--started-at", "2026-11-20T19:30:00Z", "--duration-minutes",
        "120", "--tags", "qa")  # fmt: skip
    log("--coins", "2000", "--started-at", "2026-11-23T19:30:00Z", "--duration-minutes", "60")
    capsys.readouterr()
    by_tag = run_json(capsys, "report", "--by", "tag")["by_tag"]
    assert by_tag["qa"] == {
        "total": "50.00",
        "streams": 1,
        "hours": "2.00",
        "cash_per_hour": "25.00",
        "streams_without_duration": 0,
        # One stream: its interval is its own figure, and one stream is too few to tell.
        "low": "25.00",
        "high": "25.00",
        "enough_data": False,
    }
    by_day = run_json(capsys, "report", "--by", "weekday", "--from", "2026-11-21")["by_weekday"]
    assert list(by_day) == ["Monday"]


def test_backup_then_restore(capsys: pytest.CaptureFixture[str], isolated_data_home: Path) -> None:
    log("--coins", "100", "--started-at", "2026-11-20T19:30:00Z")
    assert main(["backup"]) == 0
    last_line = capsys.readouterr().out.splitlines()[-1]
    backup = Path(last_line.removeprefix("Backed up the ledger to "))
    assert backup.parent == isolated_data_home / "backups"
    log("--coins", "200", "--started-at", "2026-11-21T19:30:00Z")
    assert main(["restore", str(backup)]) == 0
    assert "The ledger as it was is kept in" in capsys.readouterr().out
    assert [s["coins"] for s in run_json(capsys, "log", "list")["streams"]] == ["100"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "is not a SQLite database"),
    ],
)
def test_a_broken_ledger_is_reported_and_left_alone(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path, content: bytes, problem: str
) -> None:
    isolated_data_home.mkdir(parents=True)
    database = isolated_data_home / "livetally.sqlite3"
    database.write_bytes(content)
    assert main(["log", "add", "--coins", "5"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"livetally: {database}: {problem}")
    assert "livetally restore" in err
    assert database.read_bytes() == content


def test_report_text_counts_a_two_tag_stream_once(capsys: pytest.CaptureFixture[str]) -> None:
    log("--coins", "10000", "--started-at", "2026-11-20T19:30:00Z", "--duration-minutes",
        "120", "--tags", "qa,collab")  # fmt: skip
    log("--coins", "500", "--started-at", "2026-11-21T19:30:00Z")
    capsys.readouterr()
    assert main(["report", "--by", "tag"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Earnings by tag, in USD (90% intervals of cash per hour)",
        "Tag         Streams  Hours    Cash  Cash/hour  90% interval",
        "collab            1    2.0  $50.00     $25.00  too few streams to tell",
        "qa                1    2.0  $50.00     $25.00  too few streams to tell",
        "(untagged)        1    0.0   $2.50",
        "Total                       $52.50",
        "1 stream without a duration is left out of the cash per hour.",
        "Too few streams in each tag to tell which pays more per hour.",
        "A group needs 8 streams with a duration to tell.",
    ]


def test_reading_a_ledger_from_an_older_version_upgrades_it_first(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path
) -> None:
    import sqlite3
    from contextlib import closing

    from livetally.storage.schema import APPLICATION_ID, MIGRATIONS

    isolated_data_home.mkdir(parents=True)
    with closing(sqlite3.connect(isolated_data_home / "livetally.sqlite3")) as db:
        MIGRATIONS[0](db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("PRAGMA user_version = 1")
        db.commit()
    assert run_json(capsys, "log", "list") == {"streams": []}
    assert list((isolated_data_home / "backups").glob("*-migration.sqlite3"))


def test_a_start_time_out_of_range_is_one_line_naming_the_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["log", "add", "--coins", "5", "--started-at", "9999-12-31T23:30:00-01:00"]) == 2
    assert capsys.readouterr().err == (
        "livetally: --started-at: expected a time between the years 1 and 9999 in UTC "
        "(check the year), got '9999-12-31T23:30:00-01:00'\n"
    )
