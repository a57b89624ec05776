"""``livetally calibrate``: take a country's rates from what the creator's wallet shows."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.output import percent, print_json, share, table
from livetally.core.calibration import Calibration, WalletReading, calibrate
from livetally.core.money import InputError, format_decimal, parse_amount, parse_count
from livetally.core.rates import RateProfile

_CALIBRATED = ("diamond_usd", "diamonds_per_coin")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "calibrate",
        help="set a country's rates from your TikTok wallet",
        description="Read the diamonds and their cash value off your TikTok wallet (and, "
        "optionally, one gift's coin price and the diamonds it credited you); LiveTally "
        "sets diamond_usd (and diamonds_per_coin) for the country in settings.toml, "
        "keeping your comments.",
    )
    parser.add_argument(
        "--wallet-diamonds", metavar="N", required=True, help="diamonds your wallet shows"
    )
    parser.add_argument(
        "--wallet-usd",
        metavar="X",
        required=True,
        help="the cash value your wallet shows for them, in USD",
    )
    parser.add_argument("--gift-coins", metavar="C", help="one gift's price in coins")
    parser.add_argument("--gift-diamonds", metavar="D", help="diamonds that gift credited you")
    parser.add_argument("--country", metavar="CC", help="country profile (default: settings)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="save even if your share comes out outside 20-70%% (almost always a typo)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    current = context.settings_file
    profile = current.settings.profile(args.country)
    reading = WalletReading(
        wallet_diamonds=parse_count(args.wallet_diamonds, "--wallet-diamonds"),
        wallet_usd=parse_amount(args.wallet_usd, "--wallet-usd"),
        gift_coins=_optional_count(args.gift_coins, "--gift-coins"),
        gift_diamonds=_optional_count(args.gift_diamonds, "--gift-diamonds"),
    )
    result = calibrate(profile, reading)
    warning = result.warning
    if warning is not None:
        if not args.force:
            raise InputError(
                "--wallet-usd",
                f"{warning}: check the figures your wallet shows, or add --force to save "
                "them anyway; nothing was saved",
            )
        print(f"livetally: warning: {warning}", file=sys.stderr)
    changed = {
        name: getattr(result.after, name)
        for name in _CALIBRATED
        if getattr(result.after, name) != getattr(result.before, name)
    }
    note = f"calibrated from your wallet on {dt.date.today().isoformat()}"
    updated = current.with_country_figures(profile.country, changed, note=note)
    updated.save()
    args.committed = True
    if args.json:
        print_json(
            {
                "country": profile.country,
                "settings_path": str(updated.path),
                "before": _figures(result.before),
                "after": _figures(result.after),
            }
        )
    else:
        print(_report(result, str(updated.path)))
    return 0


def _optional_count(text: str | None, field: str) -> int | None:
    return None if text is None else parse_count(text, field)


def _figures(profile: RateProfile) -> dict[str, str]:
    figures: dict[str, Decimal] = {name: getattr(profile, name) for name in _CALIBRATED}
    return {
        **{name: format_decimal(value) for name, value in figures.items()},
        "creator_share": share(profile.creator_share),
        "tiktok_share": share(profile.tiktok_share),
    }


def _report(result: Calibration, path: str) -> str:
    before, after = result.before, result.after
    rows = [
        (name, f"{format_decimal(getattr(before, name))} -> {format_decimal(getattr(after, name))}")
        for name in _CALIBRATED
    ]
    rows += [
        ("Your share", f"{percent(before.creator_share)} -> {percent(after.creator_share)}"),
        ("TikTok's share", f"{percent(before.tiktok_share)} -> {percent(after.tiktok_share)}"),
    ]
    heading = f"Calibrated {after.name} ({after.country}) from your wallet:"
    return "\n".join([heading, table(rows, numbers=False), f"Saved in {path}"])
