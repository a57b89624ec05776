"""The year report PDF, written with Qt and read back with pdftotext (poppler-utils)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from livetally import __version__
from livetally.core.records import IncomeRecord
from livetally.core.year_report import YearReport, build_year_report
from livetally.problems import describe
from livetally.ui.year_report_pdf import write_year_report_pdf, year_report_html
from tests.core.test_year_report import RATES, year

MADE_ON = dt.date(2026, 1, 15)

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext (poppler-utils) is not installed, so the PDF's text cannot be read back",
)


def pdf_text(report: YearReport, path: Path) -> str:
    write_year_report_pdf(report, path, MADE_ON)
    assert path.read_bytes().startswith(b"%PDF-")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())  # one line: table cells are far apart


@needs_pdftotext
def test_the_pdf_states_its_period_version_and_every_figure(qtbot: QtBot, tmp_path: Path) -> None:
    text = pdf_text(year(), tmp_path / "year.pdf")
    assert "LiveTally year report 2025" in text
    assert "Period: 1 January 2025 to 31 December 2025. All amounts in USD." in text
    assert f"Made with LiveTally {__version__} on 15 January 2026." in text
    assert "Income, all sources $401.94" in text
    assert "Tax set-aside (25%, your own estimate) $100.49" in text
    assert "Payouts received from TikTok (2, 1,192 diamonds) $59.00" in text
    assert "Fees kept by the payout method $1.60" in text
    assert "LIVE streams 4" in text
    assert "Hours streamed 3.0" in text
    for line in ("LIVE gifts $89.60 22.3%", "Sponsorship $250.00 62.2%", "Total $401.94"):
        assert line in text
    assert "January 59.60 59.60 14.90 2 2.0" in text  # a month: its sources, set-aside, time
    assert "Year 89.60 250.00 50.00 12.34 401.94 100.49 4 3.0" in text
    assert "Exchange rates used, in units per 1 USD" in text
    assert "EUR 0.92." in text
    assert "not tax advice" in text


@needs_pdftotext
def test_in_another_currency_every_amount_is_converted(qtbot: QtBot, tmp_path: Path) -> None:
    text = pdf_text(year("EUR"), tmp_path / "year.pdf")
    assert "All amounts in EUR." in text
    assert "Income, all sources 369.78 EUR" in text
    assert "By month, in EUR" in text


@needs_pdftotext
def test_without_a_percentage_no_set_aside_is_shown(qtbot: QtBot, tmp_path: Path) -> None:
    text = pdf_text(year(percent=Decimal(0)), tmp_path / "year.pdf")
    assert "Tax set-aside not set ([app] tax_reserve_percent in settings.toml)" in text
    assert "Set aside" not in text
    assert "Year 89.60 250.00 50.00 12.34 401.94 4 3.0" in text


def test_a_source_named_like_markup_is_text(qtbot: QtBot) -> None:
    odd = IncomeRecord(dt.date(2025, 4, 1), "<b>bold</b> & co", Decimal(5), "USD")
    report = build_year_report(2025, [], [odd], [], RATES, "USD")
    html = year_report_html(report, MADE_ON)
    assert "<b>bold" not in html
    assert "&lt;B&gt;Bold&lt;/B&gt; &amp; Co" in html  # title-cased as every view shows it


def test_a_place_that_cannot_be_written_is_one_clear_line(qtbot: QtBot, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    with pytest.raises(FileExistsError) as caught:
        write_year_report_pdf(year(), not_a_folder / "year.pdf", MADE_ON)
    assert describe(caught.value) == f"{not_a_folder}: File exists; nothing was changed"
    assert not_a_folder.read_text() == "a file, not a folder"
