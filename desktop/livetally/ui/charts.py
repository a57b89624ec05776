"""Charts of earnings: cash per stream over time, cash per hour by tag, income by month.

pyqtgraph (and numpy with it) takes a noticeable part of a second to import, so
``_pyqtgraph()`` loads it only when a chart is on screen with something to draw: importing
this module, building the widgets and giving hidden charts their data cost nothing. A chart
with nothing to draw shows one sentence of guidance instead of empty axes.

The figures come from ``livetally.core.chart_data`` as Decimal; they become floats here, as
drawing coordinates only. Colours come from the application palette (background, text) and
from :data:`PALETTE`, chosen to read on light and dark backgrounds alike.
"""

from __future__ import annotations

import math
import sys
import threading
from array import array
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QIODevice, QLocale, QRectF, QSaveFile, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QImageWriter, QPalette, QShowEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QVBoxLayout, QWidget

from livetally.core.chart_data import (
    CashSeries,
    MonthlyIncome,
    MovingAverage,
    TagRate,
    TagRates,
    monthly_income_csv,
    source_label,
)
from livetally.core.records import BUILTIN_SOURCES, LIVE_GIFTS_SOURCE
from livetally.files import write_text_atomic
from livetally.models.formatting import Formatter
from livetally.models.switching import short_switches
from livetally.ui.imported_sources import forget_imported_sources

#: Series colours, each with at least 3:1 contrast on white and on a dark (#2b2b2b) base.
PALETTE = (
    "#3B82F6",  # blue
    "#D97706",  # amber
    "#16A34A",  # green
    "#E15759",  # red
    "#A855F7",  # purple
    "#0891B2",  # teal
    "#DB2777",  # pink
    "#9C755F",  # brown
    "#808080",  # grey
)

#: Built-in sources keep their colour whichever others are shown; user sources take the rest.
_SOURCE_COLOURS = {
    LIVE_GIFTS_SOURCE: 0,
    "sponsorship": 1,
    "affiliate": 2,
    "merchandise": 3,
    "creator_rewards": 4,
    "subscriptions": 5,
    "other": 8,
}
_USER_COLOURS = (6, 7, 5, 4, 3, 2, 1, 0)

CASH_SERIES = "Cash per stream"
#: Longer tag names are shortened with "..." on the axis, so the bars keep their room.
_MAX_TAG_WIDTH = 200
#: Month labels beyond this many would collide on a window-wide axis; every n-th is shown.
_MAX_MONTH_LABELS = 12
#: Size in pixels of an image exported from a chart that is not on screen.
EXPORT_SIZE = (1000, 560)


def _pyqtgraph() -> Any:
    """Import pyqtgraph on first use (see the module docstring for why not at import time)."""
    if "pyqtgraph.exporters" in sys.modules:
        return sys.modules["pyqtgraph"]
    import pyqtgraph
    import pyqtgraph.exporters  # not loaded by the package itself; used by export_png

    forget_imported_sources()  # pyqtgraph's and numpy's, megabytes of text
    return pyqtgraph


def load_in_background() -> Callable[[], bool]:
    """Start importing pyqtgraph on a thread of its own (once); returns a test of whether
    it is in.

    The import takes a fifth of a second, which on the GUI thread is a fifth of a second of
    frozen window; on another thread the window goes on answering meanwhile (the import is
    Python code that hands the interpreter over every few milliseconds). A caller about to
    draw a chart starts it first and draws once it is in; drawing earlier only waits for it.

    Not a daemon thread: a program that quits while the import runs waits the rest of it
    out. Python stops a daemon thread wherever it is, and stopped inside numpy's or Qt's
    extension modules it crashed the interpreter on its way out (1 quit in 3, measured).
    """
    global _loader
    if _loader is None and "pyqtgraph.exporters" not in sys.modules:
        _loader = threading.Thread(target=_import_beside, name="import pyqtgraph", daemon=False)
        _loader.start()
    loader = _loader
    return lambda: (
        "pyqtgraph.exporters" in sys.modules and (loader is None or not loader.is_alive())
    )


_loader: threading.Thread | None = None


def _import_beside() -> None:
    """The background import, with short thread switches (see ``models.switching``): the
    window goes on calling into Python meanwhile, and each call would wait up to 5 ms."""
    with short_switches():
        _pyqtgraph()


