"""The payouts dialog: record, edit and delete withdrawals with undo, and the wallet check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from livetally.core.records import PayoutRecord, StreamRecord
from livetally.models.commands import AddStreamCommand, run
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.ui import prompts
from livetally.ui.main_window import MainWindow
from livetally.ui.payout_form import PayoutForm
from livetally.ui.payouts_dialog import PayoutsDialog

ENGLISH = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def earn(session: Session, coins: int) -> None:
    record = StreamRecord("2026-11-01T20:00:00Z", coins)
    run(session, AddStreamCommand(session, record, session.profile()))


def dialog_on(session: Session, qtbot: QtBot) -> PayoutsDialog:
    dialog = PayoutsDialog(session, formatter=ENGLISH)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(form: PayoutForm, diamonds: str, cash: str, fee: str = "0", day: int = 25) -> None:
    form.date.setDate(QDate(2026, 11, day))
    form.diamonds.setText(diamonds)
    form.cash.setText(cash)
    form.fee.setText(fee)


def ok(form: PayoutForm) -> None:
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_form_starts_from_the_whole_balance(session: Session, qtbot: QtBot) -> None:
    earn(session, 20_000)
    form = dialog_on(session, qtbot).record_payout()
    assert (form.diamonds.text(), form.cash.text(), form.fee.text()) == ("2000", "100.00", "0.00")
    assert form.method.currentText() == "PayPal"
    assert form.diamonds.accessibleName() == "Diamonds cashed out"


def test_record_edit_delete_and_undo_each(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    earn(session, 20_000)
    dialog = dialog_on(session, qtbot)
    assert dialog.summary.text() == "No payouts recorded yet."
    form = dialog.record_payout()
    fill(form, "1,000", "49.70", "0.30")
    ok(form)
    assert not form.isVisible()
    (recorded,) = session.ledger.payouts()
    assert recorded.record == PayoutRecord(
        dt.date(2026, 11, 25), 1000, Decimal("49.70"), "PayPal", Decimal("0.30")
    )
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "1,000"
    assert dialog.summary.text() == "1 payout: 1,000 diamonds, $49.70 received"
    assert dialog.balance.text() == "Not yet cashed out: 1,000 diamonds ($50.00)."

    dialog.table.selectRow(0)
    edit = dialog.edit_selected()
    assert edit is not None
    assert edit.diamonds.text() == "1000"
    edit.diamonds.setText("1")
    edit.cash.setText("0.05")
    edit.fee.setText("0")
    edit.method.setCurrentText("Bank transfer")
    ok(edit)
    (edited,) = session.ledger.payouts()
    assert (edited.record.diamonds, edited.record.method) == (1, "Bank transfer")
    assert dialog.summary.text() == "1 payout: 1 diamond, $0.05 received"

    dialog.undo_action.trigger()
    assert session.ledger.payouts()[0].record.diamonds == 1000

    monkeypatch.setattr(prompts, "confirm", lambda *args: True)
    dialog.table.selectRow(0)
    dialog.delete_selected()
    assert session.ledger.payouts() == []
    assert session.ledger.balance_diamonds() == 2000
    dialog.undo_action.trigger()
    assert [p.id for p in session.ledger.payouts()] == [recorded.id]
    assert dialog.undo_action.text() == "&Undo Record payout"
    dialog.undo_action.trigger()  # the edit was undone before the delete: the recording
    assert session.ledger.payouts() == []
    dialog.redo_action.trigger()
    assert [p.record for p in session.ledger.payouts()] == [recorded.record]


def test_impossible_payouts_stay_in_the_form_with_the_reason(
    session: Session, qtbot: QtBot
) -> None:
    earn(session, 10_000)
    form = dialog_on(session, qtbot).record_payout()
    fill(form, "abc", "50")
    ok(form)
    assert form.errors[form.diamonds].message() == (
        "Diamonds: expected a whole number such as 500, got 'abc'"
    )
    fill(form, "100", "4", fee="5")
    ok(form)
    assert form.problem.message() == (
        "Not recorded: the fee ($5) is larger than the cash received ($4)"
    )
    fill(form, "5000", "250")
    ok(form)
    assert "cannot cash out 5,000 diamonds: the balance is 1,000" in form.problem.message()
    assert form.isVisible()
    assert session.ledger.payouts() == []


def test_an_unusual_price_per_diamond_is_asked_about_first(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    earn(session, 100_000)
    asked: list[str] = []
    answer = False

    def confirm(_parent: object, _title: str, text: str, _action: str) -> bool:
        asked.append(text)
        return answer

    monkeypatch.setattr(prompts, "confirm", confirm)
    form = dialog_on(session, qtbot).record_payout()
    fill(form, "10000", "5")
    ok(form)
    assert "10,000 diamonds for $5 is $0.0005 a diamond" in asked[0]
    assert session.ledger.payouts() == []
    answer = True
    ok(form)
    assert len(session.ledger.payouts()) == 1


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("1,000", "Your wallet and LiveTally agree: 1,000 diamonds."),
        ("1,150", "Your wallet shows 150 diamonds ($7.50) more than LiveTally's 1,000 diamonds"),
        (
            "999",
            "Your wallet shows 1 diamond ($0.05) fewer than LiveTally's 1,000 diamonds: a "
            "payout may not be recorded yet",
        ),
    ],
)
def test_the_wallet_check_says_the_difference(
    session: Session, qtbot: QtBot, typed: str, said: str
) -> None:
    earn(session, 10_000)
    dialog = dialog_on(session, qtbot)
    qtbot.keyClicks(dialog.wallet, typed)
    dialog.check_button.click()
    assert dialog.wallet_result.text().startswith(said)


def test_the_wallet_check_follows_the_ledger_and_names_bad_input(
    session: Session, qtbot: QtBot
) -> None:
    earn(session, 10_000)
    dialog = dialog_on(session, qtbot)
    dialog.wallet.setText("1,000")
    dialog.check_wallet()
    assert "agree" in dialog.wallet_result.text()
    earn(session, 10)  # one more diamond in the ledger
    assert "1 diamond ($0.05) fewer" in dialog.wallet_result.text()
    dialog.wallet.setText("lots")
    dialog.check_wallet()
    assert dialog.wallet_error.message().startswith("Wallet diamonds: expected a whole number")
    assert dialog.wallet_result.text() == ""


def test_reachable_from_the_calculator_and_the_status_bar(window: MainWindow) -> None:
    from_calculator = window.calculator.show_payouts()
    assert isinstance(from_calculator, PayoutsDialog)
    assert window.calculator.payouts_button.text() == "&Payouts and wallet check…"
    from_calculator.reject()
    window.balance.payouts_button.click()
    opened = [d for d in window.findChildren(PayoutsDialog) if d.isVisible()]
    assert len(opened) == 1
    opened[0].reject()
