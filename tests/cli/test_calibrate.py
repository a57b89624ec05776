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
    argv = ["calibrate", "--wallet-diamonds", "1,000", "--wallet-usd", "45.00", "--country", "gb"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Calibrated United Kingdom (GB) from your wallet:" in out
    assert "diamond_usd        0.05 -> 0.045" in out
    assert "Your share         50.0% -> 45.0%" in out
    settings = read_settings(isolated_data_home / "settings.toml")
    assert settings.profile("GB").diamond_usd == Decimal("0.045")
    assert settings.profile("GB").diamonds_per_coin == Decimal("0.1")
    assert settings.profile("US").diamond_usd == Decimal("0.05"), "other countries unchanged"


@pytest.mark.parametrize(("wallet_usd", "share"), [("5.00", "5.0%"), ("95.00", "95.0%")])
def test_an_implausible_share_needs_force(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path, wallet_usd: str, share: str
) -> None:
    """A share outside 20-70% is almost always a typo, and it rewrites every future figure."""
    settings_path = isolated_data_home / "settings.toml"
    argv = ["calibrate", "--wallet-diamonds", "1000", "--wallet-usd", wallet_usd]
    assert main(["convert", "--coins", "1"]) == 0  # creates the data home
    before = settings_path.read_bytes()
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"a creator share of {share}, outside the 20-70%" in err
    assert "add --force" in err
    assert "nothing was saved" in err
    assert settings_path.read_bytes() == before
    assert main([*argv, "--force"]) == 0
    out, err = capsys.readouterr()
    assert f"-> {share}" in out
    assert f"warning: these readings give a creator share of {share}" in err
    assert read_settings(settings_path).profile("US").diamond_usd == Decimal(wallet_usd) / 1000


def test_calibration_keeps_line_endings_and_a_byte_order_mark(isolated_data_home: Path) -> None:
    settings_path = isolated_data_home / "settings.toml"
    assert main(["convert", "--coins", "1"]) == 0
    text = settings_path.read_text(encoding="utf-8")
    settings_path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert main(["calibrate", "--wallet-diamonds", "1000", "--wallet-usd", "45"]) == 0
    written = settings_path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in written
    assert written.count(b"\n") == written.count(b"\r\n"), "no bare LF lines were added"
    assert read_settings(settings_path).profile("US").diamond_usd == Decimal("0.045")


def test_a_symlinked_settings_file_is_written_through_to_its_target(
    isolated_data_home: Path, tmp_path: Path
) -> None:
    settings_path = isolated_data_home / "settings.toml"
    assert main(["convert", "--coins", "1"]) == 0
    real = tmp_path / "dotfiles" / "livetally.toml"
    real.parent.mkdir()
    settings_path.replace(real)
    settings_path.symlink_to(real)
    assert main(["calibrate", "--wallet-diamonds", "1000", "--wallet-usd", "45"]) == 0
    assert settings_path.is_symlink(), "the link is kept, not replaced by a copy"
    assert read_settings(real).profile("US").diamond_usd == Decimal("0.045")


def test_a_read_only_settings_file_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path
) -> None:
    settings_path = isolated_data_home / "settings.toml"
    assert main(["convert", "--coins", "1"]) == 0
    settings_path.chmod(0o444)
    before = settings_path.read_bytes()
    capsys.readouterr()
    assert main(["calibrate", "--wallet-diamonds", "1000", "--wallet-usd", "45"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is read-only; nothing was written" in err
    assert settings_path.read_bytes() == before


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
            "livetally: --wallet-usd: these readings do not fit US's figures: "
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
