"""Modules stay short: one job each (issue 11 split the big ones along their seams)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "desktop" / "livetally"
MOST_LINES = 500


def test_no_module_of_the_app_is_over_500_lines() -> None:
    lengths = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(lengths) > 100  # the package was found
    too_long = {name: lines for name, lines in lengths.items() if lines > MOST_LINES}
    assert too_long == {}
