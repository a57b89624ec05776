"""The command line says "1 diamond", "1 new stream", and each figure once."""

from __future__ import annotations

from pathlib import Path

import pytest

from livetally.cli import main


def test_one_of_a_thing_is_singular(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["log", "add", "--coins", "10", "--started-at", "2026-11-20T19:30:00Z"]) == 0
    out = capsys.readouterr().out
    assert "10 coins, 1 diamond, $0.05 for you." in out
    assert "Balance: 1 diamond ($0.05)" in out

    one = tmp_path / "one.csv"
    one.write_text("started_at,coins\n2026-11-21T19:30:00Z,10000\n", encoding="utf-8")
    assert main(["import", "streams", str(one)]) == 0
    assert capsys.readouterr().out == f"Imported {one}: 1 new stream, 0 already there.\n"

    income = tmp_path / "income.csv"
    income.write_text("date,source,amount,currency\n2026-11-21,affiliate,5,USD\n")
    assert main(["import", "income", str(income)]) == 0
    assert "1 new income entry," in capsys.readouterr().out
    assert main(["export", "income", "-o", str(tmp_path / "out.csv")]) == 0
    assert "Wrote 1 income entry to" in capsys.readouterr().err

    assert main(["gifts", "rose"]) == 0
    rose = capsys.readouterr().out.splitlines()[0]
    assert rose.split() == ["Rose", "1", "coin"]


def test_a_target_names_its_coins_and_diamonds_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "--target-usd", "100"]) == 0
    labels = [line.rsplit("  ", 1)[0].strip() for line in capsys.readouterr().out.splitlines()]
    assert "Coins of gifts needed" in labels
    assert "Diamonds needed" in labels
    assert "Coins" not in labels
    assert "Diamonds" not in labels
    assert main(["convert", "--coins", "10000"]) == 0
    labels = [line.rsplit("  ", 1)[0].strip() for line in capsys.readouterr().out.splitlines()]
    assert labels.count("Coins") == 1
    assert labels.count("Diamonds") == 1
