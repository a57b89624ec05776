"""Edits of settings.toml: exactly the intended lines change, and a bad edit changes nothing."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core.money import InputError
from livetally.settings import edits
from livetally.settings.document import SettingsFile
from livetally.settings.errors import SettingsError
from livetally.settings.read import read_settings
from tests.settings.conftest import line_of_text

Change = tuple[str, int, str]


def changes(before: str, after: str) -> list[Change]:
    """Removed lines ("-", line in before) and added lines ("+", line in after)."""
    old, new = before.split("\n"), after.split("\n")
    found: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        found += [("-", n + 1, old[n]) for n in range(i1, i2)]
        found += [("+", n + 1, new[n]) for n in range(j1, j2)]
    return found


def line(text: str, needle: str, after: str = "") -> tuple[int, str]:
    number = line_of_text(text, needle, after)
    return number, text.split("\n")[number - 1]


@pytest.fixture
def loaded(settings_path: Path) -> SettingsFile:
    return SettingsFile.load(settings_path)


# -- [app] ------------------------------------------------------------------------------


def test_default_country_changes_one_line_and_keeps_its_comment(loaded: SettingsFile) -> None:
    number, old = line(loaded.text, 'country = "US"')
    edited = edits.with_default_country(loaded, "de")
    new = old.replace('"US"', '"DE"')
    assert "# the country profile used unless another is chosen" in new
    assert changes(loaded.text, edited.text) == [("-", number, old), ("+", number, new)]
    assert edited.settings.country == "DE"


def test_default_country_must_have_a_profile(loaded: SettingsFile) -> None:
    with pytest.raises(SettingsError) as caught:
        edits.with_default_country(loaded, "XX")
    assert caught.value.field == "app.country"
    assert caught.value.line == line_of_text(loaded.text, 'country = "US"')
    assert "got 'XX'" in caught.value.message


def test_report_currency_changes_one_line(loaded: SettingsFile) -> None:
    number, old = line(loaded.text, 'currency = "USD"', after="[app]")
    edited = edits.with_report_currency(loaded, "EUR")
    new = old.replace('"USD"', '"EUR"')
    assert changes(loaded.text, edited.text) == [("-", number, old), ("+", number, new)]
    assert edited.settings.currency == "EUR"


def test_report_currency_must_have_a_rate(loaded: SettingsFile) -> None:
    with pytest.raises(SettingsError, match=r"app\.currency: expected a currency listed"):
        edits.with_report_currency(loaded, "NOK")


# -- [currencies] ---------------------------------------------------------------------


def test_changing_a_rate_rewrites_only_its_value(loaded: SettingsFile) -> None:
    number, old = line(loaded.text, "EUR = 0.92")
    edited = edits.with_exchange_rate(loaded, "EUR", Decimal("0.9100"))
    assert changes(loaded.text, edited.text) == [("-", number, old), ("+", number, "EUR = 0.91")]
    assert edited.settings.exchange_rates["EUR"] == Decimal("0.91")


def test_a_new_currency_goes_after_the_last_rate_not_after_the_next_comment(
    loaded: SettingsFile,
) -> None:
    number, _ = line(loaded.text, "SEK = 10.6")
    edited = edits.with_exchange_rate(loaded, "nok", Decimal("1E+1"))
    assert changes(loaded.text, edited.text) == [("+", number + 1, "NOK = 10")]
    assert edited.settings.exchange_rates["NOK"] == Decimal(10)


def test_a_rate_must_be_positive_and_usd_stays_one(loaded: SettingsFile) -> None:
    with pytest.raises(SettingsError) as caught:
        edits.with_exchange_rate(loaded, "EUR", Decimal(0))
    assert (caught.value.field, caught.value.line) == (
        "currencies.EUR",
        line_of_text(loaded.text, "EUR = 0.92"),
    )
    with pytest.raises(SettingsError, match=r"currencies\.USD: must be 1"):
        edits.with_exchange_rate(loaded, "USD", Decimal(2))
    with pytest.raises(SettingsError, match="three-letter currency code"):
        edits.with_exchange_rate(loaded, "EURO", Decimal(1))


def test_a_rate_is_never_taken_from_a_float(loaded: SettingsFile) -> None:
    with pytest.raises(TypeError, match="Decimal"):
        edits.with_exchange_rate(loaded, "EUR", 0.92)  # type: ignore[arg-type]


def test_removing_an_unused_rate_removes_its_line_only(loaded: SettingsFile) -> None:
    number, old = line(loaded.text, "SEK = 10.6")
    unused = edits.without_country(loaded, "SE")
    edited = edits.without_exchange_rate(unused, "SEK")
    assert changes(unused.text, edited.text) == [("-", number, old)]
    assert "SEK" not in edited.settings.exchange_rates


def test_a_rate_in_use_is_not_removed_and_the_users_are_named(loaded: SettingsFile) -> None:
    with pytest.raises(SettingsError) as caught:
        edits.without_exchange_rate(loaded, "EUR")
    error = caught.value
    assert (error.field, error.line) == ("currencies.EUR", line_of_text(loaded.text, "EUR = "))
    assert "Germany, France, Italy, Spain, Netherlands" in error.message
    reported = edits.without_country(edits.with_report_currency(loaded, "SEK"), "SE")
    with pytest.raises(SettingsError, match=r"currencies\.SEK: is the report currency"):
        edits.without_exchange_rate(reported, "SEK")
    with pytest.raises(SettingsError, match="has no NOK rate"):
        edits.without_exchange_rate(loaded, "NOK")


# -- [countries.XX] -------------------------------------------------------------------


def test_a_new_country_is_appended_after_a_blank_line(loaded: SettingsFile) -> None:
    with_rate = edits.with_exchange_rate(loaded, "NOK", Decimal("10.5"))
    edited = edits.with_country(with_rate, "no", 'Norway "Norge"', "nok")
    assert edited.text == with_rate.text + (
        '\n[countries.NO]\nname = "Norway \\"Norge\\""\ncurrency = "NOK"\n'
    )
    profile = edited.settings.profile("NO")
    assert (profile.name, profile.currency, profile.diamond_usd) == (
        'Norway "Norge"',
        "NOK",
        Decimal("0.05"),
    )


def test_a_new_country_needs_a_known_currency_and_a_new_code(loaded: SettingsFile) -> None:
    with pytest.raises(SettingsError) as caught:
        edits.with_country(loaded, "NO", "Norway", "NOK")
    assert caught.value.field == "countries.NO.currency"
    assert caught.value.line == loaded.text.count("\n") + 4
    with pytest.raises(SettingsError, match=r"countries\.DE: already exists"):
        edits.with_country(loaded, "DE", "Deutschland", "EUR")
    with pytest.raises(SettingsError, match="two-letter country code"):
        edits.with_country(loaded, "NOR", "Norway", "USD")


def test_a_figure_is_added_after_the_sections_last_value(loaded: SettingsFile) -> None:
    number, _ = line(loaded.text, 'currency = "EUR"', after="[countries.DE]")
    edited = edits.with_country_figure(loaded, "DE", "diamond_usd", Decimal("0.00450"))
    assert changes(loaded.text, edited.text) == [("+", number + 1, "diamond_usd = 0.0045")]
    assert edited.settings.profile("DE").diamond_usd == Decimal("0.0045")
    assert edited.settings.profile("FR").diamond_usd == Decimal("0.05")


def test_a_comment_introducing_the_next_section_stays_with_it(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(
        "\n[countries.FR]", "\n# France: checked in my wallet\n[countries.FR]"
    )
    settings_path.write_text(text, encoding="utf-8")
    loaded = SettingsFile.load(settings_path)
    number, _ = line(text, 'currency = "EUR"', after="[countries.DE]")
    edited = edits.with_country_figure(loaded, "DE", "payout_method", "Bank transfer")
    assert changes(text, edited.text) == [("+", number + 1, 'payout_method = "Bank transfer"')]


def test_replacing_a_figure_keeps_its_comment(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(
        "payout_minimum_usd = 60", "payout_minimum_usd = 60   # from the app, May", 1
    )
    settings_path.write_text(text, encoding="utf-8")
    loaded = SettingsFile.load(settings_path)
    number, old = line(text, "payout_minimum_usd = 60")
    edited = edits.with_country_figure(loaded, "NZ", "payout_minimum_usd", Decimal("75.0"))
    new = "payout_minimum_usd = 75   # from the app, May"
    assert changes(text, edited.text) == [("-", number, old), ("+", number, new)]


def test_none_removes_an_override_so_the_default_applies_again(loaded: SettingsFile) -> None:
    number, old = line(loaded.text, "payout_minimum_usd = 60")
    edited = edits.with_country_figure(loaded, "NZ", "payout_minimum_usd", None)
    assert changes(loaded.text, edited.text) == [("-", number, old)]
    assert edited.settings.profile("NZ").payout_minimum_usd == Decimal(50)
    unchanged = edits.with_country_figure(loaded, "DE", "diamond_usd", None)
    assert unchanged.text == loaded.text


def test_name_and_currency_are_edited_like_figures(loaded: SettingsFile) -> None:
    number, _ = line(loaded.text, 'name = "Germany"')
    edited = edits.with_country_fields(loaded, "DE", {"name": " Deutschland ", "currency": "USD"})
    assert changes(loaded.text, edited.text) == [
        ("-", number, 'name = "Germany"'),
        ("-", number + 1, 'currency = "EUR"'),
        ("+", number, 'name = "Deutschland"'),
        ("+", number + 1, 'currency = "USD"'),
    ]
    with pytest.raises(SettingsError, match=r"countries\.DE\.name: is missing"):
        edits.with_country_figure(loaded, "DE", "name", None)


def test_figures_changed_together_are_checked_together(loaded: SettingsFile) -> None:
    with pytest.raises(SettingsError, match=r"creator share of 500\.0%"):
        edits.with_country_figure(loaded, "US", "coin_usd", Decimal("0.001"))
    edited = edits.with_country_fields(
        loaded, "US", {"coin_usd": Decimal("0.001"), "diamond_usd": Decimal("0.005")}
    )
    assert edited.settings.profile("US").creator_share == Decimal("0.5")


def test_a_figure_that_breaks_a_rule_names_file_line_and_field(loaded: SettingsFile) -> None:
    number, _ = line(loaded.text, 'currency = "EUR"', after="[countries.DE]")
    with pytest.raises(SettingsError) as caught:
        edits.with_country_figure(loaded, "DE", "payout_fee_percent", Decimal(100))
    error = caught.value
    assert (error.path, error.line, error.field) == (
        loaded.path,
        number + 1,
        "countries.DE.payout_fee_percent",
    )
    assert str(error).startswith(f"{loaded.path}:{number + 1}: countries.DE.payout_fee_percent:")
    with pytest.raises(SettingsError, match=r"countries\.DE\.coin_cents: unknown setting"):
        edits.with_country_figure(loaded, "DE", "coin_cents", Decimal(1))
    with pytest.raises(SettingsError, match=r"no \[countries\.XX\] section"):
        edits.with_country_figure(loaded, "XX", "coin_usd", Decimal(1))
    with pytest.raises(TypeError):
        edits.with_country_figure(loaded, "DE", "coin_usd", 0.01)  # type: ignore[arg-type]


def test_removing_a_country_removes_its_section_and_one_blank_line(loaded: SettingsFile) -> None:
    number, _ = line(loaded.text, "[countries.DE]")
    edited = edits.without_country(loaded, "DE")
    assert changes(loaded.text, edited.text) == [
        ("-", number, "[countries.DE]"),
        ("-", number + 1, 'name = "Germany"'),
        ("-", number + 2, 'currency = "EUR"'),
        ("-", number + 3, ""),
    ]
    assert "DE" not in edited.settings.profiles


def test_removing_the_last_country_leaves_no_trailing_blank_line(loaded: SettingsFile) -> None:
    edited = edits.without_country(loaded, "ZA")
    assert edited.text.endswith('name = "United Arab Emirates"\ncurrency = "AED"\n')
    assert len(changes(loaded.text, edited.text)) == 5


def test_removing_a_country_keeps_the_comment_before_the_next_one(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(
        "\n[countries.DE]", "\n# Germany: checked in my wallet\n[countries.DE]"
    )
    settings_path.write_text(text, encoding="utf-8")
    number, _ = line(text, "[countries.NZ]")
    edited = edits.without_country(SettingsFile.load(settings_path), "NZ")
    assert [kind for kind, _, _ in changes(text, edited.text)] == ["-"] * 5
    assert changes(text, edited.text)[0] == ("-", number, "[countries.NZ]")
    assert "\n\n# Germany: checked in my wallet\n[countries.DE]\n" in edited.text


def test_removing_a_country_written_inline(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'schema_version = 1\n[app]\ncountry = "US"\ncurrency = "USD"\n[currencies]\nUSD = 1\n'
        '[countries]\nUS = { name = "United States", currency = "USD" }\n'
        'NO = { name = "Norway", currency = "USD" }  # inline\n# the end\n',
        encoding="utf-8",
    )
    loaded = SettingsFile.load(path)
    edited = edits.without_country(loaded, "NO")
    assert changes(loaded.text, edited.text) == [
        ("-", 9, 'NO = { name = "Norway", currency = "USD" }  # inline')
    ]
    assert list(edited.settings.profiles) == ["US"]


def test_the_default_country_is_not_removed(loaded: SettingsFile) -> None:
    with pytest.raises(SettingsError) as caught:
        edits.without_country(loaded, "US")
    assert caught.value.field == "countries.US"
    assert "default country" in caught.value.message
    with pytest.raises(SettingsError, match=r"no \[countries\.NO\] section"):
        edits.without_country(loaded, "NO")


# -- nothing reaches the disk -----------------------------------------------------------

EDITS: dict[str, Callable[[SettingsFile], SettingsFile]] = {
    "default country": lambda f: edits.with_default_country(f, "DE"),
    "report currency": lambda f: edits.with_report_currency(f, "EUR"),
    "rate": lambda f: edits.with_exchange_rate(f, "NOK", Decimal("10.5")),
    "remove rate": lambda f: edits.without_exchange_rate(edits.without_country(f, "SE"), "SEK"),
    "country": lambda f: edits.with_country(f, "NO", "Norway", "USD"),
    "figure": lambda f: edits.with_country_figure(f, "DE", "diamond_usd", Decimal("0.04")),
    "remove country": lambda f: edits.without_country(f, "DE"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS)
def test_edits_write_nothing_and_save_writes_them(
    edit: Callable[[SettingsFile], SettingsFile], settings_path: Path
) -> None:
    before = settings_path.read_bytes()
    loaded = SettingsFile.load(settings_path)
    edited = edit(loaded)
    assert settings_path.read_bytes() == before
    assert edited.changed
    assert edited.read_text == loaded.text
    edited.save()
    assert settings_path.read_text(encoding="utf-8") == edited.text
    assert read_settings(settings_path) == edited.settings


def test_chained_edits_are_saved_together_and_refused_if_the_file_moved_on(
    settings_path: Path,
) -> None:
    loaded = SettingsFile.load(settings_path)
    edited = edits.with_default_country(
        edits.with_country_figure(loaded, "DE", "diamond_usd", Decimal("0.045")), "DE"
    )
    assert len(changes(loaded.text, edited.text)) == 3
    settings_path.write_text(loaded.text + "# touched\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="changed by another program"):
        edited.save()
    assert settings_path.read_text(encoding="utf-8") == loaded.text + "# touched\n"


# -- what a form shows ------------------------------------------------------------------


def test_overrides_and_inherited_figures_are_exact(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8").replace(
        "diamond_usd = 0.05 ", 'diamond_usd = "0.050"', 1
    )
    settings_path.write_text(text, encoding="utf-8")
    loaded = SettingsFile.load(settings_path)
    assert edits.country_overrides(loaded, "NZ") == {"payout_minimum_usd": Decimal(60)}
    assert edits.country_overrides(loaded, "DE") == {}
    assert edits.inherited_figures(loaded) == {
        "coin_usd": Decimal("0.01"),
        "diamonds_per_coin": Decimal("0.1"),
        "diamond_usd": Decimal("0.05"),
        "payout_minimum_usd": Decimal(50),
        "payout_method": "PayPal",
        "payout_fee_percent": Decimal(0),
    }


def test_without_defaults_the_built_in_figures_are_inherited(settings_path: Path) -> None:
    text = settings_path.read_text(encoding="utf-8")
    start, end = text.index("\n[defaults]\n"), text.index("\n[currencies]\n")
    settings_path.write_text(text[:start] + text[end:], encoding="utf-8")
    inherited = edits.inherited_figures(SettingsFile.load(settings_path))
    assert inherited["diamond_usd"] == Decimal("0.05")
    assert inherited["payout_method"] == "PayPal"


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("diamond_usd", " 0.0045 ", Decimal("0.0045")),
        ("payout_minimum_usd", "0", Decimal(0)),
        ("payout_minimum_usd", "1,000", Decimal(1000)),
        ("payout_method", " Bank ", "Bank"),
    ],
)
def test_figures_from_text(field: str, text: str, expected: Decimal | str) -> None:
    assert edits.figure_from_text(field, text) == expected


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("diamond_usd", "0", "expected a number between 0.0001 and 1, got 0"),
        ("diamond_usd", "cheap", "expected an amount such as 49.99, got 'cheap'"),
        ("diamond_usd", "-1", "must not be negative"),
        ("payout_fee_percent", "100", "expected a number between 0 and 50, got 100"),
        ("payout_method", "  ", "is empty"),
    ],
)
def test_figures_from_bad_text(field: str, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        edits.figure_from_text(field, text, "Diamond value")
    assert caught.value.field == "Diamond value"
    assert message in caught.value.message
