"""``livetally report``: earnings from LIVE gifts and every other source, grouped, and
what pays per hour (``cli.what_pays``).

The streams are added up by SQLite (``Ledger.live_days`` and ``live_tags``); the intervals
of cash per hour need each stream's own figures, read as whole-number columns
(``storage.stream_facts``): a report on 100,000 streams takes a fraction of a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from livetally.cli import what_pays as pays_cli
from livetally.cli import year_report
from livetally.cli.context import CommandContext
from livetally.cli.inputs import date_range_options
from livetally.cli.output import amount, columns, money, print_json
from livetally.core.hourly_wage import MonthWage, hourly_wage_by_month
from livetally.core.money import format_decimal, minor_unit, round_down
from livetally.core.report import Grouping, Report, build_report_from_days, untimed_note
from livetally.core.shares import whole_percents
from livetally.core.sources import source_label
from livetally.core.stream_facts import untimed_streams
from livetally.core.tax import set_aside
from livetally.core.what_pays import (
    CONFIDENCE,
    Dimension,
    PayGroup,
    earnings_report,
    what_pays,
)
from livetally.storage.stream_facts import read_stream_facts

#: ``--by``: the earnings report's groupings, then those only "what pays" makes.
BY_CHOICES = [*(g.value for g in Grouping), *(d.value for d in pays_cli.PAYS_ONLY)]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "report",
        help="earnings by month or source; cash per hour by tag, weekday, hour or length",
        description="Totals in the report currency (settings: [app] currency), converted with "
        "the exchange rates in settings.toml. LIVE gifts come from the stream log, each "
        "stream at the rates it was logged with. Cash per hour (by tag, weekday, start hour, "
        "weekday-hour or length) comes with a 90%% interval; under 8 streams with a "
        "duration a group has too few streams to tell.",
    )
    parser.add_argument("--by", choices=BY_CHOICES, help="how to group (default: month)")
    parser.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="last", metavar="DATE", help="last day (YYYY-MM-DD)")
    parser.add_argument("--currency", metavar="CUR", help="report currency (default: settings)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    year_report.add_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if year_report.wanted(args):
        return year_report.run(args)
    args.by = args.by or Grouping.MONTH.value
    context = CommandContext.open(args)
    settings = context.settings_file.settings
    currency = (args.currency or settings.currency).strip().upper()
    first, last = date_range_options(args.first, args.last)
    rates = settings.exchange_rates
    if args.by in pays_cli.PAYS_ONLY:
        return _run_pays(context, args, Dimension(args.by), currency, first, last)
    grouping = Grouping(args.by)
    pays: dict[str, PayGroup] | None = None
    wages: dict[str, MonthWage] | None = None
    # Monthly and source reports: SQLite adds the streams up per day, so 100,000 streams
    # are never read one by one; the report is the same, exactly (see
    # build_report_from_days). Tag and weekday reports hold no other income; their cash per
    # hour has an interval, which needs each stream's figures: read as columns, and the
    # report's sums made from the same groups.
    with context.ledger_to_read() as ledger:
        if grouping in (Grouping.TAG, Grouping.WEEKDAY):
            dimension = Dimension(grouping.value)
            facts = read_stream_facts(ledger, first, last, [dimension])
            per_usd = rates.units_per_usd(currency)
            groups = what_pays(facts, dimension, per_usd)
            report = earnings_report(grouping, groups, facts, per_usd, currency)
            pays = {group.key: group for group in groups}
        else:
            days = ledger.live_days(first, last)
            income = [entry.record for entry in ledger.income_between(first, last)]
            report = build_report_from_days(grouping, days, income, rates, currency)
    percent = settings.tax_reserve_percent
    if grouping is Grouping.MONTH:  # the wage keeps back the fee and, once set, the tax
        fee = settings.profile().payout_fee_percent
        per_usd = rates.units_per_usd(currency)
        wages = {w.month: w for w in hourly_wage_by_month(days, per_usd, fee, percent)}
    if args.json:
        payload = _payload(report, pays, wages)
        if percent:  # the creator set one: what to keep of this total
            payload["tax_reserve_percent"] = format_decimal(percent)
            payload["tax_set_aside"] = amount(_set_aside(report, percent), report.currency)
        print_json(payload)
    elif not report.groups:
        print("Nothing to report yet: log a stream or add income first.")
    else:
        print(_text(report, pays, wages, settings.profile().payout_fee_percent))
        if percent:
            kept = money(_set_aside(report, percent), report.currency)
            print(f"To set aside for tax ({format_decimal(percent)}% of the total): {kept}")
    return 0


def _set_aside(report: Report, percent: Decimal) -> Decimal:
    """The tax set-aside of the report's total as shown (``[app] tax_reserve_percent``)."""
    step = minor_unit(report.currency)
    return set_aside(round_down(report.total, step), percent, step)


