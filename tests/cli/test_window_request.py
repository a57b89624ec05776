"""``livetally`` with only the window's options opens the window without building the parser."""

from __future__ import annotations

import importlib

import pytest

from livetally.cli.main import WindowRequest, window_request
from tests.conftest import python_prints

# The package's ``main`` attribute is the function; this is the module.
cli_main = importlib.import_module("livetally.cli.main")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], WindowRequest()),
        (["--smoke"], WindowRequest(smoke=True)),
        (["--quit-after-show"], WindowRequest(quit_after_show=True)),
        (["--data-dir", "/tmp/x"], WindowRequest(data_dir="/tmp/x")),
        (["--data-dir=/tmp/x", "--smoke"], WindowRequest(data_dir="/tmp/x", smoke=True)),
        (
            ["--quit-after-show", "--data-dir", "home"],
            WindowRequest(data_dir="home", quit_after_show=True),
        ),
    ],
)
def test_window_options_alone_are_a_window_request(
    argv: list[str], expected: WindowRequest
) -> None:
    assert window_request(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "--coins", "10"],
        ["--help"],
        ["--version"],
        ["--data-dir"],  # the folder is missing: argparse says so
        ["--data-dir", "--smoke"],
        ["--data-dir="],
        ["--smok"],
        ["--smoke", "report"],
    ],
)
def test_anything_else_goes_to_the_parser(argv: list[str]) -> None:
    assert window_request(argv) is None


def test_main_opens_the_window_for_window_options(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[WindowRequest] = []
    monkeypatch.setattr(cli_main, "open_window", lambda request: opened.append(request) or 0)
    assert cli_main.main(["--data-dir", "somewhere"]) == 0
    assert opened == [WindowRequest(data_dir="somewhere")]


def test_a_missing_data_dir_value_is_still_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli_main.main(["--data-dir"])
    assert exit_info.value.code == 2
    assert "--data-dir" in capsys.readouterr().err


def test_opening_the_window_imports_neither_argparse_nor_the_commands() -> None:
    code = (
        "import sys\n"
        "import importlib\n"
        "m = importlib.import_module('livetally.cli.main')\n"
        "m.open_window = lambda request: 0\n"
        "m.main([])\n"
        "print(sorted(n for n in sys.modules if n == 'argparse' or n.startswith('livetally.cli.')))"
    )
    assert python_prints(code) == "['livetally.cli.main']"
