"""The year report as CSV, for a spreadsheet or an accountant.

Two tables, a blank line apart. First the year as a whole (``item,detail,value``): the
period, the LiveTally version, the currency and the exchange rates used, the totals by
source, the tax set-aside, payouts, fees, streams and hours. Then one row per month and
source (``month,source,amount,currency,streams,hours``; streams and hours on the LIVE
gifts rows), every month and every source of the year, a quiet month at 0, so the column
adds up to the year's total give or take the rounding of each row.

Amounts are written as every view shows them, rounded down to the currency's minor unit,
with all their places (``59.60``) and no grouping, so spreadsheets read them as numbers.
Every cell goes through :func:`~livetally.storage.csv_format.escape_formula`: a source the
creator named ``=HYPERLINK(...)`` is text, not a formula.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from livetally import __version__
from livetally.core.money import format_decimal
from livetally.core.records import LIVE_GIFTS_SOURCE
from livetally.core.year_report import YearReport
from livetally.storage.csv_format import escape_formula

SUMMARY_COLUMNS = ("item", "detail", "value")
MONTH_COLUMNS = ("month", "source", "amount", "currency", "streams", "hours")


def year_report_csv(report: YearReport) -> str:
    """The whole CSV text (``\\r\\n`` line ends, as Excel writes them); write it as UTF-8."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=",",
        quotechar='"',
        doublequote=True,
        quoting=csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    for row in [SUMMARY_COLUMNS, *_summary(report), (), MONTH_COLUMNS, *_months(report)]:
        writer.writerow([escape_formula(cell) for cell in row])
    return buffer.getvalue()


def _money(report: YearReport, value: Decimal) -> str:
    """``59.60``, ``60291``: rounded down to the minor unit, every place written."""
    return f"{report.shown(value):f}"


def _hours(minutes: int) -> str:
    return f"{(Decimal(minutes) / 60).quantize(Decimal('0.01')):f}"


def _summary(report: YearReport) -> list[tuple[str, ...]]:
    code = report.currency
    rows: list[tuple[str, ...]] = [
        ("report", "LiveTally year report", str(report.year)),
        ("period", f"{report.first.isoformat()} to {report.last.isoformat()}", ""),
        ("livetally version", __version__, ""),
        ("currency", code, ""),
    ]
    rows += [
        ("exchange rate", f"{other} per 1 USD", format_decimal(rate))
        for other, rate in report.rates_used.items()
    ] or [("exchange rate", "none: every amount was in USD", "")]
    rows.append(("total", "all sources", _money(report, report.total)))
    rows += [("total", source, _money(report, v)) for source, v in report.by_source.items()]
    percent = format_decimal(report.tax_reserve_percent)
    rows.append(
        (
            "tax set-aside",
            f"{percent}% of the total (your own estimate, not tax advice)",
            _money(report, report.tax_set_aside),
        )
    )
    paid = report.payouts
    rows += [
        (
            "payouts received",
            f"{paid.count} payouts of {paid.diamonds} diamonds in all",
            _money(report, paid.received),
        ),
        ("payout fees", "kept by the payout method", _money(report, paid.fees)),
        ("streams", "LIVE streams started in the year", str(report.streams)),
        ("hours", "streamed, of the streams logged with a duration", _hours(report.minutes)),
        ("streams without a duration", "not in the hours", str(report.untimed)),
    ]
    return rows


def _months(report: YearReport) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for month in report.months:
        group = report.by_month.get(month)
        for source in report.sources:
            live = source == LIVE_GIFTS_SOURCE
            streams = (group.streams if group else 0) if live else None
            minutes = (group.minutes if group else 0) if live else None
            rows.append(
                (
                    month,
                    source,
                    _money(report, report.amount(month, source)),
                    report.currency,
                    "" if streams is None else str(streams),
                    "" if minutes is None else _hours(minutes),
                )
            )
    return rows
