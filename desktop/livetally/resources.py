"""Where the files shipped with LiveTally live, from source and from the installer alike.

PyInstaller unpacks bundled data under ``sys._MEIPASS``; from a source checkout the
``resources/`` folder sits at the top of the repository. Every caller goes through here,
so neither case leaks into the rest of the code.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(name: str) -> Path:
    """The shipped file ``name`` (for example ``settings.toml``)."""
    return resources_dir() / name
