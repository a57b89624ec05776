"""The one error the settings layer raises: where in which file, which field, what was wrong."""

from __future__ import annotations

from pathlib import Path


class SettingsError(Exception):
    """A settings or catalog file that cannot be used as it stands.

    Printed, it reads ``FILE:LINE: FIELD: MESSAGE`` (line and field left out when
    unknown), the form editors and terminals turn into a jump to the spot.
    """

    def __init__(
        self, path: Path, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ChangedOnDiskError(SettingsError):
    """The file changed on disk since it was read, so saving would lose someone's edits.

    Its own class, so a window can offer to read the file again instead of only saying so.
    """
