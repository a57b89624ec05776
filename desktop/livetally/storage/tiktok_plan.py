"""What importing TikTok's LIVE history would do to a ledger, worked out before anything is
written: which LIVEs are new, which are there already, which match a stream the creator
typed by hand, and what TikTok would fill in or contradict there.

TikTok's ``TotalEarning`` is the stream's diamonds: its own figure wins over anything
computed. The coins are derived from it at the country's rates and the stream is marked
``tiktok``, so the log never shows them as if TikTok had given them. A stream typed by hand
within :data:`MATCH_WINDOW` of a LIVE's start is the same LIVE: TikTok fills what the
creator left empty and, only when asked (``take_tiktok``), replaces what they typed.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from livetally.core.rates import RateProfile
from livetally.core.records import LoggedStream, StreamRecord
from livetally.core.stream_fields import STREAM_DETAILS, Origin
from livetally.storage.ledger import ImportSummary, Ledger, Progress
from livetally.storage.tiktok_archive import TikTokHistory, TikTokLive

#: A hand-typed stream this close to a LIVE's start is that LIVE.
MATCH_WINDOW = dt.timedelta(minutes=30)

#: The fields TikTok's export gives, as a record names them, and how a creator reads them.
_TIKTOK_FIELDS = {
    "duration_minutes": "minutes",
    "diamonds": "diamonds",
    **{d.name: d.label.lower() for d in STREAM_DETAILS if d.name != "tiktok_room_id"},
}


@dataclass(frozen=True)
class Difference:
    """A field both the creator and TikTok gave, with different values."""

    field: str
    yours: str
    tiktok: str

    def __str__(self) -> str:
        label = _TIKTOK_FIELDS.get(self.field, self.field)
        return f"{label}: yours {self.yours}, TikTok {self.tiktok}"


@dataclass(frozen=True)
class TikTokMatch:
    """A stream typed by hand that is one of the archive's LIVEs."""

    stream: LoggedStream
    live: TikTokLive
    #: TikTok's record of this LIVE, as it would be logged alone.
    tiktok: StreamRecord
    #: Fields the creator left empty that TikTok gives.
    fills: tuple[str, ...]
    contradictions: tuple[Difference, ...]

    def merged(self, *, take_tiktok: bool) -> StreamRecord:
        """The stream with TikTok's figures filled in (and, if asked, put over the creator's)."""
        taken = self.fills + (tuple(d.field for d in self.contradictions) if take_tiktok else ())
        changes: dict[str, object] = {name: getattr(self.tiktok, name) for name in taken}
        changes["tiktok_room_id"] = self.tiktok.tiktok_room_id
        return dataclasses.replace(self.stream.record, **changes)  # type: ignore[arg-type]

    def describe(self) -> str:
        started = self.stream.record.started_at
        parts = []
        if self.fills:
            parts.append("TikTok fills " + ", ".join(_TIKTOK_FIELDS[f] for f in self.fills))
        if self.contradictions:
            parts.append("differs on " + "; ".join(map(str, self.contradictions)))
        said = "; ".join(parts) or "the same figures"
        return f"Stream #{self.stream.id} ({started}) is LIVE {self.live.position}: {said}."


@dataclass(frozen=True)
class TikTokPlan:
    history: TikTokHistory
    #: LIVEs not in the ledger in any form, as streams to add.
    new: tuple[StreamRecord, ...]
    #: LIVEs whose room id is in the ledger already.
    already: int
    matches: tuple[TikTokMatch, ...]

    @property
    def contradicted(self) -> tuple[TikTokMatch, ...]:
        return tuple(match for match in self.matches if match.contradictions)

    def edits(self, *, take_tiktok: bool) -> list[tuple[LoggedStream, StreamRecord]]:
        """The matched streams as they would be after the import (unchanged ones left out)."""
        edits = []
        for match in self.matches:
            merged = match.merged(take_tiktok=take_tiktok)
            if merged != match.stream.record:
                edits.append((match.stream, merged))
        return edits

    def diamonds(self) -> int:
        """TikTok's diamonds over the LIVEs that would be added."""
        return sum(int(record.diamonds or 0) for record in self.new)

    def days(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day of the archive's LIVEs (in the creator's time), if any."""
        starts = [live.started_at.astimezone().date() for live in self.history.lives]
        return (min(starts), max(starts)) if starts else None

    def apply(
        self,
        ledger: Ledger,
        profile: RateProfile,
        *,
        take_tiktok: bool = False,
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Write the plan: new LIVEs added, matched streams completed, in one transaction."""
        return ledger.import_with_edits(
            self.new, self.edits(take_tiktok=take_tiktok), profile, progress
        )


