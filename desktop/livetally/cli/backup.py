"""``livetally backup`` and ``livetally restore``: copies of the ledger, and going back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.inputs import existing_file
from livetally.storage.errors import LedgerFileError
from livetally.storage.recovery import restore_over_unusable


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
        args.committed = True
    print(f"Backed up the ledger to {path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    backup = existing_file(args.file)
    home = context.home
    try:
        ledger = context.ledger()
    except LedgerFileError as unusable:
        if unusable.path != home.database_path:
            raise
        # The ledger itself cannot be opened (damaged, foreign, newer): that is what a
        # restore is for. It is set aside, never deleted, and the backup takes its place.
        aside = restore_over_unusable(home.database_path, home.backups_dir, backup)
        args.committed = True
        print(
            f"Restored the ledger from {backup}.\nThe ledger that could not be opened "
            f"({unusable.problem}) is kept as {aside}"
        )
        return 0
    with ledger:
        safety = ledger.restore(backup)
        args.committed = True
    print(f"Restored the ledger from {backup}.\nThe ledger as it was is kept in {safety}")
    return 0
