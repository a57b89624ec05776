"""Reading option values: each bad one becomes an InputError naming the option."""

from __future__ import annotations

import datetime as dt

from livetally.core.money import InputError, parse_count
from livetally.core.records import TIME_IN_RANGE, TimeOutOfRange, parse_timestamp


def optional_count(text: str | None, field: str) -> int | None:
    return None if text is None else parse_count(text, field)


def date_option(text: str | None, field: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, f"expected a date such as 2026-11-20, got {text!r}") from None


def timestamp_option(text: str, field: str) -> str:
    """An ISO 8601 time with offset, returned as typed (the ledger keeps it as entered)."""
    try:
        parse_timestamp(text)
    except TimeOutOfRange:
        raise InputError(field, f"{TIME_IN_RANGE}, got {text!r}") from None
    except ValueError:
        raise InputError(
            field,
            "expected an ISO 8601 time with its UTC offset, such as "
            f"2026-11-20T19:30:00+01:00, got {text!r}",
        ) from None
    return text.strip()


def local_now() -> dt.datetime:
    """Now on the creator's clock, to the second, with the machine's UTC offset."""
    return dt.datetime.now().astimezone().replace(microsecond=0)
