"""The income-by-month chart: stacked sources, month labels, the ledger's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication

from livetally.core.rates import RateProfile
from livetally.core.records import IncomeRecord
from livetally.core.report import Grouping
from livetally.ui.charts import (
    IncomeByMonthChart,
)
from tests.oracles import build_report, income_by_month
from tests.ui.chart_fixtures import (
    RATES,
    SAMPLE_INCOME,
    drawn_labels,
    logged,
    overlapping,
    sample_streams,
    shown,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from livetally.models.session import Session


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


def test_months_to_come_are_drawn_lighter_with_their_range(qtbot: QtBot) -> None:
    """The forecast's months continue the chart: this one on top of what it has earned so
    far, the next after the quiet months between, each with its 90% range."""
    from livetally.ui.charts.income import Projection

    data = income_by_month(sample_streams(), SAMPLE_INCOME, RATES, "EUR", None, None)
    last = data.months[-1]  # 2026-06
    chart = IncomeByMonthChart()
    shown(qtbot, chart)
    ahead = [
        Projection(last, Decimal(900), Decimal(700), Decimal(1200)),
        Projection("2026-08", Decimal(500), Decimal(100), Decimal(800)),
    ]
    chart.set_data(data, ahead)
    assert chart.month_labels()[-3:] == ["Jun 2026", "Jul 2026", "Aug 2026"]
    assert chart.projected_months() == {
        last: (900.0, 700.0, 1200.0),
        "2026-08": (500.0, 100.0, 800.0),
    }
    assert chart.legend_names()[-1] == "Projected (90% range)"
    earned = float(data.month_totals[last])
    bar = next(
        i
        for i in chart._plot.getPlotItem().items
        if getattr(i, "opts", {}).get("y0") is not None and list(i.opts["x"]) == [3.0, 5.0]
    )
    assert list(bar.opts["y0"]) == [earned, 0.0], "drawn from what was earned so far"
    assert list(bar.opts["height"]) == [900.0 - earned, 500.0]


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


def test_every_month_has_its_total_over_its_bar_so_small_months_show(qtbot: QtBot) -> None:
    """A $20 month beside a $900 one is a sliver of a bar; its total, written over it,
    still says it is there and how much."""
    streams = [logged(1, "2026-01-10T20:00:00Z", 180_000, 60)]  # $900 of LIVE gifts
    income = [IncomeRecord(dt.date(2026, 2, 3), "affiliate", Decimal("20.33"), "USD")]
    chart = IncomeByMonthChart()
    shown(qtbot, chart)
    chart.set_data(income_by_month(streams, income, RATES, "USD"))
    assert chart.month_totals() == ["$900.00", "$20.33"]
    top = chart.plot_widget.getPlotItem().viewRange()[1][1]
    assert top > 900 * 1.1, "room over the tallest bar for its figure"


def test_the_income_axis_ends_on_a_tick_and_its_labels_never_touch(qtbot: QtBot) -> None:
    """At 1024x640 the chart is short: the money axis labels fewer ticks (0 and the top
    always), rather than piling 0, 200, 400... on top of each other."""
    data = income_by_month(sample_streams(), SAMPLE_INCOME, RATES, "USD", None, None)
    highest = max(data.month_totals.values())
    for height in (500, 160, 110):
        chart = IncomeByMonthChart()
        shown(qtbot, chart)
        chart.resize(700, height)
        chart.set_data(data)
        QApplication.processEvents()
        item = chart.plot_widget.getPlotItem()
        labels = drawn_labels(item.getAxis("left"))
        texts = [text for _, text in labels]
        assert overlapping(labels) == [], (height, texts)
        assert texts[0] == "0"
        top = item.viewRange()[1][1]
        assert float(texts[-1].replace(",", "")) == top >= float(highest), height
        assert overlapping(drawn_labels(item.getAxis("bottom"))) == []
