"""``livetally forecast`` and ``livetally goal`` on a steady creator, worked out on paper.

The creator: 1,000 coins (100 diamonds, $5) every evening of the 90 days to Friday 20
November 2026, and 8,600 diamonds cashed out, so 400 diamonds ($20) are left: 600 short of
the $50 minimum at 100 a day is 6 days. November: $100 earned in 20 days, 10 days more at $5
make $150; December: 31 days, $155.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from livetally.cli import main
from livetally.cli.forecast import payout_text
from livetally.core.forecast import LedgerHistory, forecast
from livetally.core.payout import Balance
from livetally.core.rates import ExchangeRates, RateProfile
from livetally.storage.csv_format import STREAM_COLUMNS

AS_OF = dt.date(2026, 11, 20)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def bad(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one line a bad command line gives on stderr (and nothing on stdout), exit 2."""
    try:
        status = main(list(argv))
    except SystemExit as stop:  # argparse's own refusals
        status = int(stop.code or 0)
    assert status == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert "unexpected error" not in captured.err
    return captured.err


@pytest.fixture
def steady(isolated_data_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    rows = [",".join(STREAM_COLUMNS[: STREAM_COLUMNS.index("notes") + 1])]  # the first format
    for n in range(90):
        rows.append(f"{AS_OF - dt.timedelta(days=n)}T20:00:00+01:00,60,1000,,,,,,")
    streams = tmp_path / "streams.csv"
    streams.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["import", "streams", str(streams)]) == 0
    assert main(["payout", "add", "--diamonds", "8600", "--cash-usd", "430",
                 "--date", "2026-11-01"]) == 0  # fmt: skip
    capsys.readouterr()
    return isolated_data_home


