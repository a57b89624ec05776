"""Charts of what pays: cash per hour by weekday and start hour (a heat map), and by stream
length with its 90% interval ("does streaming longer pay?").

Built like the other Stream log charts (``ui.charts``): pyqtgraph is imported only when a
chart is drawn, the figures are worked out a step per turn of the event loop, and a chart
with nothing to draw shows a sentence instead. Groups with too few streams to tell are drawn
faded, and the sentence under each chart calls a group better only where the intervals
allow it (:func:`~livetally.core.what_pays.verdict`). Figures are in USD, as in the other
Stream log charts; they become floats here, as drawing coordinates only.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from livetally.core.money import ZERO
from livetally.core.report import WEEKDAYS, untimed_note
from livetally.core.stream_facts import untimed_streams
from livetally.core.what_pays import (
    CONFIDENCE,
    LENGTH_BANDS,
    MIN_STREAMS,
    TOO_FEW,
    Dimension,
    PayGroup,
    hour_name,
    verdict,
    what_pays_in_steps,
)
from livetally.models.formatting import Formatter
from livetally.models.stream_columns import StreamData
from livetally.models.what_pays_data import facts_in_steps
from livetally.ui.charts.base import PALETTE, Chart, Colours

#: How opaque a group with too few streams to tell is drawn (of 255).
FADED_ALPHA = 70
#: The heat map's colours, from paying least to most per hour.
HEAT_COLOURS = ("#440154", "#31688E", "#35B779", "#FDE725")  # viridis: reads light or dark
FADED_LEGEND = f"Faded: {TOO_FEW} (under {MIN_STREAMS})"


class PaysChart(Chart):
    """A chart of :class:`PayGroup` s with a sentence under it saying what they allow."""

    dimension: Dimension

    def __init__(self, empty_text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(empty_text, name, parent)
        self._groups: list[PayGroup] = []
        self._untimed = 0
        self._note = QLabel(self)
        self._note.setObjectName("chartNote")
        self._note.setWordWrap(True)
        self._note.setContentsMargins(8, 4, 8, 4)
        self._note.hide()
        self._layout.addWidget(self._note)

    @property
    def note(self) -> QLabel:
        """What the intervals allow one to say, and which streams are left out."""
        return self._note

    @property
    def groups(self) -> list[PayGroup]:
        return list(self._groups)

    def set_data(self, groups: Sequence[PayGroup], untimed: int = 0) -> None:
        """Chart ``groups`` (of :attr:`dimension`); ``untimed`` streams had no duration."""
        self._groups = list(groups)
        self._untimed = untimed
        timed = [group for group in self._groups if group.cash_per_hour is not None]
        parts = [verdict(timed, self._what)] if timed else []
        if untimed:
            parts.append(untimed_note(untimed))
        self._note.setText(" ".join(parts))
        self._note.setVisible(bool(parts))
        self._data_changed()

    def load(
        self, data: StreamData, slots: Sequence[int], step: int = 10_000
    ) -> Generator[None, None, None]:
        """Chart the streams in ``slots`` of ``data``, worked out ``step`` streams (or one
        group) per ``yield``; closing the generator early leaves the chart as it was."""
        facts = yield from facts_in_steps(data, slots, step)
        groups = yield from what_pays_in_steps(facts, self.dimension)
        yield from self.ready_to_draw()
        self.set_data(groups, untimed_streams(facts))

    def has_data(self) -> bool:
        return any(group.cash_per_hour is not None for group in self._groups)

    @property
    def _what(self) -> str:
        raise NotImplementedError


class WhenItPaysChart(PaysChart):
    """Cash per hour by weekday (rows, Monday on top) and start hour (columns), on the
    creator's own clock: the brighter the cell, the more an hour paid."""

    dimension = Dimension.WEEKDAY_HOUR

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Log streams with a length to see which days and hours pay best.",
            "Cash per hour by weekday and hour chart",
            parent,
        )
        self._image: Any = None
        self._colour_bar: Any = None

    @property
    def _what(self) -> str:
        return "weekday and hour"

    def cells(self) -> dict[tuple[int, int], tuple[float, bool]]:
        """(weekday, hour) to the figure drawn there (USD per hour) and whether it is drawn
        faded (too few streams), for every cell with a figure."""
        if not self.is_showing_plot():
            return {}
        found = {}
        for group in self._groups:
            if group.cash_per_hour is not None:
                found[_CELL_OF[group.key]] = (float(group.cash_per_hour), not group.enough_data)
        return found

    def _clear(self) -> None:
        super()._clear()
        if self._colour_bar is not None:
            self._plot.getPlotItem().layout.removeItem(self._colour_bar)
            self._colour_bar.setParentItem(None)
            self._colour_bar = None
        self._image = None

    def _draw(self, pg: Any, plot: Any, colours: Colours) -> None:
        import numpy

        rated = [g for g in self._groups if g.cash_per_hour is not None]
        # The scale runs to the best cell with enough streams to tell: a lone lucky stream
        # in a faded cell would otherwise wash every cell that matters into one colour.
        trusted = [g for g in rated if g.enough_data] or rated
        highest = max(float(g.cash_per_hour or 0) for g in trusted) or 1.0
        colour_map = pg.ColorMap(numpy.linspace(0, 1, len(HEAT_COLOURS)), list(HEAT_COLOURS))
        lookup = colour_map.getLookupTable(0.0, 1.0, 256, alpha=True)
        pixels = numpy.zeros((24, 7, 4), dtype=numpy.ubyte)  # [hour, row]: transparent
        for group in rated:
            weekday, hour = _CELL_OF[group.key]
            shade = lookup[min(255, int(float(group.cash_per_hour or 0) / highest * 255))]
            pixels[hour, 6 - weekday, :3] = shade[:3]
            pixels[hour, 6 - weekday, 3] = 255 if group.enough_data else FADED_ALPHA
        self._image = pg.ImageItem(pixels)
        self._image.setRect(QRectF(0, 0, 24, 7))
        plot.addItem(self._image)
        first, last = _hours_shown([_CELL_OF[g.key][1] for g in rated])
        step = 1 if last - first <= 12 else 3
        left, bottom = plot.getAxis("left"), plot.getAxis("bottom")
        left.setTicks([[(6 - day + 0.5, name[:3]) for day, name in enumerate(WEEKDAYS)]])
        bottom.setTicks(
            [
                [(hour + 0.5, f"{hour:02d}") for hour in range(0, 24, step)],
                [(hour + 0.5, "") for hour in range(24)],
            ]
        )
        plot.setLabel("bottom", "Start hour (your own clock)")
        plot.setLabel("left", "Weekday")
        plot.showGrid(x=False, y=False)
        plot.setXRange(first, last, padding=0.01)
        plot.setYRange(0, 7, padding=0.02)
        self._colour_bar = pg.ColorBarItem(
            values=(0, highest),
            colorMap=colour_map,
            interactive=False,
            width=14,
            colorMapMenu=False,
        )
        axis = self._colour_bar.axis
        axis.setTextPen(pg.mkPen(colours.text))
        axis.setPen(pg.mkPen(colours.text))
        axis.setLabel("Cash per hour (USD)", color=colours.text.name())
        plot.layout.addItem(self._colour_bar, 2, 3)
        solid = QColor(HEAT_COLOURS[1])
        faded = QColor(solid)
        faded.setAlpha(FADED_ALPHA)
        for brush, name in ((solid, f"{MIN_STREAMS} or more streams"), (faded, FADED_LEGEND)):
            sample = pg.BarGraphItem(x=[], height=[], width=1, brush=brush, pen=None)
            self._legend.addItem(sample, name)


