"""``livetally convert`` from the outside: numbers, JSON keys, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from livetally.cli import main


def exit_code(argv: list[str]) -> int:
    """``main``'s result, also when argparse exits on its own (usage errors, --version)."""
    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["convert", *args, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_seed_example_10000_coins(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "--coins", "10000") == {
        "country": "US",
        "country_name": "United States",
        "coins": "10000",
        "viewer_spend_usd": "100.00",
        "tiktok_cut_usd": "50.00",
        "creator_usd": "50.00",
        "creator_share": "0.5",
        "tiktok_share": "0.5",
        "diamonds": "1000",
        "currency": "USD",
        "creator_local": "50.00",
        "payout_minimum_usd": "50.00",
        "payout_reachable": True,
    }


def test_thousand_diamonds_are_fifty_dollars(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--diamonds", "1,000")
    assert (result["creator_usd"], result["diamonds"], result["coins"]) == (
        "50.00",
        "1000",
        "10000",
    )


def test_under_the_minimum_is_not_reachable(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--diamonds", "999")
    assert (result["creator_usd"], result["payout_reachable"]) == ("49.95", False)


def test_gifts_are_priced_from_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--gifts", "rose:10, Galaxy:2")
    assert result["coins"] == "2010"
    assert result["creator_usd"] == "10.05"
    assert result["gifts"] == [
        {"name": "Rose", "count": "10", "coins_each": "1", "coins": "10"},
        {"name": "Galaxy", "count": "2", "coins_each": "1000", "coins": "2000"},
    ]


def test_target_gives_coins_and_diamonds_needed(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "--target-usd", "50")
    assert (result["coins_needed"], result["diamonds_needed"]) == ("10000", "1000")
    assert result["target_usd"] == "50.00"
    assert result["payout_reachable"] is True


def test_local_currency_follows_the_country(capsys: pytest.CaptureFixture[str]) -> None:
    germany = run_json(capsys, "--coins", "10000", "--country", "de")
    assert (germany["currency"], germany["creator_local"]) == ("EUR", "46.00")
    japan = run_json(capsys, "--coins", "10000", "--country", "JP")
    assert (japan["currency"], japan["creator_local"]) == ("JPY", "7500")
    shown_in_gbp = run_json(capsys, "--coins", "10000", "--currency", "gbp")
    assert (shown_in_gbp["currency"], shown_in_gbp["creator_local"]) == ("GBP", "39.50")


def test_text_report_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "--gifts", "Rose:10,Galaxy:2", "--country", "DE"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Germany (DE) rates"
    assert out[1:3] == ["  10 x Rose (1 coin each)", "  2 x Galaxy (1,000 coins each)"]
    rows = {line.rsplit("  ", 1)[0].strip(): line.rsplit(" ", 2)[-2:] for line in out[3:]}
    assert rows["Viewers paid"][-1] == "$20.10"
    assert rows["Your share (50.0%)"][-1] == "$10.05"
    assert rows["Your share in EUR"] == ["9.24", "EUR"]
    widths = {len(line) for line in out[3:]}
    assert len(widths) == 1, "values are right-aligned to one column"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coins", "-5"], "livetally: --coins: must not be negative, got -5"),
        (["--coins", "2.5"], "livetally: --coins: must be a whole number, got 2.5"),
        (
            ["--coins", "lots"],
            "livetally: --coins: expected a whole number such as 500, got 'lots'",
        ),
        (
            ["--coins", "1" + "0" * 13],
            "livetally: --coins: is too large: 10000000000000 (at most 1,000,000,000,000)",
        ),
        (["--diamonds", "-1"], "livetally: --diamonds: must not be negative, got -1"),
        (
            ["--target-usd", "abc"],
            "livetally: --target-usd: expected an amount such as 49.99, got 'abc'",
        ),
        (
            ["--target-usd", "NaN"],
            "livetally: --target-usd: expected an amount such as 49.99, got 'NaN'",
        ),
        (
            ["--gifts", "Galaxi:2"],
            "livetally: --gifts: unknown gift 'Galaxi'; did you mean 'Galaxy' or 'Garland'?",
        ),
        (["--gifts", "Rose:-1"], "livetally: --gifts (Rose count): must not be negative, got -1"),
        (
            ["--coins", "5", "--country", "XX"],
            "livetally: --country: no profile for 'XX' in settings.toml; known: AE, AU, BR, CA, "
            "DE, ES, FR, GB, ID, IT, JP, KR, MX, MY, NL, NZ, PH, PL, SA, SE, TH, TR, US, VN, ZA",
        ),
        (
            ["--coins", "5", "--diamonds", "3"],
            "livetally convert: argument --diamonds: not allowed with argument --coins "
            "(see livetally convert --help)",
        ),
        (
            [],
            "livetally convert: one of the arguments --coins --gifts --diamonds --target-usd is "
            "required (see livetally convert --help)",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert exit_code(["convert", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == message + "\n"


def test_broken_settings_exit_2_naming_file_and_line(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path
) -> None:
    assert main(["convert", "--coins", "1"]) == 0  # first run creates the files
    settings = isolated_data_home / "settings.toml"
    text = settings.read_text(encoding="utf-8").replace("diamond_usd = 0.05", "diamond_usd = -1")
    settings.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["convert", "--coins", "1"]) == 2
    line = (
        text.splitlines().index(next(x for x in text.splitlines() if "diamond_usd = -1" in x)) + 1
    )
    assert capsys.readouterr().err == (
        f"{settings}:{line}: defaults.diamond_usd: expected a number between 0.0001 and 1, got -1\n"
    )
    assert settings.read_text(encoding="utf-8") == text


def test_data_dir_option_beats_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], isolated_data_home: Path
) -> None:
    chosen = tmp_path / "chosen"
    assert main(["--data-dir", str(chosen), "convert", "--coins", "1"]) == 0
    assert (chosen / "settings.toml").exists()
    assert not isolated_data_home.exists()
