"""The tax set-aside and the year report in the window: the settings field, the status bar,
and File > Export year report..., on the year of tests/year_report_fixtures.py."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from livetally.core.rates import TAX_RESERVE_PERCENT, RateProfile
from livetally.models.session import Session
from livetally.settings import edits
from livetally.ui import prompts
from livetally.ui.main_window import MainWindow
from livetally.ui.settings_dialog import SettingsDialog
from livetally.ui.tax_status import TaxSetAside
from livetally.ui.year_report_dialog import YearReportDialog
from tests.ui.test_settings_dialog import changes, disk, press_ok, type_into
from tests.year_report_fixtures import INCOME, PAYOUTS, SET_ASIDE_AT_25, STREAMS, TOTAL_USD

NEW_YEARS_EVE = dt.date(2025, 12, 31)


def fill(session: Session, percent: Decimal | None = Decimal(25)) -> None:
    ledger = session.ledger
    ledger.import_streams(list(STREAMS), RateProfile("US", "United States", "USD"))
    ledger.import_income(list(INCOME))
    for payout in PAYOUTS:
        ledger.add_payout(payout)
    session.ledger_was_changed()
    if percent is not None:
        session.save_settings(edits.with_tax_reserve_percent(session.settings_file, percent))


# -- Settings: the percentage ---------------------------------------------------------------


def test_the_settings_dialog_edits_the_percentage_in_place(session: Session, qtbot: QtBot) -> None:
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.open()
    field = dialog.tax_reserve
    assert field.edit.text() == "0"
    assert field.edit.accessibleName() == TAX_RESERVE_PERCENT.plain_label == "Tax set-aside (%)"
    before = disk(session)
    type_into(qtbot, field.edit, "150")
    assert field.error.message() == (
        "Tax set-aside (%): expected a number between 0 and 100, got 150"
    )
    press_ok(qtbot, dialog)
    assert disk(session) == before
    assert dialog.isVisible()
    type_into(qtbot, field.edit, "27.5")
    assert field.error.isHidden()
    with qtbot.waitSignal(session.settings_changed, timeout=2000):
        press_ok(qtbot, dialog)
    assert changes(before, disk(session)) == [
        ("-", "tax_reserve_percent = 0"),
        ("+", "tax_reserve_percent = 27.5"),
    ]
    assert session.settings.tax_reserve_percent == Decimal("27.5")


# -- the status bar -------------------------------------------------------------------------


def test_the_status_bar_totals_the_set_aside_of_the_year_so_far(
    session: Session, qtbot: QtBot
) -> None:
    label = TaxSetAside(session, today=lambda: NEW_YEARS_EVE)
    qtbot.addWidget(label)
    label.refresh()
    assert label.isHidden()  # 0%: nothing to set aside, nothing shown
    fill(session)
    assert label.text() == f"Set aside for tax: ${SET_ASIDE_AT_25} (25% of ${TOTAL_USD} in 2025)"
    assert not label.isHidden()
    session.save_settings(edits.with_tax_reserve_percent(session.settings_file, Decimal(0)))
    assert label.isHidden()


def test_the_window_has_it_beside_the_balance(window: MainWindow) -> None:
    assert window.tax_set_aside.accessibleName() == "Tax set-aside"
    assert window.tax_set_aside.isHidden()


# -- File > Export year report... -------------------------------------------------------------


def export_dialog(session: Session, qtbot: QtBot) -> YearReportDialog:
    dialog = YearReportDialog(session, today=lambda: dt.date(2026, 1, 15))
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def press_export(dialog: YearReportDialog) -> None:
    button = next(
        b
        for b in dialog.buttons.buttons()
        if dialog.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )
    button.click()


def test_the_dialog_offers_last_year_and_both_formats(session: Session, qtbot: QtBot) -> None:
    dialog = export_dialog(session, qtbot)
    assert dialog.year.value() == 2025
    assert [dialog.format.itemText(i)[:3] for i in range(dialog.format.count())] == ["PDF", "CSV"]
    assert (dialog.year.accessibleName(), dialog.format.accessibleName()) == ("Year", "Format")


def test_export_csv_writes_the_year_where_asked(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fill(session)
    target = tmp_path / "for the accountant.csv"
    asked: list[str] = []
    monkeypatch.setattr(
        prompts, "save_file", lambda _p, _c, suggested, *_: asked.append(suggested) or target
    )
    dialog = export_dialog(session, qtbot)
    dialog.format.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.written) as said:
        press_export(dialog)
    assert asked == ["livetally-2025.csv"]
    assert said.args == [f"Wrote the 2025 report to {target}."]
    text = target.read_bytes().decode("utf-8")
    assert f"total,all sources,{TOTAL_USD}\r\n" in text
    assert f'not tax advice)",{SET_ASIDE_AT_25}\r\n' in text
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_export_pdf_from_the_file_menu(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fill(window.session)
    target = tmp_path / "2025.pdf"
    monkeypatch.setattr(prompts, "save_file", lambda *args: target)
    actions = window.findChildren(QAction)
    action = next(a for a in actions if a.text() == "Export &year report…")
    action.trigger()
    dialog = window.findChild(YearReportDialog)
    assert dialog is not None
    dialog.year.setValue(2025)
    press_export(dialog)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "LiveTally year report 2025" in text
    assert window.statusBar().currentMessage() == f"Wrote the 2025 report to {target}."


def test_livetallys_own_files_are_refused_and_nothing_is_written(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_file = session.home.settings_path
    before = settings_file.read_bytes()
    warned: list[str] = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(settings_file), ""))
    dialog = export_dialog(session, qtbot)
    dialog.format.setCurrentIndex(1)
    press_export(dialog)
    assert warned == [f"{settings_file} is the settings file; writing over it would destroy it."]
    assert settings_file.read_bytes() == before
    assert dialog.isVisible()  # still open: choose another name or cancel
