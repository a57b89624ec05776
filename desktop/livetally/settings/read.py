"""Reading settings.toml: TOML text in, checked :class:`Settings` out, or one clear error.

Every number is taken from its TOML source text into a Decimal (``0.05`` stays 0.05, it
never passes through binary floating point). Nothing here writes the file: a broken file
is reported, never repaired behind the user's back.

The checks work on plain values (mappings, ``int``, ``str``, ``bool``, and a Decimal for
each TOML float), so they run both on what the standard library's quick parser gives and
on tomlkit's document, whose items are subclasses of the same types and keep each value's
own text for the messages (see :func:`~livetally.settings.source.check_quickly`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from livetally.core.money import ZERO
from livetally.core.rates import ExchangeRates, RateProfile, shown_value
from livetally.settings.locate import KeyPath, Locator
from livetally.settings.migrations import migrate
from livetally.settings.model import Settings
from livetally.settings.schema import (
    APP_FIELDS,
    COUNTRY_CODE,
    COUNTRY_FIELDS,
    CURRENCY_CODE,
    EXCHANGE_RATE,
    RATE_FIELDS,
    SCHEMA_VERSION,
    TAX_RESERVE,
    TOP_LEVEL_KEYS,
    Field,
    NumberField,
)
from livetally.settings.source import check_quickly, quote_value, read_text

_SHARE_FIGURES = ("diamond_usd", "diamonds_per_coin", "coin_usd")
_NUMBER_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def read_settings(path: Path) -> Settings:
    """Load and check ``path``; the file is only read."""
    return parse_settings(read_text(path), path)


def parse_settings(text: str, path: Path) -> Settings:
    """Parse and check settings text (quickly when it is good; see ``check_quickly``)."""
    return check_quickly(text, path, lambda document: check_settings(document, text, path))


def check_settings(document: Mapping[str, Any], text: str, path: Path) -> Settings:
    """Check a parsed document against the schema and build the engine's objects."""
    return _Checker(document, text, path).settings()


#: A section as parsed: a tomlkit table or a plain dict.
Section = Mapping[str, Any]


