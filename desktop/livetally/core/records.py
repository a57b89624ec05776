"""Plain records of what a creator logs: streams, other income, payouts.

These are the values that cross every boundary (CSV, SQLite, the window), checked on the
way in and never holding a float. They carry no database ids, so the same record can be
compared across an export and an import.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from livetally.core.gifts import GiftCount
from livetally.core.rates import RateProfile

#: Tags that ship with LiveTally: the tactics known to raise gifts.
BUILTIN_TAGS: dict[str, str] = {
    "qa": "Q&A with viewers",
    "talent": "talent showcase",
    "chat": "just chatting",
    "collab": "joint live with other creators",
    "promoted": "announced beforehand",
    "incentive": "shout-outs, follow-backs or exclusive content offered",
}

#: Income sources that ship with LiveTally; users may add their own.
BUILTIN_SOURCES: dict[str, str] = {
    "sponsorship": "brand sponsorships",
    "affiliate": "affiliate marketing",
    "merchandise": "merchandise",
    "creator_fund": "Creator Fund / Creator Rewards Program",
    "subscriptions": "LIVE Subscriptions",
    "other": "other income",
}

_EXTENDED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)")

#: The source name under which LIVE gifts appear in reports; derived, never entered.
LIVE_GIFTS_SOURCE = "live_gifts"


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
    tags: tuple[str, ...] = ()
    notes: str = ""
    gifts: tuple[GiftCount, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # One spelling per tag, first mention kept, so "QA;qa" is one tag wherever it comes from.
        tags = self.tags
        object.__setattr__(
            self, "tags", _tag_tuple(tags) if isinstance(tags, tuple) else _unique_tags(tags)
        )

    @property
    def started(self) -> dt.datetime:
        return parse_timestamp(self.started_at)


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


def resolve_diamonds(record: StreamRecord, profile: RateProfile) -> Decimal:
    """The diamonds TikTok reported, or else the coins' worth at ``profile``'s rate."""
    if record.diamonds is not None:
        return record.diamonds
    return record.coins * profile.diamonds_per_coin


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
    return value


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
