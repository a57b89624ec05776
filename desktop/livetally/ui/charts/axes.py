"""The charts' axes: dates that name whole units, and money from zero to a round top.

pyqtgraph's own date axis mixes levels: day numbers with a month name at each 1st, so
"29 Oct 04" reads as October 29th where it means Sep 29, October, Oct 4. The date axis
here puts its ticks where :func:`~livetally.core.axis_ticks.date_ticks` says, each label
naming a whole day ("Sep 29"), month ("Oct", "Jan 2027") or year, as many as fit without
colliding. Ticks sit at midnight on this computer's clock, like the dates the log shows.

The value axis ticks multiples of the step :func:`~livetally.core.axis_ticks.value_scale`
gives, written with the locale's digit grouping, from 0 (labelled, in the corner) to the
top of the range, which is a tick: no bar passes the highest tick.

pyqtgraph is imported lazily (see :mod:`livetally.ui.charts.base`), so the axis classes
are made the first time a chart needs them.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QFont, QFontMetrics

from livetally.core.axis_ticks import DateTick, TickUnit, date_ticks, value_scale

#: Room left between two date labels, in pixels.
LABEL_GAP = 24


def date_axis(pg: Any) -> Any:
    """A new bottom axis for a plot whose x values are POSIX seconds."""
    return _axis_types(pg)[0](orientation="bottom")


def value_axis(pg: Any, orientation: str) -> Any:
    """A new money axis; :func:`set_value_range` gives it its range and ticks."""
    return _axis_types(pg)[1](orientation=orientation)


def label_axis(pg: Any) -> Any:
    """A new bottom axis of named categories at x = 0, 1, 2... (``set_labels``)."""
    return _axis_types(pg)[2](orientation="bottom")


def set_value_range(plot: Any, axis: str, highest: float) -> tuple[float, float]:
    """Show ``axis`` ("x" or "y") from 0 to the first round tick at or above ``highest``,
    ticked every round step; returns ``(step, top)``. The axis must be a :func:`value_axis`."""
    step, top = value_scale(Decimal(repr(max(highest, 0.0))))
    side = "bottom" if axis == "x" else "left"
    plot.getAxis(side).set_step(step)
    if axis == "x":
        plot.setXRange(0.0, float(top), padding=0)
    else:
        plot.setYRange(0.0, float(top), padding=0)
    return float(step), float(top)


def tick_label(tick: DateTick, locale: QLocale | None = None) -> str:
    """``Sep 29`` (``29 Sep`` where the locale writes the day first), ``Oct``,
    ``Jan 2027`` or ``2027``."""
    locale = locale or QLocale()
    day = tick.day
    if tick.unit is TickUnit.YEAR:
        return str(day.year)
    month = locale.monthName(day.month, QLocale.FormatType.ShortFormat)
    if tick.unit is TickUnit.MONTH:
        return f"{month} {day.year}" if tick.with_year else month
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    day_first = short.find("d") < short.find("M")
    return f"{day.day} {month}" if day_first else f"{month} {day.day}"


def widest_label(metrics: QFontMetrics, locale: QLocale | None = None) -> int:
    """The width in pixels of the widest label any tick can have (a day with its month,
    or a month with its year), so ticks are spaced for the worst case."""
    samples = [
        tick_label(DateTick(dt.date(2026, month, 28), unit, with_year=True), locale)
        for month in range(1, 13)
        for unit in (TickUnit.DAY, TickUnit.MONTH)
    ]
    return max(metrics.horizontalAdvance(text) for text in samples)


def axis_ticks(
    low: float, high: float, length: float, label_width: int, locale: QLocale | None = None
) -> list[tuple[float, str]]:
    """Ticks between POSIX seconds ``low`` and ``high`` on an axis ``length`` pixels long:
    each tick's position (midnight, local time) and its label."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low or length <= 0:
        return []
    try:
        first = dt.datetime.fromtimestamp(low).date()
        last = dt.datetime.fromtimestamp(high).date()
    except (OverflowError, OSError, ValueError):
        return []
    if _midnight(first) < low:
        first += dt.timedelta(days=1)
    if first > last:
        return []
    most = int(length // (label_width + LABEL_GAP))
    return [(_midnight(t.day), tick_label(t, locale)) for t in date_ticks(first, last, most)]


def value_labels(values: list[float], step: Decimal, locale: QLocale | None = None) -> list[str]:
    """``values`` as the axis writes them: grouped digits, as many decimals as ``step``
    has (``2.5`` gives one), so ``1,000`` and ``0.5`` and never ``1000.0``."""
    locale = locale or QLocale()
    places = max(0, -step.normalize().as_tuple().exponent)  # type: ignore[operator]
    return [locale.toString(value, "f", places) for value in values]


def thinned(intervals: int, length: float, room: float) -> int:
    """Label every n-th of ``intervals`` equal steps along ``length`` pixels, each label
    needing ``room``: the smallest n that divides ``intervals`` (so the last tick, the top
    of a money axis, keeps its label) and leaves the labels room; ``intervals`` at worst."""
    if intervals <= 0 or length <= 0:
        return 1
    return next(
        (n for n in range(1, intervals) if intervals % n == 0 and length * n / intervals >= room),
        intervals,
    )


def every_nth(count: int, length: float, room: float) -> int:
    """Label every n-th of ``count`` evenly spaced categories along ``length`` pixels, each
    label needing ``room``: the smallest n that leaves the labels room."""
    if count <= 0 or length <= 0:
        return 1
    return max(1, math.ceil(count * room / length))


def _midnight(day: dt.date) -> float:
    """The start of ``day`` on this computer's clock, as POSIX seconds."""
    return dt.datetime.combine(day, dt.time()).timestamp()


@functools.cache
def _axis_types(pg: Any) -> tuple[type, type, type]:  # noqa: C901 - three short classes
    """pyqtgraph's AxisItem taught dates and round money (made once, pyqtgraph being in)."""

    class DateAxis(pg.AxisItem):  # type: ignore[misc]
        def __init__(self, orientation: str) -> None:
            super().__init__(orientation)
            self._labels: dict[float, str] = {}
            self._width: tuple[str, int] | None = None  # (font key, widest label)
            self.enableAutoSIPrefix(False)

        def tickValues(
            self, minVal: float, maxVal: float, size: float
        ) -> list[tuple[float, list[float]]]:
            ticks = axis_ticks(minVal, maxVal, size, self._label_width())
            self._labels = dict(ticks)
            return [(86_400.0, [x for x, _ in ticks])]

        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            return [self._labels.get(value, "") for value in values]

        def labels(self) -> list[str]:
            """The labels drawn at the axis' present range and length, left to right."""
            low, high = self.range
            ticks = axis_ticks(low, high, self.geometry().width(), self._label_width())
            return [label for _, label in ticks]

        def _label_width(self) -> int:
            font = self.style["tickFont"] or QFont(self.font())
            key = font.key()
            if self._width is None or self._width[0] != key:
                self._width = (key, widest_label(QFontMetrics(font)))
            return self._width[1]

    class ValueAxis(pg.AxisItem):  # type: ignore[misc]
        def __init__(self, orientation: str) -> None:
            super().__init__(orientation)
            self._step = Decimal(1)
            self.enableAutoSIPrefix(False)

        def set_step(self, step: Decimal) -> None:
            self._step = step
            self.picture = None  # drawn afresh
            self.update()

        def tickValues(
            self, minVal: float, maxVal: float, size: float
        ) -> list[tuple[float, list[float]]]:
            step = float(self._step)
            first = math.ceil(minVal / step - 1e-9)
            last = math.floor(maxVal / step + 1e-9)
            every = thinned(last - first, size, self._room())
            return [(step * every, [n * step for n in range(first, last + 1, every)])]

        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            return value_labels(values, self._step)

        def _room(self) -> float:
            """Pixels one label needs along the axis, with a gap to the next."""
            metrics = QFontMetrics(self.style["tickFont"] or QFont(self.font()))
            if self.orientation in ("left", "right"):
                return metrics.height() * 1.6
            return metrics.horizontalAdvance(value_labels([0.0], self._step)[0] + "0000") + 16

        def boundingRect(self) -> QRectF:
            """Room for the labels at both ends (0 in the corner, the top tick): with a
            grid, pyqtgraph leaves out any label reaching past the plot's edge."""
            rect: QRectF = super().boundingRect()
            metrics = QFontMetrics(self.style["tickFont"] or QFont(self.font()))
            if self.orientation in ("left", "right"):
                half = metrics.height() / 2 + 2
                return rect.adjusted(0, -half, 0, half)
            half = metrics.horizontalAdvance(value_labels([0.0], self._step)[0] + "0000") / 2
            return rect.adjusted(-half, 0, half, 0)

    class LabelAxis(pg.AxisItem):  # type: ignore[misc]
        """Categories at x = 0, 1, 2...: as many of their labels as fit, evenly."""

        def __init__(self, orientation: str) -> None:
            super().__init__(orientation)
            self._names: list[str] = []

        def set_labels(self, names: list[str]) -> None:
            self._names = list(names)
            self.picture = None
            self.update()

        def labels(self) -> list[str]:
            """The labels drawn at the axis' present length, left to right."""
            low, high = self.range
            (_, values), *_ = self.tickValues(low, high, self.geometry().width())
            return [self._names[int(x)] for x in values]

        def tickValues(
            self, minVal: float, maxVal: float, size: float
        ) -> list[tuple[float, list[float]]]:
            metrics = QFontMetrics(self.style["tickFont"] or QFont(self.font()))
            room = max((metrics.horizontalAdvance(n) for n in self._names), default=0) + 16
            every = every_nth(len(self._names), size, room)
            return [(float(every), [float(x) for x in range(0, len(self._names), every)])]

        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
            return [self._names[int(v)] if 0 <= int(v) < len(self._names) else "" for v in values]

    return DateAxis, ValueAxis, LabelAxis
