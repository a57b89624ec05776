"""Plain records of what a creator logs: streams, other income, payouts.

These are the values that cross every boundary (CSV, SQLite, the window), checked on the
way in and never holding a float. They carry no database ids, so the same record can be
compared across an export and an import.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from livetally.core.gifts import GiftCount
from livetally.core.money import whole_diamonds
from livetally.core.rates import RateProfile
from livetally.core.stream_fields import DETAIL_NAMES, STREAM_DETAILS, Origin

#: Tags that ship with LiveTally: the tactics known to raise gifts.
BUILTIN_TAGS: dict[str, str] = {
    "qa": "Q&A with viewers",
    "talent": "talent showcase",
    "chat": "just chatting",
    "collab": "joint live with other creators",
    "promoted": "announced beforehand",
    "incentive": "shout-outs, follow-backs or exclusive content offered",
}


@dataclass(frozen=True, slots=True)
class BuiltinSource:
    """An income source that ships with LiveTally, declared once: its id (stored, and in
    ``--json``), its name (on screen, in reports and exports), what it covers, and its colour
    (an index into the charts' palette, the same in every chart)."""

    id: str
    name: str
    description: str
    colour: int


#: The source name under which LIVE gifts appear in reports; derived, never entered.
LIVE_GIFTS_SOURCE = "live_gifts"
LIVE_GIFTS = BuiltinSource(LIVE_GIFTS_SOURCE, "LIVE gifts", "gifts received on LIVE", 0)

#: Income sources that ship with LiveTally, in the order lists show them; users may add
#: their own. (The ledger's first schema seeds its own frozen copy of the first ones.)
BUILTIN_SOURCE_LIST: tuple[BuiltinSource, ...] = (
    BuiltinSource("sponsorship", "Sponsorship", "brand sponsorships", 1),
    BuiltinSource("affiliate", "Affiliate", "affiliate marketing", 2),
    BuiltinSource("merchandise", "Merchandise", "merchandise", 3),
    BuiltinSource(
        "creator_rewards", "Creator Rewards", "Creator Rewards Program (once the Creator Fund)", 4
    ),
    BuiltinSource("subscriptions", "LIVE Subscriptions", "LIVE Subscriptions", 5),
    BuiltinSource("other", "Other", "other income", 8),
)
#: Each built-in source's description, by id.
BUILTIN_SOURCES: dict[str, str] = {s.id: s.description for s in BUILTIN_SOURCE_LIST}

_EXTENDED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)")


