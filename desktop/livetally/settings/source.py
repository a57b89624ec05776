"""Reading a TOML file the user edits by hand: bytes to text to document, or one clear error.

Both settings.toml and gifts.toml go through here, so a typo in either gets the same kind
of message: the file, the line, and what to do about it.

Files are read at every start, so a good file is parsed by the standard library's
``tomllib`` (several times quicker than tomlkit, and tomlkit is not even imported); only a
file with a problem is parsed again by tomlkit, whose document keeps every value's own
text and whose errors the messages are made from. tomlkit stays the parser of record: the
quick parser can only say "good", never word a problem.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from livetally.settings.errors import SettingsError

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

Checked = TypeVar("Checked")

_ALREADY_PRESENT = re.compile(r'Key "(.*)" already exists\.')
# tomlkit reports running out of text as an unexpected NUL character.
_END_OF_FILE = "Unexpected character: '\\x00'"
#: tomlkit's own guard: it refuses values and keys nested deeper than 100 levels.
_NESTED = re.compile(r"TOML (value|key) nested more than (\d+) levels deep")
#: Nesting past which a file goes straight to tomlkit: the standard library's parser
#: recurses once per level (RecursionError near 1,000) and takes time quadratic in the
#: parts of a dotted key (seconds for 100,000, then all the memory there is).
_QUICK_DEPTH = 50
#: A bare number this long is no figure anyone means; Python refuses to read integers of
#: over 4,300 digits at all, so it is caught before a parser trips over it.
MAX_NUMBER_TEXT = 1000
_LONG_NUMBER = re.compile(rf"=[ \t]*([+-]?[0-9][0-9A-Za-z_.+:-]{{{MAX_NUMBER_TEXT - 1},}})")
_LAST_KEY = re.compile(r"""([A-Za-z0-9_-]+|"[^"]*"|'[^']*')[ \t]*$""")
_BRACKET = re.compile(r"[][{}]")


