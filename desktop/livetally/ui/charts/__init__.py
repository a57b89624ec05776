"""Charts of earnings: cash per stream over time, cash per hour by tag, income by month.

Each chart is a module of its own; :mod:`~livetally.ui.charts.base` holds what they share
(the guidance shown when there is nothing to draw, colours and PNG export) and
:mod:`~livetally.ui.charts.loading` the lazy pyqtgraph import. Importing this package costs
nothing: each name below loads its module when first used, and pyqtgraph loads when a chart
is first drawn, or in the background when :func:`load_in_background` asks (the import
dialog does, as it opens).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from livetally.ui.charts.base import EXPORT_SIZE, PALETTE
    from livetally.ui.charts.cash import CASH_SERIES, DOTS_UP_TO, CashOverTimeChart
    from livetally.ui.charts.income import IncomeByMonthChart, source_colour
    from livetally.ui.charts.loading import load_in_background
    from livetally.ui.charts.tags import CashPerHourByTagChart

#: Where each name lives.
_MODULES = {
    "EXPORT_SIZE": "base",
    "PALETTE": "base",
    "load_in_background": "loading",
    "CASH_SERIES": "cash",
    "DOTS_UP_TO": "cash",
    "CashOverTimeChart": "cash",
    "IncomeByMonthChart": "income",
    "source_colour": "income",
    "CashPerHourByTagChart": "tags",
}

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


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
