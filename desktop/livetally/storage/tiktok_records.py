"""What LiveTally reads from TikTok's export: its LIVEs, what was passed over, the wallet.

These are the results :func:`livetally.storage.tiktok_archive.read_tiktok_archive` gives
(and the modules it is built from share); they are re-exported from there, which is where
callers import them. :class:`LiveFields` turns one LIVE's raw fields into a
:class:`TikTokLive`, so the LIVE's figures are named here and nowhere else in the reader.

Payouts: no public parser has verified the fields of the wallet's transactions (which
are withdrawals, which are amounts, in what currency), so they are never read. The
result says whether the archive holds a wallet section and how many records it lists,
so the creator knows to enter their payouts themselves. Never guess at money.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from livetally.core.words import counted
from livetally.storage import tiktok_values as values
from livetally.storage.tiktok_values import Raw, Unreadable

_T = TypeVar("_T")


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


@dataclass
class LiveFields:
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
