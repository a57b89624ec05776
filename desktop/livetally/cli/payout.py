"""``livetally payout add|list`` and ``livetally balance``: cashing out, and how far off it is."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.inputs import date_option, local_now
from livetally.cli.output import cents, columns, count, money, percent, print_json, table
from livetally.core.money import InputError, parse_amount, parse_count
from livetally.core.payout import balance_status, payout_problem, payout_rate_warning
from livetally.core.records import PayoutRecord
from livetally.core.words import counted
from livetally.storage.ledger import Payout


def register(commands: Any) -> None:
    payout = commands.add_parser("payout", help="record diamonds you cashed out")
    actions = payout.add_subparsers(title="actions", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="record a withdrawal from your TikTok wallet")
    add.add_argument("--diamonds", metavar="N", required=True, help="diamonds cashed out")
    add.add_argument("--cash-usd", metavar="X", required=True, help="cash received, in USD")
    add.add_argument("--fee-usd", metavar="X", default="0", help="fee the payout method kept")
    add.add_argument("--method", default=None, help="PayPal, bank, ... (default: the profile's)")
    add.add_argument("--date", metavar="DATE", help="YYYY-MM-DD (default: today)")
    add.add_argument("--country", metavar="CC", help="country profile (default: settings)")
    add.add_argument(
        "--force",
        action="store_true",
        help="record it even if its cash per diamond is far from your rates",
    )
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="every payout recorded, oldest first")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.set_defaults(handler=run_list)

    balance = commands.add_parser(
        "balance", help="diamonds not yet cashed out, against the payout minimum"
    )
    balance.add_argument("--country", metavar="CC", help="country profile (default: settings)")
    balance.add_argument("--json", action="store_true", help="print one JSON object")
    balance.set_defaults(handler=run_balance)


def run_add(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    profile = context.settings_file.settings.profile(args.country)
    record = PayoutRecord(
        date=date_option(args.date, "--date") or local_now().date(),
        diamonds=parse_count(args.diamonds, "--diamonds"),
        cash_usd=parse_amount(args.cash_usd, "--cash-usd"),
        method=args.method or profile.payout_method,
        fee_usd=parse_amount(args.fee_usd, "--fee-usd"),
    )
    problem = payout_problem(record.diamonds, record.cash_usd, record.fee_usd)
    if problem is not None:
        raise InputError("payout", f"{problem}; nothing was recorded")
    warning = payout_rate_warning(record.diamonds, record.cash_usd, record.fee_usd, profile)
    if warning is not None and not args.force:
        raise InputError(
            "payout", f"{warning}; check the figures, or add --force; nothing was recorded"
        )
    with context.ledger() as ledger:
        ledger.add_payout(record)
        args.committed = True
        left = ledger.balance_diamonds()
    print(
        f"Recorded a payout of {counted(record.diamonds, 'diamond')} ({money(record.cash_usd)} "
        f"via {record.method}). {counted(int(left), 'diamond')} left."
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    with context.ledger_to_read() as ledger:
        payouts = ledger.payouts()
    if args.json:
        print_json({"payouts": [_payout_json(p) for p in payouts]})
    elif not payouts:
        print("No payouts recorded yet: record one with 'livetally payout add --diamonds N "
              "--cash-usd X'.")  # fmt: skip
    else:
        print(_payout_table(payouts))
    return 0


def _payout_json(entry: Payout) -> dict[str, Any]:
    record = entry.record
    return {
        "id": entry.id,
        "date": record.date.isoformat(),
        "diamonds": str(record.diamonds),
        "cash_usd": cents(record.cash_usd),
        "fee_usd": cents(record.fee_usd),
        "method": record.method,
    }


def _payout_table(payouts: list[Payout]) -> str:
    header = ("Date", "#", "Diamonds", "Cash", "Fee", "Method")
    rows = [
        (
            p.record.date.isoformat(),
            str(p.id),
            count(p.record.diamonds),
            money(p.record.cash_usd),
            money(p.record.fee_usd),
            p.record.method,
        )
        for p in payouts
    ]
    diamonds = sum(p.record.diamonds for p in payouts)
    cash = sum((p.record.cash_usd for p in payouts), Decimal(0))
    fees = sum((p.record.fee_usd for p in payouts), Decimal(0))
    footer = (counted(len(payouts), "payout"), "", count(diamonds), money(cash), money(fees), "")
    return columns(header, [*rows, footer], text=frozenset({0, 5}))


def run_balance(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    profile = context.settings_file.settings.profile(args.country)
    with context.ledger_to_read() as ledger:
        status = balance_status(ledger.balance(), profile)
    if args.json:
        print_json(
            {
                "country": profile.country,
                "balance_diamonds": str(status.balance_diamonds),
                "balance_usd": cents(status.gross_usd),
                "payout_fee_usd": cents(status.fee_usd),
                "payout_net_usd": cents(status.net_usd),
                "payout_minimum_usd": cents(status.minimum_usd),
                "withdrawable": status.withdrawable,
                "missing_usd": cents(status.missing_usd),
                "missing_diamonds": str(status.missing_diamonds),
            }
        )
        return 0
    rows = [
        ("Diamonds not cashed out", count(status.balance_diamonds)),
        ("Worth", money(status.gross_usd)),
        (f"Payout minimum ({profile.name})", money(status.minimum_usd)),
    ]
    if status.withdrawable:
        rows.append((f"You would receive via {profile.payout_method}", money(status.net_usd)))
    else:
        rows += [
            (
                "Still to go",
                f"{money(status.missing_usd)} ({counted(status.missing_diamonds, 'diamond')})",
            ),
            ("Progress", percent(status.progress)),
        ]
    print(table(rows))
    return 0
