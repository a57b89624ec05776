"""The GitHub Actions workflow builds on the three systems and smoke-tests each build."""

from __future__ import annotations

from tests.packaging.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "package.yml"


def test_it_builds_on_linux_windows_and_macos_and_runs_the_smoke_test() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert runner in text
    assert text.count("--smoke") >= 3
    assert "packaging/build.py" in text
    assert "\t" not in text  # YAML forbids tabs for indentation
