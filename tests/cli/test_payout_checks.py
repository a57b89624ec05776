"""``payout add``: impossible or implausible payouts are one clear line, never an IntegrityError."""

from __future__ import annotations

import json

import pytest

from livetally.cli import main


@pytest.fixture(autouse=True)
def earned() -> None:
    assert main(["log", "add", "--coins", "100000", "--started-at", "2026-11-20T19:30:00Z"]) == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--diamonds", "0", "--cash-usd", "5"], "a payout cashes out at least 1 diamond"),
        (["--diamonds", "100", "--cash-usd", "0"], "pays out more than $0.00"),
        (
            ["--diamonds", "100", "--cash-usd", "4", "--fee-usd", "5"],
            "the fee ($5) is larger than the cash received ($4)",
        ),
        (
            ["--diamonds", "10000", "--cash-usd", "5"],
            "10,000 diamonds for $5 is $0.0005 a diamond, far from the $0.05",
        ),
    ],
)
def test_a_bad_payout_is_refused_and_nothing_is_recorded(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    capsys.readouterr()
    assert main(["payout", "add", *arguments]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err
    assert "nothing was recorded" in err
    assert main(["balance", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["balance_diamonds"] == "10000"


def test_an_unusual_rate_is_recorded_with_force(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["payout", "add", "--diamonds", "10000", "--cash-usd", "5", "--force"]) == 0
    assert "Recorded a payout of 10,000 diamonds" in capsys.readouterr().out
    assert main(["balance", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["balance_diamonds"] == "0"
