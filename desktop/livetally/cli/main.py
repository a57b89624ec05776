"""Entry point: parse the command line, run one command, turn every failure into one line.

Exit codes: 0 done, 2 bad input, a broken settings file or a file or disk problem (one
line on stderr saying which file, line, field and what was expected, or what to do), 1
anything unexpected (still one line; ``LIVETALLY_DEBUG=1`` adds the traceback for bug
reports). A closed output pipe (``livetally gifts | head -5``) ends the command quietly;
once a command has saved its change (``args.committed``), a failure to show it is said
but is no failure: running the command again would save it twice.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NamedTuple

from livetally.datahome import DataHomeError, check_data_dir_option

# What explains a failed command (decimal, sqlite3 and the layers' errors) is imported where
# a command runs, not here: opening the window needs none of it before its frame is up.


def _as_option(field: str) -> str:
    """The engine names inputs (``target_usd``); here they are options (``--target-usd``)."""
    name, _, rest = field.partition(" ")
    if name.startswith("-") or not name.replace("_", "").isalpha():
        return field
    return f"--{name.replace('_', '-')}{' ' if rest else ''}{rest}"


class WindowRequest(NamedTuple):
    """``livetally`` with no command: open the window (or run its smoke check). Made
    before the window is shown, as :class:`~livetally.datahome.DataHome` is: no dataclass."""

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
        elif option == "--data-dir" and rest and rest[0].strip() and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif option.startswith("--data-dir=") and option.removeprefix("--data-dir=").strip():
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
    except DataHomeError as error:
        print(f"livetally: {error}", file=sys.stderr)
        return 2
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
    try:
        check_data_dir_option(args.data_dir)
    except DataHomeError as error:
        print(f"livetally: {error}", file=sys.stderr)
        return 2
    if handler is None:
        return open_window(WindowRequest(args.data_dir, args.smoke, args.quit_after_show))
    try:
        status = int(handler(args))
        sys.stdout.flush()  # a closed pipe is found here, not at exit after a traceback
        return status
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if not getattr(args, "committed", False):
            return _failed(error)
        print(
            f"livetally: the change was saved, but showing it failed ({_one_line(error)})",
            file=sys.stderr,
        )
        return 0


def _failed(error: Exception) -> int:
    """The exit status for ``error``, after one line on stderr saying what to do."""
    from livetally.core.money import InputError
    from livetally.problems import describe, is_disk_problem
    from livetally.settings.errors import SettingsError
    from livetally.storage.errors import CsvImportError, LedgerError

    try:
        raise error
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
    except DataHomeError as error:
        print(f"livetally: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # the last line of defence: no traceback for users
        if is_disk_problem(error):
            print(f"livetally: {describe(error)}", file=sys.stderr)  # type: ignore[arg-type]
            return 2
        if os.environ.get("LIVETALLY_DEBUG"):
            import traceback

            traceback.print_exc()
        print(
            f"livetally: unexpected error ({type(error).__name__}: {error}); "
            "run again with LIVETALLY_DEBUG=1 to see the details for a bug report",
            file=sys.stderr,
        )
        return 1


def _one_line(error: BaseException) -> str:
    from livetally.problems import describe, is_disk_problem

    if is_disk_problem(error):
        return describe(error)  # type: ignore[arg-type]
    return f"{type(error).__name__}: {error}"


def _quiet_stdout() -> None:
    """Point stdout at nowhere, so that the interpreter's last flush finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (a test's capture): nothing to flush
        pass
