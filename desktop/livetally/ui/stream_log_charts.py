"""The Stream log's charts: drawn after the table, only when on screen and only when the
streams shown changed.

The figures of 100,000 streams take a few tenths of a second to work out, so they are
worked out a step per turn of the event loop while pyqtgraph is imported on another
thread if it is not yet; the chart is drawn once both are done. A change meanwhile starts
again from the new streams. The charts and their modules are made when first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:
    from livetally.models.stream_filter import StreamFilterProxy
    from livetally.models.stream_table import StreamTableModel
    from livetally.ui.charts import CashPerHourByTagChart

#: Streams charted per step while the window is on screen (~8 ms each on a 2-core laptop,
#: so a step and another piece of work, such as sizing a column, fit in one short turn).
CHART_STEP = 1000
#: How long after the first two chart tabs the "what pays" pair is made (milliseconds).
WHAT_PAYS_DELAY_MS = 50
#: How many chart tabs there are once all are made.
CHART_TABS = 4


class StreamLogCharts(QTabWidget):
    """The chart tabs under the stream log, showing the streams its filter shows."""

    def __init__(
        self,
        model: StreamTableModel,
        proxy: StreamFilterProxy,
        on_screen: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self._model = model
        self._proxy = proxy
        self._on_screen = on_screen  # whether the tab shows its charts (not the empty page)
        self._cash_chart: QWidget | None = None
        self._tag_chart: QWidget | None = None
        self._charted: dict[int, tuple[int, int]] = {}  # chart tab -> what it was drawn for
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(0)
        self._chart_timer.timeout.connect(self._draw_charts)
        # A chart of many streams is worked out a step per turn of the event loop.
        self._charting: tuple[int, tuple[int, int], Generator[None, None, None]] | None = None
        self._chart_step_timer = QTimer(self)
        self._chart_step_timer.setInterval(0)
        self._chart_step_timer.timeout.connect(self._chart_step)
        self.currentChanged.connect(lambda _index: self.schedule())

    def schedule(self) -> None:
        """Redraw the chart on screen after this turn, if what it shows is out of date."""
        if not self._on_screen():
            return  # drawn when next shown
        if (
            self._cash_chart is None
            or self._charted.get(self.currentIndex()) != self._shown_stamp()
        ):
            self._chart_timer.start()  # the charts are made then too, not in this turn

    def pending(self) -> bool:
        """Whether the chart on screen is still being worked out or waits to be, or chart
        tabs are yet to be made."""
        return (
            self._charting is not None
            or self._chart_timer.isActive()
            or (self._cash_chart is not None and self.count() < CHART_TABS)
        )

    def _shown_stamp(self) -> tuple[int, int]:
        """Identifies the streams shown: it changes when they change, not when re-sorted."""
        return self._model.version, self._proxy.changes

    def _ensure_charts(self) -> None:
        """Make the chart tabs: the first two now, the "what pays" pair on a later turn
        (their code and plots are another ~25 ms)."""
        if self._cash_chart is not None:
            return
        from livetally.ui.charts import CashOverTimeChart, CashPerHourByTagChart

        self._cash_chart = CashOverTimeChart()
        self._tag_chart = CashPerHourByTagChart()
        self.addTab(self._cash_chart, "Cash per stream")
        self.addTab(self._tag_chart, "Cash per hour by tag")
        # Not a zero timer: one started from a timer's work can run in the same pass of
        # the event loop, which would make this one turn again.
        QTimer.singleShot(WHAT_PAYS_DELAY_MS, self, self._add_what_pays_charts)

    def _add_what_pays_charts(self) -> None:
        from livetally.ui.what_pays_chart import LengthPaysChart, WhenItPaysChart

        if self.count() < CHART_TABS:
            self.addTab(WhenItPaysChart(), "When it pays")
            self.addTab(LengthPaysChart(), "Does streaming longer pay?")

    def _draw_charts(self) -> None:
        """Give the chart on screen the streams shown (the others wait until shown), its
        figures worked out a step per turn (:meth:`_chart_step`)."""
        if not self._on_screen():
            return
        if self._cash_chart is None:
            # Made in a turn of their own (their code, their plots), drawn from the next:
            # with the rows that came in this turn's predecessor, one turn took ~70 ms.
            self._ensure_charts()
            self._chart_timer.start()
            return
        from livetally.core.chart_data import DEFAULT_WINDOW
        from livetally.ui.charts import CashOverTimeChart, CashPerHourByTagChart, load_in_background

        current = self.currentIndex()
        stamp = self._shown_stamp()
        if self._charted.get(current) == stamp:
            return
        if self._charting is not None and self._charting[:2] == (current, stamp):
            return  # being worked out
        self._stop_charting()
        rows = self._proxy.source_rows() if self._proxy.is_filtering else None
        chart = self.widget(current)
        job: Generator[None, None, None]
        if isinstance(chart, CashOverTimeChart):
            job = chart.load(self._model.chart_points(rows), DEFAULT_WINDOW, CHART_STEP)
        elif isinstance(chart, CashPerHourByTagChart):
            job = self._tag_rates(chart, rows)
        else:
            from livetally.ui.what_pays_chart import PaysChart  # loaded with its tabs

            if not isinstance(chart, PaysChart):
                return
            job = chart.load(*self._model.columns(rows), CHART_STEP)
        load_in_background()  # meanwhile, so that it is in by the time the figures are
        chart.show_working()
        self._charting = (current, stamp, job)
        self._chart_step_timer.start()

    def _tag_rates(
        self, chart: CashPerHourByTagChart, rows: Sequence[int] | None
    ) -> Generator[None, None, None]:
        from livetally.core.chart_data import tag_rates

        totals, untimed = yield from self._model.tag_totals(rows, CHART_STEP)
        rates = tag_rates(totals, untimed)
        yield from chart.ready_to_draw()
        chart.set_data(rates)

    def _chart_step(self) -> None:
        """One step of the chart being worked out; the last one draws it."""
        if self._charting is None:
            self._chart_step_timer.stop()
            return
        current, stamp, job = self._charting
        try:
            next(job)
        except StopIteration:
            self._charting = None
            self._chart_step_timer.stop()
            self._charted[current] = stamp

    def _stop_charting(self) -> None:
        self._chart_step_timer.stop()
        if self._charting is not None:
            self._charting[2].close()
        self._charting = None