def _hours_shown(hours: Sequence[int]) -> tuple[int, int]:
    """The hours of the day the heat map spans: those streamed in, an hour either side, at
    least 8 in all, so an evening streamer's cells are not slivers of a 24-hour axis."""
    first, last = max(0, min(hours) - 1), min(24, max(hours) + 2)
    while last - first < 8:
        first, last = max(0, first - 1), min(24, last + 1)
    return first, last


class LengthPaysChart(PaysChart):
    """Cash per hour by stream length, one bar per band with its 90% interval as an error
    bar: does streaming longer pay?"""

    dimension = Dimension.LENGTH

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Log streams with a length to see whether longer streams pay more per hour.",
            "Cash per hour by stream length chart",
            parent,
        )
        self._bars: dict[str, Any] = {}
        self._error_bars: Any = None

    @property
    def _what(self) -> str:
        return "length"

    def plotted_bars(self) -> dict[str, tuple[float, float, float, bool]]:
        """Band to (bar height, interval low, interval high, faded) as drawn, in USD/h."""
        if not self.is_showing_plot():
            return {}
        return {
            group.key: (
                float(group.cash_per_hour),
                float(group.low or 0),
                float(group.high or 0),
                not group.enough_data,
            )
            for group in self._groups
            if group.cash_per_hour is not None
        }

    def _clear(self) -> None:
        super()._clear()
        self._bars = {}
        self._error_bars = None

    def _draw(self, pg: Any, plot: Any, colours: Colours) -> None:
        import numpy

        bands = [name for name, _, _ in LENGTH_BANDS]
        rated = {g.key: g for g in self._groups if g.cash_per_hour is not None}
        faded = QColor(PALETTE[0])
        faded.setAlpha(FADED_ALPHA)
        for name, brush, keep in (
            ("Cash per hour", PALETTE[0], True),
            (FADED_LEGEND, faded, False),
        ):
            shown = [g for g in rated.values() if g.enough_data is keep]
            if not shown:
                continue
            bar = pg.BarGraphItem(
                x=[float(bands.index(g.key)) for g in shown],
                height=[float(g.cash_per_hour or 0) for g in shown],
                width=0.6,
                brush=brush,
                pen=pg.mkPen(PALETTE[0], width=1),
            )
            plot.addItem(bar)
            self._legend.addItem(bar, name)
            self._bars[name] = bar
        groups = list(rated.values())
        xs = numpy.array([float(bands.index(g.key)) for g in groups])
        middles = numpy.array([float(g.cash_per_hour or 0) for g in groups])
        lows = numpy.array([float(g.low or 0) for g in groups])
        highs = numpy.array([float(g.high or 0) for g in groups])
        pen = pg.mkPen(colours.text, width=1.5)
        self._error_bars = pg.ErrorBarItem(
            x=xs, y=middles, top=highs - middles, bottom=middles - lows, beam=0.2, pen=pen
        )
        plot.addItem(self._error_bars)
        self._legend.addItem(pg.PlotDataItem([], [], pen=pen), f"{CONFIDENCE} interval")
        formatter = Formatter()
        for x, group, high in zip(xs, groups, highs, strict=True):
            streams = "stream" if group.timed == 1 else "streams"
            figure = formatter.money(group.cash_per_hour or ZERO)
            label = pg.TextItem(anchor=(0.5, 1), color=colours.text)
            label.setHtml(f"<div align='center'>{figure}/h<br>{group.timed} {streams}</div>")
            label.setTextWidth(_LABEL_WIDTH)  # a width to centre the two lines in
            label.setPos(float(x), float(high))
            plot.addItem(label)
        for x, band in enumerate(bands):
            if band not in rated:
                label = pg.TextItem("no streams", color=colours.text, anchor=(0.5, 1))
                label.setPos(float(x), 0.0)
                plot.addItem(label)
        plot.getAxis("bottom").setTicks([list(enumerate(bands))])
        plot.setLabel("bottom", "Stream length")
        plot.setLabel("left", "Cash per hour (USD)")
        plot.setXRange(-0.6, len(bands) - 0.4, padding=0)
        _set_value_range(plot, "y", float(max(highs)), headroom=1.3)  # room for the labels


#: Width in pixels of a bar's label, its lines centred in it.
_LABEL_WIDTH = 140
#: A weekday-hour group's name to its (weekday, hour).
_CELL_OF = {
    f"{WEEKDAYS[day]} {hour_name(hour)}": (day, hour) for day in range(7) for hour in range(24)
}


def _set_value_range(plot: Any, axis: str, highest: float, headroom: float = 1.08) -> None:
    """From zero (with its tick label in view) to a little above the highest value."""
    top = max(highest, 1.0) * headroom
    low = -top * 0.015  # pyqtgraph leaves out a tick label that sits exactly on the edge
    if axis == "x":
        plot.setXRange(low, top, padding=0)
    else:
        plot.setYRange(low, top, padding=0)
