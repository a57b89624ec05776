"""Reading the LIVEs out of TikTok's "Download your data" archive, and nothing else.

The archive is a ZIP (or the folder it was unpacked into, or the JSON file inside it) of
hundreds of megabytes, nearly all of it watch history, messages and other private data
LiveTally has no business with. So the JSON is read as a stream of parser events straight
from the ZIP member, never unpacked to disk or loaded whole: memory stays flat whatever
the archive's size. Every section other than the LIVE history and the wallet is passed
over by a C loop (``itertools.dropwhile`` on the events' path) without one line of Python
looking at its contents, which keeps the reader about as fast as the bare parser and
means no value from those sections is ever seen, kept or quoted.

Section and field names are matched without regard to case (``Tiktok Live``, ``TikTok
Live``); which values are accepted, and why, is :mod:`livetally.storage.tiktok_values`.

Payouts: no public parser has verified the fields of the wallet's transactions (which
are withdrawals, which are amounts, in what currency), so they are never read. The
result says whether the archive holds a wallet section and how many records it lists,
so the creator knows to enter their payouts themselves. Never guess at money.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import dropwhile
from operator import itemgetter
from pathlib import Path, PurePosixPath
from typing import IO, Any, Final, TypeVar

import ijson  # type: ignore[import-untyped]

from livetally import activity
from livetally.core.words import counted
from livetally.storage import tiktok_values as values
from livetally.storage.tiktok_values import CONTAINER, Raw, Unreadable

#: Told (bytes read, bytes in the JSON file) as the file is read; raise to cancel.
Progress = Callable[[int, int], None]

#: The export's JSON file, newer name first: when a folder holds both, the newer wins.
EXPORT_NAMES: Final = ("user_data_tiktok.json", "user_data.json")
#: How much of the JSON the parser asks for at a time (also what the benchmark's floor uses).
READ_SIZE: Final = 256 * 1024

_LIVE_SECTIONS: Final = frozenset({"tiktok live"})
_WALLET_SECTIONS: Final = frozenset(
    {"income+ wallet", "income plus wallet", "income+ wallet transactions",
     "income plus wallet transactions"}
)  # fmt: skip
_WALLET_LISTS: Final = frozenset({"transactionslist", "transactionlist", "transactionshistorylist"})
#: Folders of the TXT variant of the export (each section one ``.txt`` file in them).
_TXT_FOLDERS: Final = frozenset(
    {"tiktok live", "activity", "your activity", "comment", "comments", "direct message",
     "direct messages", "profile", "video", "videos", "post", "ads and data", "app settings",
     "income+ wallet", "tiktok shopping", "tiktok shop", "likes and favorites"}
)  # fmt: skip
#: The fields of a LIVE that LiveTally reads, casefolded; every other field is passed over.
_FIELDS: Final = frozenset(
    {"livestarttime", "liveendtime", "liveduration", "roomid", "roomtitle", "totalearning",
     "totallike", "totalview", "totalgifter"}
)  # fmt: skip
_STARTS: Final = frozenset({"start_map", "start_array"})
_ENDS: Final = frozenset({"end_map", "end_array"})
_BOM: Final = b"\xef\xbb\xbf"
_HOW_TO_REQUEST: Final = (
    "in TikTok, go to Profile > Settings and privacy > Account > Download your data, "
    "choose JSON and request your data again"
)

_T = TypeVar("_T")
_log = activity.logger(__name__)
#: One parser event: (path of dotted keys, kind, value).
_Event = tuple[str, str, Any]


class TikTokArchiveError(Exception):
    """The file is not a TikTok archive LiveTally can read; nothing was read from it.

    ``message`` is the one line a user sees: which file, what is wrong, what to do. It
    never quotes the archive's content.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TikTokLive:
    """One LIVE as TikTok's export records it, in TikTok's own figures.

    ``position`` is the LIVE's place in the export's list (1 for the first), which is how
    a creator finds it in the file. ``diamonds`` is ``TotalEarning``; ``room_id`` is what
    makes a second import of the same archive add nothing twice.
    """

    position: int
    room_id: str | None
    started_at: dt.datetime  # aware, in UTC
    duration_seconds: int | None
    diamonds: int | None
    likes: int | None
    views: int | None
    gifters: int | None
    title: str


