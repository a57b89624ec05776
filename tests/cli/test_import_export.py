"""CSV in and out through the command line: all or nothing, no doubles, exact round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from livetally.cli import main

STREAMS = (
    "\ufeffstarted_at,duration_minutes,coins,diamonds,likes,peak_viewers,new_followers,tags,notes\n"
    '2026-11-20T19:30:00+01:00,90,10000,,52000,310,41,qa;collab,"first, with ""Ana"""\n'
    '2026-11-21T20:00:00+01:00,45,2500,240,8000,120,9,chat,"two\nlines"\n'
    "2026-11-22T18:00:00-05:00,,15,,,,,,=SUM(A1:A9)\n"
)


@pytest.fixture
def streams_csv(tmp_path: Path) -> Path:
    path = tmp_path / "streams.csv"
    path.write_text(STREAMS, encoding="utf-8")
    return path


def test_import_then_again_counts_new_and_present(
    capsys: pytest.CaptureFixture[str], streams_csv: Path
) -> None:
    assert main(["import", "streams", str(streams_csv)]) == 0
    assert capsys.readouterr().out == f"Imported {streams_csv}: 3 new streams, 0 already there.\n"
    assert main(["import", "streams", str(streams_csv)]) == 0
    assert capsys.readouterr().out == f"Imported {streams_csv}: 0 new streams, 3 already there.\n"


def test_a_bad_file_imports_nothing_and_names_each_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "started_at,coins,tags\n"
        "2026-11-20T19:30:00+01:00,100,qa\n"
        "2026-06-31 19:30,100,qa\n"
        "2026-11-21T19:30:00+01:00,-3,qa\n",
        encoding="utf-8",
    )
    assert main(["import", "streams", str(bad)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{bad}:3: started_at: 2026-06-31 is not a day in the calendar (June 2026 has 30 days)",
        f"{bad}:4: coins: must not be negative, got -3",
        "Nothing was imported.",
    ]
    assert main(["log", "list"]) == 0
    assert "No streams logged yet" in capsys.readouterr().out


def test_export_import_export_gives_the_same_bytes(
    capsys: pytest.CaptureFixture[str], streams_csv: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    second = tmp_path / "second.csv"
    assert main(["import", "streams", str(streams_csv)]) == 0
    assert main(["export", "streams", "-o", str(first)]) == 0
    fresh = tmp_path / "fresh-home"
    assert main(["--data-dir", str(fresh), "import", "streams", str(first)]) == 0
    assert main(["--data-dir", str(fresh), "export", "streams", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    exported = first.read_text(encoding="utf-8")
    assert "'=SUM(A1:A9)" in exported, "formulas are neutralised for spreadsheets"
    assert exported.splitlines()[0] == (
        "started_at,duration_minutes,coins,diamonds,likes,peak_viewers,new_followers,tags,notes,"
        "views,gifters,title,tiktok_room_id,origin"
    )
    assert exported.splitlines()[1].endswith(",csv"), "what came from a file says so"
    capsys.readouterr()
    assert main(["log", "list", "--json"]) == 0
    assert '"notes": "=SUM(A1:A9)"' in capsys.readouterr().out, "and restored on import"


def test_export_to_stdout(capsys: pytest.CaptureFixture[str], streams_csv: Path) -> None:
    assert main(["import", "streams", str(streams_csv)]) == 0
    capsys.readouterr()
    assert main(["export", "streams"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("started_at,duration_minutes,coins,")
    assert '2026-11-21T20:00:00+01:00,45,2500,240,8000,120,9,chat,"two\nlines",,,,,csv\r\n' in out


def test_income_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    income = tmp_path / "income.csv"
    income.write_text(
        "date,source,amount,currency,description\r\n"
        "2026-11-03,sponsorship,250.00,EUR,Brand X\r\n"
        "2026-11-04,Ko-fi,5,USD,-tips\r\n",
        encoding="utf-8",
    )
    assert main(["import", "income", str(income)]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", "income", "-o", str(out)]) == 0
    assert out.read_bytes().decode("utf-8") == (
        "date,source,amount,currency,description\r\n"
        "2026-11-03,sponsorship,250.00,EUR,Brand X\r\n"
        "2026-11-04,ko-fi,5,USD,'-tips\r\n"
    )


def test_unknown_currency_in_income(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    income = tmp_path / "income.csv"
    income.write_text("date,source,amount,currency\n2026-11-03,merch,10,XYZ\n", encoding="utf-8")
    assert main(["import", "income", str(income)]) == 2
    first_line = capsys.readouterr().err.splitlines()[0]
    assert first_line.startswith(f"{income}:2: currency: expected one of AED, AUD,")
    assert first_line.endswith("got 'XYZ'")


def test_every_problem_goes_to_the_errors_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    rows = "".join(f"2026-11-{1 + n % 28:02d}T19:30:00Z,-{n + 1},qa\n" for n in range(25))
    bad.write_text("started_at,coins,tags\n" + rows, encoding="utf-8")
    assert main(["import", "streams", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "... and 5 more problems" in err
    assert "Add --errors FILE to get every problem in a file." in err
    listing = tmp_path / "problems.csv"
    assert main(["import", "streams", str(bad), "--errors", str(listing)]) == 2
    assert f"All 25 problems are listed in {listing}." in capsys.readouterr().err
    lines = listing.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "file,line,field,problem"
    assert len(lines) == 26
    assert lines[-1] == f'{bad},26,coins,"must not be negative, got -25"'
