"""Reading one value of a LIVE in TikTok's data export, or saying why it cannot be read.

TikTok does not document its export, and public parsers disagree on how values are
written: any field may be missing, null, ``""``, ``"N/A"``, a number or a number written
as a string. These readers accept exactly the forms whose meaning is certain and refuse
everything else with a reason a creator can read: a refused figure is left empty (or the
LIVE is refused), never guessed at.

The values quoted in reasons come from the LIVE records themselves, which the creator
asked to read; nothing from another part of the export ever reaches a reason.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Final

#: Texts that stand for "no value" in the exports and parsers seen (compared casefolded).
BLANK_TEXTS: Final = frozenset({"", "n/a", "na", "-", "--", "null", "none"})
#: Larger than any real count of likes, views or diamonds: a bigger figure is a misreading.
MOST_COUNT: Final = 10**15
#: No LIVE lasts a week; a longer one is a misread unit (milliseconds read as seconds).
LONGEST_LIVE_SECONDS: Final = 7 * 24 * 3600
#: TikTok LIVE began after this; an earlier start is a placeholder (1970-01-01, 0001-01-01).
EARLIEST_LIVE: Final = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)

_QUOTED_LENGTH: Final = 40
_NUMBER_TEXT: Final = re.compile(r"[+-]?\d+(?:\.\d+)?")
_CLOCK_TEXT: Final = re.compile(r"(\d{1,3}):([0-5]\d):([0-5]\d)")
#: ``2025-03-14 19:02:11`` as TikTok writes it, or ISO 8601 with ``T``; seconds, a
#: fraction and an offset (``Z``, ``+01:00``) are optional. A date alone is refused.
_TIME_TEXT: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?"
)


class Unreadable(ValueError):
    """A value whose meaning is not certain; ``str()`` is the reason, for the creator."""


class Container:
    """Stands for an object or a list where a single value was expected."""

    def __repr__(self) -> str:
        return "a list or an object"


#: The one instance: a field holding an object or a list.
CONTAINER: Final = Container()

#: What a field of a LIVE record can hold, as ijson gives it (numbers are int or Decimal).
Raw = str | int | Decimal | bool | None | Container


def is_blank(raw: Raw) -> bool:
    """Whether ``raw`` says "no value": missing, null, ``""``, ``"N/A"`` and the like."""
    return raw is None or (isinstance(raw, str) and raw.strip().casefold() in BLANK_TEXTS)


def quoted(raw: Raw) -> str:
    """``raw`` as a reason quotes it: short, and on one line."""
    if isinstance(raw, str):
        text = raw if len(raw) <= _QUOTED_LENGTH else raw[: _QUOTED_LENGTH - 1] + "…"
        return repr(text)
    return repr(raw) if isinstance(raw, Container) else str(raw)


def read_count(raw: Raw, field: str, *, unit: str = "number") -> int | None:
    """A whole, non-negative count; None when blank. Unreadable if anything else.

    ``1200``, ``"1200"`` and ``"1200.0"`` are 1200. A fraction is refused rather than
    rounded, and so are thousands separators (``"1,200"`` is 1.2 in half the world).
    """
    if is_blank(raw):
        return None
    if raw is None or isinstance(raw, bool | Container):
        raise Unreadable(f"{field} is {quoted(raw)}, not a {unit}")
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        value = raw
    else:
        text = raw.strip()
        if not _NUMBER_TEXT.fullmatch(text):
            raise Unreadable(f"{field} is {quoted(raw)}, not a {unit}")
        value = Decimal(text)
    if not value.is_finite():
        raise Unreadable(f"{field} is {quoted(raw)}, not a {unit}")
    if value < 0:
        raise Unreadable(f"{field} is {quoted(raw)}, a negative {unit}")
    try:
        whole = value == value.to_integral_value()
    except InvalidOperation:  # an exponent too large to hold: no real figure
        whole = False
    if not whole or value > MOST_COUNT:
        problem = "not a whole" if value <= MOST_COUNT else "too large to be a"
        raise Unreadable(f"{field} is {quoted(raw)}, {problem} {unit}")
    return int(value)


def read_diamonds(raw: Raw) -> int | None:
    """TikTok's ``TotalEarning`` as whole diamonds; None when blank.

    Diamonds are whole. A fractional figure may well be money in some currency, and a
    negative one a correction whose meaning nobody has documented: either way the LIVE is
    refused with this reason rather than rounded or read as something else.
    """
    return read_count(raw, "TotalEarning", unit="number of diamonds")


def read_seconds(raw: Raw, field: str) -> int | None:
    """A length in seconds: ``5400``, ``"5400"`` or ``"1:30:00"`` (H:MM:SS); None when blank."""
    if is_blank(raw):
        return None
    if isinstance(raw, str) and (clock := _CLOCK_TEXT.fullmatch(raw.strip())):
        hours, minutes, seconds = (int(part) for part in clock.groups())
        value = hours * 3600 + minutes * 60 + seconds
    else:
        if isinstance(raw, str) and ":" in raw:
            raise Unreadable(f"{field} is {quoted(raw)}, not seconds or H:MM:SS")
        counted = read_count(raw, field, unit="number of seconds")
        assert counted is not None  # blank was answered above
        value = counted
    if value > LONGEST_LIVE_SECONDS:
        raise Unreadable(f"{field} is {quoted(raw)}, longer than a week")
    return value


def read_time(raw: Raw, field: str) -> dt.datetime | None:
    """A UTC time as TikTok writes it (``2025-03-14 19:02:11``); None when blank.

    A time without an offset is UTC, as the export's times are. Epoch numbers are refused:
    whether they count seconds or milliseconds is not established.
    """
    if is_blank(raw):
        return None
    if not isinstance(raw, str) or not _TIME_TEXT.fullmatch(raw.strip()):
        raise Unreadable(
            f"{field} is {quoted(raw)}, not a date and time such as 2025-03-14 19:02:11"
        )
    try:
        value = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        raise Unreadable(f"{field} is {quoted(raw)}, which is not a real date and time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    try:
        value = value.astimezone(dt.UTC)
    except OverflowError:
        raise Unreadable(f"{field} is {quoted(raw)}, out of range") from None
    if value < EARLIEST_LIVE:
        raise Unreadable(f"{field} is {quoted(raw)}, before TikTok LIVE existed (a placeholder)")
    return value


def read_room_id(raw: Raw) -> str | None:
    """``RoomId`` as text: 19 digits, written as a string or as a number; None when blank."""
    if is_blank(raw):
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return str(raw)
    if isinstance(raw, str) and raw.strip().isdecimal() and raw.strip().isascii():
        return raw.strip()
    raise Unreadable(f"RoomId is {quoted(raw)}, not a room number")


def read_title(raw: Raw) -> str:
    """``RoomTitle`` as text; empty when null, ``""`` or ``"N/A"``.

    Only those count as blank here: "None" or "NA" may well be what the creator typed.
    A number is a title like any other.
    """
    if raw is None or isinstance(raw, Container | bool):
        return ""
    text = str(raw).strip()
    return "" if text.casefold() == "n/a" else text
