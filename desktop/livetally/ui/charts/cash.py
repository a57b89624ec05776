"""The Stream log's cash-per-stream chart: a dot per stream and the trailing average.

The figures come from ``livetally.core.chart_data`` as Decimal; they become floats here, as
drawing coordinates only. The date axis names whole days, months or years
(:mod:`livetally.ui.charts.axes`); the cash axis starts at zero; the average is not
drawn across a pause of more than two weeks (:func:`~livetally.core.chart_data.joins_next`).
"""

from __future__ import annotations

from array import array
from collections.abc import Generator, Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QWidget

from livetally.core.chart_data import CashSeries, MovingAverage, joins_next
from livetally.ui.charts.axes import date_axis, set_value_range, value_axis
from livetally.ui.charts.base import PALETTE, Chart, Colours

CASH_SERIES = "Cash per stream"


class CashOverTimeChart(Chart):
    """Cash of every stream as a dot, and the trailing average as a line through them.

    A log of thousands of streams would be a wall of overlapping dots that takes seconds to
    draw: beyond :data:`DOTS_UP_TO` streams the cash per stream is a thin line instead,
    drawn only where in view and thinned to the highest and lowest value per pixel
    (pyqtgraph's peak downsampling), which looks the same and draws in milliseconds. The
    data behind it is the same either way (:meth:`plotted_series`).

    The chart keeps the figures as drawing coordinates (floats in compact arrays), not as
    one object per stream: :meth:`load` turns the exact figures into them a step at a time,
    so the window can keep answering while 100,000 streams are charted.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Log a stream to see your cash per stream here.", "Cash per stream chart", parent
        )
        self._figures = _CashFigures()
        self._drawn: dict[str, Any] = {}

    def set_data(self, series: CashSeries) -> None:
        """Chart ``series``: the exact figures of :func:`~livetally.core.chart_data.cash_series`."""
        figures = _CashFigures(series.window)
        for point, average in zip(series.points, series.moving_average, strict=True):
            figures.add(point.started.timestamp(), point.cash_usd, average)
        self._set_figures(figures)

    def load(
        self, points: Iterable[tuple[float, Decimal]], window: int, step: int = 10_000
    ) -> Generator[None, None, None]:
        """Chart ``points`` (each stream's start as POSIX seconds and its exact USD cash, in
        time order) with the average of the last ``window`` streams, ``step`` points at a
        time: the generator yields between steps and charts them all when run to its end.

        Closing it before then leaves the chart as it was.
        """
        average = MovingAverage(window)
        figures = _CashFigures(window)
        for count, (started, cash) in enumerate(points, 1):
            figures.add(started, cash, average.add(cash))
            if count % step == 0:
                yield
        yield from self.ready_to_draw()
        self._set_figures(figures)

    def has_data(self) -> bool:
        return len(self._figures) > 0

    def draws_dots(self) -> bool:
        """True when each stream is drawn as a dot; False for a line (many streams)."""
        return len(self._figures) <= DOTS_UP_TO

    def plotted_series(self) -> dict[str, list[tuple[float, float]]]:
        """Each line as given to the plot, by legend name: (POSIX time of the stream's
        start, USD), every stream (not only those drawn at the current zoom)."""
        if not self.is_showing_plot():
            return {}
        result = {}
        for name, item in self._drawn.items():
            xs, ys = item.getOriginalDataset()
            result[name] = list(zip(xs.tolist(), ys.tolist(), strict=True))
        return result

    @staticmethod
    def average_name(window: int) -> str:
        return f"Average of the last {window} streams" if window > 1 else "Average per stream"

    def _set_figures(self, figures: _CashFigures) -> None:
        self._figures = figures
        self._data_changed()

    def _axis_items(self, pg: Any) -> dict[str, Any]:
        return {"bottom": date_axis(pg), "left": value_axis(pg, "left")}

    def trend_joins(self) -> list[bool]:
        """Whether each point of the average line as drawn joins the next (a pause of more
        than two weeks leaves a gap); [] when no average line is drawn."""
        name = self.average_name(self._figures.window)
        item = self._drawn.get(name) if self.is_showing_plot() else None
        return [] if item is None else [bool(j) for j in item.opts["connect"]]

    def date_labels(self) -> list[str]:
        """The labels under the date axis as last drawn."""
        if not self.is_showing_plot():
            return []
        labels: list[str] = self._plot.getPlotItem().getAxis("bottom").labels()
        return labels

    def _clear(self) -> None:
        super()._clear()
        self._drawn = {}

    def _draw(self, pg: Any, plot: Any, colours: Colours) -> None:
        import numpy

        figures = self._figures
        xs = numpy.frombuffer(figures.starts, dtype=numpy.float64)
        cash = numpy.frombuffer(figures.cash, dtype=numpy.float64)
        averages = numpy.frombuffer(figures.averages, dtype=numpy.float64)
        joins = numpy.frombuffer(figures.joins, dtype=numpy.bool_)
        if self.draws_dots():
            streams = pg.PlotDataItem(
                xs,
                cash,
                pen=None,
                symbol="o",
                symbolSize=7,
                symbolBrush=PALETTE[0],
                symbolPen=pg.mkPen(colours.base, width=1),
            )
        else:  # a line, broken where the streams pause, like the average
            streams = pg.PlotDataItem(xs, cash, pen=pg.mkPen(PALETTE[0], width=1), connect=joins)
        trend = pg.PlotDataItem(xs, averages, pen=pg.mkPen(PALETTE[1], width=2.5), connect=joins)
        lines = [(CASH_SERIES, streams)]
        if len(xs) > 1:  # the average of one stream is that stream: no line to draw
            lines.append((self.average_name(figures.window), trend))
        for name, item in lines:
            plot.addItem(item)
            # Only what is in view is drawn, thinned to the highest and lowest value per
            # pixel (a no-op for a few dots). Set once in the plot: pyqtgraph cannot clip an
            # item to a view it does not have yet.
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)
            self._legend.addItem(item, name)
            self._drawn[name] = item
        plot.setLabel("left", "Cash (USD)")
        plot.setLabel("bottom", "Stream start")
        week = 7 * 86_400.0
        first, last = float(xs.min()), float(xs.max())
        if last - first < week:  # a few days either side, so the axis reads in days
            middle = (first + last) / 2
            first, last = middle - week / 2, middle + week / 2
        plot.setXRange(first, last, padding=0.03)
        set_value_range(plot, "y", max(float(cash.max()), float(averages.max())))


#: Up to this many streams, the cash chart draws a dot per stream; beyond, a line.
DOTS_UP_TO = 2000


class _CashFigures:
    """The cash chart's figures as drawing coordinates: three arrays of floats (8 bytes a
    stream each, where objects per stream would take well over 100), whether each point's
    line joins the next (a byte each), and the window."""

    def __init__(self, window: int = 1) -> None:
        self.window = window
        self.starts = array("d")  # POSIX seconds
        self.cash = array("d")  # USD
        self.averages = array("d")  # USD
        self.joins = bytearray()  # 1 where the line runs on to the next stream

    def __len__(self) -> int:
        return len(self.starts)

    def add(self, started: float, cash: Decimal, average: Decimal) -> None:
        """One stream, after those before it; its exact figures become floats here, for
        drawing only."""
        if self.starts:
            self.joins[-1] = joins_next(self.starts[-1], started)
        self.starts.append(started)
        self.cash.append(float(cash))
        self.averages.append(float(average))
        self.joins.append(0)