@dataclass(frozen=True, slots=True)
class StreamRecord:
    """One LIVE as the creator logged it.

    ``started_at`` is kept exactly as entered (ISO 8601 with its UTC offset), so the
    creator's own clock is what they see again. ``diamonds`` is ``None`` when it was not
    given and is to be computed from the coins at the logged rates.
    """

    started_at: str
    coins: int
    duration_minutes: int | None = None
    diamonds: Decimal | None = None
    likes: int | None = None
    peak_viewers: int | None = None
    new_followers: int | None = None
    views: int | None = None
    gifters: int | None = None
    title: str = ""
    tiktok_room_id: str | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    #: Where the money figures came from: said beside them, never part of what the stream is.
    origin: Origin = field(default=Origin.TYPED, compare=False)
    gifts: tuple[GiftCount, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        diamonds = self.diamonds
        if diamonds is not None and (diamonds < 0 or diamonds != diamonds.to_integral_value()):
            # A stream is credited whole diamonds (see credited_diamonds): the parsers refuse
            # anything else with a message, so this is a programming error, stopped here.
            raise ValueError(f"a stream's diamonds are a whole number, got {diamonds}")
        if self.gifts and self.origin is Origin.TYPED:  # coins added up from picked gifts
            object.__setattr__(self, "origin", Origin.GIFTS)
        # One spelling per tag, first mention kept, so "QA;qa" is one tag wherever it comes from.
        tags = self.tags
        object.__setattr__(
            self, "tags", _tag_tuple(tags) if isinstance(tags, tuple) else _unique_tags(tags)
        )

    @property
    def started(self) -> dt.datetime:
        return parse_timestamp(self.started_at)


def stream_records(
    started_at: Sequence[str],
    coins: Iterable[int],
    duration_minutes: Iterable[int | None],
    diamonds: Iterable[Decimal | None],
    tags: Sequence[tuple[str, ...]],
    notes: Iterable[str],
    details: Mapping[str, Sequence[int | str | None]],
    origin: Origin = Origin.TYPED,
) -> list[StreamRecord]:
    """``StreamRecord(...)`` of each row of these columns (no gifts), twice as quick.

    ``details`` holds a column per :data:`~livetally.core.stream_fields.STREAM_DETAILS`
    name; a name left out is empty in every record.

    For reading 100,000 rows of a file: the frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__`` and then normalises the tags, which was a third of the
    time it took to read a file. Here each record's slots are filled directly. That makes
    the same records only if the tags are normalised already, so that is checked (once per
    distinct tuple: a file holds a handful); if any is not, the class makes them as usual.
    """
    unknown = set(details) - set(DETAIL_NAMES)
    if unknown:
        raise ValueError(f"not stream details: {', '.join(sorted(unknown))}")
    rows = len(started_at)
    columns = [details.get(detail.name, (detail.empty,) * rows) for detail in STREAM_DETAILS]
    if all(_tag_tuple(distinct) == distinct for distinct in set(tags)):
        made = list(map(_filled_stream_record, started_at, coins, duration_minutes, diamonds))
        for setter, column in zip(_DETAIL_SETTERS, columns, strict=True):
            list(map(setter, made, column))
        list(map(_set_tags, made, tags))
        list(map(_set_notes, made, notes))
        if origin is not Origin.TYPED:
            for record in made:
                _set_origin(record, origin)
        return made
    return [
        StreamRecord(
            started,
            coin_count,
            minutes,
            diamond_count,
            tags=stream_tags,
            notes=note,
            origin=origin,
            **dict(zip(DETAIL_NAMES, values, strict=True)),
        )
        for started, coin_count, minutes, diamond_count, stream_tags, note, *values in zip(
            started_at, coins, duration_minutes, diamonds, tags, notes, *columns, strict=True
        )
    ]


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of ``cls``'s slots, in field order, to fill a new instance directly.

    A frozen dataclass's ``__init__`` goes through ``object.__setattr__`` once per field,
    which is slow enough to show when 100,000 records are made. ``names`` must be its
    fields, in order: a field added or moved stops the program here, at import, instead of
    leaving a slot unset.
    """
    if tuple(f.name for f in fields(cls)) != names:  # pragma: no cover
        raise RuntimeError(f"{cls.__name__}'s fields changed: update its quick constructor")
    return tuple(vars(cls)[name].__set__ for name in names)


_RECORD_FIELDS = (
    "started_at",
    "coins",
    "duration_minutes",
    "diamonds",
    *DETAIL_NAMES,
    "tags",
    "notes",
    "origin",
    "gifts",
)
_SETTERS = dict(zip(_RECORD_FIELDS, _slot_setters(StreamRecord, _RECORD_FIELDS), strict=True))
_DETAIL_SETTERS = tuple(_SETTERS[name] for name in DETAIL_NAMES)
_set_started_at, _set_coins, _set_duration, _set_diamonds = (
    _SETTERS["started_at"],
    _SETTERS["coins"],
    _SETTERS["duration_minutes"],
    _SETTERS["diamonds"],
)
_set_tags, _set_notes, _set_origin, _set_gifts = (
    _SETTERS["tags"],
    _SETTERS["notes"],
    _SETTERS["origin"],
    _SETTERS["gifts"],
)


def _filled_stream_record(
    started_at: str, coins: int, duration: int | None, diamonds: Decimal | None
) -> StreamRecord:
    """A record with these money fields and defaults elsewhere, its other slots set next."""
    record: StreamRecord = object.__new__(StreamRecord)
    _set_started_at(record, started_at)
    _set_coins(record, coins)
    _set_duration(record, duration)
    _set_diamonds(record, diamonds)
    _set_origin(record, Origin.TYPED)
    _set_gifts(record, ())
    return record


@dataclass(frozen=True, slots=True)
class LoggedStream:
    """A stream as stored: its record, its diamonds resolved, and the rates it was logged at.

    Cash comes from these rates, not today's, so editing settings.toml never rewrites what
    a past stream earned.
    """

    id: int
    record: StreamRecord
    diamonds: Decimal
    country: str
    coin_usd: Decimal
    diamonds_per_coin: Decimal
    diamond_usd: Decimal
    sample: bool = False

    @property
    def viewer_spend_usd(self) -> Decimal:
        return self.record.coins * self.coin_usd

    @property
    def creator_usd(self) -> Decimal:
        """Exact; round only when shown."""
        return self.diamonds * self.diamond_usd

    @property
    def hours(self) -> Decimal:
        return Decimal(self.record.duration_minutes or 0) / 60

    def logged_rates(self) -> RateProfile:
        """The rates this stream was logged at, as a profile to log it again with."""
        return RateProfile(
            country=self.country,
            name=self.country,
            currency="USD",
            coin_usd=self.coin_usd,
            diamonds_per_coin=self.diamonds_per_coin,
            diamond_usd=self.diamond_usd,
        )


def credited_diamonds(coins: int | Decimal, profile: RateProfile) -> Decimal:
    """The whole diamonds TikTok credits for ``coins`` of gifts in one stream.

    A wallet shows whole diamonds, so the fraction of a stream's coins' worth is dropped
    there and then: every figure shown next to these diamonds (the cash, the balance, the
    totals) is worked out from the whole number, and so agrees with it as displayed.
    """
    return Decimal(whole_diamonds(Decimal(coins) * profile.diamonds_per_coin))


def resolve_diamonds(record: StreamRecord, profile: RateProfile) -> Decimal:
    """The whole diamonds TikTok reported, or else those the coins credit at ``profile``'s
    rate (:func:`credited_diamonds`)."""
    if record.diamonds is not None:
        return record.diamonds
    return credited_diamonds(record.coins, profile)


@dataclass(frozen=True, slots=True)
class IncomeRecord:
    """Money from any source but LIVE gifts, in the currency it was paid in."""

    date: dt.date
    source: str
    amount: Decimal
    currency: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class LoggedIncome:
    id: int
    record: IncomeRecord
    sample: bool = False


def logged_income(
    entry_id: int,
    date: dt.date,
    source: str,
    amount: Decimal,
    currency: str,
    description: str,
    sample: bool,
) -> LoggedIncome:
    """``LoggedIncome(entry_id, IncomeRecord(date, ...), sample)``, made in 60% of the time.

    For reading every income entry of a ledger at once: the two frozen dataclasses'
    ``__init__`` set their fields one ``object.__setattr__`` at a time; here the slots are
    filled directly (neither class has anything else to do on creation).
    """
    record: IncomeRecord = object.__new__(IncomeRecord)
    _set_date(record, date)
    _set_source(record, source)
    _set_amount(record, amount)
    _set_currency(record, currency)
    _set_description(record, description)
    entry: LoggedIncome = object.__new__(LoggedIncome)
    _set_entry_id(entry, entry_id)
    _set_record(entry, record)
    _set_sample(entry, sample)
    return entry


_set_date, _set_source, _set_amount, _set_currency, _set_description = _slot_setters(
    IncomeRecord, ("date", "source", "amount", "currency", "description")
)
_set_entry_id, _set_record, _set_sample = _slot_setters(LoggedIncome, ("id", "record", "sample"))


@dataclass(frozen=True)
class PayoutRecord:
    """Diamonds cashed out of TikTok, and what arrived."""

    date: dt.date
    diamonds: int
    cash_usd: Decimal
    method: str = "PayPal"
    fee_usd: Decimal = Decimal(0)


def parse_timestamp(text: str) -> dt.datetime:
    """An ISO 8601 time that says its UTC offset (``Z`` or ``+01:00``); ValueError if not.

    The date must be written out (``2026-11-20``), not in the compact ``20261120`` form:
    the ledger finds a stream's calendar day from those first ten characters.
    """
    text = text.strip()
    if not _EXTENDED_DATE.match(text):
        raise ValueError("does not start with a YYYY-MM-DD date")
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("has no UTC offset")
    if value.year in _EDGE_YEARS:  # only there can the offset take the time out of range
        try:
            value.astimezone(dt.UTC)
        except OverflowError:
            raise TimeOutOfRange(TIME_IN_RANGE) from None
    return value


class TimeOutOfRange(ValueError):
    """A time whose UTC instant lies before year 1 or after 9999 (``0001-01-01T00:30+01:00``),
    which no datetime holds: a typo in the year, to be told as such."""


TIME_IN_RANGE = "expected a time between the years 1 and 9999 in UTC (check the year)"
#: The first and last years a datetime holds: a time in them may not exist in UTC.
_EDGE_YEARS = (dt.MINYEAR, dt.MAXYEAR)
_EDGE_PREFIXES = (f"{dt.MINYEAR:04d}-", f"{dt.MAXYEAR:04d}-")


#: The usual shape of a timestamp (``2026-11-20T19:30:00+01:00``, with or without seconds
#: and their fraction, ``Z`` or an offset). Every text of this shape that
#: ``datetime.fromisoformat`` reads is one :func:`parse_timestamp` takes, as the same value.
_USUAL_TIMESTAMP = re.compile(
    r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?(?:Z|[+-]\d\d:\d\d)", re.ASCII
)


def parse_timestamps(texts: Sequence[str]) -> list[dt.datetime]:
    """:func:`parse_timestamp` of each of ``texts``, raising as it does for the first bad one.

    For 100,000 stored start times at once: when every text has the usual shape, the
    checks and the parsing run as C loops, several times quicker than one call per text.
    Anything unusual (spaces around it, a compact date, no offset) takes the one-by-one
    path, so the result and any error are exactly :func:`parse_timestamp`'s.
    """
    usual = parse_usual_timestamps(texts)
    return list(map(parse_timestamp, texts)) if usual is None else usual


def parse_usual_timestamps(texts: Sequence[str]) -> list[dt.datetime] | None:
    """The times ``texts`` stand for if every one has the usual shape and is a real time.

    None if any is unusual or impossible (a 30th of February) or in the first or last year
    a datetime holds (where UTC may be out of range): the caller then checks them
    one by one. Each text given back a value is one :func:`parse_timestamp` takes as it is,
    surrounding spaces being unusual, to the same value.
    """
    if not all(map(_USUAL_TIMESTAMP.fullmatch, texts)) or any(
        text.startswith(_EDGE_PREFIXES) for text in texts
    ):
        return None
    try:
        return list(map(dt.datetime.fromisoformat, texts))
    except ValueError:
        return None


def _unique_tags(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in map(normalise_tag, tags) if t))


#: Tag tuples repeat across thousands of streams (a ledger holds a handful of combinations),
#: so each is normalised once: reading 100,000 streams does not redo it per stream.
_tag_tuple = functools.lru_cache(maxsize=4096)(_unique_tags)


def normalise_tag(text: str) -> str:
    """Tags are compared in lower case with spaces made underscores: ``Q A`` is ``q_a``.

    The list separators ``;`` (CSV) and ``,`` (command line) count as spaces, so a tag
    always comes back from a file as the one tag it was.
    """
    return "_".join(text.replace(";", " ").replace(",", " ").lower().split())
