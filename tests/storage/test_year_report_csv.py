"""The year report as CSV: its period, version, rates and totals, then a row per month and
source that adds up to the year, read back with the csv module as a spreadsheet would."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from livetally import __version__
from livetally.core.records import IncomeRecord
from livetally.core.year_report import YearReport, build_year_report
from livetally.storage.year_report_csv import MONTH_COLUMNS, SUMMARY_COLUMNS, year_report_csv
from tests.core.test_year_report import RATES, year
from tests.year_report_fixtures import BY_SOURCE_USD, SET_ASIDE_AT_25, TOTAL_USD, YEAR


def tables(report: YearReport) -> tuple[list[list[str]], list[dict[str, str]]]:
    text = year_report_csv(report)
    assert text.endswith("\r\n")
    summary_text, months_text = text.split("\r\n\r\n")
    summary = list(csv.reader(io.StringIO(summary_text)))
    months = list(csv.DictReader(io.StringIO(months_text)))
    return summary, months


def values(summary: list[list[str]]) -> dict[tuple[str, str], str]:
    return {(item, detail): value for item, detail, value in summary[1:]}


def test_the_summary_states_period_version_rates_and_every_total() -> None:
    summary, _ = tables(year())
    assert tuple(summary[0]) == SUMMARY_COLUMNS
    found = values(summary)
    assert found[("report", "LiveTally year report")] == "2025"
    assert ("period", "2025-01-01 to 2025-12-31") in found
    assert ("livetally version", __version__) in found
    assert ("currency", "USD") in found
    assert found[("exchange rate", "EUR per 1 USD")] == "0.92"
    assert ("exchange rate", "USD per 1 USD") not in found  # always 1: not worth a row
    assert found[("total", "all sources")] == str(TOTAL_USD)
    for source, amount in BY_SOURCE_USD.items():
        assert found[("total", source)] == str(amount)
    assert found[("tax set-aside", "25% of the total (your own estimate, not tax advice)")] == (
        str(SET_ASIDE_AT_25)
    )
    assert found[("payouts received", "2 payouts of 1192 diamonds in all")] == "59.00"
    assert found[("payout fees", "kept by the payout method")] == "1.60"
    assert found[("streams", "LIVE streams started in the year")] == "4"
    assert found[("hours", "streamed, of the streams logged with a duration")] == "3.00"
    assert found[("streams without a duration", "not in the hours")] == "1"


def test_one_row_per_month_and_source_adding_up_to_the_year() -> None:
    _, rows = tables(year())
    assert tuple(rows[0]) == MONTH_COLUMNS
    assert len(rows) == 12 * 4
    assert [(r["month"], r["source"]) for r in rows[:4]] == [
        ("2025-01", source) for source in BY_SOURCE_USD
    ]
    by_key = {(r["month"], r["source"]): r for r in rows}
    assert by_key[("2025-01", "live_gifts")] == {
        "month": "2025-01",
        "source": "live_gifts",
        "amount": "59.60",
        "currency": "USD",
        "streams": "2",
        "hours": "2.00",
    }
    assert by_key[("2025-03", "affiliate")]["amount"] == "50.00"
    assert by_key[("2025-03", "affiliate")]["streams"] == ""  # streams are LIVE gifts' only
    assert by_key[("2025-07", "live_gifts")]["amount"] == "0.00"
    assert sum(Decimal(r["amount"]) for r in rows) == TOTAL_USD
    assert sum(int(r["streams"] or 0) for r in rows) == 4


def test_a_year_all_in_usd_says_no_rate_was_needed() -> None:
    report = build_year_report(YEAR, [], [], [], RATES, "USD", Decimal(0))
    assert ("exchange rate", "none: every amount was in USD") in values(tables(report)[0])


def test_whole_yen_are_written_without_cents() -> None:
    summary, rows = tables(year("JPY"))
    assert values(summary)[("total", "all sources")] == "60291"
    assert {r["currency"] for r in rows} == {"JPY"}


def test_a_source_named_like_a_formula_is_written_as_text() -> None:
    sneaky = IncomeRecord(dt.date(YEAR, 5, 1), "=HYPERLINK(1)", Decimal(1), "USD")
    report = build_year_report(YEAR, [], [sneaky], [], RATES, "USD", Decimal(0))
    summary, rows = tables(report)
    assert ("total", "'=HYPERLINK(1)") in values(summary)
    assert {r["source"] for r in rows} == {"'=HYPERLINK(1)"}
