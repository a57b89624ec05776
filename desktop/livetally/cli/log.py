"""``livetally log``: log a stream after it ends, and list the streams logged so far."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.inputs import (
    date_range_options,
    local_now,
    optional_count,
    timestamp_option,
)
from livetally.cli.output import cents, columns, count, money, print_json
from livetally.core.gifts import parse_gift_counts, total_coins
from livetally.core.money import (
    format_decimal,
    parse_count,
    parse_diamonds,
    round_down,
    whole_diamonds,
)
from livetally.core.payout import balance_status
from livetally.core.records import LoggedStream, StreamRecord, resolve_diamonds
from livetally.core.stream_fields import STREAM_DETAILS, DetailKind
from livetally.core.words import counted


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "log", help="log a stream, or list the streams logged", description="The stream log."
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="log a stream that just ended",
        description="Log a stream at your country's current rates (kept with the stream, so "
        "later rate edits never change it). Likes are engagement; they pay nothing.",
    )
    amount = add.add_mutually_exclusive_group(required=True)
    amount.add_argument("--coins", metavar="N", help="coins viewers spent on gifts")
    amount.add_argument("--gifts", metavar="LIST", help='gifts received, as "Rose:10,Galaxy:2"')
    add.add_argument("--diamonds", metavar="N", help="diamonds TikTok credited, if you know")
    add.add_argument(
        "--started-at", metavar="TIME", help="ISO 8601 start (default: now - duration)"
    )
    add.add_argument("--duration-minutes", metavar="M", help="how long the stream ran")
    for detail in STREAM_DETAILS:
        if detail.editable:
            metavar = "N" if detail.kind is DetailKind.COUNT else "TEXT"
            add.add_argument(detail.option, metavar=metavar, help=detail.tooltip.lower() or None)
    add.add_argument("--tags", metavar="LIST", default="", help="e.g. qa,collab")
    add.add_argument("--notes", default="")
    add.add_argument("--country", metavar="CC", help="country profile (default: settings)")
    add.add_argument("--json", action="store_true", help="print the logged stream as JSON")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="list logged streams, oldest first")
    listing.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY-MM-DD)")
    listing.add_argument("--to", dest="last", metavar="DATE", help="last day (YYYY-MM-DD)")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.set_defaults(handler=run_list)


def run_add(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    profile = context.settings_file.settings.profile(args.country)
    duration = optional_count(args.duration_minutes, "--duration-minutes")
    gifts = parse_gift_counts(args.gifts, context.gift_catalog()) if args.gifts else []
    coins = total_coins(gifts) if gifts else parse_count(args.coins, "--coins")
    if args.started_at:
        started_at = timestamp_option(args.started_at, "--started-at")
    else:
        started_at = (local_now() - dt.timedelta(minutes=duration or 0)).isoformat()
    record = StreamRecord(
        started_at=started_at,
        coins=coins,
        duration_minutes=duration,
        diamonds=None if args.diamonds is None else parse_diamonds(args.diamonds, "--diamonds"),
        tags=tuple(args.tags.split(",")),
        notes=args.notes,
        gifts=tuple(gifts),
        **_details(args),  # type: ignore[arg-type]
    )
    # Everything the output needs is worked out before the stream is written: an error
    # after the commit would read as a failure, and a retry would log the stream twice.
    round_down(resolve_diamonds(record, profile) * profile.diamond_usd)
    with context.ledger() as ledger:
        logged = ledger.add_stream(record, profile)
        args.committed = True
        status = balance_status(ledger.balance(), profile)
    if args.json:
        print_json({**_stream_json(logged), "balance_diamonds": str(status.balance_diamonds)})
        return 0
    print(
        f"Logged stream #{logged.id} ({logged.record.started_at}): "
        f"{counted(logged.record.coins, 'coin')}, "
        f"{counted(whole_diamonds(logged.diamonds), 'diamond')}, "
        f"{money(round_down(logged.creator_usd))} for you."
    )
    if status.withdrawable:
        print(
            f"Balance: {counted(status.balance_diamonds, 'diamond')} ({money(status.gross_usd)}): "
            "you can withdraw it."
        )
    else:
        print(
            f"Balance: {counted(status.balance_diamonds, 'diamond')} ({money(status.gross_usd)}), "
            f"{money(status.missing_usd)} short of the {money(status.minimum_usd)} payout minimum."
        )
    return 0


def _details(args: argparse.Namespace) -> dict[str, int | str | None]:
    """The details given as options, checked: a count must be a whole number, 0 or more."""
    given: dict[str, int | str | None] = {}
    for detail in STREAM_DETAILS:
        value = getattr(args, detail.name, None)
        if value is None:
            continue
        given[detail.name] = (
            optional_count(value, detail.option) if detail.kind is DetailKind.COUNT else value
        )
    return given


def run_list(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    first, last = date_range_options(args.first, args.last)
    with context.ledger_to_read() as ledger:
        streams = ledger.streams_between(first, last)
    if args.json:
        print_json({"streams": [_stream_json(stream) for stream in streams]})
    elif not streams:
        print("No streams logged yet: log one with 'livetally log add --coins N'.")
    else:
        print(_stream_table(streams))
    return 0


def _stream_json(stream: LoggedStream) -> dict[str, Any]:
    record = stream.record
    return {
        "id": stream.id,
        "started_at": record.started_at,
        "duration_minutes": _text(record.duration_minutes),
        "coins": str(record.coins),
        "diamonds": format_decimal(stream.diamonds),
        "diamonds_entered": record.diamonds is not None,
        "creator_usd": cents(round_down(stream.creator_usd)),
        **{detail.name: _text(getattr(record, detail.name)) for detail in STREAM_DETAILS},
        "tags": list(record.tags),
        "notes": record.notes,
        "origin": record.origin.value,
        "country": stream.country,
        "rates": {
            "coin_usd": format_decimal(stream.coin_usd),
            "diamonds_per_coin": format_decimal(stream.diamonds_per_coin),
            "diamond_usd": format_decimal(stream.diamond_usd),
        },
    }


def _text(value: int | str | None) -> str | None:
    return None if value is None else str(value)


def _stream_table(streams: list[LoggedStream]) -> str:
    header = ("Started", "#", "Minutes", "Coins", "Diamonds", "Cash", "Likes", "Tags")
    rows = [
        (
            s.record.started_at,
            str(s.id),
            _blank(s.record.duration_minutes),
            count(s.record.coins),
            count(whole_diamonds(s.diamonds)),
            money(round_down(s.creator_usd)),
            _blank(s.record.likes),
            ",".join(s.record.tags),
        )
        for s in streams
    ]
    return columns(header, rows, text=frozenset({0, 7}))


def _blank(value: int | None) -> str:
    return "" if value is None else f"{value:,}"
