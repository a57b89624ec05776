"""Walking the parser's events of TikTok's export: the LIVEs and the wallet's status.

The JSON is read as a stream of parser events, never loaded whole: memory stays flat
whatever the archive's size. Every section other than the LIVE history and the wallet is
passed over by a C loop (``itertools.dropwhile`` on the events' path) without one line of
Python looking at its contents, which keeps the reader about as fast as the bare parser
and means no value from those sections is ever seen, kept or quoted.

Section and field names are matched without regard to case (``Tiktok Live``, ``TikTok
Live``); which values are accepted, and why, is :mod:`livetally.storage.tiktok_values`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from itertools import dropwhile
from operator import itemgetter
from typing import Any, Final

import ijson  # type: ignore[import-untyped]

from livetally.storage import tiktok_values as values
from livetally.storage.tiktok_records import (
    LiveFields,
    TikTokArchiveError,
    TikTokBlank,
    TikTokHistory,
    TikTokLive,
    TikTokSkipped,
    TikTokWallet,
    WalletStatus,
)
from livetally.storage.tiktok_values import CONTAINER, Raw, Unreadable

_LIVE_SECTIONS: Final = frozenset({"tiktok live"})
_WALLET_SECTIONS: Final = frozenset(
    {"income+ wallet", "income plus wallet", "income+ wallet transactions",
     "income plus wallet transactions"}
)  # fmt: skip
_WALLET_LISTS: Final = frozenset({"transactionslist", "transactionlist", "transactionshistorylist"})
#: The fields of a LIVE that LiveTally reads, casefolded; every other field is passed over.
_FIELDS: Final = frozenset(
    {"livestarttime", "liveendtime", "liveduration", "roomid", "roomtitle", "totalearning",
     "totallike", "totalview", "totalgifter"}
)  # fmt: skip
_STARTS: Final = frozenset({"start_map", "start_array"})
_ENDS: Final = frozenset({"end_map", "end_array"})

#: One parser event: (path of dotted keys, kind, value).
_Event = tuple[str, str, Any]


def _after(events: Iterator[_Event], first: _Event) -> _Event:
    """The event after the value that starts with ``first``, a value of some object's key.

    Every event inside that value has a path starting with the value's own path, and the
    event after it (the next key, or the end of the object) has the object's path, which
    sorts before it: so a C loop comparing tuples skips the value without Python code.
    """
    if first[1] not in _STARTS:
        return next(events)
    if not first[0]:  # a key "" at the top: its inner paths are ambiguous; count instead
        return _after_by_depth(events, first)
    return next(dropwhile((first[0],).__le__, events))


def _after_top(events: Iterator[_Event], first: _Event) -> _Event:
    """:func:`_after` for a top-level section: the next top-level event has the empty path."""
    if first[1] not in _STARTS:
        return next(events)
    if not first[0]:
        return _after_by_depth(events, first)
    return next(dropwhile(itemgetter(0), events))


def _after_by_depth(events: Iterator[_Event], first: _Event) -> _Event:
    """The event after the value starting with ``first``, counting nesting (a list item)."""
    if first[1] in _STARTS:
        depth = 1
        for _, kind, _ in events:
            if kind in _STARTS:
                depth += 1
            elif kind in _ENDS:
                depth -= 1
                if not depth:
                    break
    return next(events)


class Walk:
    """One pass over the export's events, collecting LIVEs and the wallet's status."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.events: Iterator[_Event] = iter(())
        self.found_history = False
        self.position = 0
        self.lives: list[TikTokLive] = []
        self.by_room: dict[str, TikTokLive] = {}
        self.clashing: set[str] = set()
        self.skipped: list[TikTokSkipped] = []
        self.repeats: list[TikTokSkipped] = []
        self.blanks: list[TikTokBlank] = []
        self.wallet_seen = False
        self.wallet_unknown = False
        self.wallet_lists = 0
        self.wallet_records = 0

    def run(self, events: Iterator[_Event]) -> None:
        self.events = events
        if next(events)[1] != "start_map":
            raise TikTokArchiveError(
                f"{self.label}: not a TikTok data export (its JSON is not an object of sections)"
            )
        event = next(events)
        while event[1] == "map_key":
            section = event[2].casefold()
            value = next(events)
            if section in _LIVE_SECTIONS:
                event = self._live_section(value)
            elif section in _WALLET_SECTIONS:
                event = self._wallet_section(value)
            else:
                event = _after_top(events, value)
        if next(events, None) is not None:
            raise ijson.JSONError("more than one document")
        if not self.found_history:
            raise TikTokArchiveError(
                f"{self.label}: holds no 'Go Live History' under 'Tiktok Live', so no LIVEs "
                'to import; when you download your data, choose JSON and "All data"'
            )

    def history(self) -> TikTokHistory:
        return TikTokHistory(
            source=self.label,
            listed=self.position,
            lives=tuple(live for live in self.lives if live.room_id not in self.clashing),
            skipped=tuple(sorted(self.skipped, key=lambda item: item.position)),
            repeats=tuple(self.repeats),
            blanks=tuple(self.blanks),
            wallet=self._wallet(),
        )

    def _shape_error(self) -> TikTokArchiveError:
        return TikTokArchiveError(
            f"{self.label}: its 'Go Live History' is not laid out as LiveTally knows it "
            "(a list of LIVEs under 'GoLiveList'); nothing was imported"
        )

    def _object(self, first: _Event, read: Callable[[str, _Event], _Event | None]) -> _Event:
        """Walk the object starting with ``first``: ``read(key, value)`` reads a value and
        gives the event after it, or None to pass over it. The event after the object."""
        events = self.events
        event = next(events)
        while event[1] == "map_key":
            key = event[2].casefold()
            value = next(events)
            following = read(key, value)
            event = _after(events, value) if following is None else following
        return next(events)

    def _live_section(self, first: _Event) -> _Event:
        if first[1] != "start_map":
            return _after_top(self.events, first)
        return self._object(
            first,
            lambda key, value: self._go_live_history(value) if key == "go live history" else None,
        )

    def _go_live_history(self, first: _Event) -> _Event:
        self.found_history = True
        if first[1] != "start_map":
            if _is_blank(first):
                return next(self.events)
            raise self._shape_error()
        lists = 0

        def read(key: str, value: _Event) -> _Event | None:
            nonlocal lists
            if key != "golivelist":
                return None
            lists += 1
            return self._live_list(value)

        after = self._object(first, read)
        if not lists:
            raise self._shape_error()
        return after

    def _live_list(self, first: _Event) -> _Event:
        events = self.events
        if first[1] != "start_array":
            if _is_blank(first):
                return next(events)
            raise self._shape_error()
        event = next(events)
        while event[1] != "end_array":
            self.position += 1
            if event[1] == "start_map":
                event = self._live_item(self.position)
            else:
                self.skipped.append(
                    TikTokSkipped(self.position, "not a LIVE record (expected an object)")
                )
                event = _after_by_depth(events, event)
        return next(events)

    def _live_item(self, position: int) -> _Event:
        """Read one LIVE object (its start already taken); the event after it."""
        events = self.events
        fields: dict[str, Raw] = {}
        twice: set[str] = set()
        event = next(events)
        while event[1] == "map_key":
            key = event[2].casefold()
            value = next(events)
            if key not in _FIELDS:
                event = _after(events, value)
                continue
            raw: Raw
            if value[1] in _STARTS:
                raw, event = CONTAINER, _after(events, value)
            else:
                raw, event = value[2], next(events)
            if key in fields and fields[key] != raw:
                twice.add(key)
            fields.setdefault(key, raw)
        try:
            self._keep(LiveFields(position, fields, twice, self.blanks).read())
        except Unreadable as refusal:
            self.skipped.append(TikTokSkipped(position, str(refusal)))
        return next(events)

    def _keep(self, live: TikTokLive) -> None:
        """Keep a read LIVE, once per room: a repeat with other figures refuses both."""
        room = live.room_id
        if room is None:
            self.lives.append(live)
            return
        first = self.by_room.get(room)
        if first is None:
            self.by_room[room] = live
            self.lives.append(live)
        elif room in self.clashing:
            self.skipped.append(TikTokSkipped(live.position, _clash(room, first.position)))
        elif dataclasses.replace(live, position=first.position) == first:
            self.repeats.append(
                TikTokSkipped(
                    live.position, f"the same LIVE as LIVE {first.position} (RoomId {room})"
                )
            )
        else:
            self.clashing.add(room)
            self.skipped.append(TikTokSkipped(first.position, _clash(room, live.position)))
            self.skipped.append(TikTokSkipped(live.position, _clash(room, first.position)))

    def _wallet_section(self, first: _Event) -> _Event:
        """Note what the wallet holds, counting its transactions without reading one.

        It is "empty" only when a transaction list of a known name is there and empty;
        anything else in it (but the coins bought as a viewer) is a layout nobody has
        verified, and said to be so.
        """
        self.wallet_seen = True
        if first[1] != "start_map":
            self.wallet_unknown |= not _is_blank(first)
            return _after_top(self.events, first)

        def read(key: str, value: _Event) -> _Event | None:
            if key == "transaction history" and value[1] == "start_map":
                return self._object(value, read_list)
            self.wallet_unknown |= key != "coin purchase history"
            return None

        def read_list(key: str, value: _Event) -> _Event | None:
            if key in _WALLET_LISTS and value[1] == "start_array":
                self.wallet_lists += 1
                return self._count_records()
            self.wallet_lists += key in _WALLET_LISTS
            self.wallet_unknown |= key not in _WALLET_LISTS or not _is_blank(value)
            return None

        return self._object(first, read)

    def _count_records(self) -> _Event:
        """Count the items of a list (its start already taken); the event after it."""
        events = self.events
        event = next(events)
        while event[1] != "end_array":
            self.wallet_records += 1
            event = _after_by_depth(events, event)
        return next(events)

    def _wallet(self) -> TikTokWallet:
        if not self.wallet_seen:
            return TikTokWallet(WalletStatus.ABSENT)
        if self.wallet_records or self.wallet_unknown or not self.wallet_lists:
            return TikTokWallet(WalletStatus.UNVERIFIED, self.wallet_records)
        return TikTokWallet(WalletStatus.EMPTY)


def _is_blank(event: _Event) -> bool:
    """Whether a value's first event is null, "" or "N/A" (a list or object is not)."""
    return event[1] == "null" or (event[1] == "string" and values.is_blank(event[2]))


def _clash(room: str, other: int) -> str:
    return (
        f"RoomId {room} is also LIVE {other}, with other figures; "
        "LiveTally does not guess which is right, so neither was read"
    )
