"""The settings dialog's draft: what is typed, what is wrong with it, and what changed.

Everything typed in the settings dialog is a draft until OK. This view-model holds that
draft (countries, exchange rates, the default country and report currency), checks it
field by field in the words the dialog shows, and turns it into edits of the settings
file (``livetally.settings.edits``) that change only what the user changed, so the file
keeps every comment. It has no widgets, so each rule is tested without a window; the
dialog (``ui/settings_dialog.py``) only copies typing in and messages out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from PySide6.QtCore import QLocale

from livetally.core.conversion import convert_coins
from livetally.core.money import InputError, format_decimal, parse_amount
from livetally.core.rates import (
    EXCHANGE_RATE,
    FIGURES,
    RATE_FIELDS,
    ExchangeRates,
    RateProfile,
    shown_value,
)
from livetally.models.formatting import Formatter
from livetally.settings import edits
from livetally.settings.document import SettingsFile
from livetally.settings.edits import Figure
from livetally.settings.errors import SettingsError
from livetally.settings.schema import COUNTRY_CODE, CURRENCY_CODE

Edit = Callable[[SettingsFile], SettingsFile]
RATE_LABEL = EXCHANGE_RATE.label
EXAMPLE_COINS = 10_000
#: The dialog's tabs, for saying where a problem is.
COUNTRIES_TAB, RATES_TAB = 0, 1


@dataclass
class CountryDraft:
    """One country as the dialog holds it: typed text, and what the file had."""

    code: str
    name: str
    currency: str
    figures: dict[str, str]  # typed text per figure; "" inherits the default
    file_figures: dict[str, Figure] = field(default_factory=dict)
    file_name: str | None = None  # None: not in the file yet
    file_currency: str | None = None

    @property
    def is_new(self) -> bool:
        return self.file_name is None

    def title(self) -> str:
        return f"{self.name.strip() or 'Unnamed'} ({self.code})"


@dataclass
class RateRow:
    """One row of the exchange-rate table as typed; ``new`` rows may change their code."""

    code: str
    text: str
    new: bool = False


@dataclass(frozen=True)
class RateCheck:
    """One rate row checked: its code, its rate (None if invalid) and what is wrong."""

    row: int
    code: str
    rate: Decimal | None
    problem: str


@dataclass(frozen=True)
class CountryCheck:
    """One country checked: messages per field ("name", "currency", a figure, "share"),
    the profile when every figure reads, and the two lines worked out from it."""

    problems: dict[str, str]
    profile: RateProfile | None
    share: str = "—"
    example: str = "—"


@dataclass(frozen=True)
class ProblemPlace:
    """Where a problem belongs on screen: a tab, maybe a country and one of its fields."""

    tab: int
    country: str | None = None
    field: str | None = None


def figure_text(value: Figure) -> str:
    """A figure as the form shows it: numbers without exponent or trailing zeros."""
    return format_decimal(value) if isinstance(value, Decimal) else value


class SettingsDraft:
    """The dialog's draft of one settings file, its checks and its diff against that file."""

    def __init__(self, file: SettingsFile, formatter: Formatter | None = None) -> None:
        settings = file.settings
        self.base = file
        self.inherited = edits.inherited_figures(file)
        self.countries = {code: _read_country(file, code) for code in settings.profiles}
        self.removed: dict[str, CountryDraft] = {}
        self.rates = [
            RateRow(code, format_decimal(rate)) for code, rate in settings.exchange_rates.items()
        ]
        self.default_country: str | None = settings.country
        self.report_currency: str | None = settings.currency
        self._format = formatter or Formatter()

    def ordered(self) -> list[CountryDraft]:
        """The countries as listed: by title, ignoring case."""
        return sorted(self.countries.values(), key=lambda d: d.title().casefold())

    # -- exchange rates -------------------------------------------------------------------

    def check_rates(self) -> list[RateCheck]:
        """Each rate row checked, in table order; a code seen twice is wrong the second time."""
        checks: list[RateCheck] = []
        seen: set[str] = set()
        for row, typed in enumerate(self.rates):
            code = typed.code.strip().upper()
            problem = _code_problem(row, code, typed.code.strip(), seen)
            rate: Decimal | None = None
            if not problem:
                rate, problem = _rate(code, typed.text)
            seen.add(code)
            checks.append(RateCheck(row, code, None if problem else rate, problem))
        return checks

    def rate_problems(self) -> list[str]:
        return [check.problem for check in self.check_rates() if check.problem]

    def rate_codes(self) -> list[str]:
        """The currencies with a valid rate: what a country or the report may use."""
        return [check.code for check in self.check_rates() if check.rate is not None]

    def exchange_rates(self) -> dict[str, Decimal]:
        return {check.code: check.rate for check in self.check_rates() if check.rate is not None}

    def add_rate(self) -> int:
        """A blank new row at the end; its index."""
        self.rates.append(RateRow("", "", new=True))
        return len(self.rates) - 1

    def remove_rate(self, row: int) -> str:
        """Remove a row unless something uses its currency; the reason it stays, or ""."""
        if not 0 <= row < len(self.rates):
            return "Choose the currency to remove first"
        code = self.rates[row].code.strip().upper()
        users = sorted(d.title() for d in self.countries.values() if d.currency == code)
        if code == "USD":
            return "USD cannot be removed: every rate is per 1 US dollar"
        if users:
            return f"{code} is the currency of {', '.join(users)}; change theirs first"
        if code == self.report_currency:
            return f"{code} is the report currency; choose another one first"
        del self.rates[row]
        return ""

    # -- countries ------------------------------------------------------------------------

    def check_country(self, draft: CountryDraft) -> CountryCheck:
        """Every field of one country, and its share and example when the figures read."""
        problems: dict[str, str] = {}
        if not draft.name.strip():
            problems["name"] = "Name: is empty; expected the country's name as shown"
        if draft.currency not in self.rate_codes():
            problems["currency"] = (
                f"Currency: {draft.currency or 'none'} has no exchange rate; "
                "add it on the Exchange rates tab"
            )
        values: dict[str, Figure] = {}
        for name in RATE_FIELDS:
            text = draft.figures[name]
            if not text.strip():
                values[name] = self.inherited[name]
                continue
            try:
                values[name] = edits.figure_from_text(name, text, FIGURES[name].plain_label)
            except InputError as error:
                problems[name] = f"{error.field}: {error.message}"
        if any(name in problems for name in RATE_FIELDS):
            return CountryCheck(problems, None)
        profile = RateProfile(draft.code, draft.name, draft.currency).with_figures(**values)
        percent = self._format.percent
        if profile.creator_share > 1:
            problems["share"] = (
                f"A creator share of {percent(profile.creator_share)} is more than "
                "viewers paid: check the coin price, diamonds per coin and diamond value"
            )
        share = (
            f"{percent(profile.creator_share)} of what viewers pay "
            f"(TikTok keeps {percent(profile.tiktok_share)})"
        )
        return CountryCheck(problems, profile, share, self._example(profile))

    def _example(self, profile: RateProfile) -> str:
        """What 10,000 coins of gifts come to under these figures, as the calculator shows it."""
        rates = ExchangeRates(self.exchange_rates())
        currency = profile.currency if profile.currency in rates else "USD"
        shown = convert_coins(EXAMPLE_COINS, profile, rates, currency).shown()
        money = self._format.money
        cash = money(shown.creator_usd)
        if currency != "USD":
            cash += f" ({money(shown.creator_local, currency)})"
        return (
            f"{self._format.count(EXAMPLE_COINS)} coins of gifts "
            f"({money(shown.viewer_spend_usd, creator=False)} paid) give "
            f"{self._format.counted(shown.diamonds, 'diamond')}, worth {cash}"
        )

    def add_country(self, typed: str) -> tuple[str, str]:
        """Add a country by its code (a removed one comes back as it was): (code, problem)."""
        code = typed.strip().upper()
        if not COUNTRY_CODE.fullmatch(code):
            return code, f"New country code: expected two letters such as NO, got {code!r}"
        if code in self.countries:
            return code, f"New country code: {code} is already in the list"
        removed = self.removed.pop(code) if code in self.removed else None
        self.countries[code] = removed or self._guess_country(code)
        return code, ""

    def _guess_country(self, code: str) -> CountryDraft:
        """A new profile, named and priced as Qt's locale data suggests, figures inherited."""
        territory = QLocale.codeToTerritory(code)
        known = territory != QLocale.Country.AnyCountry
        name = QLocale.territoryToString(territory) if known else ""
        currency = "USD"
        if known:
            local = QLocale(QLocale.Language.AnyLanguage, territory).currencySymbol(
                QLocale.CurrencySymbolFormat.CurrencyIsoCode
            )
            currency = local if local in self.rate_codes() else "USD"
        return CountryDraft(code, name, currency, dict.fromkeys(RATE_FIELDS, ""))

    def remove_country(self, code: str) -> str:
        """Remove a country unless it is the default; the reason it stays, or ""."""
        draft = self.countries[code]
        if code == self.default_country:
            return f"{draft.title()} is the default country; choose another default country first"
        del self.countries[code]
        if not draft.is_new:
            self.removed[code] = draft
        return ""

    # -- all of it ------------------------------------------------------------------------

    def first_problem(self, shown: str | None = None) -> ProblemPlace | None:
        """Where the first problem is: the rates, else a country (the one shown first)."""
        if self.rate_problems():
            return ProblemPlace(RATES_TAB)
        ordered = self.ordered()
        if shown in self.countries:
            ordered.insert(0, self.countries[shown])
        for draft in ordered:
            problems = self.check_country(draft).problems
            if problems:
                return ProblemPlace(COUNTRIES_TAB, draft.code, next(iter(problems)))
        return None

    def edits(self, extra: Iterable[Edit] = ()) -> list[Edit]:
        """The draft as edits, in an order where each step leaves a valid file.

        ``extra`` (the tax set-aside's edit) goes after the app's own choices.
        """
        base = self.base.settings
        steps: list[Edit] = []
        rates = self.exchange_rates()
        for code, rate in rates.items():
            if base.exchange_rates.get(code) != rate:
                steps.append(partial(edits.with_exchange_rate, currency=code, units_per_usd=rate))
        for draft in self.countries.values():
            if draft.is_new:
                steps.append(
                    partial(
                        edits.with_country,
                        code=draft.code,
                        name=draft.name,
                        currency=draft.currency,
                    )
                )
            changes = self.changes(draft)
            if changes:
                steps.append(partial(edits.with_country_fields, code=draft.code, values=changes))
        country, currency = self.default_country, self.report_currency
        if country is not None and country != base.country:
            steps.append(partial(edits.with_default_country, code=country))
        if currency is not None and currency != base.currency:
            steps.append(partial(edits.with_report_currency, code=currency))
        steps += extra
        steps += [partial(edits.without_country, code=code) for code in self.removed]
        steps += [
            partial(edits.without_exchange_rate, currency=code)
            for code in base.exchange_rates
            if code not in rates
        ]
        return steps

    @staticmethod
    def changes(draft: CountryDraft) -> dict[str, Figure | None]:
        """Fields whose value differs from the file: a new value, or None to inherit."""
        changes: dict[str, Figure | None] = {}
        if not draft.is_new:
            if draft.name.strip() != draft.file_name:
                changes["name"] = draft.name.strip()
            if draft.currency != draft.file_currency:
                changes["currency"] = draft.currency
        for name in RATE_FIELDS:
            text = draft.figures[name]
            value = edits.figure_from_text(name, text) if text.strip() else None
            if value != draft.file_figures.get(name):
                changes[name] = value
        return changes

    def place(self, error: SettingsError) -> ProblemPlace | None:
        """Where the file's complaint about a saved edit belongs, when it is on screen."""
        parts = (error.field or "").split(".")
        if parts[0] == "countries" and len(parts) >= 2 and parts[1] in self.countries:
            figure = parts[2] if len(parts) > 2 and parts[2] in FIGURES else None
            return ProblemPlace(COUNTRIES_TAB, parts[1], figure)
        if parts[0] == "currencies":
            return ProblemPlace(RATES_TAB)
        return None


