"""``livetally calibrate``: the wallet's figures land in settings.toml, comments intact."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.cli import main
from livetally.settings.read import read_settings
from tests.conftest import RESOURCES


def test_wallet_reading_sets_diamond_usd_and_reports_the_share(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path
) -> None:
    argv = ["calibrate", "--wallet-diamonds", "1,000", "--wallet-usd", "5.00", "--country", "gb"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Calibrated United Kingdom (GB) from your wallet:" in out
    assert "diamond_usd        0.05 -> 0.005" in out
    assert "Your share         50.0% -> 5.0%" in out
    settings = read_settings(isolated_data_home / "settings.toml")
    assert settings.profile("GB").diamond_usd == Decimal("0.005")
    assert settings.profile("GB").diamonds_per_coin == Decimal("0.1")
    assert settings.profile("US").diamond_usd == Decimal("0.05"), "other countries unchanged"


def test_gift_reading_sets_diamonds_per_coin_too(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path
) -> None:
    argv = ["calibrate", "--wallet-diamonds", "200", "--wallet-usd", "1", "--gift-coins", "2",
            "--gift-diamonds", "1", "--json"]  # fmt: skip
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out) == {
        "country": "US",
        "settings_path": str(isolated_data_home / "settings.toml"),
        "before": {
            "diamond_usd": "0.05",
            "diamonds_per_coin": "0.1",
            "creator_share": "0.5",
            "tiktok_share": "0.5",
        },
        "after": {
            "diamond_usd": "0.005",
            "diamonds_per_coin": "0.5",
            "creator_share": "0.25",
            "tiktok_share": "0.75",
        },
    }
    assert main(["convert", "--coins", "10000", "--json"]) == 0
    converted = json.loads(capsys.readouterr().out)
    assert (converted["diamonds"], converted["creator_usd"]) == ("5000", "25.00")


def test_calibration_keeps_every_comment(isolated_data_home: Path) -> None:
    assert main(["calibrate", "--wallet-diamonds", "1000", "--wallet-usd", "45"]) == 0
    shipped = (RESOURCES / "settings.toml").read_text(encoding="utf-8")
    saved = (isolated_data_home / "settings.toml").read_text(encoding="utf-8")
    shipped_comments = [line for line in shipped.splitlines() if "#" in line]
    saved_lines = saved.splitlines()
    assert all(line in saved_lines for line in shipped_comments)
    added = [line for line in saved_lines if line not in shipped.splitlines()]
    assert len(added) == 1
    assert added[0].startswith("diamond_usd = 0.045  # calibrated from your wallet on ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--wallet-diamonds", "0", "--wallet-usd", "5"],
            "livetally: --wallet-diamonds: must be greater than 0",
        ),
        (
            ["--wallet-diamonds", "100", "--wallet-usd", "5", "--gift-coins", "3"],
            "livetally: --gift-coins: give --gift-coins and --gift-diamonds together",
        ),
        (
            ["--wallet-diamonds", "100", "--wallet-usd", "20"],
            "livetally: --wallet-usd: these readings do not fit US's coin price: "
            "diamonds_per_coin x diamond_usd / coin_usd gives a creator share of 200.0%, "
            "above 100% of what viewers paid",
        ),
    ],
)
def test_impossible_readings_change_nothing(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path, args: list[str], message: str
) -> None:
    assert main(["calibrate", *args]) == 2
    assert capsys.readouterr().err == message + "\n"
    saved = (isolated_data_home / "settings.toml").read_bytes()
    assert saved == (RESOURCES / "settings.toml").read_bytes()
