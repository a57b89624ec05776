"""Where the data home is, and that the first run fills it without overwriting anything."""

from __future__ import annotations

from pathlib import Path

from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.resources import resource_path


def test_explicit_folder_beats_the_environment(tmp_path: Path) -> None:
    home = resolve_data_home(tmp_path / "a", {"LIVETALLY_HOME": str(tmp_path / "b")})
    assert home.root == tmp_path / "a"


def test_environment_beats_the_platform_default(tmp_path: Path) -> None:
    assert resolve_data_home(None, {"LIVETALLY_HOME": str(tmp_path / "b")}).root == tmp_path / "b"


def test_platform_default_is_a_user_folder_named_after_the_app(tmp_path: Path) -> None:
    # The autouse fixture points XDG_DATA_HOME into tmp_path, so this is the user's folder.
    root = resolve_data_home(None, {}).root
    assert root.name == "LiveTally"
    assert tmp_path in root.parents


def test_first_run_copies_the_shipped_files(tmp_path: Path) -> None:
    home = prepare_data_home(resolve_data_home(tmp_path / "fresh"))
    assert home.settings_path.read_bytes() == resource_path("settings.toml").read_bytes()
    assert home.gifts_path.read_bytes() == resource_path("gifts.toml").read_bytes()
    assert (home.root / "gifts-LICENSE.txt").exists()
    assert sorted(p.name for p in home.root.iterdir()) == [
        "gifts-LICENSE.txt",
        "gifts.toml",
        "livetally.log",  # the support log says which files were made, and when
        "settings.toml",
    ]
    log = (home.root / "livetally.log").read_text(encoding="utf-8")
    assert "settings.toml created from the shipped defaults" in log


def test_existing_files_are_never_replaced_even_when_broken(tmp_path: Path) -> None:
    home = resolve_data_home(tmp_path / "used")
    home.root.mkdir()
    home.settings_path.write_text("this is [not toml", encoding="utf-8")
    prepare_data_home(home)
    assert home.settings_path.read_text(encoding="utf-8") == "this is [not toml"
