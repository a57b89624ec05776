"""The Stream log's cash-per-hour-by-tag chart: which tactic pays, best at the top."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from livetally.core.chart_data import TagRate, TagRates
from livetally.models.formatting import Formatter
from livetally.ui.charts.axes import set_value_range, value_axis
from livetally.ui.charts.base import PALETTE, Chart, Colours

#: Longer tag names are shortened with "..." on the axis, so the bars keep their room.
_MAX_TAG_WIDTH = 200


class CashPerHourByTagChart(Chart):
    """One bar per tag, best first, with the hourly figure written at the end of each bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Log streams with a length and tags to compare what each tactic pays per hour.",
            "Cash per hour by tag chart",
            parent,
        )
        self._rates: Sequence[TagRate] = ()
        self._bars: Any = None
        self._note = QLabel(self)
        self._note.setObjectName("chartNote")
        self._note.setWordWrap(True)
        self._note.setContentsMargins(8, 4, 8, 4)
        self._note.hide()
        self._layout.addWidget(self._note)

    @property
    def note(self) -> QLabel:
        """Says which tags and streams are left out for having no logged length."""
        return self._note

    def set_data(self, rates: Sequence[TagRate]) -> None:
        self._rates = list(rates)
        self._set_note(rates)
        self._data_changed()

    def has_data(self) -> bool:
        return bool(self._rates)

    def plotted_bars(self) -> dict[str, float]:
        """Tag (as labelled on the axis) to the bar's length as drawn, in USD per hour."""
        if self._bars is None or not self.is_showing_plot():
            return {}
        # pyqtgraph keeps the ticks given to setTicks here (no public getter; pinned < 0.15).
        ticks = self._plot.getPlotItem().getAxis("left")._tickLevels[0]
        names = dict(ticks)
        return {
            names[float(y)]: float(width)
            for y, width in zip(self._bars.opts["y"], self._bars.opts["width"], strict=True)
        }

    def _axis_items(self, pg: Any) -> dict[str, Any]:
        return {"bottom": value_axis(pg, "bottom")}

    def _clear(self) -> None:
        super()._clear()
        self._bars = None

    def _set_note(self, rates: Sequence[TagRate]) -> None:
        parts = []
        if isinstance(rates, TagRates):
            if rates.without_hours:
                tags = ", ".join(rates.without_hours)
                their = "its" if len(rates.without_hours) == 1 else "their"
                parts.append(f"No rate for {tags}: none of {their} streams has a length logged.")
            if rates.untimed_streams:
                count = rates.untimed_streams
                parts.append(
                    "1 stream has no length logged, so it counts towards no rate."
                    if count == 1
                    else f"{count} streams have no length logged, so they count towards no rate."
                )
        self._note.setText(" ".join(parts))
        self._note.setVisible(bool(parts))

    def _draw(self, pg: Any, plot: Any, colours: Colours) -> None:
        rates = self._rates
        count = len(rates)
        ys = [float(count - 1 - index) for index in range(count)]  # best at the top
        widths = [float(rate.cash_per_hour_usd) for rate in rates]
        self._bars = pg.BarGraphItem(
            x0=0.0, y=ys, height=0.6, width=widths, brush=PALETTE[0], pen=None
        )
        plot.addItem(self._bars)
        axis = plot.getAxis("left")
        metrics = QFontMetrics(self.font())
        names = [
            metrics.elidedText(rate.tag, Qt.TextElideMode.ElideRight, _MAX_TAG_WIDTH)
            for rate in rates
        ]
        axis.setTicks([list(zip(ys, names, strict=True))])
        # pyqtgraph drops tick labels wider than the axis instead of widening it.
        axis.setWidth(max(metrics.horizontalAdvance(name) for name in names) + 16)
        plot.setLabel("bottom", "Cash per hour (USD)")
        plot.showGrid(x=True, y=False, alpha=0.15)
        formatter = Formatter()
        for y, rate in zip(ys, rates, strict=True):
            streams = "stream" if rate.streams == 1 else "streams"
            text = f" {formatter.money(rate.cash_per_hour_usd)}/h · {rate.streams} {streams}"
            label = pg.TextItem(text, color=colours.text, anchor=(0, 0.5))
            label.setPos(float(rate.cash_per_hour_usd), y)
            plot.addItem(label)
        set_value_range(plot, "x", max(widths) * 1.35)  # room for the bar labels
        slots = max(count, 4)  # a lone tag gets a bar, not a wall
        plot.setYRange(count - slots - 0.4, count - 0.4, padding=0)