class _Checker:
    """Walks the document once, turning each problem into an error that points at its line."""

    def __init__(self, document: Mapping[str, Any], text: str, path: Path) -> None:
        self.document = document
        self.path = path
        self.error = Locator(path, text).error

    # -- the sections -------------------------------------------------------------------

    def settings(self) -> Settings:
        for key in self.document:
            if key not in TOP_LEVEL_KEYS:
                raise self.error((key,), f"unknown setting{_suggestion(key, TOP_LEVEL_KEYS)}")
        version = self.schema_version()
        if version < SCHEMA_VERSION:
            assert isinstance(self.document, MutableMapping)
            migrate(self.document, version)
        rates = self.currencies()
        defaults = self.figures(self.optional_table(("defaults",)), ("defaults",))
        profiles = self.countries(defaults, rates)
        app = self.table(("app",))
        self.unknown_keys(app, ("app",), APP_FIELDS)
        country = self.code(app, ("app", "country"), COUNTRY_CODE, "a two-letter country code")
        if country not in profiles:
            raise self.error(
                ("app", "country"),
                f"expected one of the [countries] sections ({', '.join(profiles)}), "
                f"got {country!r}",
            )
        currency = self.currency_ref(app, ("app", "currency"), rates)
        tax = TAX_RESERVE.name
        tax_percent = self.number(app[tax], ("app", tax), TAX_RESERVE) if tax in app else ZERO
        return Settings(
            path=self.path,
            schema_version=SCHEMA_VERSION,
            country=country,
            currency=currency,
            exchange_rates=rates,
            profiles=profiles,
            tax_reserve_percent=tax_percent,
        )

    def schema_version(self) -> int:
        at: KeyPath = ("schema_version",)
        item = self.document.get("schema_version")
        if item is None:
            raise self.error(at, f"is missing; expected schema_version = {SCHEMA_VERSION}")
        if not _is_integer(item) or int(item) < 1:
            raise self.error(
                at, f"expected a whole number such as {SCHEMA_VERSION}, got {quote_value(item)}"
            )
        version = int(item)
        if version > SCHEMA_VERSION:
            raise self.error(
                at,
                f"this file was written by a newer LiveTally (version {version}); this one "
                f"reads up to version {SCHEMA_VERSION}: update LiveTally",
            )
        return version

    def currencies(self) -> ExchangeRates:
        at: KeyPath = ("currencies",)
        table = self.table(at)
        rates: dict[str, Decimal] = {}
        for code, item in table.items():
            if not CURRENCY_CODE.fullmatch(code):
                raise self.error(
                    (*at, code), "expected a three-letter currency code in capitals, like EUR"
                )
            rates[code] = self.number(item, (*at, code), EXCHANGE_RATE)
        if rates.get("USD", Decimal(1)) != 1:
            raise self.error((*at, "USD"), f"must be 1 (rates are per 1 USD), got {rates['USD']}")
        return ExchangeRates(rates)

    def countries(
        self, defaults: Mapping[str, Any], rates: ExchangeRates
    ) -> dict[str, RateProfile]:
        at: KeyPath = ("countries",)
        table = self.table(at)
        profiles: dict[str, RateProfile] = {}
        for code, section in table.items():
            where = (*at, code)
            if not COUNTRY_CODE.fullmatch(code):
                raise self.error(where, "expected a two-letter country code in capitals, like US")
            if not isinstance(section, Mapping):
                raise self.error(
                    where, f"expected a section [countries.{code}], got {quote_value(section)}"
                )
            self.unknown_keys(section, where, COUNTRY_FIELDS)
            name = self.text(section, (*where, "name"))
            currency = self.currency_ref(section, (*where, "currency"), rates)
            own = self.figures(section, where)
            profile = RateProfile(country=code, name=name, currency=currency, **{**defaults, **own})
            for problem in profile.problems():
                field = problem.field
                if field in _SHARE_FIGURES and field not in own:
                    # A share above 100% comes from three figures: blame the country's own.
                    field = next((f for f in _SHARE_FIGURES if f in own), field)
                origin = where if field in own else ("defaults",)
                raise self.error(
                    (*origin, field),
                    problem.message + ("" if origin == where else f" (inherited by {code})"),
                )
            profiles[code] = profile
        if not profiles:
            raise self.error(at, "has no country; expected at least one [countries.XX] section")
        return profiles

    # -- values ---------------------------------------------------------------------------

    def figures(self, table: Section | None, at: KeyPath) -> dict[str, Any]:
        """The rate figures a section sets, typed; absent ones are left to inheritance."""
        if table is None:
            return {}
        if at == ("defaults",):
            self.unknown_keys(table, at, RATE_FIELDS)
        found: dict[str, Any] = {}
        for name, field in RATE_FIELDS.items():
            if name not in table:
                continue
            item = table[name]
            if isinstance(field, NumberField):
                found[name] = self.number(item, (*at, name), field)
            else:
                found[name] = self.text(table, (*at, name))
        return found

    def table(self, at: KeyPath) -> Section:
        table = self.optional_table(at)
        if table is None:
            raise self.error(at, f"is missing; expected a [{at[0]}] section")
        return table

    def optional_table(self, at: KeyPath) -> Section | None:
        item = self.document.get(str(at[0]))
        if item is None or isinstance(item, Mapping):
            return item
        raise self.error(at, f"expected a [{at[0]}] section, got {quote_value(item)}")

    def unknown_keys(self, table: Section, at: KeyPath, fields: Mapping[str, Field]) -> None:
        for key in table:
            if key not in fields:
                raise self.error((*at, key), f"unknown setting{_suggestion(key, fields)}")

    def number(self, item: object, at: KeyPath, field: NumberField) -> Decimal:
        value, text = _decimal(item)
        if value is None:
            raise self.error(
                at, f"expected {field.description} as a number, got {quote_value(item)}"
            )
        problem = field.check(value)
        if problem is not None:
            raise self.error(at, f"expected {problem}, got {shown_value(text)}")
        return value

    def text(self, table: Section, at: KeyPath) -> str:
        if at[-1] not in table:
            raise self.error(at, f"is missing; expected {COUNTRY_FIELDS[str(at[-1])].description}")
        item = table[str(at[-1])]
        if not isinstance(item, str) or not str(item).strip():
            raise self.error(at, f"expected text in quotes, got {quote_value(item)}")
        return str(item).strip()

    def code(self, table: Section, at: KeyPath, pattern: re.Pattern[str], what: str) -> str:
        if at[-1] not in table:
            raise self.error(at, f"is missing; expected {what}")
        item = table[str(at[-1])]
        if not isinstance(item, str) or not pattern.fullmatch(str(item).strip().upper()):
            raise self.error(at, f"expected {what}, got {quote_value(item)}")
        return str(item).strip().upper()

    def currency_ref(self, table: Section, at: KeyPath, rates: ExchangeRates) -> str:
        code = self.code(table, at, CURRENCY_CODE, "a three-letter currency code such as EUR")
        if code not in rates:
            raise self.error(
                at, f"expected a currency listed in [currencies] ({', '.join(rates)}), got {code!r}"
            )
        return code


def _is_integer(item: object) -> bool:
    return isinstance(item, int) and not isinstance(item, bool)


def _decimal(item: object) -> tuple[Decimal | None, str]:
    """The exact value of a TOML number or numeric string, with the text it came from.

    A TOML float is either tomlkit's item (a float that keeps its text) or, from the quick
    parser, already the Decimal of its text.
    """
    if isinstance(item, bool):
        return None, str(item).lower()
    if _is_integer(item):
        return Decimal(int(item)), _source_text(item)  # type: ignore[call-overload]
    if isinstance(item, Decimal):
        text = str(item)
    elif isinstance(item, float):
        text = _source_text(item).replace("_", "")
    elif isinstance(item, str):
        text = str(item).strip().replace("_", "").replace(",", "")
        if not _NUMBER_TEXT.fullmatch(text):
            return None, text
    else:
        return None, ""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, text
    return (value, text) if value.is_finite() else (None, text)


def _source_text(item: object) -> str:
    """How the file wrote ``item`` (tomlkit keeps it), else its plain text."""
    as_string = getattr(item, "as_string", None)
    return str(as_string()) if as_string is not None else str(item)


def _suggestion(key: str, known: Mapping[str, object] | tuple[str, ...]) -> str:
    import difflib  # only for a message: not worth loading at every start

    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (known here: {', '.join(known)})"
