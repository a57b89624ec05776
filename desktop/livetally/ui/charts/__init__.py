"""Charts of earnings: cash per stream over time, cash per hour by tag, income by month.

Each chart is a module of its own; :mod:`~livetally.ui.charts.base` holds what they share
(the lazy pyqtgraph import, the guidance shown when there is nothing to draw, colours and
PNG export). Importing this package costs nothing: pyqtgraph loads when a chart is first
drawn, or in the background when :func:`load_in_background` asks.
"""

from livetally.ui.charts.base import EXPORT_SIZE, PALETTE, load_in_background
from livetally.ui.charts.cash import CASH_SERIES, DOTS_UP_TO, CashOverTimeChart
from livetally.ui.charts.income import IncomeByMonthChart, source_colour
from livetally.ui.charts.tags import CashPerHourByTagChart

__all__ = [
    "CASH_SERIES",
    "DOTS_UP_TO",
    "EXPORT_SIZE",
    "PALETTE",
    "CashOverTimeChart",
    "CashPerHourByTagChart",
    "IncomeByMonthChart",
    "load_in_background",
    "source_colour",
]
