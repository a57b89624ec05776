"""Charts: empty states, what is drawn, legends and axes, exports, dark mode, lazy import."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from livetally.core.chart_data import (
    cash_per_hour_by_tag,
    cash_per_stream,
    income_by_month,
    monthly_income_csv,
)
from livetally.core.rates import ExchangeRates, RateProfile
from livetally.core.records import IncomeRecord, LoggedStream, StreamRecord
from livetally.core.report import Grouping, build_report
from livetally.ui.charts import (
    CASH_SERIES,
    DOTS_UP_TO,
    PALETTE,
    CashOverTimeChart,
    CashPerHourByTagChart,
    IncomeByMonthChart,
)
from tests.conftest import logged_at_us_rates, python_prints

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from livetally.models.session import Session


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


# -- empty states ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chart_type", "empty"),
    [
        (CashOverTimeChart, lambda: cash_per_stream([])),
        (CashPerHourByTagChart, lambda: cash_per_hour_by_tag([])),
        (IncomeByMonthChart, lambda: income_by_month([], [], RATES, "USD")),
    ],
)
def test_nothing_to_draw_shows_a_sentence_of_guidance(
    qtbot: QtBot, chart_type: Callable[[], Chart], empty: Callable[[], Any]
) -> None:
    chart = chart_type()
    shown(qtbot, chart)
    chart.set_data(empty())
    assert chart.empty_state.isVisible()
    assert chart.empty_state.text().endswith(".")
    assert not chart.is_showing_plot()
    assert chart.plot_widget is None, "no plot built for nothing"
    assert not chart.has_data()


def test_guidance_returns_when_the_data_goes(qtbot: QtBot) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_stream(sample_streams(3)))
    assert chart.is_showing_plot()
    assert not chart.empty_state.isVisible()
    chart.set_data(cash_per_stream([]))
    assert chart.empty_state.isVisible()
    assert chart.plotted_series() == {}
    assert chart.legend_names() == []


def test_a_chart_being_worked_out_says_so_rather_than_that_the_log_is_empty(
    qtbot: QtBot,
) -> None:
    chart = CashOverTimeChart()
    shown(qtbot, chart)
    chart.show_working()
    assert chart.is_working()
    assert not chart.empty_state.isVisible()
    chart.set_data(cash_per_stream(sample_streams(3)))
    assert chart.is_showing_plot()
    chart.show_working()  # a new chart on its way: the old one stays until then
    assert chart.is_showing_plot()
    chart.set_data(cash_per_stream([]))
    assert chart.empty_state.isVisible()


def test_a_hidden_chart_draws_when_first_shown(qtbot: QtBot) -> None:
    chart = CashOverTimeChart()
    qtbot.addWidget(chart)
    chart.set_data(cash_per_stream(sample_streams(5)))
    assert chart.plot_widget is None, "given data while hidden: nothing built yet"
    chart.resize(900, 500)
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.is_showing_plot()
    assert len(chart.plotted_series()[CASH_SERIES]) == 5


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
    bottom = chart.plot_widget.getPlotItem().getAxis("bottom")
    assert type(bottom).__name__ == "DateAxisItem"


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
    assert type(chart.plot_widget.getPlotItem().getAxis("bottom")).__name__ == "DateAxisItem"


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


# -- cash per hour by tag ----------------------------------------------------------------------


def test_tag_chart_draws_each_rate_best_at_the_top(qtbot: QtBot) -> None:
    rates = cash_per_hour_by_tag(sample_streams())
    chart = CashPerHourByTagChart()
    shown(qtbot, chart)
    chart.set_data(rates)
    assert chart.plotted_bars() == {r.tag: float(r.cash_per_hour_usd) for r in rates}
    bars = chart._bars  # the best tag sits highest
    best_y = max(bars.opts["y"])
    assert list(bars.opts["y"]).index(best_y) == 0
    assert chart.axis_label("bottom") == "Cash per hour (USD)"


def test_tag_chart_says_what_was_left_out(qtbot: QtBot) -> None:
    streams = [
        logged(1, "2026-01-01T20:00:00Z", 2000, 60, "qa"),
        logged(2, "2026-01-02T20:00:00Z", 2000, None, "talent"),
        logged(3, "2026-01-03T20:00:00Z", 2000, None, "qa", "chat"),
    ]
    chart = CashPerHourByTagChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_hour_by_tag(streams))
    assert chart.note.isVisible()
    assert "chat, talent" in chart.note.text()
    assert "2 streams have no length logged" in chart.note.text()
    assert chart.plotted_bars() == {"qa": 10.0}
    chart.set_data(cash_per_hour_by_tag(streams[:1]))
    assert not chart.note.isVisible()


def test_long_tag_names_are_shortened_on_the_axis(qtbot: QtBot) -> None:
    long_tag = "weekly_charity_marathon_with_friends_from_the_other_side_of_the_world"
    chart = CashPerHourByTagChart()
    shown(qtbot, chart)
    chart.set_data(cash_per_hour_by_tag([logged(1, "2026-01-01T20:00:00Z", 2000, 60, long_tag)]))
    (label,) = chart.plotted_bars()
    assert label.endswith("…")
    assert long_tag.startswith(label[:-1])


# -- income by month ---------------------------------------------------------------------------


def test_income_chart_stacks_each_source_per_month(qtbot: QtBot) -> None:
    data = income_by_month(sample_streams(), SAMPLE_INCOME, RATES, "EUR", None, None)
    chart = IncomeByMonthChart()
    shown(qtbot, chart)
    chart.set_data(data)
    bars = chart.plotted_bars()
    assert list(bars) == list(data.sources)
    for source in data.sources:
        assert bars[source] == [float(data.amount(m, source)) for m in data.months]
    live, sponsorship = chart._bars["live_gifts"], chart._bars["sponsorship"]
    assert list(sponsorship.opts["y0"]) == list(live.opts["height"]), "stacked on LIVE gifts"
    assert chart.legend_names() == [
        "LIVE gifts",
        "Sponsorship",
        "Affiliate",
        "Merchandise",
        "Patreon Tips",
    ]
    assert chart.axis_label("left") == "Income (EUR)"
    assert chart.month_labels() == ["Mar 2026", "Apr 2026", "May 2026", "Jun 2026"]


def test_many_months_label_every_few(qtbot: QtBot) -> None:
    streams = [
        logged(i, f"{2024 + i // 12}-{i % 12 + 1:02d}-10T20:00:00Z", 1000, 60) for i in range(30)
    ]
    chart = IncomeByMonthChart()
    shown(qtbot, chart)
    chart.set_data(income_by_month(streams, [], RATES, "USD"))
    labels = chart.month_labels()
    assert labels[:2] == ["Jan 2024", "Apr 2024"]
    assert len(labels) <= 12


def test_chart_matches_the_ledger(qtbot: QtBot, session: Session) -> None:
    """What is drawn adds up to the ledger's own report, month by month."""
    profile: RateProfile = session.profile()
    for stream in sample_streams(12):
        session.ledger.add_stream(stream.record, profile)
    for entry in SAMPLE_INCOME:
        session.ledger.add_income(entry)
    streams = session.ledger.streams()
    entries = [logged.record for logged in session.ledger.income()]
    chart = IncomeByMonthChart()
    shown(qtbot, chart)
    chart.set_data(income_by_month(streams, entries, RATES, "USD", None, None))
    report = build_report(Grouping.MONTH, streams, entries, RATES, "USD")
    drawn = chart.plotted_bars()
    months = chart.month_labels()
    for group in report.groups:
        index = months.index(_label(group.key))
        assert sum(heights[index] for heights in drawn.values()) == pytest.approx(
            float(group.total)
        )


