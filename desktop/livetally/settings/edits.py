"""Further edits of settings.toml: the app's country and currency, rates, country profiles.

Each function takes a :class:`SettingsFile` and returns a new one whose text differs only
in the lines the edit is about; every comment and all other layout stay byte for byte.
The new text is checked in full (:func:`check_settings`) before it is returned, so an edit
that would break a rule raises the settings layer's :class:`SettingsError` and nothing
comes of it. Nothing here writes to disk: :meth:`SettingsFile.save` does, atomically.

Numbers are written from their decimal text (``0.0045``), never through a float.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

import tomlkit
from tomlkit.items import AoT, Float, InlineTable, Integer, Item, String, Table
from tomlkit.toml_document import TOMLDocument

from livetally.core.money import InputError, format_decimal, parse_amount
from livetally.core.rates import RateProfile
from livetally.settings.document import SettingsFile, keep_line_endings
from livetally.settings.errors import SettingsError
from livetally.settings.locate import KeyPath, Locator, key_lines
from livetally.settings.read import check_settings
from livetally.settings.schema import (
    COUNTRY_CODE,
    COUNTRY_FIELDS,
    CURRENCY_CODE,
    RATE_FIELDS,
    TAX_RESERVE,
    NumberField,
)
from livetally.settings.source import parse_document

Figure = Decimal | str


# -- the [app] section ------------------------------------------------------------------


def with_default_country(file: SettingsFile, code: str) -> SettingsFile:
    """``[app] country`` set to ``code``, which must have a ``[countries.XX]`` section."""
    document = _document(file)
    _set(_table(file, document, ("app",)), "country", tomlkit.string(code.strip().upper()))
    return _checked(file, document.as_string())


def with_report_currency(file: SettingsFile, code: str) -> SettingsFile:
    """``[app] currency`` set to ``code``, which must be listed in ``[currencies]``."""
    document = _document(file)
    _set(_table(file, document, ("app",)), "currency", tomlkit.string(code.strip().upper()))
    return _checked(file, document.as_string())


def with_tax_reserve_percent(file: SettingsFile, percent: Decimal) -> SettingsFile:
    """``[app] tax_reserve_percent`` set to ``percent`` (0..100), kept where it was written,
    else added after the other ``[app]`` values."""
    document = _document(file)
    at = f"app.{TAX_RESERVE.name}"
    _set(_table(file, document, ("app",)), TAX_RESERVE.name, _number(file, percent, at))
    return _checked(file, document.as_string())


# -- [currencies] ---------------------------------------------------------------------


def with_exchange_rate(file: SettingsFile, currency: str, units_per_usd: Decimal) -> SettingsFile:
    """The rate of ``currency`` replaced, or added as a new line after the last rate."""
    code = _currency_code(file, currency)
    document = _document(file)
    _set(_table(file, document, ("currencies",)), code, _number(file, units_per_usd, code))
    return _checked(file, document.as_string())


def without_exchange_rate(file: SettingsFile, currency: str) -> SettingsFile:
    """``currency`` removed from ``[currencies]``, unless a country or the reports use it."""
    code = _currency_code(file, currency)
    locate = Locator(file.path, file.text)
    at: KeyPath = ("currencies", code)
    if code not in file.settings.exchange_rates:
        raise locate.error(("currencies",), f"has no {code} rate to remove")
    users = [p.name for p in file.settings.profiles.values() if p.currency == code]
    if users:
        raise locate.error(
            at,
            f"is the currency of {', '.join(users)}; give "
            f"{'that country' if len(users) == 1 else 'those countries'} another currency first",
        )
    if file.settings.currency == code:
        raise locate.error(at, "is the report currency; choose another report currency first")
    document = _document(file)
    del _table(file, document, ("currencies",))[code]
    return _checked(file, document.as_string())


# -- [countries.XX] -------------------------------------------------------------------


def with_country(file: SettingsFile, code: str, name: str, currency: str) -> SettingsFile:
    """A new ``[countries.XX]`` section at the end of the file, after a blank line.

    It holds only a name and a currency, so every figure is inherited from ``[defaults]``
    until it is set with :func:`with_country_figure`.
    """
    country = _country_code(file, code)
    if country in file.settings.profiles:
        raise Locator(file.path, file.text).error(
            ("countries", country), "already exists; choose it to change it"
        )
    section = tomlkit.dumps(
        {"countries": {country: {"name": name.strip(), "currency": currency.strip().upper()}}}
    )
    newline = "\r\n" if "\r\n" in file.text else "\n"
    text = file.text
    if text and not text.endswith("\n"):
        text += newline
    if text.strip() and not text.endswith(newline * 2):
        text += newline
    return _checked(file, text + section.replace("\n", newline))


def with_country_figure(
    file: SettingsFile, code: str, field: str, value: Figure | None
) -> SettingsFile:
    """One field of a country set, or with ``None`` removed so the default applies again.

    ``field`` is any key a country section may hold: a figure from ``[defaults]``
    (``diamond_usd``, ``payout_method``, ...), or ``name`` / ``currency``.
    """
    return with_country_fields(file, code, {field: value})


def with_country_fields(
    file: SettingsFile, code: str, values: Mapping[str, Figure | None]
) -> SettingsFile:
    """Several fields of one country changed at once and checked once.

    Checking once matters when figures move together: lowering coin_usd and diamond_usd
    tenfold is fine, but either change alone may give a creator share above 100%.
    """
    country = _country_code(file, code)
    document = _document(file)
    section = _table(file, document, ("countries", country))
    for field, value in values.items():
        if field not in COUNTRY_FIELDS:
            known = ", ".join(COUNTRY_FIELDS)
            raise Locator(file.path, file.text).error(
                ("countries", country, field), f"unknown setting (known here: {known})"
            )
        if value is None:
            if field in section:
                del section[field]
        elif isinstance(value, Decimal):
            _set(section, field, _number(file, value, f"countries.{country}.{field}"))
        elif isinstance(value, str):
            _set(section, field, tomlkit.string(value.strip()))
        else:  # a float or anything else would lose the exact value
            raise TypeError(f"{field}: expected a Decimal or str, got {type(value).__name__}")
    return _checked(file, document.as_string())


def without_country(file: SettingsFile, code: str) -> SettingsFile:
    """The ``[countries.XX]`` section removed; the app's own default country is refused.

    Comment lines after the section's last value stay: in a file edited by hand they
    introduce the next section, not this one.
    """
    country = _country_code(file, code)
    locate = Locator(file.path, file.text)
    if country not in file.settings.profiles:
        raise locate.error(("countries",), f"has no [countries.{country}] section to remove")
    if country == file.settings.country:
        raise locate.error(
            ("countries", country),
            "is the default country ([app] country); choose another default country first",
        )
    text = _without_section_lines(file.text, ("countries", country))
    if text is None:  # written as an inline table or dotted keys: let tomlkit remove it
        document = _document(file)
        del _table(file, document, ("countries",))[country]
        text = document.as_string()
    return _checked(file, text)


# -- reading what the dialog shows ----------------------------------------------------


def country_overrides(file: SettingsFile, code: str) -> dict[str, Figure]:
    """The figures ``[countries.XX]`` sets itself, exactly; the rest it inherits."""
    country = _country_code(file, code)
    profile = file.settings.profile(country)
    section = _table(file, _document(file), ("countries", country))
    return {name: getattr(profile, name) for name in RATE_FIELDS if name in section}


def inherited_figures(file: SettingsFile) -> dict[str, Figure]:
    """What a country gets for each figure it does not set: ``[defaults]``, else built-in."""
    blank = RateProfile(country="", name="", currency="")
    built_in: dict[str, Figure] = {name: getattr(blank, name) for name in RATE_FIELDS}
    defaults = _document(file).get("defaults")
    if not isinstance(defaults, Table | InlineTable):
        return built_in
    found = dict(built_in)
    for name in RATE_FIELDS:
        if name in defaults:
            found[name] = _exact(defaults.item(name), isinstance(RATE_FIELDS[name], NumberField))
    return found


def figure_from_text(field: str, text: str, label: str | None = None) -> Figure:
    """A figure as typed into a form, checked against the same rules as the file.

    Raises :class:`InputError` naming ``label`` (default: the field's key) with what was
    expected, so a form can show it next to the input.
    """
    spec = RATE_FIELDS[field]
    shown = label or field
    if not isinstance(spec, NumberField):
        if not text.strip():
            raise InputError(shown, f"is empty; expected {spec.description}")
        return text.strip()
    value = parse_amount(text, shown)
    problem = spec.check(value)
    if problem is not None:
        raise InputError(shown, f"expected {problem}, got {text.strip()}")
    return value


# -- helpers ----------------------------------------------------------------------------


def _document(file: SettingsFile) -> TOMLDocument:
    return parse_document(file.text, file.path)


def _checked(file: SettingsFile, text: str) -> SettingsFile:
    """The edited text as a new SettingsFile, if it passes every check the file must pass."""
    text = keep_line_endings(text, file.text)
    settings = check_settings(parse_document(text, file.path), text, file.path)
    return SettingsFile(file.path, text, settings, file.read_text)


def _table(file: SettingsFile, document: TOMLDocument, at: KeyPath) -> Table | InlineTable:
    found: object = document
    for part in at:
        found = found.get(part) if isinstance(found, Mapping) else None
    if not isinstance(found, Table | InlineTable):
        name = ".".join(str(p) for p in at)
        raise Locator(file.path, file.text).error(at, f"has no [{name}] section to change")
    return found


def _set(table: Table | InlineTable, key: str, value: Item) -> None:
    """Replace a value in place keeping its comment, or add it after the last value.

    tomlkit appends a new key after everything in the table, including comment lines
    that in fact introduce the next section; it goes right after the last value instead.
    """
    old = table.get(key)
    if isinstance(old, Item):
        value.trivia.comment = old.trivia.comment
        value.trivia.comment_ws = old.trivia.comment_ws
        table[key] = value
        return
    container = table.value
    after_last = None
    for position, (existing, item) in enumerate(container.body):
        if existing is not None and not isinstance(item, Table | AoT):
            after_last = position + 1
    if after_last is None or after_last == len(container.body) or isinstance(table, InlineTable):
        table[key] = value
    else:
        # No public way to place a key. _insert_at is in every tomlkit the project accepts
        # (0.15.2 on; 0.15.3 dropped _insert_after, which this once used).
        container._insert_at(after_last, key, value)


def _number(file: SettingsFile, value: Decimal, field: str) -> Item:
    if not isinstance(value, Decimal):
        raise TypeError(f"{field}: expected a Decimal, got {type(value).__name__}")
    if not value.is_finite():
        raise SettingsError(file.path, f"expected a number, got {value}", field=field)
    return tomlkit.value(format_decimal(value))


def _exact(item: object, number: bool) -> Figure:
    """A checked [defaults] value, read from its text as the reader does (never a float)."""
    if not number:
        return str(item).strip()
    if isinstance(item, Integer):
        return Decimal(int(item))
    raw = item.as_string() if isinstance(item, Float) else str(item)
    text = raw.strip().replace("_", "")
    if isinstance(item, String):
        text = text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - check_settings accepted the file
        raise ValueError(f"not a number: {raw!r}") from None


def _currency_code(file: SettingsFile, code: str) -> str:
    found = code.strip().upper()
    if not CURRENCY_CODE.fullmatch(found):
        raise SettingsError(
            file.path,
            f"expected a three-letter currency code such as NOK, got {code!r}",
            field="currencies",
        )
    return found


def _country_code(file: SettingsFile, code: str) -> str:
    found = code.strip().upper()
    if not COUNTRY_CODE.fullmatch(found):
        raise SettingsError(
            file.path,
            f"expected a two-letter country code such as NO, got {code!r}",
            field="countries",
        )
    return found


def _without_section_lines(text: str, at: KeyPath) -> str | None:
    """``text`` without the ``[a.b]`` header and its values, or None if not written so.

    The lines go from the header to the section's last value; a blank line after them
    goes too, so the sections around stay one blank line apart.
    """
    lines = text.split("\n")
    found = key_lines(text)
    header = found.get(at)
    if header is None or not lines[header - 1].lstrip().startswith("["):
        return None
    headers = sorted(
        n for n in found.values() if n > header and lines[n - 1].lstrip().startswith("[")
    )
    end = (headers[0] if headers else len(lines) + 1) - 1  # last line before the next header
    while end > header and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
        end -= 1
    first = header
    if end < len(lines) and not lines[end].strip():
        end += 1  # the blank line after the section
        if end == len(lines) and lines[end - 1] == "":
            end -= 1  # ...unless it is just the end of the file's last line
    if end >= len(lines) - 1 and first >= 2 and not lines[first - 2].strip():
        first -= 1  # the last section: take the blank line before it instead
    return "\n".join(lines[: first - 1] + lines[end:])
