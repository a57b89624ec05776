"""Entry point: parse the command line, run one command, turn every failure into one line.

Exit codes: 0 done, 2 bad input or a broken settings file (one line on stderr saying
which file, line, field and what was expected), 1 anything unexpected (still one line;
``LIVETALLY_DEBUG=1`` adds the traceback for bug reports).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from livetally import __version__
from livetally.cli import backup, calibrate, convert, gifts, log, payout, report, transfer
from livetally.core.money import InputError
from livetally.settings.errors import SettingsError
from livetally.storage.errors import CsvImportError, LedgerError


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
    for command in (convert, calibrate, gifts, log, transfer, payout, report, backup):
        command.register(commands)
    return parser


def _as_option(field: str) -> str:
    """The engine names inputs (``target_usd``); here they are options (``--target-usd``)."""
    name, _, rest = field.partition(" ")
    if name.startswith("-") or not name.replace("_", "").isalpha():
        return field
    return f"--{name.replace('_', '-')}{' ' if rest else ''}{rest}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from livetally import app  # the window: Qt is imported only from here on

        try:
            if args.smoke:
                return app.smoke()
            return app.run(args.data_dir, quit_after_show=args.quit_after_show)
        except Exception as error:  # no traceback for users, even before the window exists
            print(
                f"livetally: could not open the window ({type(error).__name__}: {error})",
                file=sys.stderr,
            )
            return 1
    try:
        return int(handler(args))
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    except CsvImportError as error:
        print(error, file=sys.stderr)  # one line per bad row, each naming file and line
        return 2
    except LedgerError as error:
        print(f"livetally: {error}", file=sys.stderr)
        return 2
    except InputError as error:
        print(f"livetally: {_as_option(error.field)}: {error.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: no traceback for users
        if os.environ.get("LIVETALLY_DEBUG"):
            traceback.print_exc()
        print(
            f"livetally: unexpected error ({type(error).__name__}: {error}); "
            "run again with LIVETALLY_DEBUG=1 to see the details for a bug report",
            file=sys.stderr,
        )
        return 1
