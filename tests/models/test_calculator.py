"""The calculator's rules, checked without a window: inputs in, formatted figures out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from livetally.core.records import StreamRecord
from livetally.models.calculator import (
    COINS,
    DASH,
    DIAMONDS,
    GIFTS,
    TARGET,
    CalculatorViewModel,
    Driver,
)
from livetally.models.formatting import Formatter
from livetally.models.gift_picker import COUNT, GiftPickerModel
from livetally.models.session import Session

ENGLISH = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.fixture
def calc(session: Session) -> CalculatorViewModel:
    return CalculatorViewModel(session, ENGLISH)


def log_coins(session: Session, coins: int, when: str = "2026-01-05T19:00:00+01:00") -> None:
    session.ledger.add_stream(StreamRecord(when, coins), session.profile())
    session.ledger_was_changed()


def test_coins_give_every_party_its_share(calc: CalculatorViewModel) -> None:
    calc.set_coins_text("10000")

    results = calc.results
    assert results.coins == "10,000"
    assert results.viewer_spend == "$100.00"
    assert results.tiktok_cut == "$50.00"
    assert results.creator_usd == "$50.00"
    assert results.diamonds == "1,000"
    assert results.tiktok_label == "TikTok's cut (50.0%)"
    assert results.share_label == "Your share (50.0%)"
    assert results.heading == "From the coins typed"
    assert not results.show_local  # the US profile is in USD: no second currency row
    assert calc.errors == {}


def test_every_keystroke_updates_the_results(calc: CalculatorViewModel, qtbot: QtBot) -> None:
    for text, share in (("1", "$0.00"), ("10", "$0.05"), ("100", "$0.50")):
        with qtbot.waitSignal(calc.changed):
            calc.set_coins_text(text)
        assert calc.results.creator_usd == share


def test_gifts_fill_the_coins(calc: CalculatorViewModel) -> None:
    calc.gifts.set_count("Rose", 10)
    calc.gifts.set_count("galaxy", 2)

    assert calc.driver is Driver.GIFTS
    assert calc.coins_from_gifts
    assert calc.text(COINS) == "2,010"
    assert calc.results.coins == "2,010"
    assert calc.results.creator_usd == "$10.05"
    assert calc.results.heading == "From the 12 gifts counted"
    assert calc.gift_summary == "12 gifts counted: 2,010 coins"
    draft = calc.stream_draft()
    assert draft.coins == 2010
    assert [(g.gift.name, g.count) for g in draft.gifts] == [("Rose", 10), ("Galaxy", 2)]


def test_coins_cannot_be_typed_while_gifts_fill_them(calc: CalculatorViewModel) -> None:
    calc.gifts.set_count("Rose", 10)
    calc.set_coins_text("99999")

    assert calc.text(COINS) == "10"
    assert calc.results.coins == "10"

    calc.gifts.clear_counts()
    assert calc.driver is Driver.NONE
    assert calc.text(COINS) == ""
    assert calc.results.creator_usd == DASH
    calc.set_coins_text("500")
    assert calc.results.coins == "500"


def test_typing_in_one_input_clears_the_others(calc: CalculatorViewModel) -> None:
    calc.gifts.set_count("Rose", 10)
    calc.set_diamonds_text("1000")

    assert calc.driver is Driver.DIAMONDS
    assert (calc.text(COINS), calc.text(TARGET)) == ("", "")
    assert calc.gifts.total_gifts() == 0
    assert calc.results.creator_usd == "$50.00"
    assert calc.results.coins_label == "Coins of gifts"
    assert calc.results.coins == "10,000"

    calc.set_target_text("20")
    assert (calc.text(COINS), calc.text(DIAMONDS)) == ("", "")
    assert calc.driver is Driver.TARGET

    calc.set_coins_text("5")
    assert calc.text(TARGET) == ""
    assert calc.driver is Driver.COINS


def test_emptying_the_driving_input_blanks_the_results(calc: CalculatorViewModel) -> None:
    calc.set_coins_text("10000")
    calc.set_coins_text("")

    assert calc.driver is Driver.NONE
    assert calc.results.creator_usd == DASH
    assert calc.results.heading == "Type coins, diamonds or a target, or count gifts"
    assert calc.errors == {}  # empty is not wrong, just not typed yet


def test_target_gives_coins_and_diamonds_needed(calc: CalculatorViewModel) -> None:
    calc.set_target_text("100")

    results = calc.results
    assert (results.coins_label, results.coins) == ("Coins needed", "20,000")
    assert (results.diamonds_label, results.diamonds) == ("Diamonds needed", "2,000")
    assert results.creator_usd == "$100.00"
    assert results.viewer_spend_label == "Viewers would pay"
    assert results.heading == "What $100.00 to you takes (after payout fees)"
    assert not calc.can_log_stream  # a target is not a stream that happened


def test_country_gives_the_local_currency(calc: CalculatorViewModel) -> None:
    calc.set_coins_text("10000")
    calc.set_country("DE")

    assert calc.country == "DE"
    assert calc.results.show_local
    assert calc.results.local_label == "Your share in EUR"
    assert calc.results.creator_local == "46.00 EUR"
    assert calc.results.creator_usd == "$50.00"
    assert ("DE", "Germany (DE)") in calc.countries()


def test_unknown_country_is_ignored(calc: CalculatorViewModel) -> None:
    calc.set_country("XX")
    assert calc.country == "US"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-5", "Coins must not be negative, got -5; expected a whole number such as 500"),
        ("abc", "Expected a whole number such as 500, got 'abc'"),
        ("2.5", "Coins must be a whole number, got 2.5"),
    ],
)
def test_invalid_coins_are_explained_and_nothing_is_computed(
    calc: CalculatorViewModel, text: str, expected: str
) -> None:
    calc.set_coins_text(text)

    assert calc.error(COINS) == expected
    results = calc.results
    for value in (results.coins, results.viewer_spend, results.tiktok_cut, results.creator_usd):
        assert value == DASH
    assert results.diamonds == DASH
    assert calc.payout.this_amount == DASH
    assert not calc.can_log_stream


def test_invalid_target_is_explained(calc: CalculatorViewModel) -> None:
    calc.set_target_text("-5")
    assert calc.error(TARGET) == (
        "Target (USD) must not be negative, got -5; expected an amount in USD such as 49.99"
    )
    assert calc.results.coins == DASH

    calc.set_target_text("ten")
    assert calc.error(TARGET) == "Expected an amount such as 49.99, got 'ten'"


def test_an_error_goes_once_the_input_is_fixed(calc: CalculatorViewModel) -> None:
    calc.set_coins_text("abc")
    calc.set_coins_text("10000")

    assert calc.errors == {}
    assert calc.results.creator_usd == "$50.00"


def test_a_refused_gift_count_is_shown_and_the_old_count_kept(calc: CalculatorViewModel) -> None:
    calc.gifts.set_count("Rose", 3)
    index = calc.gifts.index(calc.gifts.row_of("Rose"), COUNT)
    assert not calc.gifts.setData(index, "lots")

    assert calc.error(GIFTS) == "Count of Rose: expected a whole number such as 500, got 'lots'"
    assert calc.gifts.count_of("Rose") == 3
    assert calc.results.coins == "3"

    calc.gifts.set_count("Rose", 4)
    assert calc.error(GIFTS) == ""


def test_payout_panel_adds_this_amount_to_the_ledger_balance(
    session: Session, calc: CalculatorViewModel
) -> None:
    log_coins(session, 4000)  # 400 diamonds, $20.00
    assert calc.payout.balance == "400 diamonds = $20.00"
    assert calc.payout.this_amount == DASH
    assert calc.payout.progress_permille == 400
    assert calc.payout.missing == "$30.00 to go (600 more diamonds)"

    calc.set_coins_text("2010")
    payout = calc.payout
    assert payout.this_amount == "+201 diamonds = $10.05", "this amount says its cash too"
    assert payout.total == "601 diamonds = $30.05"
    assert payout.minimum == "$50.00 via PayPal"
    assert payout.progress_permille == 601
    assert payout.progress_text == "60%"
    assert payout.missing == "$19.95 to go (399 more diamonds)"
    assert not payout.withdrawable

    calc.set_coins_text("19")  # whole diamonds only: 1 diamond, and 1 more to go
    assert calc.payout.this_amount == "+1 diamond = $0.05"
    assert calc.payout.missing == "$29.95 to go (599 more diamonds)"

    calc.set_coins_text("10000")
    assert calc.payout.withdrawable
    assert calc.payout.progress_permille == 1000
    assert calc.payout.missing == "Ready to withdraw: $70.00 would arrive"


def test_payout_panel_follows_the_ledger(
    session: Session, calc: CalculatorViewModel, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(calc.changed):
        log_coins(session, 1000)
    assert calc.payout.balance == "100 diamonds = $5.00"


def test_payout_panel_uses_the_chosen_countrys_minimum(calc: CalculatorViewModel) -> None:
    calc.set_coins_text("10000")
    calc.set_country("BR")  # payout minimum 100
    assert calc.payout.minimum == "$100.00 via PayPal"
    assert calc.payout.progress_permille == 500


def test_results_follow_a_settings_change(
    session: Session, calc: CalculatorViewModel, qtbot: QtBot
) -> None:
    calc.set_coins_text("10000")
    edited = session.settings_file.with_country_figures("US", {"diamond_usd": Decimal("0.04")})
    with qtbot.waitSignals([calc.countries_changed, calc.changed]):
        session.save_settings(edited)

    assert calc.results.creator_usd == "$40.00"
    assert calc.results.share_label == "Your share (40.0%)"


def test_stream_draft_from_typed_diamonds(calc: CalculatorViewModel) -> None:
    calc.set_diamonds_text("1000")
    draft = calc.stream_draft()
    assert (draft.coins, draft.diamonds, draft.gifts, draft.country) == (10000, 1000, (), "US")

    calc.set_country("DE")
    assert calc.stream_draft().country == "DE"


def test_clear_empties_every_input(calc: CalculatorViewModel) -> None:
    calc.gifts.set_count("Rose", 10)
    calc.clear()
    assert calc.gifts.total_gifts() == 0
    assert calc.text(COINS) == ""
    assert calc.driver is Driver.NONE


# -- the gift picker model --------------------------------------------------------------------


def test_gift_picker_passes_the_model_tester(session: Session, qtmodeltester: object) -> None:
    model = GiftPickerModel(session.catalog, ENGLISH)
    model.set_count("Rose", 5)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_gift_picker_answers_roles_given_as_ints_or_enums(session: Session) -> None:
    model = GiftPickerModel(session.catalog, ENGLISH)
    model.set_count("Rose", 5)
    row = model.row_of("Rose")
    for column in range(model.columnCount()):
        index = model.index(row, column)
        for role in Qt.ItemDataRole:
            if role < Qt.ItemDataRole.UserRole:
                assert model.data(index, role) == model.data(index, int(role)), (column, role)
    count = model.index(row, COUNT)
    assert model.data(count, Qt.ItemDataRole.EditRole) == 5
    assert model.data(count, Qt.ItemDataRole.FontRole) is None
    assert model.flags(count) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsEditable


def test_gift_picker_counts_and_totals(session: Session, qtbot: QtBot) -> None:
    model = GiftPickerModel(session.catalog, ENGLISH)
    row = model.row_of("Galaxy")
    with qtbot.waitSignal(model.counts_changed):
        assert model.setData(model.index(row, COUNT), "1,200")

    assert model.index(row, COUNT).data() == "1,200"
    assert model.index(row, COUNT + 1).data() == "1,200,000"
    assert model.index(row, 1).data() == "1,000"
    assert model.total_coins() == 1_200_000
    assert model.index(model.row_of("Rose"), COUNT).data() == ""  # zero shows blank


def test_gift_picker_refuses_negative_and_huge_counts(session: Session, qtbot: QtBot) -> None:
    model = GiftPickerModel(session.catalog, ENGLISH)
    with qtbot.waitSignal(model.count_rejected) as rejected:
        assert not model.set_count("Rose", -5)
    assert rejected.args == ["Count of Rose: must not be negative, got -5"]

    with qtbot.waitSignal(model.count_rejected) as rejected:
        assert not model.set_count("Galaxy", 10**10)
    assert "expected at most 1,000,000,000,000" in rejected.args[0]
    assert model.total_coins() == 0


def test_only_the_count_column_is_editable(session: Session) -> None:
    from PySide6.QtCore import Qt

    model = GiftPickerModel(session.catalog, ENGLISH)
    editable = [
        bool(model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable)
        for column in range(model.columnCount())
    ]
    assert editable == [False, False, True, False]
    assert not model.setData(model.index(0, 0), "3")
