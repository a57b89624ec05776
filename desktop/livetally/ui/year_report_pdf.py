"""The year report as a PDF, with Qt's own QPdfWriter and QTextDocument.

The page is HTML laid out by QTextDocument, so it paginates itself; the monthly chart is
drawn into an image (``ui.year_chart``) that the document holds as a resource. Every
figure is formatted from the report's Decimals, rounded once, as the window shows it.
Qt needs a QGuiApplication for fonts: the window has one, and the command line makes an
off-screen one (:func:`ensure_gui_application`), so no window ever opens.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from decimal import Decimal
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from livetally import __version__
from livetally.core.chart_data import source_label
from livetally.core.money import ZERO, format_decimal, minor_unit, round_half_up
from livetally.core.year_report import YearReport
from livetally.files import write_bytes_atomic
from livetally.models.formatting import Formatter
from livetally.ui.year_chart import SIZE, monthly_chart

_CHART_URL = QUrl("livetally-chart:months")
_DPI = 96
#: The chart's width on the page, in the document's pixels (the text is about 680 wide).
_CHART_WIDTH = 640
_STYLE = """
body { font-size: 9pt; color: #202020; }
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 12pt; margin-top: 14px; margin-bottom: 4px; }
th { background-color: #eeeeee; text-align: left; padding: 3px 6px; }
td { padding: 2px 6px; }
td.n, th.n { text-align: right; white-space: nowrap; }
table.months td, table.months th { font-size: 8pt; padding: 2px 4px; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1px solid #202020; }
p.note { font-size: 8pt; color: #505050; }
"""

#: An amount in the report currency as the page shows it.
Money = Callable[[Decimal], str]
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_application: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """A QGuiApplication for fonts and painting, off-screen unless the environment names a
    platform, when a command-line command draws a PDF (the window has its own)."""
    global _application
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application = QGuiApplication([])


def year_report_pdf(report: YearReport, made_on: dt.date) -> bytes:
    """The whole PDF (A4), its period, version and ``made_on`` date stated on the page."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"LiveTally year report {report.year}")
    writer.setCreator(f"LiveTally {__version__}")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(_DPI)  # the document's pixels are the page's: 96 to the inch
    document = QTextDocument()
    font = QFont()
    font.setPointSize(9)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(_STYLE)
    document.addResource(
        QTextDocument.ResourceType.ImageResource.value, _CHART_URL, monthly_chart(report)
    )
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.setHtml(year_report_html(report, made_on))
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    data = bytes(buffer.data().data())
    buffer.close()
    return data


def write_year_report_pdf(report: YearReport, path: Path, made_on: dt.date) -> None:
    """Write the PDF to ``path`` whole or not at all: any old file stays until it is done."""
    write_bytes_atomic(path, year_report_pdf(report, made_on))


def year_report_html(report: YearReport, made_on: dt.date) -> str:
    """The report's page as the HTML subset QTextDocument lays out."""
    fmt = Formatter()
    code = report.currency

    def money(value: Decimal) -> str:
        return fmt.money(report.shown(value), code)

    percent = report.tax_reserve_percent
    taxed = percent > 0
    paid = report.payouts
    parts = [
        f"<h1>LiveTally year report {report.year}</h1>",
        f"<p>Period: {_day(report.first)} to {_day(report.last)}. All amounts in {code}. "
        f"Made with LiveTally {escape(__version__)} on {_day(made_on)}.</p>",
        "<h2>The year at a glance</h2><table width='100%' cellspacing='0'>",
        _row("Income, all sources", money(report.total)),
        _row(
            f"Tax set-aside ({format_decimal(percent)}%, your own estimate)",
            money(report.tax_set_aside),
        )
        if taxed
        else _row("Tax set-aside", "not set ([app] tax_reserve_percent in settings.toml)"),
        _row(
            f"Payouts received from TikTok ({fmt.count(paid.count)}, "
            f"{fmt.count(paid.diamonds)} diamonds)",
            money(paid.received),
        ),
        _row("Fees kept by the payout method", money(paid.fees)),
        _row("LIVE streams", fmt.count(report.streams)),
        _row("Hours streamed", _hours(fmt, report.minutes)),
        "</table>",
    ]
    if report.untimed:
        parts.append(
            f"<p class='note'>{fmt.count(report.untimed)} of the streams had no duration "
            "logged and are not in the hours.</p>"
        )
    parts += _by_source(report, money, fmt)
    places = 0 if minor_unit(code) == 1 else 2
    parts += _by_month(report, lambda value: fmt.number(report.shown(value), places), fmt, taxed)
    parts += _notes(report, taxed)
    return "".join(parts)


def _by_source(report: YearReport, money: Money, fmt: Formatter) -> list[str]:
    rows = [
        "<h2>By source</h2><table width='100%' cellspacing='0'>",
        "<tr><th>Source</th><th class='n'>Amount</th><th class='n'>Share</th></tr>",
    ]
    for source, value in report.by_source.items():
        share = fmt.percent(value / report.total) if report.total else ""
        rows.append(
            f"<tr><td>{escape(source_label(source))}</td><td class='n'>{money(value)}</td>"
            f"<td class='n'>{share}</td></tr>"
        )
    rows.append(
        f"<tr class='total'><td>Total</td><td class='n'>{money(report.total)}</td><td></td></tr>"
    )
    rows.append("</table>")
    return rows


def _by_month(report: YearReport, money: Money, fmt: Formatter, taxed: bool) -> list[str]:
    """The chart, then a row per month: amounts without the currency (the heading names
    it), so that a column per source fits across the page."""
    width, height = SIZE
    shown_height = round(_CHART_WIDTH * height / width)
    heads = [escape(source_label(s)) for s in report.sources]
    heads += ["Total", *(["Set aside"] if taxed else []), "Streams", "Hours"]
    rows = [
        f"<h2>By month, in {escape(report.currency)}</h2>",
        f"<p><img src='{_CHART_URL.toString()}' width='{_CHART_WIDTH}' "
        f"height='{shown_height}'></p>",
        "<table class='months' width='100%' cellspacing='0'><tr><th>Month</th>",
        *(f"<th class='n'>{head}</th>" for head in heads),
        "</tr>",
    ]
    for index, month in enumerate(report.months):
        group = report.by_month.get(month)
        total = report.month_total(month)
        amounts = [report.amount(month, source) for source in report.sources]
        cells = [money(amount) if amount else "" for amount in amounts]  # blank, not a 0
        cells.append(money(total))
        if taxed:
            cells.append(money(report.set_aside(total)))
        cells.append(fmt.count(group.streams if group else 0))
        cells.append(_hours(fmt, group.minutes if group else 0))
        rows.append(f"<tr><td>{_MONTH_NAMES[index]}</td>")
        rows += [f"<td class='n'>{cell}</td>" for cell in cells]
        rows.append("</tr>")
    footer = [money(report.by_source[source]) for source in report.sources]
    footer.append(money(report.total))
    if taxed:
        footer.append(money(report.tax_set_aside))
    footer += [fmt.count(report.streams), _hours(fmt, report.minutes)]
    rows.append("<tr class='total'><td>Year</td>")
    rows += [f"<td class='n'>{cell}</td>" for cell in footer]
    rows.append("</tr></table>")
    return rows


def _notes(report: YearReport, taxed: bool) -> list[str]:
    rates = ", ".join(
        f"{escape(code)} {format_decimal(rate)}" for code, rate in report.rates_used.items()
    )
    used = (
        f"Exchange rates used, in units per 1 USD (settings.toml when this report was made): "
        f"{rates}."
        if rates
        else "No exchange rate was needed: every amount was in USD."
    )
    notes = [
        "<h2>How these figures are worked out</h2>",
        f"<p class='note'>{used}</p>",
        "<p class='note'>LIVE gifts are each stream's diamonds at the diamond value it was "
        "logged with, in USD, dated by the day the stream started on the creator's own "
        "clock. Payouts and their fees are in USD as recorded. Every amount is rounded down "
        f"to the smallest unit of {escape(report.currency)} on its own, so a column may add "
        "up to slightly less than its total.</p>",
    ]
    if taxed:
        notes.append(
            "<p class='note'>The tax set-aside is "
            f"{format_decimal(report.tax_reserve_percent)}% of each amount shown, rounded up: "
            "the percentage is the creator's own estimate ([app] tax_reserve_percent in "
            "settings.toml), not tax advice. The year's set-aside is that of the year's "
            "total; the months' may add up to a little more.</p>"
        )
    return notes


def _row(label: str, value: str) -> str:
    return f"<tr><td>{escape(label)}</td><td class='n'>{escape(value)}</td></tr>"


def _hours(fmt: Formatter, minutes: int) -> str:
    hours = round_half_up(Decimal(minutes) / 60, Decimal("0.1")) if minutes else ZERO
    return fmt.number(hours, 1)


def _day(day: dt.date) -> str:
    """``1 January 2025``, in English whatever the C library's locale (Qt sets it)."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
