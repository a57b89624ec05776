"""``livetally report``: earnings from LIVE gifts and every other source, grouped.

The streams are added up by SQLite (``Ledger.live_days`` and ``live_tags``), never read one
by one: a report on 100,000 streams takes a fraction of a second.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.inputs import date_range_options
from livetally.cli.output import amount, columns, money, print_json
from livetally.core.money import minor_unit, round_down
from livetally.core.report import (
    Grouping,
    Report,
    build_report_from_days,
    build_tag_report,
    untimed_note,
)
from livetally.core.shares import whole_percents
from livetally.core.sources import source_label


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "report",
        help="earnings by month, source, tag or weekday",
        description="Totals in the report currency (settings: [app] currency), converted with "
        "the exchange rates in settings.toml. LIVE gifts come from the stream log, each "
        "stream at the rates it was logged with.",
    )
    parser.add_argument("--by", choices=[g.value for g in Grouping], default="month")
    parser.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="last", metavar="DATE", help="last day (YYYY-MM-DD)")
    parser.add_argument("--currency", metavar="CUR", help="report currency (default: settings)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    settings = context.settings_file.settings
    currency = (args.currency or settings.currency).strip().upper()
    first, last = date_range_options(args.first, args.last)
    grouping = Grouping(args.by)
    rates = settings.exchange_rates
    # SQLite adds the streams up per day (or per tag), so 100,000 streams are never read one
    # by one; the report is the same, exactly (see build_report_from_days). Tag and weekday
    # reports hold no other income, so it is not read for them.
    with context.ledger_to_read() as ledger:
        days = ledger.live_days(first, last)
        if grouping is Grouping.TAG:
            report = build_tag_report(ledger.live_tags(first, last), days, rates, currency)
        else:
            income = (
                [entry.record for entry in ledger.income_between(first, last)]
                if grouping in (Grouping.MONTH, Grouping.SOURCE)
                else []
            )
            report = build_report_from_days(grouping, days, income, rates, currency)
    if args.json:
        print_json(_payload(report))
    elif not report.groups:
        print("Nothing to report yet: log a stream or add income first.")
    else:
        print(_text(report))
    return 0


def _shown(value: Decimal, currency: str) -> str:
    return amount(round_down(value, minor_unit(currency)), currency)


def _payload(report: Report) -> dict[str, Any]:
    currency = report.currency
    payload: dict[str, Any] = {"currency": currency, "total": _shown(report.total, currency)}
    if report.grouping is Grouping.SOURCE:
        payload["by_source"] = {s: _shown(v, currency) for s, v in report.by_source().items()}
        return payload
    groups: dict[str, Any] = {}
    for group in report.groups:
        entry: dict[str, Any] = {"total": _shown(group.total, currency)}
        if report.grouping is Grouping.MONTH:
            entry["by_source"] = {s: _shown(v, currency) for s, v in group.by_source.items()}
        else:
            per_hour = group.cash_per_hour
            entry |= {
                "streams": group.streams,
                "hours": str(group.hours.quantize(Decimal("0.01"))),
                "cash_per_hour": None if per_hour is None else _shown(per_hour, currency),
                "streams_without_duration": group.untimed,
            }
        groups[group.key] = entry
    payload[f"by_{report.grouping.value}"] = groups
    return payload


def _text(report: Report) -> str:
    currency = report.currency

    def shown(value: Decimal) -> str:
        return money(round_down(value, minor_unit(currency)), currency)

    heading = f"Earnings by {report.grouping.value}, in {currency}"
    total = ("Total",)
    rows: list[tuple[str, ...]]
    if report.grouping is Grouping.SOURCE:
        totals = report.by_source()
        shares = whole_percents(totals)  # adding up to exactly 100%
        rows = [
            (source_label(source), shown(value), f"{shares[source]}%" if report.total else "")
            for source, value in totals.items()
        ]
        table = columns(("Source", "Amount", "Share"), [*rows, (*total, shown(report.total), "")])
    elif report.grouping is Grouping.MONTH:
        sources = list(report.by_source())
        rows = [
            (group.key, *(_cell(group.by_source, source, shown) for source in sources),
             shown(group.total))
            for group in report.groups
        ]  # fmt: skip
        footer = (*total, *("" for _ in sources), shown(report.total))
        names = (source_label(source) for source in sources)
        table = columns(("Month", *names, "Total"), [*rows, footer])
    else:
        rows = [
            (
                group.key,
                str(group.streams),
                f"{group.hours:.1f}",
                shown(group.total),
                "" if group.cash_per_hour is None else shown(group.cash_per_hour),
            )
            for group in report.groups
        ]
        name = report.grouping.value.capitalize()
        footer = (*total, "", "", shown(report.total), "")
        table = columns((name, "Streams", "Hours", "Cash", "Cash/hour"), [*rows, footer])
        if report.untimed:
            table += f"\n{untimed_note(report.untimed)}"
    return f"{heading}\n{table}"


def _cell(amounts: dict[str, Decimal], source: str, shown: Callable[[Decimal], str]) -> str:
    """A month's amount from ``source``, blank where there was none (not a misleading 0)."""
    return shown(amounts[source]) if source in amounts else ""
