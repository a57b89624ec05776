"""The Income streams chart: a stacked bar per month, a colour per source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from livetally.core.chart_data import MonthlyIncome, monthly_income_csv, source_label
from livetally.core.records import (
    BUILTIN_SOURCE_LIST,
    BUILTIN_SOURCES,
    LIVE_GIFTS,
)
from livetally.files import write_text_atomic
from livetally.models.formatting import Formatter
from livetally.ui.charts.axes import label_axis, set_value_range, value_axis
from livetally.ui.charts.base import PALETTE, Chart, Colours

#: Built-in sources keep their colour whichever others are shown; user sources take the rest.
_SOURCE_COLOURS = {source.id: source.colour for source in (LIVE_GIFTS, *BUILTIN_SOURCE_LIST)}
_USER_COLOURS = (6, 7, 5, 4, 3, 2, 1, 0)

#: Up to this many months, each bar has its total written over it (more would collide).
_MAX_MONTH_TOTALS = 12


def source_colour(source: str, user_index: int = 0) -> str:
    """A source's colour: fixed for the built-in ones, so the legend never swaps them."""
    if source in _SOURCE_COLOURS:
        return PALETTE[_SOURCE_COLOURS[source]]
    return PALETTE[_USER_COLOURS[user_index % len(_USER_COLOURS)]]


