"""``livetally report --year 2025 [--pdf FILE] [--csv FILE] [--json]``: the year report.

Every option is checked before the ledger is read, and both files are made in memory
before either is written, so a bad option or a failed drawing writes nothing. Each file
is written whole or not at all. Qt is imported only when a PDF is asked for.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.output import amount, count, money, print_json, table
from livetally.core.chart_data import source_label
from livetally.core.money import CENT, InputError, format_decimal
from livetally.core.year_report import FIRST_YEAR, LAST_YEAR, YearReport, build_year_report
from livetally.core.year_report import year_period as period_of
from livetally.datahome import owned_file
from livetally.files import write_bytes_atomic


def add_options(parser: argparse.ArgumentParser) -> None:
    """The year report's options, on ``livetally report``."""
    parser.add_argument(
        "--year",
        metavar="YYYY",
        help="the calendar year's report for your accountant: totals by source and month, "
        "payouts, fees, the tax set-aside, streams and hours (with --pdf and/or --csv)",
    )
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="with --year: write it as PDF")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="with --year: write it as CSV")


def wanted(args: argparse.Namespace) -> bool:
    """Whether the command line asks for a year report (or gives one of its options)."""
    return args.year is not None or args.pdf is not None or args.csv is not None


def run(args: argparse.Namespace) -> int:
    year = _year(args)
    outputs = {"--pdf": args.pdf, "--csv": args.csv}
    context = CommandContext.open(args)
    for option, path in outputs.items():
        if path is not None:
            _check_output(context, option, path)
    if args.pdf is not None and args.csv is not None and _same(args.pdf, args.csv):
        raise InputError("--csv", f"{args.csv} is also the --pdf file; give two file names")
    settings = context.settings_file.settings
    currency = (args.currency or settings.currency).strip().upper()
    first, last = period_of(year)
    with context.ledger_to_read() as ledger:
        report = build_year_report(
            year,
            ledger.live_days(first, last),
            [entry.record for entry in ledger.income_between(first, last)],
            [payout.record for payout in ledger.payouts()],
            settings.exchange_rates,
            currency,
            settings.tax_reserve_percent,
        )
    files: list[tuple[Path, bytes]] = []
    if args.pdf is not None:
        from livetally.ui.year_report_pdf import ensure_gui_application, year_report_pdf

        ensure_gui_application()
        files.append((args.pdf, year_report_pdf(report, dt.date.today())))
    if args.csv is not None:
        from livetally.storage.year_report_csv import year_report_csv

        files.append((args.csv, year_report_csv(report).encode("utf-8")))
    for path, data in files:
        write_bytes_atomic(path, data)
    if args.json:
        print_json(_payload(report))
    elif not files:
        print(_text(report))
    for path, _ in files:
        print(f"Wrote the {year} report to {path}.", file=sys.stderr)
    return 0


def _year(args: argparse.Namespace) -> int:
    """``--year`` as a whole year, and no option it cannot go with."""
    if args.year is None:
        option = "--pdf" if args.pdf is not None else "--csv"
        raise InputError(option, "needs --year YYYY: the file is a calendar year's report")
    clashing = [o for o, v in (("--by", args.by), ("--from", args.first), ("--to", args.last))
                if v is not None]  # fmt: skip
    if clashing:
        raise InputError(
            "--year",
            f"cannot go with {', '.join(clashing)}: a year report covers January to December",
        )
    text = str(args.year).strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InputError("--year", f"expected a year such as 2025, got {args.year!r}")
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError("--year", f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {text}")
    return year


def _check_output(context: CommandContext, option: str, path: Path) -> None:
    """Refuse, before anything is read, a file that cannot or must not be written."""
    if path.is_dir():
        example = path / f"livetally-year.{option.removeprefix('--')}"
        raise InputError(option, f"{path} is a folder; give a file name, e.g. {example}")
    own = owned_file(context.home, path)
    if own is not None:
        raise InputError(
            option, f"{path} is {own}; writing over it would destroy it: choose another file name"
        )


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _payload(report: YearReport) -> dict[str, Any]:
    code = report.currency

    def shown(value: Decimal) -> str:
        return amount(report.shown(value), code)

    paid = report.payouts
    return {
        "year": report.year,
        "period": {"first": report.first.isoformat(), "last": report.last.isoformat()},
        "currency": code,
        "exchange_rates": {c: format_decimal(r) for c, r in report.rates_used.items()},
        "total": shown(report.total),
        "by_source": {s: shown(v) for s, v in report.by_source.items()},
        "by_month": {
            month: {
                "total": shown(report.month_total(month)),
                "by_source": {
                    s: shown(report.amount(month, s))
                    for s in report.sources
                    if report.amount(month, s)
                },
            }
            for month in report.months
        },
        "tax_reserve_percent": format_decimal(report.tax_reserve_percent),
        "tax_set_aside": amount(report.tax_set_aside, code),
        "payouts": {
            "count": paid.count,
            "diamonds": paid.diamonds,
            "received": shown(paid.received),
            "fees": shown(paid.fees),
        },
        "streams": report.streams,
        "hours": str(report.hours.quantize(CENT)),
        "streams_without_duration": report.untimed,
    }


def _text(report: YearReport) -> str:
    code = report.currency

    def shown(value: Decimal) -> str:
        return money(report.shown(value), code)

    paid = report.payouts
    rows = [(source_label(s), shown(v)) for s, v in report.by_source.items()]
    rows.append(("Total", shown(report.total)))
    if report.tax_reserve_percent:
        rows.append(
            (
                f"Tax set-aside ({format_decimal(report.tax_reserve_percent)}%)",
                money(report.tax_set_aside, code),
            )
        )
    rows += [
        (f"Payouts received ({count(paid.count)})", shown(paid.received)),
        ("Payout fees", shown(paid.fees)),
        ("LIVE streams", count(report.streams)),
        ("Hours", f"{report.hours:.1f}"),
    ]
    heading = f"Year report {report.year} ({report.first} to {report.last}), in {code}"
    hint = "Add --pdf FILE or --csv FILE for the whole report, month by month."
    return f"{heading}\n{table(rows)}\n{hint}"
