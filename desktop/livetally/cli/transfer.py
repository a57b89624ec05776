"""``livetally import`` and ``livetally export``: the ledger to and from CSV files, and
TikTok's own LIVE history into it (:mod:`livetally.cli.tiktok`)."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.inputs import existing_file
from livetally.core.money import InputError
from livetally.core.words import RECORD_NOUNS, counted
from livetally.datahome import owned_file
from livetally.files import write_text_atomic
from livetally.storage.csv_read import CsvReadReport, read_income_csv, read_streams_csv
from livetally.storage.csv_write import row_errors_csv, write_income_csv, write_streams_csv
from livetally.storage.errors import CsvImportError

_KINDS = ("streams", "income")


def register(commands: Any) -> None:
    importer = commands.add_parser(
        "import",
        help="add streams or income from a CSV file, or TikTok's data export",
        description="Check the whole file first: any bad row and nothing is imported. Rows "
        "already in the ledger are recognised and skipped. A backup is taken first. "
        "'import tiktok PATH' reads the LIVE history of TikTok's 'Download your data' "
        "export (JSON format): the ZIP, the folder it was unpacked into, or its JSON file.",
    )
    importer.add_argument("kind", choices=(*_KINDS, "tiktok"))
    importer.add_argument("file", type=Path, metavar="PATH")
    importer.add_argument(
        "--country", metavar="CC", help="rates for the streams (default: settings)"
    )
    importer.add_argument(
        "--errors",
        type=Path,
        metavar="FILE",
        help="when rows are bad, write every problem to FILE as CSV (the screen shows 20)",
    )
    tiktok = importer.add_argument_group("tiktok")
    tiktok.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    tiktok.add_argument(
        "--take-tiktok",
        action="store_true",
        help="where a stream you typed differs from TikTok's figures, use TikTok's",
    )
    tiktok.add_argument("--json", action="store_true", help="print the outcome as JSON")
    importer.set_defaults(handler=run_import)

    exporter = commands.add_parser(
        "export",
        help="write streams or income as CSV",
        description="Cells a spreadsheet would run as formulas are written with a leading "
        "apostrophe; import removes it again.",
    )
    exporter.add_argument("kind", choices=_KINDS)
    exporter.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    if args.kind == "tiktok":
        from livetally.cli.tiktok import run_import_tiktok

        return run_import_tiktok(args)
    for option in ("dry_run", "take_tiktok", "json"):
        if getattr(args, option):
            raise InputError(f"--{option.replace('_', '-')}", "is for 'import tiktok' only")
    context = CommandContext.open(args)
    settings = context.settings_file.settings
    path = existing_file(args.file)
    show = _progress_printer(path) if sys.stderr.isatty() else None
    report = CsvReadReport()
    try:
        if args.kind == "streams":
            profile = settings.profile(args.country)
            streams = read_streams_csv(path, report=report)
        else:
            entries = read_income_csv(path, set(settings.exchange_rates), report=report)
    except CsvImportError as error:
        _explain_bad_rows(error, args.errors)
        return 2
    if args.kind == "streams":
        with context.ledger() as ledger:
            summary = ledger.import_streams(streams, profile, progress=show)
        args.committed = True
    else:
        with context.ledger() as ledger:
            summary = ledger.import_income(entries, progress=show)
        args.committed = True
    if show is not None:
        print(file=sys.stderr)
    singular, plural = RECORD_NOUNS[args.kind]
    new = counted(summary.new, f"new {singular}", f"new {plural}")
    print(f"Imported {path}: {new}, {summary.already_present:,} already there.")
    for note in report.notes():
        print(note)
    return 0


def _explain_bad_rows(error: CsvImportError, errors_file: Path | None) -> None:
    """The bad rows on stderr (the first 20), and every one of them in ``errors_file``."""
    print(error, file=sys.stderr)
    hidden = len(error.errors) - CsvImportError.SHOWN_ERRORS
    if errors_file is not None:
        write_text_atomic(errors_file, row_errors_csv(error.errors))
        every = (
            "The problem is"
            if len(error.errors) == 1
            else f"All {len(error.errors):,} problems are"
        )
        print(f"{every} listed in {errors_file}.", file=sys.stderr)
    elif hidden > 0:
        print("Add --errors FILE to get every problem in a file.", file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    if args.output is not None:
        _check_output(context, args.output)
    buffer = io.StringIO(newline="")
    with context.ledger_to_read() as ledger:
        if args.kind == "streams":
            rows = write_streams_csv((s.record for s in ledger.streams()), buffer)
        else:
            rows = write_income_csv((e.record for e in ledger.income()), buffer)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(buffer.getvalue().encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        write_text_atomic(args.output, buffer.getvalue())
        print(f"Wrote {counted(rows, *RECORD_NOUNS[args.kind])} to {args.output}.", file=sys.stderr)
    return 0


def _check_output(context: CommandContext, path: Path) -> None:
    """Refuse, before anything is read, an output path that cannot or must not be written."""
    if path.is_dir():
        raise InputError(
            "--output", f"{path} is a folder; give a file name, e.g. {path / 'streams.csv'}"
        )
    own = owned_file(context.home, path)
    if own is not None:
        raise InputError(
            "--output",
            f"{path} is {own}; writing CSV over it would destroy it: choose another file name",
        )


def _progress_printer(path: Path) -> Any:
    def show(done: int, total: int) -> None:
        print(
            f"\rImporting {path.name}: {done:,} of {counted(total, 'row')}", end="", file=sys.stderr
        )

    return show
