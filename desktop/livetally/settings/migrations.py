"""Forward migrations of settings.toml, one function per version step.

Each step edits the parsed document in place, through its mapping interface only: on
tomlkit's document the user's comments survive, and the quick parser's plain dicts work
too. The first layout is version 1, so there is nothing to migrate yet; the next layout
change adds ``MIGRATIONS[1]`` and bumps ``schema.SCHEMA_VERSION``.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from livetally.settings.schema import SCHEMA_VERSION

Migration = Callable[[MutableMapping[str, Any]], None]

#: ``MIGRATIONS[n]`` turns a version-n document into version n + 1.
MIGRATIONS: dict[int, Migration] = {}


def migrate(document: MutableMapping[str, Any], version: int) -> None:
    """Bring ``document`` from ``version`` up to the current layout."""
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](document)
        document["schema_version"] = step + 1
