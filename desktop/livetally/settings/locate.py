"""Line numbers for keys in TOML text, so every message can point at the line to fix.

tomlkit keeps comments and layout but not positions, so this reads the source once more,
line by line, and records where each table header and each ``key = value`` stands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from livetally.settings.errors import SettingsError

KeyPath = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\]|\\.)*"'
_LITERAL = r"'[^']*'"
_PART = rf"\s*(?:{_BARE}|{_BASIC}|{_LITERAL})\s*"
_DOTTED = rf"{_PART}(?:\.{_PART})*"
_TABLE_ARRAY = re.compile(rf"^\s*\[\[({_DOTTED})\]\]")
_TABLE = re.compile(rf"^\s*\[({_DOTTED})\]")
_KEY = re.compile(rf"^({_DOTTED})=")
_SPLIT = re.compile(rf"({_BARE}|{_BASIC}|{_LITERAL})")


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each table and key path in ``text`` to its 1-based line number.

    Array-of-table entries get their index in the path (``("gift", 3, "coins")``). Lines
    inside multi-line strings are skipped, so text that merely looks like a key is not
    taken for one.
    """
    found: dict[KeyPath, int] = {}
    table: KeyPath = ()
    array_counts: dict[KeyPath, int] = {}
    in_string: str | None = None
    # Split on "\n" only, as TOML counts lines; splitlines() also breaks on U+2028 and the like.
    for number, line in enumerate(text.split("\n"), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        if match := _TABLE_ARRAY.match(line):
            name = _parts(match.group(1))
            index = array_counts.get(name, 0)
            array_counts[name] = index + 1
            table = (*name, index)
            found.setdefault(table, number)
        elif match := _TABLE.match(line):
            table = _parts(match.group(1))
            found.setdefault(table, number)
        elif match := _KEY.match(line):
            found.setdefault((*table, *_parts(match.group(1))), number)
            rest = line[match.end() :]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2 == 1:
                    in_string = quotes
                    break
    return found


def line_of(lines: Mapping[KeyPath, int], path: KeyPath) -> int | None:
    """The line of ``path``, or of its nearest enclosing table when the key is missing."""
    for end in range(len(path), 0, -1):
        if (line := lines.get(path[:end])) is not None:
            return line
        if (line := lines.get((*path[:end], 0))) is not None:  # an array of tables
            return line
    return None


def dotted(path: KeyPath) -> str:
    """``("countries", "US", "coin_usd")`` as people write it: ``countries.US.coin_usd``."""
    import json  # errors only (as in _parts): a good file never loads it

    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            shown = part if re.fullmatch(_BARE, part) else json.dumps(part, ensure_ascii=False)
            text += f".{shown}" if text else shown
    return text


def _parts(dotted_key: str) -> KeyPath:
    import json

    parts: list[str | int] = []
    for raw in _SPLIT.findall(dotted_key):
        if raw[0] == '"':
            try:
                parts.append(json.loads(raw))  # TOML basic strings escape as JSON does
            except ValueError:
                parts.append(raw[1:-1])
        elif raw[0] == "'":
            parts.append(raw[1:-1])
        else:
            parts.append(raw)
    return tuple(parts)


class Locator:
    """Turns a key path into an error pointing at its line, so checks need not know lines."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._text = text
        self._lines: dict[KeyPath, int] | None = None

    @property
    def lines(self) -> dict[KeyPath, int]:
        """Each key's line, found when an error first needs one (a good file never does)."""
        if self._lines is None:
            self._lines = key_lines(self._text)
        return self._lines

    def line(self, key: KeyPath) -> int | None:
        return line_of(self.lines, key)

    def error(self, key: KeyPath, message: str) -> SettingsError:
        return SettingsError(
            self.path, message, line=self.line(key), field=dotted(key) if key else None
        )
