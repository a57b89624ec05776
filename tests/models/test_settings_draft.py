"""The settings draft without a window: edits, the messages each field gets, and the diff."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.models.settings_draft import COUNTRIES_TAB, RATES_TAB, SettingsDraft
from livetally.settings.document import SettingsFile
from livetally.settings.errors import SettingsError
from tests.conftest import RESOURCES


@pytest.fixture
def file(tmp_path: Path) -> SettingsFile:
    path = tmp_path / "settings.toml"
    shutil.copyfile(RESOURCES / "settings.toml", path)
    return SettingsFile.load(path)


@pytest.fixture
def draft(file: SettingsFile) -> SettingsDraft:
    return SettingsDraft(file)


def applied(draft: SettingsDraft) -> SettingsFile:
    edited = draft.base
    for step in draft.edits():
        edited = step(edited)
    return edited


def rate_row(draft: SettingsDraft, code: str) -> int:
    return next(row for row, rate in enumerate(draft.rates) if rate.code == code)


# -- the draft as read ----------------------------------------------------------------------


def test_own_figures_are_text_and_inherited_ones_empty(draft: SettingsDraft) -> None:
    nz = draft.countries["NZ"]
    assert (nz.name, nz.currency) == ("New Zealand", "NZD")
    assert nz.figures["payout_minimum_usd"] == "60"
    assert nz.figures["diamond_usd"] == ""
    assert draft.inherited["diamond_usd"] == Decimal("0.05")
    assert (draft.default_country, draft.report_currency) == ("US", "USD")


def test_an_untouched_draft_changes_nothing(draft: SettingsDraft) -> None:
    assert draft.edits() == []
    assert draft.first_problem() is None
    assert all(draft.changes(country) == {} for country in draft.countries.values())


# -- the diff ------------------------------------------------------------------------------


def test_the_diff_holds_only_what_was_edited(draft: SettingsDraft) -> None:
    draft.countries["DE"].figures["diamond_usd"] = "0.045"
    draft.countries["NZ"].figures["payout_minimum_usd"] = "  "  # cleared: back to the default
    draft.countries["NZ"].name = " New Zealand "  # the same name once trimmed
    assert draft.changes(draft.countries["DE"]) == {"diamond_usd": Decimal("0.045")}
    assert draft.changes(draft.countries["NZ"]) == {"payout_minimum_usd": None}
    assert draft.changes(draft.countries["FR"]) == {}
    saved = applied(draft).settings
    assert saved.profiles["DE"].diamond_usd == Decimal("0.045")
    assert saved.profiles["NZ"].payout_minimum_usd == Decimal(50)


def test_a_new_country_a_removed_one_and_the_app_choices(draft: SettingsDraft) -> None:
    new = draft.add_rate()
    draft.rates[new].code, draft.rates[new].text = "NOK", "10.5"
    assert draft.add_country(" no ") == ("NO", "")
    norway = draft.countries["NO"]
    assert (norway.name, norway.currency, norway.is_new) == ("Norway", "NOK", True)
    norway.figures["payout_minimum_usd"] = "75"
    assert draft.changes(norway) == {"payout_minimum_usd": Decimal(75)}
    assert draft.remove_country("FR") == ""
    draft.default_country, draft.report_currency = "DE", "EUR"
    saved = applied(draft).settings
    assert saved.exchange_rates["NOK"] == Decimal("10.5")
    assert saved.profiles["NO"].payout_minimum_usd == Decimal(75)
    assert "FR" not in saved.profiles
    assert (saved.country, saved.currency) == ("DE", "EUR")


def test_a_removed_country_comes_back_as_it_was(draft: SettingsDraft) -> None:
    assert draft.remove_country("NZ") == ""
    assert draft.add_country("nz") == ("NZ", "")
    assert draft.countries["NZ"].figures["payout_minimum_usd"] == "60"
    assert draft.edits() == []


# -- the messages ---------------------------------------------------------------------------


def test_each_field_gets_its_own_message(draft: SettingsDraft) -> None:
    de = draft.countries["DE"]
    de.name = "  "
    de.currency = "XYZ"
    de.figures["coin_usd"] = "cheap"
    de.figures["payout_fee_percent"] = "60"
    check = draft.check_country(de)
    assert check.problems == {
        "name": "Name: is empty; expected the country's name as shown",
        "currency": "Currency: XYZ has no exchange rate; add it on the Exchange rates tab",
        "coin_usd": "Coin price (USD): expected an amount such as 49.99, got 'cheap'",
        "payout_fee_percent": "Payout fee (%): expected a number between 0 and 50, got 60",
    }
    assert (check.profile, check.share, check.example) == (None, "—", "—")


def test_the_share_follows_the_figures_and_may_not_pass_everything(draft: SettingsDraft) -> None:
    de = draft.countries["DE"]
    check = draft.check_country(de)
    assert check.problems == {}
    assert check.share.startswith("50.0% of what viewers pay")
    assert "1,000 diamonds, worth $50.00 (46.00 EUR)" in check.example
    de.figures["diamond_usd"] = "0.07"
    de.figures["diamonds_per_coin"] = "0.16"
    check = draft.check_country(de)
    assert check.share.startswith("112.0%")
    assert "more than viewers paid" in check.problems["share"]


def test_rate_rows_are_checked_in_order(draft: SettingsDraft) -> None:
    draft.rates[rate_row(draft, "EUR")].text = "0"
    draft.rates[rate_row(draft, "JPY")].text = "50000000"
    row = draft.add_rate()
    draft.rates[row].code = "EUR"
    blank = draft.add_rate()
    assert draft.rate_problems() == [
        "EUR: Units per USD: must be greater than 0",
        "JPY: Units per USD: expected a number between 0.01 and 10,000,000, got 50000000",
        f"Row {row + 1}: Currency: EUR is listed twice",
        f"Row {blank + 1}: Currency: is empty; expected three capital letters such as NOK",
    ]
    assert "EUR" not in draft.rate_codes()
    assert draft.first_problem() is not None
    assert draft.first_problem().tab == RATES_TAB  # type: ignore[union-attr]


def test_the_first_problem_is_in_the_country_shown(draft: SettingsDraft) -> None:
    draft.countries["JP"].figures["payout_fee_percent"] = "100"
    draft.countries["DE"].figures["coin_usd"] = "cheap"
    place = draft.first_problem(shown="JP")
    assert place is not None
    assert (place.tab, place.country, place.field) == (COUNTRIES_TAB, "JP", "payout_fee_percent")
    place = draft.first_problem()
    assert place is not None
    assert (place.country, place.field) == ("DE", "coin_usd")  # Germany is listed before Japan


def test_what_cannot_be_removed_says_why(draft: SettingsDraft) -> None:
    assert draft.remove_country("US") == (
        "United States (US) is the default country; choose another default country first"
    )
    assert draft.remove_rate(rate_row(draft, "USD")) == (
        "USD cannot be removed: every rate is per 1 US dollar"
    )
    assert draft.remove_rate(rate_row(draft, "JPY")) == (
        "JPY is the currency of Japan (JP); change theirs first"
    )
    assert draft.remove_rate(-1) == "Choose the currency to remove first"
    draft.countries["SE"].currency = "EUR"
    draft.report_currency = "SEK"
    assert draft.remove_rate(rate_row(draft, "SEK")) == (
        "SEK is the report currency; choose another one first"
    )
    assert {"US", "JP"} <= set(draft.countries)
    assert {"USD", "JPY", "SEK"} <= {rate.code for rate in draft.rates}
    draft.report_currency = "USD"
    assert draft.remove_rate(rate_row(draft, "SEK")) == ""
    assert "SEK" not in draft.rate_codes()
    assert "SEK" not in applied(draft).settings.exchange_rates


def test_a_new_country_code_is_checked(draft: SettingsDraft) -> None:
    assert draft.add_country("D1") == (
        "D1",
        "New country code: expected two letters such as NO, got 'D1'",
    )
    assert draft.add_country("de") == ("DE", "New country code: DE is already in the list")


def test_the_files_complaint_is_placed_by_its_field(draft: SettingsDraft) -> None:
    path = draft.base.path
    place = draft.place(SettingsError(path, "bad", field="countries.DE.coin_usd"))
    assert place is not None
    assert (place.tab, place.country, place.field) == (COUNTRIES_TAB, "DE", "coin_usd")
    place = draft.place(SettingsError(path, "bad", field="currencies.EUR"))
    assert place is not None
    assert place.tab == RATES_TAB
    assert draft.place(SettingsError(path, "bad", field="app.country")) is None
