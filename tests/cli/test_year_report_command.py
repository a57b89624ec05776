"""``livetally report --year Y --pdf F --csv F``: the year on paper, written whole, and every
bad option one line with exit 2 and nothing written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from livetally import __version__
from livetally.cli import main
from livetally.core.rates import RateProfile
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.settings import edits
from livetally.settings.document import SettingsFile
from livetally.storage.ledger import Ledger
from tests.year_report_fixtures import INCOME, PAYOUTS, SET_ASIDE_AT_25, STREAMS, TOTAL_USD

US = RateProfile("US", "United States", "USD")


@pytest.fixture
def home(isolated_data_home: Path) -> Path:
    """The data home of tests/year_report_fixtures.py, setting 25% aside for tax."""
    prepared = prepare_data_home(resolve_data_home(None))
    with Ledger.open(prepared.database_path, prepared.backups_dir) as ledger:
        ledger.import_streams(list(STREAMS), US)
        ledger.import_income(list(INCOME))
        for payout in PAYOUTS:
            ledger.add_payout(payout)
    loaded = SettingsFile.load(prepared.settings_path)
    edits.with_tax_reserve_percent(loaded, Decimal(25)).save()
    return prepared.root


def test_the_csv_holds_the_year_as_worked_out_on_paper(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports" / "2025.csv"
    assert main(["report", "--year", "2025", "--csv", str(out)]) == 0
    assert capsys.readouterr().err == f"Wrote the 2025 report to {out}.\n"
    text = out.read_bytes().decode("utf-8")  # as written: \r\n, as Excel writes CSV
    assert text.startswith("item,detail,value\r\nreport,LiveTally year report,2025\r\n")
    assert "period,2025-01-01 to 2025-12-31,\r\n" in text
    assert f"livetally version,{__version__},\r\n" in text
    assert f"total,all sources,{TOTAL_USD}\r\n" in text
    assert f'25% of the total (your own estimate, not tax advice)",{SET_ASIDE_AT_25}' in text
    assert "payouts received,2 payouts of 1192 diamonds in all,59.00\r\n" in text
    assert "2025-01,live_gifts,59.60,USD,2,2.00\r\n" in text
    assert "2025-12,merchandise,12.34,USD,,\r\n" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdf_and_csv_together_and_the_same_total_as_report(
    qapp: object, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """(``qapp``: the test process's one QApplication, which the command then uses; made
    here, the command would make a QGuiApplication that later Qt tests could not replace.)"""
    pdf, csv_file = tmp_path / "2025.pdf", tmp_path / "2025.csv"
    assert main(["report", "--year", "2025", "--pdf", str(pdf), "--csv", str(csv_file)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Period: 1 January 2025 to 31 December 2025" in flat
    assert f"Made with LiveTally {__version__}" in flat
    assert f"Income, all sources ${TOTAL_USD}" in flat
    assert f"Tax set-aside (25%, your own estimate) ${SET_ASIDE_AT_25}" in flat
    capsys.readouterr()
    args = ["report", "--by", "source", "--from", "2025-01-01", "--to", "2025-12-31", "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["total"] == str(TOTAL_USD)


def test_json_and_text_without_files(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--year", "2025", "--json", "--currency", "eur"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["period"] == {"first": "2025-01-01", "last": "2025-12-31"}
    assert (payload["currency"], payload["total"]) == ("EUR", "369.78")
    assert payload["exchange_rates"] == {"EUR": "0.92"}
    assert payload["tax_set_aside"] == "92.45"
    assert payload["payouts"] == {"count": 2, "diamonds": 1192, "received": "54.28", "fees": "1.47"}
    assert (payload["streams"], payload["hours"]) == (4, "3.00")
    assert payload["by_month"]["2025-03"]["by_source"] == {
        "live_gifts": "18.40",
        "affiliate": "46.00",
    }
    assert main(["report", "--year", "2025"]) == 0
    text = capsys.readouterr().out
    assert f"Total                 ${TOTAL_USD}" in text
    assert f"Tax set-aside (25%)   ${SET_ASIDE_AT_25}" in text


def test_every_report_states_the_set_aside_once_a_percentage_is_set(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    period = ["--from", "2025-01-01", "--to", "2025-12-31"]
    assert main(["report", "--by", "source", *period]) == 0
    assert f"To set aside for tax (25% of the total): ${SET_ASIDE_AT_25}" in capsys.readouterr().out
    assert main(["report", *period, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["tax_reserve_percent"], payload["tax_set_aside"]) == ("25", "100.49")


def test_at_zero_percent_reports_are_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--json"]) == 0
    assert "tax_set_aside" not in json.loads(capsys.readouterr().out)


def one_line_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        ("abc", "expected a year such as 2025, got 'abc'"),
        ("25", "expected a year such as 2025, got '25'"),
        ("2025.0", "expected a year such as 2025, got '2025.0'"),
        ("-2025", "expected a year such as 2025, got '-2025'"),
        ("0999", "expected a year from 1900 to 9999, got 0999"),
    ],
)
def test_a_bad_year_is_one_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str, expected: str
) -> None:
    out = tmp_path / "y.csv"
    line = one_line_error(["report", f"--year={year}", "--csv", str(out)], capsys)
    assert line == f"livetally: --year: {expected}"
    assert not out.exists()


def test_options_that_do_not_go_together(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert one_line_error(["report", "--pdf", "y.pdf"], capsys) == (
        "livetally: --pdf: needs --year YYYY: the file is a calendar year's report"
    )
    assert one_line_error(["report", "--year", "2025", "--by", "tag"], capsys) == (
        "livetally: --year: cannot go with --by: a year report covers January to December"
    )
    same = ["report", "--year", "2025", "--pdf", "a.pdf", "--csv", "a.pdf"]
    assert one_line_error(same, capsys) == (
        "livetally: --csv: a.pdf is also the --pdf file; give two file names"
    )


@pytest.mark.parametrize("option", ["--pdf", "--csv"])
def test_a_folder_is_refused(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    line = one_line_error(["report", "--year", "2025", option, str(tmp_path)], capsys)
    example = tmp_path / f"livetally-year.{option[2:]}"
    assert line == (
        f"livetally: {option}: {tmp_path} is a folder; give a file name, e.g. {example}"
    )
    assert not example.exists()


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("settings.toml", "the settings file"),
        ("livetally.sqlite3", "the ledger"),
        ("gifts.toml", "the gift catalog"),
    ],
)
@pytest.mark.parametrize("option", ["--pdf", "--csv"])
def test_livetallys_own_files_are_never_written_over(
    home: Path, capsys: pytest.CaptureFixture[str], option: str, name: str, what: str
) -> None:
    target = home / name
    before = target.read_bytes()
    line = one_line_error(["report", "--year", "2025", option, str(target)], capsys)
    assert line == (
        f"livetally: {option}: {target} is {what}; writing over it would destroy it: "
        "choose another file name"
    )
    assert target.read_bytes() == before


def test_a_backup_is_never_written_over(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = next((home / "backups").iterdir())
    before = backup.read_bytes()
    line = one_line_error(["report", "--year", "2025", "--csv", str(backup)], capsys)
    assert "is one of LiveTally's backups; writing over it would destroy it" in line
    assert backup.read_bytes() == before


def test_a_pdf_from_a_fresh_process_needs_no_screen(home: Path, tmp_path: Path) -> None:
    """As a creator runs it: no QApplication beforehand, no display, no Qt platform named."""
    pdf = tmp_path / "2025.pdf"
    screenless = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    done = subprocess.run(
        [sys.executable, "-m", "livetally", "--data-dir", str(home), "report", "--year", "2025",
         "--pdf", str(pdf)],
        capture_output=True, text=True, env=screenless, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "",
        f"Wrote the 2025 report to {pdf}.\n",
    )
    assert pdf.read_bytes().startswith(b"%PDF-")
