"""Income sources as people read and write them: names on screen, one id underneath.

A source is stored by its id (``creator_rewards``, ``patreon_tips``) and shown by its name
(``Creator Rewards``, ``Patreon Tips``) in every table, report and chart export; ``--json``
keeps the ids, which programs rely on. What a person or a file writes (an old id, a
built-in's name or its description, any spelling of case and spaces) is read back as the
one source it means, so "Creator Rewards", "creator_fund" and "Creator Fund / Creator
Rewards Program" are all the built-in ``creator_rewards``, never a second source beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from livetally.core.records import (
    BUILTIN_SOURCE_LIST,
    BUILTIN_SOURCES,
    LIVE_GIFTS,
    normalise_tag,
)

#: Built-in sources as people read them; user sources are title-cased instead.
SOURCE_LABELS: Mapping[str, str] = MappingProxyType(
    {source.id: source.name for source in (LIVE_GIFTS, *BUILTIN_SOURCE_LIST)}
)

#: Ids and names built-in sources had before, and what they are now. ``creator_fund`` was
#: the built-in until TikTok replaced the Creator Fund with the Creator Rewards Program.
_FORMER: Mapping[str, str] = {
    "creator_fund": "creator_rewards",
    "Creator Fund / Creator Rewards Program": "creator_rewards",
    "Creator Rewards Program": "creator_rewards",
    "TikTok Creator Rewards Program": "creator_rewards",
}


def _aliases() -> dict[str, str]:
    """Every spelling that names a built-in source, normalised as ids are, to its id."""
    found: dict[str, str] = {}
    for source, description in BUILTIN_SOURCES.items():
        for text in (description, SOURCE_LABELS.get(source, ""), source):
            if text:
                found[normalise_tag(text)] = source
    for text, source in _FORMER.items():
        found[normalise_tag(text)] = source
    return found


_ALIASES = _aliases()


def source_id(text: str) -> str:
    """The id of the source ``text`` names: a built-in by any of its names, else ``text``
    normalised as a new source's id (``Patreon Tips`` is ``patreon_tips``); "" if blank."""
    name = normalise_tag(text)
    return _ALIASES.get(name, name)


def source_label(source: str) -> str:
    """A source as people read it: ``LIVE gifts``, ``Sponsorship``, ``Patreon Tips``."""
    return SOURCE_LABELS.get(source) or source.replace("_", " ").title()
