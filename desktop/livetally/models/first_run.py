"""Whether a data home still owes its creator the first-run welcome, and what to suggest.

The welcome (``livetally.ui.first_run``) asks for the country, offers calibration, sample
data or an import, and is shown once per data home: once finished or skipped it is marked
done in the data home's ``window.ini`` (beside the window's size and columns, so a second
data home has its own, and tests, each on a fresh home, never see the user's). A home whose
ledger already holds streams or income has plainly been started, so it is not welcomed
however old it is; one that cannot be written is not either, as nothing chosen would stay.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum

from PySide6.QtCore import QSettings

from livetally.datahome import DataHome
from livetally.storage.ledger import Ledger

#: The key in ``window.ini`` that says the welcome was finished or skipped.
DONE_KEY = "firstRun/done"


class StartChoice(Enum):
    """How the creator chose to start: what the window does once the welcome closes."""

    EMPTY = "empty"
    SAMPLE = "sample"
    IMPORT = "import"


class FirstRunState:
    """The welcome's one fact about a data home: done (finished or skipped) or not yet."""

    def __init__(self, home: DataHome) -> None:
        self._store = QSettings(str(home.root / "window.ini"), QSettings.Format.IniFormat)

    def is_done(self) -> bool:
        return bool(self._store.value(DONE_KEY, False, type=bool))

    def mark_done(self) -> None:
        """Never welcome this data home again (written at once, not at quit)."""
        self._store.setValue(DONE_KEY, True)
        self._store.sync()


def is_due(home: DataHome, ledger: Ledger, *, read_only: bool) -> bool:
    """Whether to welcome the creator to ``home``: never done, nothing logged, writable."""
    return not read_only and not FirstRunState(home).is_done() and ledger.is_empty()


def suggested_country(countries: Collection[str], current: str, locale_name: str) -> str:
    """The country profile to offer first: the one of the system's locale (``de_DE`` gives
    ``DE``) when settings have a profile for it, else the settings' own country."""
    parts = locale_name.split(".")[0].split("@")[0].split("_")  # sr_Latn_RS.UTF-8@latin
    code = parts[-1].upper() if len(parts) > 1 else ""
    return code if len(code) == 2 and code in countries else current
