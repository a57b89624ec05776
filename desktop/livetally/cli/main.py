"""Entry point: parse the command line, run one command, turn every failure into one line.

Exit codes: 0 done, 2 bad input or a broken settings file (one line on stderr saying
which file, line, field and what was expected), 1 anything unexpected (still one line;
``LIVETALLY_DEBUG=1`` adds the traceback for bug reports).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from livetally.core.money import InputError
from livetally.settings.errors import SettingsError
from livetally.storage.errors import CsvImportError, LedgerError


def _as_option(field: str) -> str:
    """The engine names inputs (``target_usd``); here they are options (``--target-usd``)."""
    name, _, rest = field.partition(" ")
    if name.startswith("-") or not name.replace("_", "").isalpha():
        return field
    return f"--{name.replace('_', '-')}{' ' if rest else ''}{rest}"


@dataclass(frozen=True)
class WindowRequest:
    """``livetally`` with no command: open the window (or run its smoke check)."""

    data_dir: str | None = None
    smoke: bool = False
    quit_after_show: bool = False


def window_request(argv: Sequence[str]) -> WindowRequest | None:
    """The window options of ``argv`` when it holds nothing else, else None.

    Opening the window is what a double-click does, so it skips building the parser and
    importing every command's module (a good part of start-up). Anything else, including
    ``--help`` and every mistake, goes to argparse as before.
    """
    data_dir: str | None = None
    smoke = quit_after_show = False
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--smoke":
            smoke = True
        elif option == "--quit-after-show":
            quit_after_show = True
        elif option == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif option.startswith("--data-dir=") and option != "--data-dir=":
            data_dir = option.removeprefix("--data-dir=")
        else:
            return None
    return WindowRequest(data_dir, smoke, quit_after_show)


def open_window(request: WindowRequest) -> int:
    from livetally import app  # the window: Qt is imported only from here on

    try:
        if request.smoke:
            return app.smoke()
        return app.run(request.data_dir, quit_after_show=request.quit_after_show)
    except Exception as error:  # no traceback for users, even before the window exists
        print(
            f"livetally: could not open the window ({type(error).__name__}: {error})",
            file=sys.stderr,
        )
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    request = window_request(arguments)
    if request is not None:
        return open_window(request)
    from livetally.cli.parser import build_parser

    parser = build_parser()
    args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is None:
        return open_window(WindowRequest(args.data_dir, args.smoke, args.quit_after_show))
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
            import traceback

            traceback.print_exc()
        print(
            f"livetally: unexpected error ({type(error).__name__}: {error}); "
            "run again with LIVETALLY_DEBUG=1 to see the details for a bug report",
            file=sys.stderr,
        )
        return 1
