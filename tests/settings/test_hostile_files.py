"""Settings and gift files that would blow up arithmetic or the parsers: one clear line each.

Each of these once ended in ``unexpected error (...)`` and exit 1, or took minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from livetally.cli import main


def _prepared(isolated_data_home: Path) -> Path:
    assert main(["convert", "--coins", "1"]) == 0  # creates the data home
    return isolated_data_home


def _only_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "unexpected error" not in err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        ("diamond_usd = " + "9" * 5000, "expected a number, got one 5,000 characters long"),
        ("diamond_usd = 1e-400", "expected a number between 0.0001 and 1, got 1e-400"),
        (
            'diamond_usd = "0.000000000000000000000000001"',
            "defaults.diamond_usd",
        ),
        ("diamond_usd = 0.000000000000000000000000001", "expected a number between 0.0001"),
    ],
)
def test_hostile_numbers_in_settings_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
    isolated_data_home: Path,
    replacement: str,
    expected: str,
) -> None:
    settings = _prepared(isolated_data_home) / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    assert "diamond_usd = 0.05" in text
    settings.write_text(text.replace("diamond_usd = 0.05", replacement, 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["log", "add", "--coins", "100"]) == 2
    err = _only_line(capsys)
    assert f"{settings}:" in err
    assert expected in err
    assert main(["log", "list", "--json"]) == 2, "nothing was logged meanwhile"


@pytest.mark.parametrize("file_name", ["settings.toml", "gifts.toml"])
@pytest.mark.parametrize("nesting", ["x = " + "[" * 100_000, "x = " + "{a = " * 100_000])
def test_a_file_nested_100_000_levels_deep_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path, file_name: str, nesting: str
) -> None:
    path = _prepared(isolated_data_home) / file_name
    path.write_text(path.read_text(encoding="utf-8") + "\n" + nesting + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["convert", "--gifts", "Rose:1"]) == 2  # reads both files
    err = _only_line(capsys)
    assert f"{path}:" in err
    assert "nested more than" in err


def test_a_dotted_key_of_100_000_parts_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], isolated_data_home: Path
) -> None:
    path = _prepared(isolated_data_home) / "settings.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n" + ".".join(["a"] * 100_000) + " = 1\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["convert", "--coins", "100"]) == 2
    assert f"{path}:" in _only_line(capsys)
