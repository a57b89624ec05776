"""The cash-per-stream chart: every stream, the trailing average, dates, axes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QLocale

from livetally.core.records import LoggedStream
from livetally.ui.charts import (
    CASH_SERIES,
    DOTS_UP_TO,
    CashOverTimeChart,
)
from tests.oracles import cash_per_stream
from tests.ui.chart_fixtures import (
    drawn_labels,
    logged,
    overlapping,
    sample_streams,
    shown,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


# -- cash over time ----------------------------------------------------------------------------


def test_cash_chart_draws_every_stream_and_the_moving_average(qtbot: QtBot) -> None:
    streams = sample_streams()
    series = cash_per_stream(streams, window=5)
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(series)
    drawn = chart.plotted_series()
    average = CashOverTimeChart.average_name(5)
    assert set(drawn) == {CASH_SERIES, average}
    ordered = sorted(streams, key=lambda s: s.record.started)
    assert drawn[CASH_SERIES] == [
        (s.record.started.timestamp(), float(s.creator_usd)) for s in ordered
    ]
    assert [y for _, y in drawn[average]] == [float(v) for v in series.moving_average]
    assert chart.legend_names() == [CASH_SERIES, "Average of the last 5 streams"]


def test_cash_chart_axes(qtbot: QtBot) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_stream(sample_streams(4)))
    assert chart.axis_label("left") == "Cash (USD)"
    qtbot.waitUntil(lambda: bool(chart.date_labels()))  # ticked as the axis is drawn


def test_one_stream_is_a_dot_without_a_trend_line(qtbot: QtBot) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_stream([logged(1, "2026-05-03T20:00:00+02:00", 4321, 90)]))
    assert chart.plotted_series() == {CASH_SERIES: [(1777831200.0, 21.6)]}
    assert chart.legend_names() == [CASH_SERIES]


def test_a_large_log_is_a_line_without_a_dot_per_stream_but_the_same_data(
    qtbot: QtBot,
) -> None:
    """Thousands of dots took seconds to draw and hid each other: past DOTS_UP_TO streams
    the cash per stream is a line, drawn only where in view and thinned to the pixels,
    through exactly the same figures."""
    count = DOTS_UP_TO + 1
    start = dt.datetime(2020, 1, 1, 20, tzinfo=dt.UTC)
    streams = [
        logged(n + 1, (start + dt.timedelta(hours=9 * n)).isoformat(), 100 + (n * 37) % 900, 60)
        for n in range(count)
    ]
    series = cash_per_stream(streams)
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(series)
    assert not chart.draws_dots()
    drawn = chart.plotted_series()
    assert drawn[CASH_SERIES] == [(p.started.timestamp(), float(p.cash_usd)) for p in series.points]
    average = CashOverTimeChart.average_name(series.window)
    assert [y for _, y in drawn[average]] == [float(v) for v in series.moving_average]
    for item in chart._drawn.values():
        assert item.opts["symbol"] is None, "no dot per stream"
        assert item.opts["autoDownsample"]
        assert item.opts["downsampleMethod"] == "peak"
        assert item.opts["clipToView"]
    assert chart._drawn[CASH_SERIES].opts["pen"] is not None, "drawn as a line"
    assert chart.legend_names() == [CASH_SERIES, average]
    assert chart.axis_label("left") == "Cash (USD)"
    qtbot.waitUntil(lambda: bool(chart.date_labels()))


def test_a_small_log_keeps_a_dot_per_stream(qtbot: QtBot) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_stream(sample_streams(DOTS_UP_TO // 100)))
    assert chart.draws_dots()
    assert chart._drawn[CASH_SERIES].opts["symbol"] == "o"
    assert chart._drawn[CASH_SERIES].opts["pen"] is None


def test_loading_in_steps_charts_the_same_figures_once_done(qtbot: QtBot) -> None:
    """The stream log feeds the chart a step per turn of the event loop; nothing changes
    on screen until the last step, and a load given up halfway leaves the chart as it was."""
    streams = sorted(sample_streams(), key=lambda s: s.record.started)
    series = cash_per_stream(streams, window=5)
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_stream(streams[:3]))
    before = chart.plotted_series()
    points = [(s.record.started.timestamp(), s.creator_usd) for s in streams]
    abandoned = chart.load(iter(points), 5, step=10)
    next(abandoned)
    abandoned.close()
    assert chart.plotted_series() == before
    job = chart.load(iter(points), 5, step=10)
    steps = 0
    for _ in job:
        steps += 1
        assert chart.plotted_series() == before, "unchanged until the last step"
    assert steps >= len(points) // 10
    expected = CashOverTimeChart()
    shown(qtbot, expected)
    expected.set_data(series)
    assert chart.plotted_series() == expected.plotted_series()


# -- the axes, the trend line's breaks, the legend ---------------------------------------------


@pytest.fixture
def english_dates() -> Iterator[None]:
    """Month names as an American reads them (Sep 29), whatever the machine's locale."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def every_few_days(first: str, last: str, days: int = 3) -> list[LoggedStream]:
    """A stream at 20:00 UTC every ``days`` days from ``first`` to ``last`` (ISO dates)."""
    start = dt.datetime.fromisoformat(f"{first}T20:00:00+00:00")
    count = (dt.date.fromisoformat(last) - start.date()).days // days + 1
    return [
        logged(n + 1, (start + dt.timedelta(days=days * n)).isoformat(), 1000 + 137 * n, 60)
        for n in range(count)
    ]


MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"


@pytest.mark.parametrize("width", [1180, 1024, 700])
def test_every_date_label_names_its_month_and_none_collide(
    qtbot: QtBot, english_dates: None, width: int
) -> None:
    """The issue's axis read "29 Oct 04" for Sep 29, October, Oct 4: now each label is a
    whole date ("Sep 29") or month, at every window width, and no two labels touch."""
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.resize(width, 320)
    chart.set_data(cash_per_stream(every_few_days("2026-09-08", "2026-12-03")))
    qtbot.waitUntil(lambda: bool(chart.date_labels()))
    labels = chart.date_labels()
    assert len(labels) >= 4
    assert all(re.fullmatch(rf"({MONTHS}) \d{{1,2}}|({MONTHS})( \d{{4}})?", s) for s in labels), (
        labels
    )
    axis = chart.plot_widget.getPlotItem().getAxis("bottom")
    drawn = drawn_labels(axis)
    assert [text for _, text in drawn] == labels, "every tick's label is drawn"
    assert overlapping(drawn) == []


def test_a_long_log_is_ticked_by_month_with_the_year_where_it_changes(
    qtbot: QtBot, english_dates: None
) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_stream(every_few_days("2025-10-10", "2026-09-20", 5)))
    qtbot.waitUntil(lambda: bool(chart.date_labels()))
    labels = chart.date_labels()
    assert labels[0] in ("Nov 2025", "Dec 2025")
    assert "Jan 2026" in labels
    assert all(re.fullmatch(rf"({MONTHS})( \d{{4}})?", s) for s in labels), labels


def test_the_cash_axis_starts_at_zero_and_ends_on_a_labelled_tick(
    qtbot: QtBot, english_dates: None
) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    series = cash_per_stream(sample_streams())
    chart.set_data(series)
    item = chart.plot_widget.getPlotItem()
    low, high = item.viewRange()[1]
    highest = max(max(p.cash_usd for p in series.points), max(series.moving_average))
    assert low == 0
    assert high >= highest
    labels = [text for _, text in drawn_labels(item.getAxis("left"))]
    assert labels[0] == "0", "zero is labelled in the corner"
    assert float(labels[-1].replace(",", "")) == high, "the top of the axis is a tick"
    assert 3 <= len(labels) <= 7


def test_the_average_breaks_across_a_pause_of_more_than_two_weeks(qtbot: QtBot) -> None:
    """Three weeks off: the trend line stops at the last stream before and starts again at
    the first after, instead of drawing a flat average through weeks nobody streamed."""
    before = every_few_days("2026-03-01", "2026-03-10")
    after = every_few_days("2026-04-01", "2026-04-10")
    streams = before + [logged(100 + s.id, s.record.started_at, s.record.coins, 60) for s in after]
    series = cash_per_stream(streams)
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(series)
    joins = chart.trend_joins()
    assert joins == series.trend_joins()
    assert joins == [True] * (len(before) - 1) + [False] + [True] * (len(after) - 1) + [False]
    average = chart.plotted_series()[CashOverTimeChart.average_name(series.window)]
    assert [y for _, y in average] == [float(v) for v in series.moving_average]


def test_a_large_log_drawn_as_a_line_breaks_at_pauses_too(qtbot: QtBot) -> None:
    start = dt.datetime(2020, 1, 1, 20, tzinfo=dt.UTC)
    hours = [9 * n for n in range(DOTS_UP_TO + 1)]
    hours[1000:] = [h + 24 * 30 for h in hours[1000:]]  # a month off after 1,000 streams
    streams = [
        logged(n + 1, (start + dt.timedelta(hours=h)).isoformat(), 500, 60)
        for n, h in enumerate(hours)
    ]
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_stream(streams))
    assert not chart.draws_dots()
    line = list(chart._drawn[CASH_SERIES].opts["connect"])
    assert line == chart.trend_joins()
    assert [i for i, joined in enumerate(line) if not joined] == [999, DOTS_UP_TO]


def test_the_legend_sits_together_under_the_plot(qtbot: QtBot) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.resize(1100, 400)
    chart.set_data(cash_per_stream(sample_streams()))
    qtbot.waitUntil(lambda: chart._legend.geometry().width() > 0)
    legend = chart._legend.geometry()
    plot = chart.plot_widget.getPlotItem().getViewBox().sceneBoundingRect()
    assert legend.width() < plot.width() / 2, "two entries side by side, not spread apart"
    assert legend.left() <= plot.left() + 10, "starting under the plot's left edge"
    assert legend.top() >= plot.bottom()
