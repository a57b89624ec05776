"""The File menu's commands on the ledger: CSV import and export, restoring a backup.

Each asks its questions through :mod:`livetally.ui.prompts` (the seam tests script) and
reports in the window's status bar; the window's methods of the same names call these.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from livetally.ui import prompts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from livetally.models.import_worker import ImportKind
    from livetally.models.session import Session

CSV_FILTER = "CSV files (*.csv);;All files (*)"


def import_csv(window: QMainWindow, session: Session, kind: ImportKind) -> None:
    """Ask for a CSV file and open the import dialog on it (it checks, then imports).

    The charts that show what comes in need pyqtgraph: it loads on a thread of its own
    while the creator picks the file. Loaded beside the import itself, it made the first
    turn after the dialog opened take ~60 ms (2-4 ms without it).
    """
    from livetally.ui.charts.loading import load_in_background

    load_in_background()
    path = prompts.open_file(window, f"Import {kind} from CSV", CSV_FILTER)
    if path is None:
        return
    from livetally.ui.import_dialog import ImportDialog

    ImportDialog(session, kind, path, window).open()


def export_csv(window: QMainWindow, session: Session, kind: ImportKind) -> None:
    """Write every stream or income entry to the CSV file the user names, all or nothing."""
    path = prompts.save_file(
        window, f"Export {kind} as CSV", f"livetally-{kind}.csv", CSV_FILTER, session.home
    )
    if path is None:
        return
    from livetally.files import write_text_atomic
    from livetally.storage.csv_write import write_income_csv, write_streams_csv

    buffer = io.StringIO(newline="")
    ledger = session.ledger
    if kind == "streams":
        rows = write_streams_csv((s.record for s in ledger.streams()), buffer)
    else:
        rows = write_income_csv((e.record for e in ledger.income()), buffer)
    try:
        write_text_atomic(path, buffer.getvalue())
    except OSError as error:
        from livetally.problems import describe

        prompts.warn(window, "Could not export", describe(error))
        return
    from livetally.core.words import RECORD_NOUNS, counted

    window.statusBar().showMessage(f"Wrote {counted(rows, *RECORD_NOUNS[kind])} to {path}.", 8000)


def restore_backup(window: QMainWindow, session: Session) -> None:
    """Replace the ledger with a backup the user picks, after asking; undo is cleared."""
    from livetally.storage.errors import LedgerError

    path = prompts.open_file(window, "Restore from a backup", "LiveTally backups (*.sqlite3)")
    if path is None:
        return
    if not prompts.confirm(
        window,
        "Restore from a backup",
        f"Replace everything in LiveTally with {path.name}?\n\nThe data as it is now is "
        "backed up first, so this can be undone by restoring that backup.",
        "Restore",
    ):
        return
    try:
        safety = session.ledger.restore(path)
    except LedgerError as error:
        prompts.warn(window, "Restore from a backup", str(error))
        return
    session.undo_stack.clear()
    session.ledger_was_changed()
    window.statusBar().showMessage(f"Restored {path.name}; the previous data is in {safety}", 10000)