@dataclass(frozen=True)
class TikTokSkipped:
    """A LIVE of the list that was not read, and why (said so that the creator can check)."""

    position: int
    reason: str

    def __str__(self) -> str:
        return f"LIVE {self.position}: {self.reason}"


@dataclass(frozen=True)
class TikTokBlank:
    """A figure of a read LIVE that was left empty because its value could not be read."""

    position: int
    reason: str

    def __str__(self) -> str:
        return f"LIVE {self.position}: {self.reason}; left empty"


class WalletStatus(enum.Enum):
    """What the archive says about payouts; in no case are they read (see the module)."""

    ABSENT = "absent"
    EMPTY = "empty"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class TikTokWallet:
    status: WalletStatus
    #: Records the wallet's transaction list holds (counted, never read).
    records: int = 0

    def describe(self) -> str:
        """One line for an import's summary."""
        if self.status is WalletStatus.ABSENT:
            return "The archive has no wallet section: enter your payouts yourself."
        if self.status is WalletStatus.EMPTY:
            return "The archive's wallet section lists no transactions."
        what = "holds data" if not self.records else f"lists {counted(self.records, 'transaction')}"
        return (
            f"The archive's wallet section {what} in a layout nobody has verified, "
            "so LiveTally did not read it: enter your payouts yourself."
        )


@dataclass(frozen=True)
class TikTokHistory:
    """What an archive holds for LiveTally: its LIVEs and what could not be read."""

    source: str
    #: Items in the export's LIVE list (read, skipped and repeated together).
    listed: int
    lives: tuple[TikTokLive, ...]
    skipped: tuple[TikTokSkipped, ...]
    #: LIVEs listed more than once with the same figures: read once, the repeats named here.
    repeats: tuple[TikTokSkipped, ...]
    blanks: tuple[TikTokBlank, ...]
    wallet: TikTokWallet

    def summary(self) -> list[str]:
        """The lines a creator reads after an import: counts first, then each problem."""
        if not self.listed:
            lines = [f"{self.source}: the archive lists no LIVEs; there is nothing to import."]
        else:
            lines = [
                f"{self.source}: {len(self.lives)} of {self.listed} LIVEs read, "
                f"{len(self.skipped)} skipped, {len(self.repeats)} listed twice."
            ]
        lines += [str(item) for item in (*self.skipped, *self.repeats, *self.blanks)]
        lines.append(self.wallet.describe())
        return lines