class _Chart(QWidget):
    """A plot that is built when first needed, or a sentence saying what would fill it."""

    def __init__(self, empty_text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedLayout()
        self._layout.addLayout(self._stack)
        self._empty = QLabel(empty_text, self)
        self._empty.setObjectName("chartEmptyState")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self._empty)
        self._working = QLabel("Drawing the chart…", self)
        self._working.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self._working)
        self._plot: Any = None
        self._legend: Any = None
        self._stale = False

    # -- what tests and the window look at ---------------------------------------------------

    @property
    def empty_state(self) -> QLabel:
        """The guidance shown instead of the plot when there is nothing to draw."""
        return self._empty

    @property
    def plot_widget(self) -> Any:
        """The pyqtgraph ``PlotWidget``, or None until the chart was first drawn."""
        return self._plot

    def has_data(self) -> bool:
        """True when the data given has something to draw (and so something to export)."""
        raise NotImplementedError

    def show_working(self) -> None:
        """Say the chart is on its way while its figures are worked out (in steps, for a
        large log), rather than the guidance for an empty log. A plot already on screen
        stays until the new one replaces it."""
        if not self.is_showing_plot():
            self._stack.setCurrentWidget(self._working)

    def is_working(self) -> bool:
        return self._stack.currentWidget() is self._working

    def is_showing_plot(self) -> bool:
        return self._plot is not None and self._stack.currentWidget() is self._plot

    def axis_label(self, side: str) -> str:
        """The label of the ``left`` or ``bottom`` axis as drawn ("" before the first draw)."""
        if self._plot is None:
            return ""
        return str(self._plot.getPlotItem().getAxis(side).labelText)

    def legend_names(self) -> list[str]:
        """The legend's entries, top to bottom then left to right."""
        if self._legend is None:
            return []
        return [label.text for _, label in self._legend.items]

    # -- drawing -------------------------------------------------------------------------------

    def _draw(self, pg: Any, plot: Any, colours: _Colours) -> None:
        raise NotImplementedError

    def _data_changed(self) -> None:
        """Draw now if on screen, else when next shown; or show the guidance."""
        if not self.has_data():
            self._stale = False
            if self._plot is not None:
                self._clear()
            self._stack.setCurrentWidget(self._empty)
            return
        self._stale = True
        if self.isVisible():
            self._render()

    def _render(self) -> None:
        pg = _pyqtgraph()
        if self._plot is None:
            self._create_plot(pg)
        self._clear()
        colours = _Colours.of(self.palette())
        self._apply_colours(pg, colours)
        self._draw(pg, self._plot.getPlotItem(), colours)
        self._stale = False
        self._stack.setCurrentWidget(self._plot)

    def _create_plot(self, pg: Any) -> None:
        plot = pg.PlotWidget(axisItems=self._axis_items(pg))
        item = plot.getPlotItem()
        item.setContentsMargins(4, 12, 12, 4)  # keep the top tick label and bar ends off the edge
        item.setMenuEnabled(False)  # pyqtgraph's own menu speaks of transforms and log scales
        item.hideButtons()
        # No pan or zoom: with pyqtgraph's menu gone there would be no way back, and a wheel
        # turned to scroll the page would zoom the chart instead.
        item.getViewBox().setMouseEnabled(x=False, y=False)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        # Let the first label under the axis reach left of it instead of vanishing.
        item.getAxis("bottom").setStyle(hideOverlappingLabels=40)
        item.showGrid(x=False, y=True, alpha=0.15)
        self._legend = pg.LegendItem(colCount=4, horSpacing=8, frame=False)
        item.layout.addItem(self._legend, 4, 1)  # below the bottom axis, clear of the data
        self._plot = plot
        self._stack.addWidget(plot)

    def _axis_items(self, pg: Any) -> dict[str, Any]:
        return {}

    def _clear(self) -> None:
        self._plot.getPlotItem().clear()
        self._legend.clear()

    def _apply_colours(self, pg: Any, colours: _Colours) -> None:
        self._plot.setBackground(colours.base)
        item = self._plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(colours.text))
            axis.setTextPen(pg.mkPen(colours.text))
        self._legend.setLabelTextColor(colours.text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._render()

    def changeEvent(self, event: QEvent) -> None:
        """Follow a switch between light and dark mode while the chart is open."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.is_showing_plot():
            self._stale = True
            if self.isVisible():
                self._render()

    def ready_to_draw(self) -> Iterator[None]:
        """Yield until the chart can be drawn without waiting for pyqtgraph to import
        (at once if it is hidden: it draws when shown). For a caller working in steps."""
        if self.isVisible():
            loaded = load_in_background()
            while not loaded():
                yield

    def _ensure_drawn(self) -> None:
        """Draw even while hidden, for an export."""
        if not self.has_data():
            raise ValueError("there is nothing to export yet")
        if self._stale or self._plot is None:
            self._render()

    def render_image(self) -> QImage:
        """The chart as an image: as on screen, or at :data:`EXPORT_SIZE` when hidden.

        Drawn at one pixel per pixel: scaling in pyqtgraph's exporter enlarges the axis text
        but not the legend's, which looks broken.
        """
        self._ensure_drawn()
        item = self._plot.getPlotItem()
        if not self.isVisible():  # never laid out on screen: lay it out for the export
            item.setGeometry(QRectF(0, 0, *EXPORT_SIZE))
            item.layout.activate()
        exporter = _pyqtgraph().exporters.ImageExporter(item)
        exporter.parameters()["width"] = round(item.size().width())
        image: QImage = exporter.export(toBytes=True)
        return image

    def export_png(self, path: Path) -> None:
        """Write the chart to ``path`` as PNG; a failed write leaves any old file as it was."""
        image = self.render_image()
        out = QSaveFile(str(path))
        if not out.open(QIODevice.OpenModeFlag.WriteOnly):
            raise OSError(f"cannot write {path}: {out.errorString()}")
        writer = QImageWriter(out, b"PNG")
        if not writer.write(image):
            out.cancelWriting()
            raise OSError(f"cannot write {path}: {writer.errorString()}")
        if not out.commit():
            raise OSError(f"cannot write {path}: {out.errorString()}")


class _Colours:
    """The palette's background and text colours, for drawing on either light or dark."""

    def __init__(self, base: QColor, text: QColor) -> None:
        self.base = base
        self.text = text

    @classmethod
    def of(cls, palette: QPalette) -> _Colours:
        return cls(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text))


