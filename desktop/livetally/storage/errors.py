"""Errors of the ledger layer, each worded for the person who has to act on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from livetally.core.words import counted


class LedgerError(Exception):
    """Anything that stops the ledger from being opened or changed; nothing was changed."""


class LedgerFileError(LedgerError):
    """The database file is not one LiveTally can use; it has been left exactly as it was.

    ``damaged`` says whether the file's content is the trouble (then a backup is the way
    back, and the message says how) or something around it (a lock, a permission, a
    newer version), which a backup would not fix.
    """

    def __init__(self, path: Path, problem: str, *, damaged: bool = True) -> None:
        self.path = path
        self.problem = problem
        advice = (
            f". The file was left untouched; to go back to a backup, run "
            f"'livetally restore FILE' with a file from {path.parent / 'backups'}"
            if damaged
            else ""
        )
        super().__init__(f"{path}: {problem}{advice}")


class NeedsUpgradeError(LedgerFileError):
    """A ledger from an older LiveTally, opened read-only: it must be upgraded first."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            "was written by an older LiveTally and needs an upgrade; open it for writing "
            "(any command that changes data, or the window) and it is upgraded, after a backup",
            damaged=False,
        )


class AlreadyOpenError(LedgerError):
    """Another LiveTally process is writing this data home."""


@dataclass(frozen=True)
class RowError:
    """One bad field in one row of a CSV file."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class CsvImportError(LedgerError):
    """A CSV file with bad rows; nothing of it was imported.

    The message lists the first :data:`SHOWN_ERRORS` problems one per line, then how many
    more there are, so a file with thousands of bad rows still gives a readable report.
    """

    SHOWN_ERRORS = 20

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        lines = [str(error) for error in errors[: self.SHOWN_ERRORS]]
        hidden = len(errors) - len(lines)
        if hidden:
            lines.append(f"... and {counted(hidden, 'more problem')}")
        lines.append("Nothing was imported.")
        super().__init__("\n".join(lines))


class DuplicateError(LedgerError):
    """The same stream or income entry is already in the ledger."""
