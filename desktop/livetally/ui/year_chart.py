"""The year report's chart: income per month, stacked by source, drawn with QPainter.

Drawn straight onto an image rather than through pyqtgraph: a PDF made from the command
line then needs neither pyqtgraph nor numpy, nor a window. Amounts become floats here as
drawing coordinates only; every figure printed comes from the report's Decimals.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from livetally.core.chart_data import source_label
from livetally.core.money import round_up
from livetally.core.records import BUILTIN_SOURCES, LIVE_GIFTS_SOURCE
from livetally.core.year_report import YearReport
from livetally.models.formatting import Formatter
from livetally.ui.charts import source_colour

MONTH_LABELS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Pixels of the image: twice what it takes on an A4 page at 96 dpi, so print stays sharp.
SIZE = (2000, 900)
_INK = QColor("#202020")
_GRID = QColor("#d0d0d0")
_RIGHT_MIDDLE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def monthly_chart(report: YearReport, formatter: Formatter | None = None) -> QImage:
    """Twelve bars, one per month, each split into its sources, with a legend and a scale."""
    fmt = formatter or Formatter()
    width, height = SIZE
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setPixelSize(34)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        legend_bottom = _legend(painter, report, metrics, width)
        totals = [report.month_total(month) for month in report.months]
        top = max(totals, default=Decimal(0))
        step = _step(top)
        ticks = max(int(round_up(top / step)), 1)
        labels = [fmt.number(step * n, 0 if step >= 1 else 2) for n in range(ticks + 1)]
        labels[-1] = f"{labels[-1]} {report.currency}"
        left = 30 + max(metrics.horizontalAdvance(label) for label in labels)
        plot = QRectF(left, legend_bottom + 30, width - left - 20, 0)
        plot.setBottom(height - metrics.height() - 30)
        scale = plot.height() / float(step * ticks)
        for n, label in enumerate(labels):
            y = plot.bottom() - float(step * n) * scale
            painter.setPen(QPen(_GRID, 2))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(_INK)
            box = QRectF(0, y - metrics.height() / 2, left - 15, metrics.height())
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )
        slot = plot.width() / len(report.months)
        for index, month in enumerate(report.months):
            x = plot.left() + slot * index
            y = plot.bottom()
            for user, source in _colours(report):
                amount = report.amount(month, source)
                if amount <= 0:
                    continue
                bar = float(amount) * scale
                painter.fillRect(
                    QRectF(x + slot * 0.15, y - bar, slot * 0.7, bar),
                    QColor(source_colour(source, user)),
                )
                y -= bar
            painter.setPen(_INK)
            under = QRectF(x, plot.bottom() + 8, slot, metrics.height())
            painter.drawText(under, Qt.AlignmentFlag.AlignHCenter, MONTH_LABELS[index])
        painter.setPen(QPen(_INK, 2))
        painter.drawLine(
            int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom())
        )
    finally:
        painter.end()
    return image


def _colours(report: YearReport) -> list[tuple[int, str]]:
    """Each source with the index that picks a user source's colour, counted as the income
    tab's chart counts them (LIVE gifts, then the user's own A to Z), so a source has the
    same colour in both; built-in sources have fixed colours anyway."""
    users = sorted(
        (s for s in report.sources if s not in BUILTIN_SOURCES),
        key=lambda s: (s != LIVE_GIFTS_SOURCE, s),
    )
    return [(users.index(s) if s in users else 0, s) for s in report.sources]


def _legend(painter: QPainter, report: YearReport, metrics: QFontMetricsF, width: int) -> float:
    """The sources' colours in rows across the top; returns where the rows end."""
    x, y = 20.0, 20.0
    line = metrics.height() + 12
    for user, source in _colours(report):
        label = source_label(source)
        needed = 50 + metrics.horizontalAdvance(label) + 40
        if x + needed > width and x > 20:
            x, y = 20.0, y + line
        swatch = QRectF(x, y + (metrics.height() - 32) / 2, 40, 32)
        painter.fillRect(swatch, QColor(source_colour(source, user)))
        painter.setPen(_INK)
        painter.drawText(QRectF(x + 50, y, needed, metrics.height()), label)
        x += needed
    return y + metrics.height()


def _step(top: Decimal) -> Decimal:
    """A round distance between grid lines (1, 2 or 5 times a power of ten) that puts about
    five lines under ``top``."""
    if top <= 0:
        return Decimal(1)
    rough = top / 5
    power = Decimal(10) ** (rough.adjusted())
    for factor in (1, 2, 5, 10):
        if power * factor >= rough:
            return power * factor
    return power * 10  # pragma: no cover - the loop ends at 10, which always suffices
