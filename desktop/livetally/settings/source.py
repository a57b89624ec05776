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


def check_quickly(text: str, path: Path, check: Callable[[Mapping[str, Any]], Checked]) -> Checked:
    """``check`` applied to the parsed ``text``: quickly when the file is good.

    ``check`` takes plain values (mappings, ``int``, ``str``, ``bool``, a Decimal for each
    float; tomlkit's items are subclasses of these). It first gets tomllib's values; if
    tomllib or ``check`` finds any problem, the file is parsed again by tomlkit and
    ``check`` runs on that document, so every message is worded from the file as written.
    """
    try:
        values = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError:
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

    try:
        return tomlkit.parse(text)
    except ParseError as error:
        reason = str(error).removesuffix(f" at line {error.line} col {error.col}")
        if reason == _END_OF_FILE:
            message = "invalid TOML: the file ends inside a value; is a }, ] or quote missing?"
        else:
            message = f"invalid TOML at column {error.col + 1}: {reason}"
        raise SettingsError(path, message, line=error.line) from None
    except KeyAlreadyPresent as error:
        match = _ALREADY_PRESENT.fullmatch(str(error))
        key = match.group(1) if match else "a key"
        raise SettingsError(
            path, f'invalid TOML: "{key}" is defined twice; keep one', line=_duplicate_line(text)
        ) from None
    except TOMLKitError as error:
        raise SettingsError(path, f"invalid TOML: {error}") from None


def _duplicate_line(text: str) -> int | None:
    """The line where a key is defined again, which tomlkit reports without a line.

    Parsing ever longer beginnings of the file, the first one that fails this way ends at
    that line; a binary search keeps it to a handful of parses.
    """
    import tomlkit
    from tomlkit.exceptions import KeyAlreadyPresent, TOMLKitError

    lines = text.split("\n")

    def fails(count: int) -> bool:
        try:
            tomlkit.parse("\n".join(lines[:count]))
        except KeyAlreadyPresent:
            return True
        except TOMLKitError:
            return False
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
    from tomlkit.items import AoT, Item, Table

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
    if isinstance(value, Item):
        return "a list"
    return repr(value)
