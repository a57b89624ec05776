"""Reading option values: each bad one becomes an InputError naming the option."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def date_range_options(
    first: str | None, last: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """``--from`` and ``--to`` as dates; a range that ends before it starts is refused rather
    than answered with nothing (which reads as "no streams")."""
    start, end = date_option(first, "--from"), date_option(last, "--to")
    if start is not None and end is not None and start > end:
        raise InputError(
            "--from", f"{start} is after --to {end}: the range is reversed; swap the two dates"
        )
    return start, end


def existing_file(path: Path) -> Path:
    """A file to read, checked first: a missing file or a folder is one clear line."""
    if path.is_dir():
        raise InputError(str(path), "is a folder; give the file inside it, e.g. a .csv file")
    if not path.exists():
        raise InputError(str(path), "no such file; check the name and the folder")
    return path


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