def plan_tiktok_import(history: TikTokHistory, ledger: Ledger, profile: RateProfile) -> TikTokPlan:
    """What importing ``history`` into ``ledger`` at ``profile``'s rates would do."""
    present = ledger.tiktok_room_ids()
    fresh = [live for live in history.lives if live.room_id is None or live.room_id not in present]
    nearby: list[LoggedStream] = []
    if fresh:
        first = min(live.started_at for live in fresh) - MATCH_WINDOW
        last = max(live.started_at for live in fresh) + MATCH_WINDOW
        nearby = [
            stream
            for stream in ledger.streams_started_within(first, last)
            if stream.record.tiktok_room_id is None
        ]
    matched = _match(fresh, nearby)
    new: list[StreamRecord] = []
    matches: list[TikTokMatch] = []
    for live in fresh:
        record = tiktok_record(live, profile)
        stream = matched.get(live.position)
        if stream is None:
            new.append(record)
        else:
            matches.append(_compare(stream, live, record))
    return TikTokPlan(history, tuple(new), len(history.lives) - len(fresh), tuple(matches))


def tiktok_record(live: TikTokLive, profile: RateProfile) -> StreamRecord:
    """The stream TikTok's export describes, in the creator's local time."""
    diamonds = None if live.diamonds is None else Decimal(live.diamonds)
    minutes = None if live.duration_seconds is None else (live.duration_seconds + 30) // 60
    return StreamRecord(
        started_at=live.started_at.astimezone().isoformat(timespec="seconds"),
        coins=derived_coins(diamonds, profile),
        duration_minutes=minutes,
        diamonds=diamonds,
        likes=live.likes,
        views=live.views,
        gifters=live.gifters,
        title=live.title,
        tiktok_room_id=live.room_id,
        origin=Origin.TIKTOK,
    )


def derived_coins(diamonds: Decimal | None, profile: RateProfile) -> int:
    """The coins that credit ``diamonds`` at ``profile``'s rate, to the nearest coin."""
    if not diamonds or not profile.diamonds_per_coin:
        return 0
    return int((diamonds / profile.diamonds_per_coin).to_integral_value(ROUND_HALF_UP))


def _match(lives: Iterable[TikTokLive], streams: Sequence[LoggedStream]) -> dict[int, LoggedStream]:
    """Each LIVE's hand-typed stream (by LIVE position): the nearest start within the window,
    closest pairs first, each stream taken once. Streams are found by bisection, so a log of
    100,000 streams costs a few steps per LIVE."""
    by_start = sorted(streams, key=lambda stream: (stream.record.started, stream.id))
    starts = [stream.record.started for stream in by_start]
    pairs = []
    for live in lives:
        first = bisect.bisect_left(starts, live.started_at - MATCH_WINDOW)
        last = bisect.bisect_right(starts, live.started_at + MATCH_WINDOW)
        for stream in by_start[first:last]:
            gap = abs(stream.record.started - live.started_at)
            pairs.append((gap, live.position, stream.id, stream))
    pairs.sort(key=lambda pair: pair[:3])
    matched: dict[int, LoggedStream] = {}
    taken: set[int] = set()
    for _gap, position, stream_id, stream in pairs:
        if position not in matched and stream_id not in taken:
            matched[position] = stream
            taken.add(stream_id)
    return matched


def _compare(stream: LoggedStream, live: TikTokLive, tiktok: StreamRecord) -> TikTokMatch:
    fills: list[str] = []
    differences: list[Difference] = []
    for name in _TIKTOK_FIELDS:
        theirs = getattr(tiktok, name)
        if theirs is None or theirs == "":
            continue
        yours = getattr(stream.record, name)
        if name == "diamonds" and yours is None:
            yours = stream.diamonds  # worked out from the coins: TikTok's figure is better
            if yours != theirs:
                fills.append(name)
            continue
        if yours is None or yours == "":
            fills.append(name)
        elif yours != theirs:
            differences.append(Difference(name, _shown(yours), _shown(theirs)))
    return TikTokMatch(stream, live, tiktok, tuple(fills), tuple(differences))


def _shown(value: object) -> str:
    return f"{value:,}" if isinstance(value, int | Decimal) else repr(value)