class IncomeByMonthChart(Chart):
    """Stacked bars, one per month, one colour per income source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Log a stream or add income to see your earnings by month here.",
            "Income by month chart",
            parent,
        )
        self._data: MonthlyIncome | None = None
        self._projection: tuple[Projection, ...] = ()
        self._bars: dict[str, Any] = {}
        self._totals: list[str] = []

    def set_data(self, data: MonthlyIncome, projection: Sequence[Projection] = ()) -> None:
        """Show ``data``; ``projection``: months to come (this one and the next), drawn
        lighter after what was earned, with their 90% range as an error bar."""
        self._data = data
        self._projection = tuple(projection)
        self._data_changed()

    def projected_months(self) -> dict[str, tuple[float, float, float]]:
        """Month to (projected, low, high) as drawn, in the chart's currency."""
        if not self.is_showing_plot():
            return {}
        return {
            p.month: (float(p.projected), float(p.low), float(p.high)) for p in self._projection
        }

    def has_data(self) -> bool:
        return self._data is not None and not self._data.is_empty

    def plotted_bars(self) -> dict[str, list[float]]:
        """Source key to its bar heights per month as drawn, in the chart's currency."""
        if not self.is_showing_plot():
            return {}
        return {
            source: [float(h) for h in bar.opts["height"]] for source, bar in self._bars.items()
        }

    def month_labels(self) -> list[str]:
        """The month names written under the bars as last drawn (every n-th when they
        would not fit side by side)."""
        if not self.is_showing_plot():
            return []
        labels: list[str] = self._plot.getPlotItem().getAxis("bottom").labels()
        return labels

    def export_csv(self, path: Path) -> None:
        """Write the figures behind the chart, as :func:`monthly_income_csv` gives them."""
        if self._data is None or self._data.is_empty:
            raise ValueError("there is nothing to export yet")
        write_text_atomic(path, monthly_income_csv(self._data))

    def _axis_items(self, pg: Any) -> dict[str, Any]:
        return {"left": value_axis(pg, "left"), "bottom": label_axis(pg)}

    def month_totals(self) -> list[str]:
        """The totals written over the bars, left to right (months with income only)."""
        return list(self._totals) if self.is_showing_plot() else []

    def _clear(self) -> None:
        super()._clear()
        self._bars = {}
        self._totals = []

    def _draw(self, pg: Any, plot: Any, colours: Colours) -> None:
        assert self._data is not None
        data = self._data
        xs = [float(index) for index in range(len(data.months))]
        bottoms = [Decimal(0)] * len(data.months)
        user_sources = [s for s in data.sources if s not in BUILTIN_SOURCES]
        for source in data.sources:
            amounts = [data.amount(month, source) for month in data.months]
            user_index = user_sources.index(source) if source in user_sources else 0
            bar = pg.BarGraphItem(
                x=xs,
                y0=[float(b) for b in bottoms],
                height=[float(a) for a in amounts],
                width=0.7,
                brush=source_colour(source, user_index),
                pen=pg.mkPen(colours.base, width=1),  # a thin gap between stacked sources
            )
            plot.addItem(bar)
            self._legend.addItem(bar, source_label(source))
            self._bars[source] = bar
            bottoms = [b + a for b, a in zip(bottoms, amounts, strict=True)]
        months = list(data.months)
        highest_projected = self._draw_projection(pg, plot, colours, months, bottoms)
        plot.getAxis("bottom").set_labels([_month_label(m) for m in months])
        plot.setLabel("left", f"Income ({data.currency})")
        plot.setXRange(-0.6, len(months) - 0.4, padding=0)
        highest = max(float(max(bottoms, default=Decimal(0))), highest_projected)
        if len(data.months) <= _MAX_MONTH_TOTALS:
            # Each month's total over its bar: a $20 month beside a $900 one is a sliver,
            # but its figure still says it is there. Room above the tallest for its figure.
            highest *= 1.12
            formatter = Formatter()
            for x, month in zip(xs, data.months, strict=True):
                total = data.month_totals[month]
                if total:
                    text = formatter.money(total, data.currency)
                    label = pg.TextItem(text, color=colours.text, anchor=(0.5, 1))
                    label.setPos(x, float(total))
                    plot.addItem(label)
                    self._totals.append(text)
        set_value_range(plot, "y", highest)

    def _draw_projection(
        self, pg: Any, plot: Any, colours: Colours, months: list[str], earned: list[Decimal]
    ) -> float:
        """Lighter bars from what each projected month has earned so far up to its
        projection, and the 90% range as an error bar; months not shown yet (the quiet ones
        up to now, the next) are added to ``months``. The highest point drawn."""
        if not self._projection:
            return 0.0
        import numpy as np

        for projection in self._projection:  # in month order: this one, then the next
            if not months:
                months.append(projection.month)
            elif projection.month > months[-1]:
                months.extend(_months_through(months[-1], projection.month))
        xs, bottoms, heights, lows, highs = [], [], [], [], []
        for projection in self._projection:
            index = months.index(projection.month)
            so_far = float(earned[index]) if index < len(earned) else 0.0
            xs.append(float(index))
            bottoms.append(so_far)
            heights.append(max(float(projection.projected) - so_far, 0.0))
            lows.append(float(projection.low))
            highs.append(float(projection.high))
        light = QColor(colours.text)
        light.setAlpha(45)
        bar = pg.BarGraphItem(
            x=xs,
            y0=bottoms,
            height=heights,
            width=0.7,
            brush=light,
            pen=pg.mkPen(colours.text, width=1, style=Qt.PenStyle.DashLine),
        )
        plot.addItem(bar)
        self._legend.addItem(bar, "Projected (90% range)")
        tops = [b + h for b, h in zip(bottoms, heights, strict=True)]
        plot.addItem(
            pg.ErrorBarItem(
                x=np.array(xs),
                y=np.array(tops),
                top=np.array([hi - t for hi, t in zip(highs, tops, strict=True)]).clip(0),
                bottom=np.array([t - lo for lo, t in zip(lows, tops, strict=True)]).clip(0),
                beam=0.25,
                pen=pg.mkPen(colours.text, width=1.5),
            )
        )
        return max(highs, default=0.0)


def _months_through(start: str, end: str) -> list[str]:
    """``YYYY-MM`` from the month after ``start`` to ``end``, inclusive (empty if none)."""
    year, month = map(int, start.split("-"))
    last = tuple(map(int, end.split("-")))
    found = []
    while (year, month) < last:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        found.append(f"{year:04d}-{month:02d}")
    return found


@dataclass(frozen=True)
class Projection:
    """A month to come as the forecast sees it, in the chart's currency."""

    month: str  # YYYY-MM
    projected: Decimal
    low: Decimal
    high: Decimal


def _month_label(month: str) -> str:
    """``2026-01`` as the locale writes it, such as ``Jan 2026``."""
    year, number = month.split("-")
    name = QLocale().monthName(int(number), QLocale.FormatType.ShortFormat)
    return f"{name} {year}"
