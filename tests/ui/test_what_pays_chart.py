"""The "what pays" charts: the weekday x hour heat map and cash per hour by stream length,
drawn with data and without, faded where there are too few streams, and in the Stream log."""

from __future__ import annotations

import random
from collections.abc import Generator
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from livetally.core.records import LoggedStream, StreamRecord
from livetally.core.stream_facts import facts_of_streams, untimed_streams
from livetally.core.what_pays import (
    TOO_FEW,
    Dimension,
    what_pays,
)
from livetally.models.commands import AddStreamCommand, run
from livetally.models.stream_table import StreamData
from livetally.ui.what_pays_chart import FADED_LEGEND, LengthPaysChart, WhenItPaysChart
from tests.conftest import logged_at_us_rates

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from livetally.ui.main_window import MainWindow

PaysChart = WhenItPaysChart | LengthPaysChart


def streams() -> list[LoggedStream]:
    """Twelve Friday 20:00 Q&As of an hour or an hour and a half ($10-$60 each, enough to
    tell), three Monday 09:00 half hours ($5 each, too few) and one Sunday stream without a
    duration."""
    rng = random.Random(5)
    made = [
        StreamRecord(f"2026-10-{2 + 7 * (n % 4):02d}T20:{n:02d}:00-04:00",
                     rng.randint(2, 12) * 1000, duration_minutes=rng.choice((60, 90)),
                     tags=("qa",))
        for n in range(12)
    ] + [
        StreamRecord(f"2026-10-{5 + 7 * n:02d}T09:00:00-04:00", 1000, duration_minutes=30)
        for n in range(3)
    ] + [StreamRecord("2026-10-11T18:00:00-04:00", 500)]  # fmt: skip
    return [logged_at_us_rates(n + 1, record) for n, record in enumerate(made)]


def shown(qtbot: QtBot, chart: PaysChart) -> None:
    qtbot.addWidget(chart)
    chart.resize(900, 420)
    chart.show()
    qtbot.waitExposed(chart)


def groups_of(dimension: Dimension) -> tuple[list, int]:  # type: ignore[type-arg]
    facts = facts_of_streams(streams())
    return what_pays(facts, dimension), untimed_streams(facts)


@pytest.mark.parametrize("chart_type", [WhenItPaysChart, LengthPaysChart])
def test_nothing_to_draw_says_what_would_fill_it(qtbot: QtBot, chart_type: type[PaysChart]) -> None:
    chart = chart_type()
    shown(qtbot, chart)
    chart.set_data([])
    assert chart.empty_state.isVisible()
    assert chart.empty_state.text().startswith("Log streams with a length")
    assert chart.plot_widget is None, "no plot built for nothing"
    # Streams, but none with a duration: still nothing to draw, and the note says why.
    untimed = what_pays(facts_of_streams(streams()[-1:]), chart.dimension)
    chart.set_data(untimed, 1)
    assert chart.empty_state.isVisible()
    assert "1 stream without a duration" in chart.note.text()


def test_heat_map_draws_each_cell_faded_where_too_few(qtbot: QtBot) -> None:
    chart = WhenItPaysChart()
    shown(qtbot, chart)
    groups, untimed = groups_of(Dimension.WEEKDAY_HOUR)
    chart.set_data(groups, untimed)
    assert chart.is_showing_plot()
    friday = next(g for g in groups if g.key == "Friday 20:00")
    monday = next(g for g in groups if g.key == "Monday 09:00")
    assert friday.enough_data
    assert not monday.enough_data
    assert chart.cells() == {
        (4, 20): (float(friday.cash_per_hour or 0), False),
        (0, 9): (10.0, True),  # $5 a half hour, too few streams: faded
    }
    assert chart.axis_label("bottom") == "Start hour (your own clock)"
    assert chart.axis_label("left") == "Weekday"
    assert chart.legend_names() == ["8 or more streams", FADED_LEGEND]
    assert TOO_FEW in FADED_LEGEND
    assert "1 stream without a duration" in chart.note.text()
    # Friday is the only cell with enough streams: nothing to compare it with.
    assert chart.note.text().startswith("Too few streams in each weekday and hour")


