"""``livetally backup`` and ``livetally restore``: copies of the ledger, and going back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from livetally.cli.context import CommandContext


def register(commands: Any) -> None:
    backup = commands.add_parser("backup", help="back up the ledger now")
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser(
        "restore",
        help="replace the ledger with a backup",
        description="The backup is checked first; the current ledger is backed up before "
        "it is replaced, so a restore can itself be undone.",
    )
    restore.add_argument("file", type=Path, help="a backup, e.g. from the data home's backups/")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    with context.ledger() as ledger:
        path = ledger.backup("manual")
    print(f"Backed up the ledger to {path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    with context.ledger() as ledger:
        safety = ledger.restore(args.file)
    print(f"Restored the ledger from {args.file}.\nThe ledger as it was is kept in {safety}")
    return 0
