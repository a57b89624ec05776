"""Charts: empty states, the tag chart, exports, dark mode, lazy import."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from livetally.core.chart_data import monthly_income_csv
from livetally.ui.charts import (
    CASH_SERIES,
    PALETTE,
    CashOverTimeChart,
    CashPerHourByTagChart,
    IncomeByMonthChart,
)
from tests.conftest import python_prints
from tests.oracles import cash_per_hour_by_tag, cash_per_stream, income_by_month
from tests.ui.chart_fixtures import (
    RATES,
    SAMPLE_INCOME,
    Chart,
    logged,
    sample_streams,
    shown,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


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


@pytest.mark.parametrize("visible", [True, False], ids=["on-screen", "hidden"])
def test_an_exported_chart_is_1600_by_900_whatever_its_size_on_screen(
    qtbot: QtBot, tmp_path: Path, visible: bool
) -> None:
    """A media kit or a slide wants a large 16:9 picture, not the chart's size in a
    1024x640 window; the chart on screen stays as it was."""
    chart = _income_chart(qtbot, visible=visible)
    item_before = chart.plot_widget.getPlotItem().geometry() if visible else None
    chart.export_png(tmp_path / "income.png")
    assert QImage(str(tmp_path / "income.png")).size().toTuple() == (1600, 900)
    if visible:
        assert chart.plot_widget.getPlotItem().geometry() == item_before


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
        from tests.oracles import cash_per_stream
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