def _label(month: str) -> str:
    return dt.date.fromisoformat(f"{month}-01").strftime("%b %Y")


# -- export ------------------------------------------------------------------------------------


def _income_chart(qtbot: QtBot, *, visible: bool) -> IncomeByMonthChart:
    chart = IncomeByMonthChart()
    if visible:
        shown(qtbot, chart)
    else:
        qtbot.addWidget(chart)
    chart.set_data(income_by_month(sample_streams(), SAMPLE_INCOME, RATES, "USD", None, None))
    return chart


@pytest.mark.parametrize("visible", [True, False], ids=["on-screen", "hidden"])
def test_export_png_writes_a_real_image(qtbot: QtBot, tmp_path: Path, visible: bool) -> None:
    chart = _income_chart(qtbot, visible=visible)
    target = tmp_path / "income.png"
    chart.export_png(target)
    image = QImage(str(target))
    assert not image.isNull()
    assert image.width() > 100
    assert image.height() > 100
    live_blue = QColor(PALETTE[0]).rgb()
    column = [image.pixel(x, y) for y in range(image.height()) for x in (image.width() // 8,)]
    row = [image.pixel(x, image.height() * 3 // 4) for x in range(image.width())]
    assert live_blue in column + row, "the LIVE gifts bars are in the picture"
    assert len(set(row)) > 3, "not a blank image"


def test_export_png_of_a_hidden_chart_has_the_export_size(qtbot: QtBot, tmp_path: Path) -> None:
    chart = _income_chart(qtbot, visible=False)
    chart.export_png(tmp_path / "income.png")
    assert QImage(str(tmp_path / "income.png")).size().toTuple() == (1000, 560)


def test_export_png_that_cannot_be_written_raises(qtbot: QtBot, tmp_path: Path) -> None:
    chart = _income_chart(qtbot, visible=True)
    with pytest.raises(OSError, match="cannot write"):
        chart.export_png(tmp_path / "no such folder" / "income.png")


def test_export_csv_writes_the_charts_figures(qtbot: QtBot, tmp_path: Path) -> None:
    data = income_by_month(sample_streams(), SAMPLE_INCOME, RATES, "USD", None, None)
    chart = IncomeByMonthChart()
    qtbot.addWidget(chart)
    chart.set_data(data)
    target = tmp_path / "income.csv"
    chart.export_csv(target)
    assert target.read_bytes().decode("utf-8") == monthly_income_csv(data)
    assert target.read_bytes().startswith(b"Month,LIVE gifts,Sponsorship,")


def test_nothing_to_export_without_data(qtbot: QtBot, tmp_path: Path) -> None:
    chart = IncomeByMonthChart()
    qtbot.addWidget(chart)
    chart.set_data(income_by_month([], [], RATES, "USD"))
    with pytest.raises(ValueError, match="nothing to export"):
        chart.export_csv(tmp_path / "a.csv")
    with pytest.raises(ValueError, match="nothing to export"):
        chart.export_png(tmp_path / "a.png")
    assert not list(tmp_path.iterdir())


# -- colours -----------------------------------------------------------------------------------


def test_charts_follow_a_dark_palette(qtbot: QtBot) -> None:
    chart = IncomeByMonthChart()
    shown(qtbot, chart)
    chart.set_data(income_by_month(sample_streams(), SAMPLE_INCOME, RATES, "USD", None, None))
    dark = QPalette(chart.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    chart.setPalette(dark)
    plot = chart.plot_widget
    assert plot.backgroundBrush().color() == QColor("#2b2b2b")
    axis = plot.getPlotItem().getAxis("left")
    assert axis.textPen().color() == QColor("#e8e8e8")
    assert chart.legend_names(), "redrawn, not emptied"
    image = chart.render_image()
    assert QColor(image.pixel(image.width() - 3, 3)) == QColor("#2b2b2b")


def test_palette_colours_read_on_light_and_dark() -> None:
    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    def contrast(a: QColor, b: QColor) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for name in PALETTE:
        assert contrast(QColor(name), QColor("white")) >= 3, name
        assert contrast(QColor(name), QColor("#2b2b2b")) >= 3, name


# -- start-up cost -----------------------------------------------------------------------------


def test_pyqtgraph_is_not_imported_until_a_chart_is_shown() -> None:
    script = textwrap.dedent(
        """
        import sys
        import livetally.ui.charts as charts
        assert "pyqtgraph" not in sys.modules, "imported with the module"
        from PySide6.QtWidgets import QApplication
        from livetally.core.chart_data import cash_per_stream
        from livetally.core.records import LoggedStream, StreamRecord
        from decimal import Decimal
        app = QApplication([])
        chart = charts.CashOverTimeChart()
        record = StreamRecord("2026-01-01T20:00:00Z", 100, duration_minutes=60)
        stream = LoggedStream(
            1, record, Decimal(10), "US", Decimal("0.01"), Decimal("0.1"), Decimal("0.05")
        )
        chart.set_data(cash_per_stream([stream]))
        assert "pyqtgraph" not in sys.modules, "imported for a hidden chart"
        assert "numpy" not in sys.modules, "numpy came along"
        chart.show()
        assert "pyqtgraph" in sys.modules, "drawn once shown"
        import linecache
        kept = [name for name in linecache.cache if "pyqtgraph" in name or "numpy" in name]
        assert not kept, "the sources PySide6's import hook read are let go"
        print("ok")
        """
    )
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_quitting_while_pyqtgraph_loads_in_the_background_exits_cleanly() -> None:
    """A daemon loader thread, stopped mid-import at exit, crashed the interpreter (SIGSEGV)
    about one time in three when the window closed within 50-100 ms of the first chart."""
    code = (
        "import sys, time\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from livetally.ui import charts\n"
        "charts.load_in_background()\n"
        "time.sleep({})\n"
        "print('quitting')\n"
    )
    for pause in (0.05, 0.1, 0.05, 0.1, 0.05, 0.1):
        assert python_prints(code.format(pause)) == "quitting"  # and the exit status is 0
