"""Editing settings.toml without losing a comment, and saving it atomically.

Edits go into the tomlkit document the file was read into, so layout and comments stay
as the user wrote them. The edited text is checked in full before anything is written,
and a file changed on disk since it was read is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from livetally.core.money import format_decimal
from livetally.files import write_text_atomic
from livetally.settings.errors import SettingsError
from livetally.settings.model import Settings
from livetally.settings.read import check_settings, parse_settings
from livetally.settings.source import parse_document, read_text

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
        text = document.as_string()
        settings = check_settings(parse_document(text, self.path), text, self.path)
        return SettingsFile(self.path, text, settings, self.read_text)

    def save(self) -> None:
        """Write the text atomically, unless another program changed the file meanwhile."""
        if not self.changed:
            return
        if read_text(self.path) != self.read_text:
            raise SettingsError(
                self.path,
                "was changed by another program since LiveTally read it; nothing was "
                "written: read it again and repeat the change",
            )
        write_text_atomic(self.path, self.text)


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