def _run_pays(
    context: CommandContext,
    args: argparse.Namespace,
    dimension: Dimension,
    currency: str,
    first: dt.date | None,
    last: dt.date | None,
) -> int:
    """``report --by hour|weekday-hour|length``: cash per hour by what the earnings report
    does not group by."""
    per_usd = context.settings_file.settings.exchange_rates.units_per_usd(currency)
    with context.ledger_to_read() as ledger:
        facts = read_stream_facts(ledger, first, last, [dimension])
    groups = what_pays(facts, dimension, per_usd)
    total = sum(facts.cash) * facts.unit * per_usd
    untimed = untimed_streams(facts)
    if args.json:
        print_json(pays_cli.pays_payload(dimension, groups, total, untimed, currency))
    elif not len(facts):
        print("Nothing to report yet: log a stream first.")
    else:
        print(pays_cli.pays_text(dimension, groups, total, untimed, currency))
    return 0


def _shown(value: Decimal, currency: str) -> str:
    return amount(round_down(value, minor_unit(currency)), currency)


def _payload(
    report: Report,
    pays: Mapping[str, PayGroup] | None = None,
    wages: Mapping[str, MonthWage] | None = None,
) -> dict[str, Any]:
    """The report as JSON; tag and weekday groups with their interval (``pays``, by group),
    months with their effective hourly wage (``wages``, by month, where streamed)."""
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
            wage = None if wages is None else wages.get(group.key)
            if wage is not None:
                entry["hourly_wage"] = pays_cli.wage_fields(wage, currency)
        else:
            per_hour = group.cash_per_hour
            entry |= {
                "streams": group.streams,
                "hours": str(group.hours.quantize(Decimal("0.01"))),
                "cash_per_hour": None if per_hour is None else _shown(per_hour, currency),
                "streams_without_duration": group.untimed,
            }
            if pays is not None:
                entry |= pays_cli.interval_fields(pays.get(group.key), currency)
        groups[group.key] = entry
    payload[f"by_{report.grouping.value}"] = groups
    return payload


def _text(
    report: Report,
    pays: Mapping[str, PayGroup] | None = None,
    wages: Mapping[str, MonthWage] | None = None,
    fee_percent: Decimal = Decimal(0),
) -> str:
    """The report for people; tag and weekday tables with each group's interval and what
    they allow one to say, the monthly one with the hourly wage below it."""
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
        if wages:
            table += f"\n\n{pays_cli.wage_text(wages, fee_percent, currency)}"
    else:
        rows = [
            (
                group.key,
                str(group.streams),
                f"{group.hours:.1f}",
                shown(group.total),
                "" if group.cash_per_hour is None else shown(group.cash_per_hour),
                *(() if pays is None else (pays_cli.interval_text(pays.get(group.key), currency),)),
            )
            for group in report.groups
        ]
        name = report.grouping.value.capitalize()
        header = (name, "Streams", "Hours", "Cash", "Cash/hour")
        footer = (*total, "", "", shown(report.total), "")
        if pays is None:
            table = columns(header, [*rows, footer])
        else:
            heading += f" ({CONFIDENCE} intervals of cash per hour)"
            table = columns(
                (*header, "90% interval"), [*rows, (*footer, "")], text=frozenset({0, 5})
            )
        if report.untimed:
            table += f"\n{untimed_note(report.untimed)}"
        if pays is not None:
            dimension = Dimension(report.grouping.value)
            table += f"\n{pays_cli.note(list(pays.values()), dimension)}"
    return f"{heading}\n{table}"


def _cell(amounts: dict[str, Decimal], source: str, shown: Callable[[Decimal], str]) -> str:
    """A month's amount from ``source``, blank where there was none (not a misleading 0)."""
    return shown(amounts[source]) if source in amounts else ""
