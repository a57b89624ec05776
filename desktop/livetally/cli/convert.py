"""``livetally convert``: coins, gifts, diamonds or a cash target at a country's rates."""

from __future__ import annotations

import argparse
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.output import amount, cents, count, money, percent, print_json, share, table
from livetally.core.conversion import (
    Conversion,
    TargetPlan,
    convert_coins,
    convert_diamonds,
    plan_for_target,
)
from livetally.core.gifts import GiftCount, parse_gift_counts, total_coins
from livetally.core.money import parse_amount, parse_count
from livetally.core.words import counted


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "convert",
        help="coins, gifts or diamonds to cash; or what a cash target takes",
        description="Show what viewers paid, TikTok's cut, your cash and your diamonds. "
        "Likes are not an input: they pay nothing.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--coins", metavar="N", help="coins viewers spent on gifts")
    mode.add_argument("--gifts", metavar="LIST", help='gifts received, as "Rose:10,Galaxy:2"')
    mode.add_argument("--diamonds", metavar="N", help="diamonds credited to you")
    mode.add_argument(
        "--target-usd", metavar="X", help="cash you want to receive, in USD, after payout fees"
    )
    parser.add_argument("--country", metavar="CC", help="country profile (default: settings)")
    parser.add_argument(
        "--currency", metavar="CUR", help="local currency to show (default: the country's)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    settings = context.settings_file.settings
    profile = settings.profile(args.country)
    rates = settings.exchange_rates
    currency = args.currency.strip().upper() if args.currency else None
    gift_counts: list[GiftCount] = []
    plan: TargetPlan | None = None
    if args.coins is not None:
        conversion = convert_coins(parse_count(args.coins, "--coins"), profile, rates, currency)
    elif args.gifts is not None:
        gift_counts = parse_gift_counts(args.gifts, context.gift_catalog())
        conversion = convert_coins(total_coins(gift_counts), profile, rates, currency)
    elif args.diamonds is not None:
        diamonds = parse_count(args.diamonds, "--diamonds")
        conversion = convert_diamonds(diamonds, profile, rates, currency)
    else:
        plan = plan_for_target(parse_amount(args.target_usd, "--target-usd"), profile)
        conversion = convert_coins(plan.coins_needed, profile, rates, currency)
    if args.json:
        print_json(_payload(conversion, gift_counts, plan))
    else:
        print(_report(conversion, gift_counts, plan))
    return 0


def _payload(
    conversion: Conversion, gift_counts: list[GiftCount], plan: TargetPlan | None
) -> dict[str, Any]:
    shown = conversion.shown()
    profile = conversion.profile
    payload: dict[str, Any] = {
        "country": profile.country,
        "country_name": profile.name,
        "coins": shown.coins,
        "viewer_spend_usd": cents(shown.viewer_spend_usd),
        "tiktok_cut_usd": cents(shown.tiktok_cut_usd),
        "creator_usd": cents(shown.creator_usd),
        "creator_share": share(profile.creator_share),
        "tiktok_share": share(profile.tiktok_share),
        "diamonds": str(shown.diamonds),
        "currency": conversion.currency,
        "creator_local": amount(shown.creator_local, conversion.currency),
        "payout_minimum_usd": cents(profile.payout_minimum_usd),
        "payout_reachable": conversion.payout.withdrawable,
    }
    if gift_counts:
        payload["gifts"] = [
            {
                "name": g.gift.name,
                "count": str(g.count),
                "coins_each": str(g.gift.coins),
                "coins": str(g.coins),
            }
            for g in gift_counts
        ]
    if plan is not None:
        payload["target_usd"] = cents(plan.target_usd)
        payload["coins_needed"] = str(plan.coins_needed)
        payload["diamonds_needed"] = str(plan.diamonds_needed)
    return payload


def _report(conversion: Conversion, gift_counts: list[GiftCount], plan: TargetPlan | None) -> str:
    shown = conversion.shown()
    profile = conversion.profile
    payout = conversion.payout
    lines = [f"{profile.name} ({profile.country}) rates"]
    for gift in gift_counts:
        each = counted(gift.gift.coins, "coin")
        lines.append(f"  {gift.count:,} x {gift.gift.name} ({each} each)")
    rows: list[tuple[str, str]] = []
    if plan is not None:
        rows += [
            ("Target (after fees)", money(plan.target_usd.quantize(shown.creator_usd))),
            ("Coins of gifts needed", count(plan.coins_needed)),
            ("Diamonds needed", count(plan.diamonds_needed)),
        ]
    if plan is None:  # a target's coins and diamonds are the ones needed, said above
        rows.append(("Coins", count(shown.coins)))
    rows += [
        ("Viewers paid", money(shown.viewer_spend_usd)),
        (f"TikTok's cut ({percent(profile.tiktok_share)})", money(shown.tiktok_cut_usd)),
        (f"Your share ({percent(profile.creator_share)})", money(shown.creator_usd)),
    ]
    if plan is None:
        rows.append(("Diamonds", count(shown.diamonds)))
    if conversion.currency != "USD":
        rows.append(
            (
                f"Your share in {conversion.currency}",
                money(shown.creator_local, conversion.currency),
            )
        )
    minimum = money(profile.payout_minimum_usd)
    if payout.withdrawable:
        rows.append((f"Payout minimum {minimum}", "reached"))
    else:
        rows.append((f"Payout minimum {minimum}", f"{money(payout.missing_usd)} to go"))
    return "\n".join([*lines, table(rows)])