def read_tiktok_archive(path: Path, progress: Progress | None = None) -> TikTokHistory:
    """The LIVEs of TikTok's export at ``path``: the ZIP, the folder it was unpacked into,
    or its JSON file. :class:`TikTokArchiveError` when it is none of these, is damaged or
    holds no LIVE history.

    ``progress`` is told (bytes read, bytes of JSON) every few hundred KB; whatever it
    raises stops the reading and comes out of this function as it is.
    """
    path = Path(path)
    with contextlib.ExitStack() as stack:
        label, stream, size = _open_export(path, stack)
        reader = _CountingReader(stream, size, progress)
        walk = _Walk(label)
        try:
            walk.run(ijson.parse(reader, buf_size=READ_SIZE))
        except (ijson.JSONError, UnicodeDecodeError, StopIteration) as error:
            _unless_cancelled(error, reader)
            raise TikTokArchiveError(
                f"{label}: the file is damaged (it is not complete, valid JSON); "
                "download the archive again"
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            _unless_cancelled(error, reader)
            raise _damaged_zip(path) from None
        except OSError as error:
            _unless_cancelled(error, reader)
            raise TikTokArchiveError(f"{label}: cannot be read ({_reason(error)})") from None
    if progress is not None:
        progress(reader.done, max(reader.done, size))
    history = walk.history()
    _log.info(
        f"read TikTok's export {path.name}: {history.listed} LIVEs listed, "
        f"{len(history.lives)} read, {len(history.skipped)} skipped, "
        f"wallet {history.wallet.status.value}"
    )
    return history


# -- finding and opening the JSON ------------------------------------------------------------


def _open_export(path: Path, stack: contextlib.ExitStack) -> tuple[str, IO[bytes], int]:
    """(name for messages, the JSON as a binary stream, its size in bytes)."""
    try:
        if path.is_dir():
            found = _pick_export(path, _folder_names(path))
            target = path.joinpath(*found.split("/"))
            return str(target), stack.enter_context(target.open("rb")), target.stat().st_size
        file = stack.enter_context(path.open("rb"))
        head = file.read(64)
    except FileNotFoundError:
        raise TikTokArchiveError(f"{path}: no such file or folder") from None
    except OSError as error:
        raise TikTokArchiveError(f"{path}: cannot be read ({_reason(error)})") from None
    if head.startswith(b"PK"):
        return _open_member(path, file, stack)
    if not head:
        raise TikTokArchiveError(f"{path}: the file is empty; it is not a TikTok data archive")
    if path.suffix.casefold() == ".txt":
        raise TikTokArchiveError(f"{path}: {_TXT_VARIANT}")
    if not head.removeprefix(_BOM).lstrip().startswith((b"{", b"[")):
        raise TikTokArchiveError(
            f"{path}: not a ZIP archive or a JSON file; choose the ZIP that TikTok's "
            '"Download your data" gave you, or the user_data_tiktok.json inside it'
        )
    file.seek(0)
    return str(path), file, os.fstat(file.fileno()).st_size


_TXT_VARIANT: Final = (
    f"this is TikTok's TXT export; LiveTally reads the JSON format: {_HOW_TO_REQUEST}"
)


def _open_member(
    path: Path, file: IO[bytes], stack: contextlib.ExitStack
) -> tuple[str, IO[bytes], int]:
    try:
        archive = stack.enter_context(zipfile.ZipFile(file))
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        name = _pick_export(path, names)
        info = archive.getinfo(name)
        return f"{path}: {name}", stack.enter_context(archive.open(info)), info.file_size
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        raise _damaged_zip(path) from None
    except RuntimeError:  # zipfile's word for an encrypted member
        raise TikTokArchiveError(
            f"{path}: the ZIP archive is password-protected; LiveTally cannot open it"
        ) from None
    except NotImplementedError:
        raise TikTokArchiveError(
            f"{path}: the ZIP archive is packed in a way LiveTally cannot read; unpack it "
            "and choose the folder instead"
        ) from None


def _damaged_zip(path: Path) -> TikTokArchiveError:
    return TikTokArchiveError(
        f"{path}: the ZIP archive is damaged or incomplete (was the download cut short?); "
        "download it again from TikTok"
    )


def _pick_export(path: Path, names: Iterable[str]) -> str:
    """The export's JSON among ``names`` (``/``-separated, relative to the archive or folder):
    at the top or in one folder, the newer name preferred when a folder holds both."""
    by_folder: dict[str, str] = {}
    txt = False
    for name in names:
        parts = PurePosixPath(name.replace("\\", "/")).parts  # Windows zippers may use backslashes
        if not parts or parts[0].casefold() == "__macosx":
            continue
        base = parts[-1].casefold()
        if len(parts) <= 2 and base in EXPORT_NAMES:
            folder = "/".join(parts[:-1])
            held = by_folder.get(folder)
            if held is None or EXPORT_NAMES.index(base) < EXPORT_NAMES.index(
                PurePosixPath(held).name.casefold()
            ):
                by_folder[folder] = name
        elif base.endswith(".txt") and len(parts) >= 2 and parts[-2].casefold() in _TXT_FOLDERS:
            txt = True
    if len(by_folder) > 1:
        shown = ", ".join(sorted(by_folder.values()))
        raise TikTokArchiveError(
            f"{path}: holds more than one TikTok export ({shown}); choose one of them"
        )
    if by_folder:
        return next(iter(by_folder.values()))
    if txt:
        raise TikTokArchiveError(f"{path}: {_TXT_VARIANT}")
    raise TikTokArchiveError(
        f"{path}: holds no TikTok data (no user_data_tiktok.json or user_data.json in it)"
    )


def _folder_names(folder: Path) -> list[str]:
    """Files at the top of ``folder``, one folder down and, for the TXT variant, two."""
    names: list[str] = []

    def walk(here: Path, prefix: str, depth: int) -> None:
        with os.scandir(here) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if not entry.is_dir():
                    names.append(name)
                elif depth < 2:
                    with contextlib.suppress(OSError):  # a folder it may not open is not it
                        walk(Path(entry.path), f"{name}/", depth + 1)

    walk(folder, "", 0)
    return names


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _unless_cancelled(error: BaseException, reader: _CountingReader) -> None:
    """Re-raise ``error`` as it is when the progress callback raised it (a cancel)."""
    if error is reader.cancelled:
        raise error


class _CountingReader:
    """The JSON stream as the parser reads it: counts bytes, tells progress, drops a BOM."""

    def __init__(self, stream: IO[bytes], total: int, progress: Progress | None) -> None:
        self._stream = stream
        self._progress = progress
        self._started = False
        self.total = total
        self.done = 0
        self.cancelled: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if not data:
            return data
        self.done += len(data)
        if not self._started:
            self._started = True
            data = data.removeprefix(_BOM)
        if self._progress is not None:
            try:
                self._progress(self.done, max(self.total, self.done))
            except BaseException as error:
                self.cancelled = error
                raise
        return data


# -- walking the parser's events ---------------------------------------------------------------


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


class _Walk:
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
            self._keep(_LiveFields(position, fields, twice, self.blanks).read())
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


@dataclass
class _LiveFields:
    """The raw fields of one LIVE record, turned into a :class:`TikTokLive` or a refusal.

    A LIVE without a readable start, or whose diamonds cannot be read for certain, is
    refused; any other figure that cannot be read is left empty and noted, since the rest
    of the LIVE (its diamonds above all) is still worth having.
    """

    position: int
    fields: dict[str, Raw]
    twice: set[str]
    blanks: list[TikTokBlank]

    def raw(self, key: str, name: str) -> Raw:
        if key in self.twice:
            raise Unreadable(f"{name} appears twice with different values")
        return self.fields.get(key)

    def read(self) -> TikTokLive:
        """The LIVE; :class:`Unreadable` with the reason when it is refused."""
        started = values.read_time(self.raw("livestarttime", "LiveStartTime"), "LiveStartTime")
        if started is None:
            raise Unreadable("no LiveStartTime")
        diamonds = values.read_diamonds(self.raw("totalearning", "TotalEarning"))
        title = self._or_blank(lambda: values.read_title(self.raw("roomtitle", "RoomTitle")))
        return TikTokLive(
            position=self.position,
            room_id=self._or_blank(lambda: values.read_room_id(self.raw("roomid", "RoomId"))),
            started_at=started,
            duration_seconds=self._duration(started),
            diamonds=diamonds,
            likes=self._or_blank(lambda: self._count("totallike", "TotalLike")),
            views=self._or_blank(lambda: self._count("totalview", "TotalView")),
            gifters=self._or_blank(lambda: self._count("totalgifter", "TotalGifter")),
            title=title or "",
        )

    def _or_blank(self, read: Callable[[], _T | None]) -> _T | None:
        try:
            return read()
        except Unreadable as problem:
            self.blanks.append(TikTokBlank(self.position, str(problem)))
            return None

    def _count(self, key: str, name: str) -> int | None:
        return values.read_count(self.raw(key, name), name)

    def _duration(self, started: dt.datetime) -> int | None:
        """``LiveEndTime`` - ``LiveStartTime`` when both are there, else ``LiveDuration``."""

        def from_end() -> int | None:
            ended = values.read_time(self.raw("liveendtime", "LiveEndTime"), "LiveEndTime")
            if ended is None:
                return None
            if ended < started:
                raise Unreadable("LiveEndTime is before LiveStartTime")
            seconds = int((ended - started).total_seconds())
            if seconds > values.LONGEST_LIVE_SECONDS:
                raise Unreadable("LiveEndTime is more than a week after LiveStartTime")
            return seconds

        seconds = self._or_blank(from_end)
        if seconds is not None:
            return seconds
        return self._or_blank(
            lambda: values.read_seconds(self.raw("liveduration", "LiveDuration"), "LiveDuration")
        )