def test_length_chart_draws_bars_with_their_intervals(qtbot: QtBot) -> None:
    chart = LengthPaysChart()
    shown(qtbot, chart)
    groups, untimed = groups_of(Dimension.LENGTH)
    chart.set_data(groups, untimed)
    assert chart.is_showing_plot()
    drawn = chart.plotted_bars()
    assert drawn == {
        g.key: (float(g.cash_per_hour or 0), float(g.low or 0), float(g.high or 0),
                not g.enough_data)
        for g in groups
    }  # fmt: skip
    assert drawn["30-60 min"] == (10.0, 10.0, 10.0, True)
    for height, low, high, _faded in drawn.values():
        assert low <= height <= high
    assert chart.axis_label("left") == "Cash per hour (USD)"
    assert chart.axis_label("bottom") == "Stream length"
    assert chart.legend_names() == ["Cash per hour", FADED_LEGEND, "90% interval"]


def test_overlapping_intervals_name_no_winner(qtbot: QtBot) -> None:
    # Forty-five minutes and an hour and a half, twenty each, at the same spread of rates
    # per hour: neither band may be called better.
    same = [
        logged_at_us_rates(n, StreamRecord("2026-10-02T20:00Z", rate * m, duration_minutes=m))
        for n, rate in enumerate(range(20, 220, 10))
        for m in (45, 90)
    ]
    chart = LengthPaysChart()
    shown(qtbot, chart)
    chart.set_data(what_pays(facts_of_streams(same), Dimension.LENGTH))
    assert "the intervals overlap: no clear winner" in chart.note.text()


def run_to_end(job: Generator[None, None, None]) -> int:
    steps = 0
    for _ in job:
        steps += 1
    return steps


@pytest.mark.parametrize("chart_type", [WhenItPaysChart, LengthPaysChart])
def test_worked_out_in_steps_from_the_stream_logs_columns(
    qtbot: QtBot, chart_type: type[PaysChart]
) -> None:
    chart = chart_type()
    shown(qtbot, chart)
    data = StreamData.of_streams(streams())
    steps = run_to_end(chart.load(data, list(range(len(data))), step=4))
    assert steps > 4  # the streams four at a time, then a group at a time
    assert chart.is_showing_plot()
    assert chart.groups == what_pays(facts_of_streams(streams()), chart.dimension)


def test_the_stream_log_shows_both_charts(window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    for stream in streams():
        run(session, AddStreamCommand(session, stream.record, session.profile()))
    window.show()
    window.tabs.setCurrentWidget(window.stream_log)
    qtbot.waitExposed(window)
    tab = window.stream_log
    qtbot.waitUntil(lambda: tab.charts.count() == 4)  # made on a turn of their own
    names = [tab.charts.tabText(index) for index in range(tab.charts.count())]
    assert names[2:] == ["When it pays", "Does streaming longer pay?"]
    facts = facts_of_streams(session.ledger.streams())
    for index in (2, 3):
        tab.charts.setCurrentIndex(index)
        chart = tab.charts.widget(index)
        assert isinstance(chart, WhenItPaysChart | LengthPaysChart)
        qtbot.waitUntil(lambda chart=chart: chart.is_showing_plot())
        assert chart.groups == what_pays(facts, chart.dimension)
    # Filtering to the Friday Q&As redraws the chart on screen from those alone.
    tab.filter_edit.setText("qa")
    qtbot.waitUntil(lambda: [g.key for g in chart.groups] == ["1-2 h"], timeout=5000)
    (friday,) = chart.groups
    assert (friday.streams, friday.enough_data) == (12, True)
    assert friday.cash > Decimal(0)