def _read_country(file: SettingsFile, code: str) -> CountryDraft:
    profile = file.settings.profiles[code]
    own = edits.country_overrides(file, code)
    return CountryDraft(
        code=code,
        name=profile.name,
        currency=profile.currency,
        figures={name: figure_text(own[name]) if name in own else "" for name in RATE_FIELDS},
        file_figures=own,
        file_name=profile.name,
        file_currency=profile.currency,
    )


def _code_problem(row: int, code: str, typed: str, seen: set[str]) -> str:
    if not code:
        return f"Row {row + 1}: Currency: is empty; expected three capital letters such as NOK"
    if not CURRENCY_CODE.fullmatch(code):
        return f"Row {row + 1}: Currency: expected three capital letters such as NOK, got {typed!r}"
    if code in seen:
        return f"Row {row + 1}: Currency: {code} is listed twice"
    return ""


def _rate(code: str, text: str) -> tuple[Decimal | None, str]:
    """A typed rate read and held to the settings file's bounds: (rate, problem)."""
    try:
        rate = parse_amount(text, RATE_LABEL, allow_zero=False)
    except InputError as error:
        return None, f"{code}: {error.field}: {error.message}"
    bounds = EXCHANGE_RATE.bounds
    if bounds is not None and rate not in bounds:
        return None, (
            f"{code}: {RATE_LABEL}: expected {bounds.expected()}, got {shown_value(text.strip())}"
        )
    return rate, ""
