"""``payout list``: the payout history for people and, with ``--json``, for programs."""

from __future__ import annotations

import json

import pytest

from livetally.cli import main


def test_an_empty_history_says_how_to_record_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["payout", "list"]) == 0
    assert "No payouts recorded yet" in capsys.readouterr().out
    assert main(["payout", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"payouts": []}


def test_payouts_are_listed_with_a_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "add", "--coins", "30000", "--started-at", "2026-11-01T20:00:00Z"]) == 0
    assert main(["payout", "add", "--diamonds", "1000", "--cash-usd", "50", "--date",
                 "2026-11-10"]) == 0  # fmt: skip
    assert main(["payout", "add", "--diamonds", "1", "--cash-usd", "0.05", "--fee-usd", "0.01",
                 "--method", "Bank transfer", "--date", "2026-11-20"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Recorded a payout of 1 diamond ($0.05 via Bank transfer). 1,999 diamonds left." in out

    assert main(["payout", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Date", "#", "Diamonds", "Cash", "Fee", "Method"]
    assert lines[1].split() == ["2026-11-10", "1", "1,000", "$50.00", "$0.00", "PayPal"]
    assert lines[2].split() == ["2026-11-20", "2", "1", "$0.05", "$0.01", "Bank", "transfer"]
    assert lines[3].split() == ["2", "payouts", "1,001", "$50.05", "$0.01"]

    assert main(["payout", "list", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["payouts"][1] == {
        "id": 2,
        "date": "2026-11-20",
        "diamonds": "1",
        "cash_usd": "0.05",
        "fee_usd": "0.01",
        "method": "Bank transfer",
    }
