"""The data home: the one folder holding a creator's settings, catalog, ledger and backups.

``--data-dir DIR`` wins, then ``LIVETALLY_HOME``, then the platform's user data folder
(platformdirs). The first run fills the folder from the shipped resources; an existing
file is never overwritten, whatever state it is in.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from livetally.resources import resource_path

ENV_VAR = "LIVETALLY_HOME"
APP_NAME = "LiveTally"

#: Files copied from resources/ into a new data home, so the user has their own to edit.
_SEEDED_FILES = ("settings.toml", "gifts.toml", "gifts-LICENSE.txt")


@dataclass(frozen=True)
class DataHome:
    root: Path

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.toml"

    @property
    def gifts_path(self) -> Path:
        return self.root / "gifts.toml"

    @property
    def database_path(self) -> Path:
        return self.root / "livetally.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"


def resolve_data_home(
    data_dir: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> DataHome:
    """Pick the data home without touching the disk."""
    env = os.environ if environ is None else environ
    if data_dir:
        return DataHome(Path(data_dir).expanduser().absolute())
    if env.get(ENV_VAR):
        return DataHome(Path(env[ENV_VAR]).expanduser().absolute())
    import platformdirs  # deferred: only the platform default needs it

    return DataHome(platformdirs.user_data_path(APP_NAME, appauthor=False))


def prepare_data_home(home: DataHome) -> DataHome:
    """Create the folder and copy in any shipped file it lacks; never replace one."""
    home.root.mkdir(parents=True, exist_ok=True)
    for name in _SEEDED_FILES:
        target = home.root / name
        if target.exists():
            continue
        partial = target.with_name(f".{name}.partial")
        shutil.copyfile(resource_path(name), partial)
        os.replace(partial, target)
    return home
