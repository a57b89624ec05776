"""Editing settings.toml without losing a comment, and saving it atomically.

Edits go into the tomlkit document the file was read into, so layout and comments stay
as the user wrote them. The edited text is checked in full before anything is written,
and a file changed on disk since it was read is never overwritten.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from livetally.core.money import format_decimal
from livetally.files import write_text_atomic
from livetally.settings.errors import ChangedOnDiskError, SettingsError
from livetally.settings.model import Settings
from livetally.settings.read import check_settings, parse_settings
from livetally.settings.source import has_byte_order_mark, parse_document, read_text

if TYPE_CHECKING:
    from tomlkit.items import Item, Table


@dataclass(frozen=True)
class SettingsFile:
    """Settings text with its checked content, and the disk text it was derived from."""

    path: Path
    text: str
    settings: Settings
    read_text: str

    @classmethod
    def load(cls, path: Path) -> SettingsFile:
        text = read_text(path)
        return cls(path, text, parse_settings(text, path), text)

    @property
    def changed(self) -> bool:
        return self.text != self.read_text

    def with_country_figures(
        self, country: str, figures: dict[str, Decimal], *, note: str = ""
    ) -> SettingsFile:
        """A copy with figures set in ``[countries.<country>]`` only, checked in full.

        Values are written as TOML numbers from their decimal text (``0.005``, never a
        float's ``0.005000000000000001``). An inline comment after a replaced value stays;
        a newly added value gets ``note`` as its comment, so the user can tell where it
        came from.
        """
        import tomlkit
        from tomlkit.items import Table

        document = parse_document(self.text, self.path)
        section = document.get("countries", {}).get(country)
        if not isinstance(section, Table):
            raise SettingsError(self.path, f"has no [countries.{country}] section to change")
        for name, value in figures.items():
            _set_keeping_comment(section, name, tomlkit.value(format_decimal(value)), note)
        text = keep_line_endings(document.as_string(), self.text)
        settings = check_settings(parse_document(text, self.path), text, self.path)
        return SettingsFile(self.path, text, settings, self.read_text)

    def save(self) -> None:
        """Write the text atomically, unless another program changed the file meanwhile.

        A symlinked file is written through to its target (replacing the link would cut
        it off from where the user keeps the real file); a read-only one is refused, since
        the user made it so on purpose. A byte-order mark the file began with stays.
        """
        if not self.changed:
            return
        target = self.path.resolve() if self.path.is_symlink() else self.path
        if read_text(self.path) != self.read_text:
            raise ChangedOnDiskError(
                self.path,
                "was changed by another program since LiveTally read it; nothing was "
                "written: read it again and repeat the change",
            )
        if _read_only(target):
            shown = "" if target == self.path else f" (it links to {target})"
            raise SettingsError(
                self.path,
                f"is read-only{shown}; nothing was written: make it writable to save "
                "changes, or edit it yourself",
            )
        bom = "\ufeff" if has_byte_order_mark(target) else ""
        write_text_atomic(target, bom + self.text)


def keep_line_endings(text: str, like: str) -> str:
    """``text`` with Windows line endings if ``like`` has them: tomlkit writes the lines it
    adds with "\\n" only, and a file with mixed endings shows up in every diff."""
    if "\r\n" not in like:
        return text
    return re.sub(r"(?<!\r)\n", "\r\n", text)


def _read_only(path: Path) -> bool:
    """Whether the file's permissions forbid writing (checked by the bits, not by trying,
    so that running as an administrator, who may write anything, still respects them)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # gone: writing it again is what the user wants
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _set_keeping_comment(section: Table, key: str, value: Item, note: str) -> None:
    from tomlkit.items import Item

    old = section.get(key)
    if isinstance(old, Item):
        value.trivia.comment = old.trivia.comment
        value.trivia.comment_ws = old.trivia.comment_ws
    elif note:
        value.comment(note)
        value.trivia.comment_ws = "  "
    section[key] = value
