"""Reports name sources as people read them and shares add up; ``--json`` keeps the ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from livetally.cli import main


@pytest.fixture(autouse=True)
def three_equal_sources(tmp_path: Path) -> None:
    income = tmp_path / "income.csv"
    income.write_text(
        "date,source,amount,currency,description\n"
        "2026-11-02,Creator Rewards,50.00,USD,\n"
        "2026-11-03,creator_fund,50.00,USD,\n"
        "2026-11-04,patreon tips,100.00,USD,\n",
        encoding="utf-8",
    )
    assert main(["import", "income", str(income)]) == 0
    assert main(["log", "add", "--coins", "20000", "--started-at", "2026-11-01T20:00:00Z"]) == 0


def test_by_source_shows_names_and_shares_that_add_up(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["report", "--by", "source"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line[:16].strip(): line.split()[-1] for line in lines[2:-1]}
    assert rows == {"LIVE gifts": "34%", "Creator Rewards": "33%", "Patreon Tips": "33%"}
    assert "creator_rewards" not in "\n".join(lines)


def test_json_keeps_the_ids(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["report", "--by", "source", "--json"]) == 0
    by_source = json.loads(capsys.readouterr().out)["by_source"]
    assert by_source == {
        "live_gifts": "100.00",
        "creator_rewards": "100.00",
        "patreon_tips": "100.00",
    }


def test_months_are_headed_by_source_names(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["report"]) == 0
    header = capsys.readouterr().out.splitlines()[1]
    assert header.split("  ")[0] == "Month"
    assert "Creator Rewards" in header
    assert "Patreon Tips" in header
