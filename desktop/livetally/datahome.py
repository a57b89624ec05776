"""The data home: the one folder holding a creator's settings, catalog, ledger and backups.

``--data-dir DIR`` wins, then ``LIVETALLY_HOME``, then the platform's user data folder
(platformdirs). The first run fills the folder from the shipped resources; an existing
file is never overwritten, whatever state it is in.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from livetally import activity
from livetally.resources import resource_path

_log = activity.logger(__name__)

ENV_VAR = "LIVETALLY_HOME"
APP_NAME = "LiveTally"

#: Files copied from resources/ into a new data home, so the user has their own to edit.
_SEEDED_FILES = ("settings.toml", "gifts.toml", "gifts-LICENSE.txt")


class DataHome(NamedTuple):
    """Where a creator's files are. A NamedTuple rather than a dataclass: it is made
    before the window is shown, and the dataclasses module with its generated methods cost
    the first window ~4 ms."""

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


#: Files of a data home besides the ledger and the seeded ones, which LiveTally writes.
_OWN_FILES = ("livetally.lock", "livetally.log", "window.ini")


def owned_file(home: DataHome, path: Path) -> str | None:
    """What ``path`` is, if it is (or links to) one of LiveTally's own files in ``home``:
    writing anything else over it would destroy it. None for any other path."""
    try:
        target = path.resolve()
        root = home.root.resolve()
    except OSError:
        return None
    if target == root / "backups" or root / "backups" in target.parents:
        return "one of LiveTally's backups"
    names = {
        "livetally.sqlite3": "the ledger",
        "livetally.sqlite3-wal": "the ledger's journal",
        "livetally.sqlite3-shm": "the ledger's journal",
        "settings.toml": "the settings file",
        "gifts.toml": "the gift catalog",
        "gifts-LICENSE.txt": "the gift catalog's licence",
        **dict.fromkeys(_OWN_FILES, "one of LiveTally's own files"),
    }
    if target.parent == root and target.name in names:
        return names[target.name]
    if target == root:
        return "the data home itself"
    return None


def is_writable(home: DataHome) -> bool:
    """Whether this user may change the data home: the folder, and the ledger in it.

    Asked through ``os.access`` (the permission bits and any read-only mount), so a data
    home on a read-only disk or shared read-only is opened for reading instead of failing
    on the first write.
    """
    database = home.database_path
    return os.access(home.root, os.W_OK) and (not database.exists() or os.access(database, os.W_OK))


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


class DataHomeError(ValueError):
    """The data home named cannot be one: a file, or a path inside a file."""


def check_data_dir_option(text: str | None) -> None:
    """Refuse ``--data-dir ""``: an empty value (an unset shell variable, usually) must not
    quietly mean the default data home."""
    if text is not None and not text.strip():
        raise DataHomeError(
            "--data-dir: is empty; give the folder to keep LiveTally's data in, "
            "e.g. --data-dir ~/LiveTally"
        )


def prepare_data_home(home: DataHome) -> DataHome:
    """Create the folder and copy in any shipped file it lacks; never replace one."""
    root = home.root
    if root.exists() and not root.is_dir():
        raise DataHomeError(
            f"{root}: is a file, not a folder; the data home (--data-dir or {ENV_VAR}) "
            "must be a folder"
        )
    blocking = next((p for p in root.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise DataHomeError(
            f"{root}: {blocking} is a file, so no folder can be made inside it; "
            f"choose another data home (--data-dir or {ENV_VAR})"
        )
    root.mkdir(parents=True, exist_ok=True)
    activity.write_to(root)
    for name in _SEEDED_FILES:
        target = home.root / name
        if target.exists():
            continue
        partial = target.with_name(f".{name}.partial")
        shutil.copyfile(resource_path(name), partial)
        os.replace(partial, target)
        _log.info(f"{name} created from the shipped defaults in {root}")
    return home