def source_colour(source: str, user_index: int = 0) -> str:
    """A source's colour: fixed for the built-in ones, so the legend never swaps them."""
    if source in _SOURCE_COLOURS:
        return PALETTE[_SOURCE_COLOURS[source]]
    return PALETTE[_USER_COLOURS[user_index % len(_USER_COLOURS)]]


class CashOverTimeChart(_Chart):
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
        return {"bottom": pg.DateAxisItem(orientation="bottom")}

    def _clear(self) -> None:
        super()._clear()
        self._drawn = {}

    def _draw(self, pg: Any, plot: Any, colours: _Colours) -> None:
        import numpy

        figures = self._figures
        xs = numpy.frombuffer(figures.starts, dtype=numpy.float64)
        cash = numpy.frombuffer(figures.cash, dtype=numpy.float64)
        averages = numpy.frombuffer(figures.averages, dtype=numpy.float64)
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
        else:
            streams = pg.PlotDataItem(xs, cash, pen=pg.mkPen(PALETTE[0], width=1))
        trend = pg.PlotDataItem(xs, averages, pen=pg.mkPen(PALETTE[1], width=2.5))
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
        _set_value_range(plot, "y", max(float(cash.max()), float(averages.max())))


#: Up to this many streams, the cash chart draws a dot per stream; beyond, a line.
DOTS_UP_TO = 2000


class _CashFigures:
    """The cash chart's figures as drawing coordinates: three arrays of floats (8 bytes a
    stream each, where objects per stream would take well over 100) and the window."""

    def __init__(self, window: int = 1) -> None:
        self.window = window
        self.starts = array("d")  # POSIX seconds
        self.cash = array("d")  # USD
        self.averages = array("d")  # USD

    def __len__(self) -> int:
        return len(self.starts)

    def add(self, started: float, cash: Decimal, average: Decimal) -> None:
        """One stream; its exact figures become floats here, for drawing only."""
        self.starts.append(started)
        self.cash.append(float(cash))
        self.averages.append(float(average))


class CashPerHourByTagChart(_Chart):
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

    def _draw(self, pg: Any, plot: Any, colours: _Colours) -> None:
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
        _set_value_range(plot, "x", max(widths), headroom=1.35)  # room for the bar labels
        slots = max(count, 4)  # a lone tag gets a bar, not a wall
        plot.setYRange(count - slots - 0.4, count - 0.4, padding=0)


class IncomeByMonthChart(_Chart):
    """Stacked bars, one per month, one colour per income source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Log a stream or add income to see your earnings by month here.",
            "Income by month chart",
            parent,
        )
        self._data: MonthlyIncome | None = None
        self._bars: dict[str, Any] = {}

    def set_data(self, data: MonthlyIncome) -> None:
        self._data = data
        self._data_changed()

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
        """The month names written under the bars (every n-th when there are many)."""
        if not self.is_showing_plot():
            return []
        ticks = self._plot.getPlotItem().getAxis("bottom")._tickLevels
        return [text for _, text in ticks[0]] if ticks else []

    def export_csv(self, path: Path) -> None:
        """Write the figures behind the chart, as :func:`monthly_income_csv` gives them."""
        if self._data is None or self._data.is_empty:
            raise ValueError("there is nothing to export yet")
        write_text_atomic(path, monthly_income_csv(self._data))

    def _clear(self) -> None:
        super()._clear()
        self._bars = {}

    def _draw(self, pg: Any, plot: Any, colours: _Colours) -> None:
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
        step = max(1, math.ceil(len(data.months) / _MAX_MONTH_LABELS))
        ticks = [(x, _month_label(m)) for x, m in zip(xs, data.months, strict=True)]
        plot.getAxis("bottom").setTicks([ticks[::step], []])
        plot.setLabel("left", f"Income ({data.currency})")
        plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
        _set_value_range(plot, "y", float(max(bottoms)))


def _set_value_range(plot: Any, axis: str, highest: float, headroom: float = 1.08) -> None:
    """From zero (with its tick label in view) to a little above the highest value."""
    top = max(highest, 1.0) * headroom
    low = -top * 0.015  # pyqtgraph leaves out a tick label that sits exactly on the edge
    if axis == "x":
        plot.setXRange(low, top, padding=0)
    else:
        plot.setYRange(low, top, padding=0)


def _month_label(month: str) -> str:
    """``2026-01`` as the locale writes it, such as ``Jan 2026``."""
    year, number = month.split("-")
    name = QLocale().monthName(int(number), QLocale.FormatType.ShortFormat)
    return f"{name} {year}"
