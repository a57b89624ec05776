"""Calibrating a country's rates from the wallet, through the settings file."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from livetally.models.calculator import CalculatorViewModel
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.ui import prompts
from livetally.ui.calibrate_dialog import CalibrateDialog
from tests.ui.test_calculator_tab import assert_labelled

ENGLISH = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
ARROW = " \N{RIGHTWARDS ARROW} "
DASH = "\N{EM DASH}"


def open_dialog(session: Session, qtbot: QtBot, country: str | None = None) -> CalibrateDialog:
    dialog = CalibrateDialog(session, country=country, formatter=ENGLISH)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def save(dialog: CalibrateDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_the_share_before_and_after_shows_as_the_person_types(
    session: Session, qtbot: QtBot
) -> None:
    dialog = open_dialog(session, qtbot)
    assert dialog.preview["creator_share"].text() == f"50.0%{ARROW}{DASH}"

    qtbot.keyClicks(dialog.wallet_diamonds, "1000")
    qtbot.keyClicks(dialog.wallet_usd, "40")

    assert dialog.preview["diamond_usd"].text() == f"0.05{ARROW}0.04"
    assert dialog.preview["diamonds_per_coin"].text() == f"0.1{ARROW}0.1"
    assert dialog.preview["creator_share"].text() == f"50.0%{ARROW}40.0%"
    assert dialog.preview["tiktok_share"].text() == f"50.0%{ARROW}60.0%"

    qtbot.keyClicks(dialog.gift_coins, "100")
    assert dialog.errors[dialog.gift_diamonds].message() == (
        "Needed with Gift coins (or leave both gift fields blank)"
    )
    assert dialog.preview["creator_share"].text() == f"50.0%{ARROW}{DASH}"
    qtbot.keyClicks(dialog.gift_diamonds, "20")
    assert dialog.preview["diamonds_per_coin"].text() == f"0.1{ARROW}0.2"
    assert dialog.preview["creator_share"].text() == f"50.0%{ARROW}80.0%"
    assert not dialog.errors[dialog.gift_diamonds].isVisible()


def test_saving_writes_the_settings_file_and_the_calculator_follows(
    session: Session, qtbot: QtBot
) -> None:
    calculator = CalculatorViewModel(session, ENGLISH)
    calculator.set_coins_text("10000")
    assert calculator.results.creator_usd == "$50.00"
    before = session.settings_file.path.read_text(encoding="utf-8")

    dialog = open_dialog(session, qtbot)
    qtbot.keyClicks(dialog.wallet_diamonds, "1,000")
    qtbot.keyClicks(dialog.wallet_usd, "40.00")
    with qtbot.waitSignals([session.settings_changed, dialog.calibrated, dialog.accepted]):
        save(dialog)

    text = session.settings_file.path.read_text(encoding="utf-8")
    us = text.split("[countries.US]")[1].split("[countries.")[0]
    assert "diamond_usd = 0.04  # calibrated from your wallet on " in us
    # Everything the person wrote is still there: the new line is the only change.
    assert [line for line in text.splitlines() if line not in before.splitlines()] == [
        line for line in us.splitlines() if line.startswith("diamond_usd")
    ]
    assert "# ALL FIGURES BELOW ARE ESTIMATES." in text
    assert session.profile().diamond_usd == Decimal("0.04")
    assert session.profile("GB").diamond_usd == Decimal("0.05")  # only the chosen country
    assert calculator.results.creator_usd == "$40.00"
    assert not dialog.isVisible()


def test_a_settings_file_changed_on_disk_is_reported_inline_and_not_overwritten(
    session: Session, qtbot: QtBot
) -> None:
    path = session.settings_file.path
    changed_elsewhere = path.read_text(encoding="utf-8") + "\n# edited in a text editor\n"
    path.write_text(changed_elsewhere, encoding="utf-8")

    dialog = open_dialog(session, qtbot)
    qtbot.keyClicks(dialog.wallet_diamonds, "1000")
    qtbot.keyClicks(dialog.wallet_usd, "40")
    save(dialog)

    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert dialog.problem.message().startswith("Nothing was saved: ")
    assert "was changed by another program" in dialog.problem.message()
    assert path.read_text(encoding="utf-8") == changed_elsewhere
    assert session.profile().diamond_usd == Decimal("0.05")


def test_invalid_readings_are_shown_inline_and_nothing_is_saved(
    session: Session, qtbot: QtBot
) -> None:
    before = session.settings_file.path.read_text(encoding="utf-8")
    dialog = open_dialog(session, qtbot)
    qtbot.keyClicks(dialog.wallet_diamonds, "abc")
    qtbot.keyClicks(dialog.wallet_usd, "0")

    assert dialog.errors[dialog.wallet_diamonds].message() == (
        "Expected a whole number such as 500, got 'abc'"
    )
    assert dialog.errors[dialog.wallet_usd].message() == "Wallet cash must be greater than 0"
    assert dialog.preview["diamond_usd"].text() == f"0.05{ARROW}{DASH}"

    save(dialog)
    assert dialog.isVisible()
    assert session.settings_file.path.read_text(encoding="utf-8") == before


def test_empty_wallet_fields_are_called_out_on_save(session: Session, qtbot: QtBot) -> None:
    dialog = open_dialog(session, qtbot)
    assert not dialog.errors[dialog.wallet_diamonds].isVisible()
    save(dialog)
    assert dialog.isVisible()
    assert dialog.errors[dialog.wallet_diamonds].message().startswith("Wallet diamonds is empty")
    assert dialog.focusWidget() is dialog.wallet_diamonds


def test_readings_that_do_not_fit_the_coin_price_are_refused(
    session: Session, qtbot: QtBot
) -> None:
    dialog = open_dialog(session, qtbot)
    qtbot.keyClicks(dialog.wallet_diamonds, "10")
    qtbot.keyClicks(dialog.wallet_usd, "50")  # $5 a diamond: far above what viewers paid
    assert "do not fit" in dialog.errors[dialog.wallet_usd].message()
    assert dialog.preview["creator_share"].text().endswith(DASH)


def test_another_country_can_be_calibrated(session: Session, qtbot: QtBot) -> None:
    dialog = open_dialog(session, qtbot, country="DE")
    assert dialog.country.currentData() == "DE"
    qtbot.keyClicks(dialog.wallet_diamonds, "1000")
    qtbot.keyClicks(dialog.wallet_usd, "45")
    save(dialog)
    assert session.profile("DE").diamond_usd == Decimal("0.045")
    assert session.profile("US").diamond_usd == Decimal("0.05")


def test_every_input_is_labelled(session: Session, qtbot: QtBot) -> None:
    dialog = open_dialog(session, qtbot)
    assert_labelled(dialog)
    names = [field.accessibleName() for field in dialog.errors]
    assert names == ["Wallet diamonds", "Wallet cash (USD)", "Gift coins", "Gift diamonds"]


@pytest.mark.parametrize("answer", [False, True])
def test_an_implausible_share_is_warned_about_and_saved_only_when_confirmed(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> None:
    asked: list[str] = []

    def confirm(parent: object, title: str, text: str, action: str) -> bool:
        asked.append(text)
        return answer

    monkeypatch.setattr(prompts, "confirm", confirm)
    before = session.settings_file.text
    dialog = open_dialog(session, qtbot)
    qtbot.keyClicks(dialog.wallet_diamonds, "1000")
    qtbot.keyClicks(dialog.wallet_usd, "5")  # $0.005 a diamond: a 5% share, a typo
    assert "creator share of 5.0%, outside the 20-70%" in dialog.problem.message()
    save(dialog)
    assert len(asked) == 1
    assert "creator share of 5.0%" in asked[0]
    assert dialog.isVisible() is not answer
    saved = session.settings_file.text != before
    assert saved is answer
