"""The stream log's column store: every logged stream as columns, with no Qt in sight.

A creator's log can hold 100,000 streams, so nothing is made per stream up front. The
streams are held as columns (:class:`StreamData`: arrays of numbers, lists of the texts as
stored, rates and tag lists shared between the streams that have them), read straight from
the ledger's rows; a :class:`~livetally.core.records.LoggedStream` is made only for a row
something asks about. The columns of the table and their sort keys, and the one function
that adds streams up (:func:`add_up`), live here too; the Qt model over them is
:mod:`livetally.models.stream_table`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from array import array
from collections.abc import Callable, Collection, Iterable, MutableSequence, Sequence
from decimal import Decimal
from typing import Any

from livetally.core.records import LoggedStream, StreamRecord, normalise_tag
from livetally.core.stream_fields import DetailKind, Origin
from livetally.models.log_columns import LATER_DETAILS
from livetally.models.stream_figures import (
    BLANK,
    NO_FIGURES,
    Figures,
    Rates,
    add_up,
    diamond_counts,
    minus,
    one_getter,
    plus,
    summed_columns,
)
from livetally.models.text_index import TextSearch, texts_of_rows
from livetally.storage.ledger import RATES_SEPARATOR, STREAM_ROW

#: The stream origins by the code the column store keeps for each (a byte per stream).
_ORIGINS: tuple[Origin, ...] = tuple(Origin)
_ORIGIN_CODES: dict[str, int] = {origin.value: code for code, origin in enumerate(_ORIGINS)}
#: What a record holds for a later detail a stream does not have.
_LATER_EMPTY: dict[str, int | str | None] = {d.name: d.empty for d in LATER_DETAILS}
#: The later details the text filter looks in, besides the tags and notes (the title).
_SEARCHED: tuple[str, ...] = tuple(d.name for d in LATER_DETAILS if d.kind is DetailKind.TEXT)
#: The columns kept for :func:`add_up` (see :func:`summed_columns`), in its order.
_SUMMED = ("diamond_count", "timed_diamonds", "engaged_likes", "engaged_viewers")

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)
MISSING_DECIMAL = Decimal(BLANK)
ZERO = Decimal(0)
ONE = Decimal(1)


def _ints() -> MutableSequence[int]:
    return array("q")


class StreamData:
    """Streams as columns, in start order (ties by id): the stream log's form of a ledger.

    One slot per stream in each column; ``k`` below is a slot. Whole numbers live in arrays
    (a blank count is -1), texts as the ledger stores them, and the rates and tag lists in
    objects shared by every stream that has the same. ``rank`` orders the slots by their
    start instant: equal for streams that started at the same moment. Streams handed over
    as objects are kept (``given``) and given back as they were.
    """

    def __init__(self) -> None:
        self.ids = _ints()
        self.rank = _ints()
        self.minutes = _ints()
        self.coins = _ints()
        self.likes = _ints()
        self.peak = _ints()
        self.followers = _ints()
        self.started_at: list[str] = []
        self.diamonds: list[str] = []  # exact decimal text
        #: What the summary adds up (see summed_columns): whole diamonds, those of streams
        #: with a length, and the likes and peak viewers of streams that logged both.
        self.diamond_count = _ints()
        self.timed_diamonds = _ints()
        self.engaged_likes = _ints()
        self.engaged_viewers = _ints()
        self.notes: list[str] = []
        self.tags: list[tuple[str, ...]] = []
        self.rates: list[Rates] = []
        #: By name: whole numbers in arrays (blank: -1), texts and keys in lists.
        #: By name: the slots that have a value, and it. Most creators leave these empty,
        #: so a column per stream would cost 100,000 entries of nothing each.
        self.later: dict[str, dict[int, int | str]] = {d.name: {} for d in LATER_DETAILS}
        self.origin = bytearray()  # each slot's Origin, as its index in _ORIGINS
        self.entered = bytearray()
        self.sample = bytearray()
        self.search = TextSearch()  # what the text filter looks in
        self.totals: Figures | None = NO_FIGURES  # sums over every slot; None: not kept
        self.given: dict[int, LoggedStream] = {}
        self.dead: set[int] = set()  # slots of streams taken out since
        #: Stream id -> its newest slot, made at the first :meth:`find` (an edit, an add)
        #: and kept from then on: finding a stream by id is then one lookup, not a scan of
        #: 100,000 ids per edit.
        self._slot_of: dict[int, int] | None = None
        self._last_start: object = None
        self._last_rank = -1
        self._tag_lists: dict[str | None, tuple[str, ...]] = {None: (), "": ()}
        self._rate_sets: dict[str, Rates] = {}
        self._decimals: dict[str, Decimal] = {}
        self._joined: dict[tuple[str, ...], str] = {(): ""}  # as shown: "qa, chat"
        self._spaced: dict[tuple[str, ...], str] = {(): ""}  # as searched: "qa chat"

    def __len__(self) -> int:
        return len(self.ids)

    # -- filling ------------------------------------------------------------------------------

    def add_rows(
        self,
        rows: Sequence[tuple[Any, ...]],
        tags: Sequence[str | None],
        *,
        search: bool = True,
    ) -> None:
        """Append a step of ``Ledger.stream_rows``: rows in start order (ties by id) and
        each row's tags.

        ``search`` also indexes the words the filter looks in, so the first filter is as
        quick as any other (~1.4 ms per 1,000 streams, half what the rest of this costs).
        """
        if not rows:
            return
        column = dict(zip(STREAM_ROW, zip(*rows, strict=True), strict=True))
        ids, started, starts, minutes, coins = (
            column["id"],
            column["started_at"],
            column["started_utc"],
            column["duration_minutes"],
            column["coins"],
        )
        diamonds, entered, notes, rates, sample = (
            column["diamonds"],
            column["diamonds_entered"],
            column["notes"],
            column["rates"],
            column["sample"],
        )
        likes, peak, followers = (
            column["likes"],
            column["peak_viewers"],
            column["new_followers"],
        )
        first = len(self.ids)
        for detail in LATER_DETAILS:
            values = column[detail.name]
            if values.count(None) + values.count("") == len(values):
                continue  # the usual case: nobody has this detail (counted in C)
            found = self.later[detail.name]
            for offset, value in enumerate(values):
                if value is not None and value != "":
                    found[first + offset] = value
        self.origin.extend(map(_ORIGIN_CODES.__getitem__, column["origin"]))
        rank, last = self._last_rank, self._last_start
        ranks = []
        for start in starts:
            if start != last:
                rank, last = rank + 1, start
            ranks.append(rank)
        self._last_rank, self._last_start = rank, last
        self._slot_of = None  # made again when next needed
        self._extend(self.ids, ids)
        self._extend(self.rank, ranks)
        lengths = [BLANK if m is None else m for m in minutes]
        like_counts = [BLANK if n is None else n for n in likes]
        peak_counts = [BLANK if n is None else n for n in peak]
        self._extend(self.minutes, lengths)
        self._extend(self.coins, coins)
        self._extend(self.likes, like_counts)
        self._extend(self.peak, peak_counts)
        self._extend(self.followers, [BLANK if n is None else n for n in followers])
        self.started_at.extend(started)
        self.diamonds.extend(diamonds)
        counts = diamond_counts(diamonds)
        timed, engaged_likes, engaged_viewers = summed_columns(
            counts, lengths, like_counts, peak_counts
        )
        summed = (counts, timed, engaged_likes, engaged_viewers)
        for name, column_values in zip(_SUMMED, summed, strict=True):
            self._extend(getattr(self, name), column_values)
        self.notes.extend(notes)
        lists = self._tag_lists
        new_tags = [lists[t] if t in lists else self._tag_list(t) for t in tags]
        self.tags.extend(new_tags)
        sets = self._rate_sets
        self.rates.extend([sets.get(key) or self._rate_set(key) for key in rates])
        self.entered.extend(entered)
        self.sample.extend(sample)
        if self.totals is not None:
            added = add_up(
                coins, lengths, counts, timed, engaged_likes, engaged_viewers, self.rates[first:]
            )
            self.totals = plus(self.totals, added)
        self.search.add_starts(started)
        if self.search.words is not None or (search and len(self.ids) == len(rows)):
            titles = [column[name] for name in _SEARCHED if any(column[name])]
            self.search.index(first, new_tags, texts_of_rows(notes, titles))

    @classmethod
    def of_streams(cls, streams: Iterable[LoggedStream]) -> StreamData:
        """Columns for streams handed over as objects (kept, and given back as they are)."""
        keyed = sorted(((instant_of(s), s.id, s) for s in streams), key=lambda t: (t[0], t[1]))
        data = cls()
        data.totals = None  # added up when first asked for, not once per stream here
        last: int | None = None
        rank = -1
        for instant, _id, stream in keyed:
            if instant != last:
                rank, last = rank + 1, instant
            data.append(stream, rank)
        return data

    def append(self, stream: LoggedStream, rank: int) -> int:
        """Add one stream at ``rank``; returns its slot."""
        k = len(self.ids)
        record = stream.record
        self._extend(self.ids, (stream.id,))
        if self._slot_of is not None:
            self._slot_of[stream.id] = k
        self._extend(self.rank, (rank,))
        self._extend(self.minutes, (count_or_blank(record.duration_minutes),))
        self._extend(self.coins, (record.coins,))
        self._extend(self.likes, (count_or_blank(record.likes),))
        self._extend(self.peak, (count_or_blank(record.peak_viewers),))
        self._extend(self.followers, (count_or_blank(record.new_followers),))
        self._set_later(k, record)
        self.origin.append(_ORIGIN_CODES[record.origin.value])
        self.started_at.append(record.started_at)
        self.diamonds.append(str(stream.diamonds))
        for name, value in zip(_SUMMED, self._summed_of(k), strict=True):
            self._extend(getattr(self, name), (value,))
        self.notes.append(record.notes)
        self.tags.append(record.tags)
        self.rates.append(self._rates_of(stream))
        self.entered.append(record.diamonds is not None)
        self.sample.append(stream.sample)
        self.search.add(k, record.started_at, self.tags[k], self.text(k))
        self.given[k] = stream
        if self.totals is not None:
            self.totals = plus(self.totals, self._slot_figures(k))
        return k

    def replace(self, k: int, stream: LoggedStream) -> None:
        """Put ``stream`` (same id) in slot ``k``; the caller sets its rank.

        The totals follow: the slot's old figures taken off, its new ones added, so an edit
        in a log of 100,000 streams does not add them all up again.
        """
        record = stream.record
        if self.totals is not None:
            self.totals = minus(self.totals, self._slot_figures(k))
        self.search.discard(k, self.tags[k], self.text(k))
        self._set(self.minutes, k, count_or_blank(record.duration_minutes))
        self._set(self.coins, k, record.coins)
        self._set(self.likes, k, count_or_blank(record.likes))
        self._set(self.peak, k, count_or_blank(record.peak_viewers))
        self._set(self.followers, k, count_or_blank(record.new_followers))
        self._set_later(k, record)
        self.origin[k] = _ORIGIN_CODES[record.origin.value]
        self.started_at[k] = record.started_at
        self.diamonds[k] = str(stream.diamonds)
        for name, value in zip(_SUMMED, self._summed_of(k), strict=True):
            self._set(getattr(self, name), k, value)
        self.notes[k] = record.notes
        self.tags[k] = record.tags
        self.rates[k] = self._rates_of(stream)
        self.entered[k] = record.diamonds is not None
        self.sample[k] = stream.sample
        self.search.add(k, record.started_at, self.tags[k], self.text(k))
        self.given[k] = stream
        if self.totals is not None:
            self.totals = plus(self.totals, self._slot_figures(k))

    def remove(self, k: int) -> None:
        if self.totals is not None:
            self.totals = minus(self.totals, self._slot_figures(k))
        self.search.discard(k, self.tags[k], self.text(k))
        self.dead.add(k)
        self.given.pop(k, None)

    def find(self, stream_id: int) -> int | None:
        """The slot of the stream with ``stream_id`` still shown, or None."""
        slot_of = self._slot_of
        if slot_of is None:
            # Slots are only ever appended, so an id's last slot is its newest: the one
            # shown, unless that stream was taken out (then none is).
            slot_of = self._slot_of = dict(zip(self.ids, itertools.count()))
        k = slot_of.get(stream_id)
        return None if k is None or k in self.dead else k

    # -- reading --------------------------------------------------------------------------------

    def stream(self, k: int) -> LoggedStream:
        """Slot ``k`` as a LoggedStream: the one handed over, or one made from the columns."""
        given = self.given.get(k)
        if given is not None:
            return given
        rates = self.rates[k]
        diamonds = Decimal(self.diamonds[k])
        record = StreamRecord(
            started_at=self.started_at[k],
            coins=self.coins[k],
            duration_minutes=blank_or_count(self.minutes[k]),
            diamonds=diamonds if self.entered[k] else None,
            likes=blank_or_count(self.likes[k]),
            peak_viewers=blank_or_count(self.peak[k]),
            new_followers=blank_or_count(self.followers[k]),
            tags=self.tags[k],
            notes=self.notes[k],
            origin=self.origin_of(k),
            **{name: self.later_value(name, k) for name in self.later},  # type: ignore[arg-type]
        )
        return LoggedStream(
            id=self.ids[k],
            record=record,
            diamonds=diamonds,
            country=rates.country,
            coin_usd=rates.coin_usd,
            diamonds_per_coin=rates.diamonds_per_coin,
            diamond_usd=rates.diamond_usd,
            sample=bool(self.sample[k]),
        )

    def later_value(self, name: str, k: int) -> int | str | None:
        """Slot ``k``'s value of the later detail ``name``, as a record holds it."""
        return self.later[name].get(k, _LATER_EMPTY[name])

    def has_later(self, name: str) -> bool:
        """Whether any stream still shown has a value for the later detail ``name``."""
        return any(k not in self.dead for k in self.later[name])

    def origin_of(self, k: int) -> Origin:
        return _ORIGINS[self.origin[k]]

    def _set_later(self, k: int, record: StreamRecord) -> None:
        for detail in LATER_DETAILS:
            value = getattr(record, detail.name)
            if value is None or value == "":
                self.later[detail.name].pop(k, None)
            else:
                self.later[detail.name][k] = value

    def _slot_figures(self, k: int) -> Figures:
        return self.figures_of(one_getter(k))

    def _summed_of(self, k: int) -> tuple[int, ...]:
        """Slot ``k``'s summed columns, from its diamonds, length, likes and peak viewers."""
        (diamonds,) = diamond_counts((self.diamonds[k],))
        timed, likes, viewers = summed_columns(
            (diamonds,), (self.minutes[k],), (self.likes[k],), (self.peak[k],)
        )
        return diamonds, timed[0], likes[0], viewers[0]

    def diamonds_of(self, k: int) -> Decimal:
        return Decimal(self.diamonds[k])

    def cash_of(self, k: int) -> Decimal:
        """Creator USD, exact: diamonds at the rate the stream was logged with."""
        return Decimal(self.diamonds[k]) * self.rates[k].diamond_usd

    def joined_tags(self, k: int) -> str:
        return self._joined_tags(self.tags[k])

    def search_text(self, k: int) -> str:
        """Case-folded start text, tags, title and notes: what the text filter looks in."""
        spaced = self._spaced_tags(self.tags[k])
        return f"{self.started_at[k]} {spaced} {self.text(k)}".casefold()

    def text(self, k: int) -> str:
        """Slot ``k``'s title (and any other text detail) and notes, as entered."""
        later = self.later
        titles = " ".join(str(later[name].get(k, "")) for name in _SEARCHED)
        return f"{titles} {self.notes[k]}" if titles.strip() else self.notes[k]

    def figures_of(self, pick: Callable[[Sequence[Any]], Sequence[Any]]) -> Figures:
        """Exact sums over the slots ``pick`` gathers from a column (an itemgetter)."""
        return add_up(
            pick(self.coins),
            pick(self.minutes),
            pick(self.diamond_count),
            pick(self.timed_diamonds),
            pick(self.engaged_likes),
            pick(self.engaged_viewers),
            pick(self.rates),
        )

    def slots_holding(self, part: str) -> Collection[int]:
        """The slots whose :meth:`search_text` holds ``part`` (case-folded, one word), each
        once, in no particular order; slots taken out may be among them."""
        search = self.search
        if search.words is None:
            search.index(0, self.tags, list(map(self.text, range(len(self.ids)))))
            for k in self.dead:
                search.discard(k, self.tags[k], self.text(k))
        return search.holding(part, self.started_at)

    # -- internals ------------------------------------------------------------------------------

    def _extend(self, column: MutableSequence[int], values: Sequence[int]) -> None:
        size = len(column)
        try:
            column.extend(values)
        except (OverflowError, TypeError):  # beyond 64 bits, or not whole: Python numbers
            del column[size:]
            self._widen(column).extend(values)

    def _set(self, column: MutableSequence[int], k: int, value: int) -> None:
        try:
            column[k] = value
        except (OverflowError, TypeError):
            self._widen(column)[k] = value

    def _widen(self, column: MutableSequence[int]) -> list[int]:
        for name, value in vars(self).items():
            if value is column:
                wide = list(column)
                setattr(self, name, wide)
                return wide
        raise AssertionError("not a column of this table")

    def _tag_list(self, text: str | None) -> tuple[str, ...]:
        tags = tuple(dict.fromkeys(normalise_tag(t) for t in (text or "").split(",") if t))
        self._tag_lists[text] = tags
        return tags

    def _spaced_tags(self, tags: tuple[str, ...]) -> str:
        spaced = self._spaced.get(tags)
        if spaced is None:
            spaced = self._spaced[tags] = " ".join(tags)
        return spaced

    def _joined_tags(self, tags: tuple[str, ...]) -> str:
        joined = self._joined.get(tags)
        if joined is None:
            joined = self._joined[tags] = ", ".join(tags)
        return joined

    def _rate_set(self, key: str) -> Rates:
        country, coin_usd, per_coin, diamond_usd = key.split(RATES_SEPARATOR)
        decimal = self._decimal
        rates = Rates(country, decimal(coin_usd), decimal(per_coin), decimal(diamond_usd))
        self._rate_sets[key] = rates
        return rates

    def _rates_of(self, stream: LoggedStream) -> Rates:
        key = RATES_SEPARATOR.join(
            (
                stream.country,
                str(stream.coin_usd),
                str(stream.diamonds_per_coin),
                str(stream.diamond_usd),
            )
        )
        return self._rate_sets.get(key) or self._rate_set(key)

    def _decimal(self, text: str) -> Decimal:
        value = self._decimals.get(text)
        if value is None:
            value = self._decimals[text] = Decimal(text)
        return value


def instant_of(stream: LoggedStream) -> int:
    return (stream.record.started - EPOCH) // MICROSECOND


def count_or_blank(value: int | None) -> int:
    return BLANK if value is None else value


def blank_or_count(value: int) -> int | None:
    return None if value == BLANK else value
