"""``livetally gifts``: the gift catalog, searchable, with each gift's coin price."""

from __future__ import annotations

import argparse
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.output import print_json, table
from livetally.core.words import counted


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "gifts",
        help="list gifts and their coin prices",
        description="List the gift catalog (gifts.toml in your data home), cheapest first.",
    )
    parser.add_argument("search", nargs="?", default="", help="part of a gift's name")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    found = context.gift_catalog().search(args.search)
    if args.json:
        print_json({"gifts": [{"name": g.name, "coins": str(g.coins)} for g in found]})
    elif not found:
        print(f"No gift's name contains {args.search!r}.")
    else:
        print(table([(g.name, counted(g.coins, "coin")) for g in found]))
    return 0