def test_forecast_json_has_the_issue_s_keys_and_decimal_strings(
    steady: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    estimate = {"projected", "low", "high", "earned_so_far"}
    result = run_json(capsys, "forecast", "--as-of", "2026-11-20")
    assert result == {
        "as_of": "2026-11-20",
        "currency": "USD",
        "balance_diamonds": "400",
        "balance_usd": "20.00",
        "payout_minimum_usd": "50.00",
        "payout_date": "2026-11-26",
        "payout_date_earliest": "2026-11-26",
        "payout_date_latest": "2026-11-26",
        "months": [
            {"month": "2026-11", "projected": "150.00", "low": "150.00", "high": "150.00",
             "earned_so_far": "100.00",
             "by_source": {"live_gifts": {"projected": "150.00", "low": "150.00",
                                          "high": "150.00", "earned_so_far": "100.00"}}},
            {"month": "2026-12", "projected": "155.00", "low": "155.00", "high": "155.00",
             "earned_so_far": "0.00",
             "by_source": {"live_gifts": {"projected": "155.00", "low": "155.00",
                                          "high": "155.00", "earned_so_far": "0.00"}}},
        ],
    }  # fmt: skip
    assert set(result["months"][0]) == {"month", "by_source"} | estimate


def test_forecast_text_says_when_in_words(steady: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", "--as-of", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert "Next payout     about 26 Nov 2026 (the pace is steady)" in out
    assert "Pace            100 diamonds a day over 90 days" in out
    (december,) = [line for line in out.splitlines() if line.startswith("2026-12")]
    assert december.split() == ["2026-12", "live_gifts", "$0.00", "$155.00", "$155.00", "-",
                                "$155.00"]  # fmt: skip


def test_a_balance_past_the_minimum_is_paid_out_now(
    steady: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["log", "add", "--coins", "6000", "--started-at", "2026-11-20T22:00:00+01:00"])
    capsys.readouterr()
    result = run_json(capsys, "forecast", "--as-of", "2026-11-20")
    assert (result["balance_diamonds"], result["balance_usd"]) == ("1000", "50.00")
    dates = [result[key] for key in ("payout_date", "payout_date_earliest", "payout_date_latest")]
    assert dates == ["now", "now", "now"]
    # As of the day before, the stream of the 20th was not there yet.
    assert run_json(capsys, "forecast", "--as-of", "2026-11-19")["balance_diamonds"] == "300"
    assert main(["forecast", "--as-of", "2026-11-20"]) == 0
    assert "Next payout     now: the balance has reached the payout minimum" in (
        capsys.readouterr().out
    )


def test_an_empty_ledger_has_no_payout_date(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "forecast")
    today = dt.date.today()  # the default as-of day (the machine's clock)
    assert abs(dt.date.fromisoformat(result["as_of"]) - today) <= dt.timedelta(days=1)
    assert result["payout_date"] is result["payout_date_latest"] is None
    assert [month["by_source"] for month in result["months"]] == [{}, {}]
    assert main(["forecast"]) == 0
    assert "not enough data: no stream logged yet" in capsys.readouterr().out


def test_a_month_once_over_is_what_the_monthly_report_says(
    steady: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "add", "--coins", "777", "--started-at", "2026-10-31T23:00:00-08:00"]) == 0
    capsys.readouterr()
    october = run_json(capsys, "forecast", "--as-of", "2026-10-31")["months"][0]
    report = run_json(capsys, "report", "--by", "month", "--from", "2026-10-01",
                      "--to", "2026-10-31")["by_month"]["2026-10"]  # fmt: skip
    assert october["month"] == "2026-10"
    assert october["projected"] == october["low"] == october["high"] == report["total"]
    assert october["earned_so_far"] == report["total"] == "158.85"  # 31 x $5 + 77 diamonds


def test_goal_set_then_pacing_in_json(steady: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["goal", "set", "--monthly-usd", "200", "--as-of", "2026-11-01"]) == 0
    assert capsys.readouterr().out == (
        "Monthly goal set: $200.00 a month from 2026-11-01 (every source counts).\n"
    )
    # $100 of $200 earned; 10 days left must bring $10 each; $150 projected: not on track.
    assert run_json(capsys, "goal", "--as-of", "2026-11-20") == {
        "month": "2026-11",
        "goal": "200.00",
        "earned": "100.00",
        "projected": "150.00",
        "needed_per_day": "10.00",
        "days_left": "10",
        "on_track": False,
    }
    assert main(["goal", "--as-of", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert "Needed per day  $10.00 in each of the 10 days left" in out
    assert "On track        no, at the current pace" in out


def test_goal_history_keeps_every_goal_and_pacing_uses_the_one_of_the_day(
    steady: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["goal", "set", "--monthly-usd", "200", "--as-of", "2026-11-01"])
    main(["goal", "set", "--monthly-usd", "140.50", "--as-of", "2026-11-18"])
    capsys.readouterr()
    assert run_json(capsys, "goal", "history") == {
        "goals": [
            {"set_on": "2026-11-01", "amount": "200.00", "currency": "USD"},
            {"set_on": "2026-11-18", "amount": "140.50", "currency": "USD"},
        ]
    }
    assert run_json(capsys, "goal", "--as-of", "2026-11-17")["goal"] == "200.00"
    now = run_json(capsys, "goal", "--as-of", "2026-11-20")
    assert (now["goal"], now["needed_per_day"], now["on_track"]) == ("140.50", "4.05", True)


def test_without_a_goal_pacing_shows_the_month_only(
    steady: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_json(capsys, "goal", "--as-of", "2026-11-20")
    assert result == {"month": "2026-11", "goal": None, "earned": "100.00",
                      "projected": "150.00", "needed_per_day": None, "days_left": "10",
                      "on_track": None}  # fmt: skip
    assert main(["goal", "history"]) == 0
    assert "No monthly goal set yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "--as-of", "2026-11-31"], "--as-of: expected a date such as"),
        (["forecast", "--as-of", "next week", "--json"], "--as-of: expected a date such as"),
        (["goal", "--as-of", "20/11/2026"], "--as-of: expected a date such as"),
        (["goal", "set", "--monthly-usd", "-5"], "--monthly-usd: must not be negative"),
        (["goal", "set", "--monthly-usd", "lots"], "--monthly-usd: expected an amount"),
        (["goal", "set", "--monthly-usd", "1e9"], "--monthly-usd: expected an amount"),
        (["goal", "set", "--monthly-usd", "500", "--as-of", "soon"], "--as-of: expected a date"),
        (["goal", "set"], "the following arguments are required: --monthly-usd"),
        (["goal", "sett", "--monthly-usd", "5"], "invalid choice: 'sett'"),
    ],
)
def test_bad_input_is_one_line_and_sets_nothing(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert said in bad(capsys, *argv)
    assert run_json(capsys, "goal", "history") == {"goals": []}


def test_the_payout_in_words_when_there_is_no_date() -> None:
    rates = ExchangeRates({"USD": Decimal(1)})
    dear = RateProfile("US", "United States", "USD").with_figures(
        payout_minimum_usd=Decimal(10_000)
    )
    first = AS_OF - dt.timedelta(days=89)
    for live, said in (
        ([(first, Decimal("0.05"), 1)], "not within a hundred years at the pace"),
        ([(first, Decimal("0.05"), 0)], "not enough data: no diamonds in the last 90 days"),
    ):
        log = LedgerHistory(AS_OF, live, [], first, {})
        payout = forecast(log, Balance(0, Decimal(0)), dear, rates, "USD").payout
        assert payout_text(payout).startswith(said)
