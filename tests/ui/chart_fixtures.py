"""Streams and income the chart tests draw, and a helper to put a chart on screen."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from livetally.core.rates import ExchangeRates
from livetally.core.records import IncomeRecord, LoggedStream, StreamRecord
from livetally.ui.charts import CashOverTimeChart, CashPerHourByTagChart, IncomeByMonthChart
from tests.conftest import logged_at_us_rates

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

Chart = CashOverTimeChart | CashPerHourByTagChart | IncomeByMonthChart
RATES = ExchangeRates({"EUR": Decimal("0.92")})
TAGS = ("qa", "talent", "chat", "collab", "promoted", "incentive")


def logged(
    stream_id: int, started_at: str, coins: int, minutes: int | None, *tags: str
) -> LoggedStream:
    return logged_at_us_rates(
        stream_id, StreamRecord(started_at, coins, duration_minutes=minutes, tags=tags)
    )


def sample_streams(count: int = 40) -> list[LoggedStream]:
    """About four months of LIVEs every third day, at varied times, lengths and tactics."""
    rng = random.Random(7)
    start = dt.datetime(2026, 3, 2, 20, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    streams = []
    for index in range(count):
        when = start + dt.timedelta(days=3 * index, hours=rng.randint(-2, 2))
        minutes = rng.choice([None, 45, 60, 90, 120])
        tags = tuple(rng.sample(TAGS, rng.randint(0, 2)))
        streams.append(
            logged(index + 1, when.isoformat(), rng.randint(800, 14_000), minutes, *tags)
        )
    return streams


SAMPLE_INCOME = [
    IncomeRecord(dt.date(2026, 3, 15), "sponsorship", Decimal(250), "USD"),
    IncomeRecord(dt.date(2026, 4, 3), "affiliate", Decimal("42.80"), "USD"),
    IncomeRecord(dt.date(2026, 5, 20), "merchandise", Decimal(130), "EUR"),
    IncomeRecord(dt.date(2026, 6, 10), "patreon_tips", Decimal(35), "USD"),
]


def shown(qtbot: QtBot, widget: Chart) -> None:
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)


def drawn_labels(axis: Any) -> list[tuple[QRectF, str]]:
    """The tick labels a pyqtgraph axis draws as laid out now (those it would leave out for
    want of room are not in the list), each with where it is drawn."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [(rect, text) for rect, _flags, text in specs[2]]


def overlapping(labels: list[tuple[QRectF, str]]) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn text would touch."""
    return [
        (a, b)
        for i, (rect_a, a) in enumerate(labels)
        for rect_b, b in labels[i + 1 :]
        if rect_a.intersects(rect_b)
    ]