def read_text(path: Path) -> str:
    """The file as text; a UTF-8 byte-order mark (as old Notepad writes) is allowed."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SettingsError(path, f"cannot be read: {error.strerror or error}") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        raise SettingsError(
            path,
            f"not UTF-8 text: byte 0x{data[error.start]:02x} at column "
            f"{error.start - line_start + 1}; save the file as UTF-8",
            line=data.count(b"\n", 0, error.start) + 1,
        ) from None


def has_byte_order_mark(path: Path) -> bool:
    """Whether the file starts with a UTF-8 byte-order mark, to be kept when it is saved."""
    try:
        with path.open("rb") as stream:
            return stream.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    except OSError:
        return False


def check_quickly(text: str, path: Path, check: Callable[[Mapping[str, Any]], Checked]) -> Checked:
    """``check`` applied to the parsed ``text``: quickly when the file is good.

    ``check`` takes plain values (mappings, ``int``, ``str``, ``bool``, a Decimal for each
    float; tomlkit's items are subclasses of these). It first gets tomllib's values; if
    tomllib or ``check`` finds any problem, the file is parsed again by tomlkit and
    ``check`` runs on that document, so every message is worded from the file as written.
    """
    refuse_long_numbers(text, path)
    try:
        if _too_deep_for_quick_parse(text):
            raise tomllib.TOMLDecodeError("nested too deeply for the quick parser")
        values = tomllib.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        pass
    else:
        try:
            return check(values)
        except SettingsError:
            pass  # said again below, from the document that keeps each value's own text
    return check(parse_document(text, path))


def parse_document(text: str, path: Path) -> TOMLDocument:
    """Parse TOML keeping comments and layout, or say where and how the syntax breaks."""
    import tomlkit
    from tomlkit.exceptions import KeyAlreadyPresent, ParseError, TOMLKitError

    refuse_long_numbers(text, path)
    try:
        return tomlkit.parse(text)
    except (ParseError, KeyAlreadyPresent) as error:
        if (key := _duplicate_key(error)) is not None:
            raise SettingsError(
                path,
                f'invalid TOML: "{key}" is defined twice; keep one',
                line=_duplicate_line(text),
            ) from None
        if not isinstance(error, ParseError):  # pragma: no cover - every tomlkit words it so
            raise SettingsError(path, f"invalid TOML: {error}") from None
        reason = str(error).removesuffix(f" at line {error.line} col {error.col}")
        if nested := _NESTED.fullmatch(reason):
            what = "brackets or braces" if nested.group(1) == "value" else "dotted key parts"
            message = (
                f"invalid TOML: {nested.group(1)}s nested more than {nested.group(2)} levels "
                f"deep at column {error.col + 1}; LiveTally's files nest a few levels at most: "
                f"remove the extra {what}"
            )
        elif reason == _END_OF_FILE:
            message = "invalid TOML: the file ends inside a value; is a }, ] or quote missing?"
        else:
            message = f"invalid TOML at column {error.col + 1}: {reason}"
        raise SettingsError(path, message, line=error.line) from None
    except TOMLKitError as error:
        raise SettingsError(path, f"invalid TOML: {error}") from None
    except (ValueError, RecursionError) as error:  # pragma: no cover - guarded above
        raise SettingsError(path, f"invalid TOML: {type(error).__name__}") from None


def refuse_long_numbers(text: str, path: Path) -> None:
    """Refuse a bare number thousands of digits long, naming its line and key.

    No figure needs more than a few dozen digits, and neither parser can say what is
    wrong with such a number: tomllib gives up with a ValueError about Python's limits,
    tomlkit with "Invalid number" and no key.
    """
    from livetally.settings.locate import Locator, dotted

    match = _LONG_NUMBER.search(text)
    if match is None:
        return
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    line = text.count("\n", 0, start) + 1
    key = _LAST_KEY.search(text[max(line_start, start - 200) : start])
    paths = [p for p, n in Locator(path, text).lines.items() if n == line]
    field = dotted(max(paths, key=len)) if paths else None
    if key is not None:
        name = key.group(1).strip("\"'")
        if field is None:
            field = name
        elif not field.endswith(name):  # a key inside an inline table
            field = f"{field}.{name}"
    number = match.group(1)
    raise SettingsError(
        path,
        f"expected a number, got one {len(number):,} characters long ({number[:20]}...); "
        "no figure needs more than a few digits: correct it",
        line=line,
        field=field,
    )


def _too_deep_for_quick_parse(text: str) -> bool:
    """Whether ``text`` may nest deeper than tomllib handles well (see ``_QUICK_DEPTH``).

    Brackets and dots inside strings and comments count too: a false alarm only means the
    slower parser, which handles any depth.
    """
    if text.count("[") + text.count("{") > _QUICK_DEPTH:
        depth = 0
        for bracket in _BRACKET.finditer(text):
            depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
            if depth > _QUICK_DEPTH:
                return True
    return text.count(".") > _QUICK_DEPTH and any(
        line.count(".") > _QUICK_DEPTH for line in text.split("\n")
    )


def _duplicate_key(error: Exception) -> str | None:
    """The key a parse error says is defined twice, or None for any other error.

    tomlkit 0.15.2 raises KeyAlreadyPresent for it, 0.15.3 a ParseError whose text ends
    with where it was found; both word it the same way.
    """
    match = _ALREADY_PRESENT.match(str(error))
    return match.group(1) if match else None


def _duplicate_line(text: str) -> int | None:
    """The line where a key is defined again, which tomlkit reports without a line.

    Parsing ever longer beginnings of the file, the first one that fails this way ends at
    that line; a binary search keeps it to a handful of parses.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    lines = text.split("\n")

    def fails(count: int) -> bool:
        try:
            tomlkit.parse("\n".join(lines[:count]))
        except TOMLKitError as error:
            return _duplicate_key(error) is not None
        return False

    low, high = 1, len(lines)
    if not fails(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if fails(middle):
            high = middle
        else:
            low = middle + 1
    return low


def quote_value(value: object) -> str:
    """A wrong value quoted back as the file wrote it, so the user can find it in the editor.

    Short values appear verbatim (``"cheap"``, ``1.5``, ``[1]``); sections and long lists
    are named rather than dumped.
    """
    from tomlkit.items import AoT, Array, Item, Table

    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, AoT):
        return "an array of tables"
    if isinstance(value, Item) and not isinstance(value, Table):
        text = value.as_string().strip()
        if "\n" not in text and len(text) <= 40:
            return text
    if isinstance(value, Mapping):
        return "a section"
    if isinstance(value, Array):
        return "a list"
    if isinstance(value, Item):  # a number or string too long to quote whole
        text = value.as_string().strip()
        return f"{text[:20]}... ({len(text):,} characters)"
    return repr(value)
