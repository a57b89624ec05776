"""The command line's parser: the window options and every command's subparser.

Built only when the command line holds more than the window's own options (see
``main.window_request``), so opening the window never pays for argparse and the commands.
"""

from __future__ import annotations

import argparse

from livetally import __version__
from livetally.cli import (
    backup,
    calibrate,
    convert,
    forecast,
    gifts,
    goal,
    log,
    payout,
    report,
    transfer,
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (no usage dump) and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="livetally",
        description="Turn TikTok LIVE coins and gifts into diamonds and cash at your "
        "country's rates.",
        epilog="With no command, LiveTally opens its window. "
        "Run 'livetally COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"livetally {__version__}")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window on a temporary data home, use it once, close it (exit 0 if ok)",
    )
    parser.add_argument(
        "--quit-after-show", action="store_true", help=argparse.SUPPRESS
    )  # for benchmarks: start-up time to the first drawn window
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for settings.toml, the gift catalog and the ledger "
        "(default: $LIVETALLY_HOME, else your user data folder)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for command in (
        convert,
        calibrate,
        gifts,
        log,
        transfer,
        payout,
        report,
        forecast,
        goal,
        backup,
    ):
        command.register(commands)
    return parser
