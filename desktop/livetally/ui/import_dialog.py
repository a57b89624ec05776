"""The progress dialog of a CSV import: one bar over checking and saving, and a way out.

The work runs on an :class:`ImportWorker` thread, so this dialog only listens: it keeps
painting while 100,000 rows are checked and saved, Cancel answers at once, and the outcome
(a summary, the rows to fix, or "cancelled, nothing imported") stays on screen until the
creator closes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from livetally.core.words import RECORD_NOUNS
from livetally.models.formatting import Formatter
from livetally.models.import_worker import (
    PROGRESS_SCALE,
    ImportKind,
    ImportRequest,
    ImportWorker,
)
from livetally.models.session import Session
from livetally.problems import describe
from livetally.storage.errors import CsvImportError
from livetally.storage.ledger import ImportSummary
from livetally.ui import prompts

State = Literal["waiting", "running", "cancelling", "finished", "failed", "cancelled"]

_NOTHING_IMPORTED: Final = "Nothing was imported."


class ImportDialog(QDialog):
    """Imports ``path`` into the session's ledger once shown; open it with ``.open()``.

    Streams are logged at the rates of ``country``'s profile (default: the settings' own).
    ``ended`` gives the final state ("finished", "failed" or "cancelled") on the GUI
    thread, after the dialog shows the outcome; ``summary`` is set when it finished.
    """

    ended = Signal(str)

    def __init__(
        self,
        session: Session,
        kind: ImportKind,
        path: Path,
        parent: QWidget | None = None,
        *,
        country: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.kind: ImportKind = kind
        self.path = path
        self.summary: ImportSummary | None = None
        self._state: State = "waiting"
        self._format = Formatter()
        settings = session.settings
        self.worker = ImportWorker(
            ImportRequest.create(
                kind, path, session.ledger, session.profile(country), settings.exchange_rates
            )
        )
        self.setWindowTitle(f"Import {RECORD_NOUNS[kind][1]}")
        self.setMinimumWidth(460)
        self._build()
        self._connect_worker()
        app = QCoreApplication.instance()
        if app is not None:  # quitting mid-import: stop the thread before Qt goes away
            app.aboutToQuit.connect(self._stop_now)

    def _build(self) -> None:
        self._heading = QLabel(f"Importing {self.path.name}")
        font = self._heading.font()
        font.setBold(True)
        self._heading.setFont(font)
        self._heading.setToolTip(str(self.path))
        self._status = QLabel(f"Reading {self.path.name}…")
        self._status.setWordWrap(True)
        self._status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._bar = QProgressBar()
        self._bar.setRange(0, PROGRESS_SCALE)
        self._bar.setValue(0)
        self._bar.setAccessibleName("Import progress")
        self._bar.setTextVisible(False)  # a percentage over two steps would contradict the label
        self._problems_label = QLabel("&Problems found")
        self._problems = QTextEdit()
        self._problems.setReadOnly(True)
        self._problems.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._problems.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self._problems.setAccessibleName("Problems found")
        self._problems_label.setBuddy(self._problems)
        self._problems_label.hide()
        self._problems.hide()
        self._buttons = QDialogButtonBox()
        self._cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._close = self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._close.hide()
        self.save_problems = self._buttons.addButton(
            "Save all problems…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_problems.setToolTip("Every bad row, as a CSV file to fix the import file from")
        self.save_problems.hide()
        self.save_problems.clicked.connect(self._save_problems)
        self._cancel.clicked.connect(self.cancel)
        self._close.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self._heading)
        layout.addWidget(self._status)
        layout.addWidget(self._bar)
        layout.addWidget(self._problems_label)
        layout.addWidget(self._problems, 1)
        layout.addWidget(self._buttons)

    def _connect_worker(self) -> None:
        worker = self.worker
        worker.progress.connect(self._on_progress)
        worker.checking.connect(self._on_checking)
        worker.saving.connect(self._on_saving)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)

    # -- what tests and the window read ---------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    @property
    def cancel_button(self) -> QPushButton:
        return self._cancel

    @property
    def close_button(self) -> QPushButton:
        return self._close

    def heading_text(self) -> str:
        return self._heading.text()

    def status_text(self) -> str:
        return self._status.text()

    def problems_text(self) -> str:
        return self._problems.toPlainText()

    def progress_value(self) -> int:
        return self._bar.value()

    # -- control ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The import starts when the dialog is first shown, so it is never invisible work."""
        super().showEvent(event)
        if self._state == "waiting":
            self._state = "running"
            self.worker.start()
            # The tabs chart what comes in. pyqtgraph loads now, beside the worker, while
            # the window only shows progress; loaded later, it would compete for the
            # interpreter with the window reading and sizing the new rows. (From the base
            # module: the package would import every chart's code here, ~100 ms of the
            # window's thread while the worker reads.)
            from livetally.ui.charts.loading import load_in_background

            load_in_background()

    def cancel(self) -> None:
        """Ask the worker to stop; the dialog stays to say that nothing was imported."""
        if self._state != "running":
            return
        self._state = "cancelling"
        self.worker.cancel()
        self._cancel.setEnabled(False)
        self._status.setText("Cancelling…")

    def reject(self) -> None:
        """Escape or the window's close button: cancel first, close once stopped."""
        if self._state in ("running", "cancelling"):
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._state in ("running", "cancelling"):
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def _stop_now(self) -> None:
        self.worker.cancel()
        self.worker.wait()

    # -- the worker's reports ----------------------------------------------------------------

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self._bar.setMaximum(total)
        self._bar.setValue(done)

    @Slot(int, int)
    def _on_checking(self, done: int, total: int) -> None:
        if self._state == "running":  # lines, less the header: rows, unless notes span lines
            count = self._format.count
            rows, in_all = max(done - 1, 0), max(total - 1, 0)
            of = self._format.counted(in_all, "row")
            self._status.setText(f"Checking {count(rows)} of {of}…")

    @Slot(int, int)
    def _on_saving(self, done: int, total: int) -> None:
        if self._state != "running":
            return
        if total == 0:
            self._status.setText("Saving…")
        elif done < total:
            singular, plural = RECORD_NOUNS[self.kind]
            of = self._format.counted(total, f"new {singular}", f"new {plural}")
            self._status.setText(f"Saving {self._format.count(done)} of {of}…")
        else:
            self._status.setText("Finishing…")
            self._cancel.setEnabled(False)  # every row is in: too late to take them back

    @Slot(object)
    def _on_finished(self, summary: object) -> None:
        assert isinstance(summary, ImportSummary)
        self.summary = summary
        late = (
            "Too late to cancel: the rows were already saved. "
            if self._state == "cancelling"
            else ""
        )
        notes = "".join(f" {note}" for note in self.worker.report.notes())
        self._stopped(
            "finished", f"Imported {self.path.name}", f"{late}{self.describe(summary)}.{notes}"
        )
        self._bar.setValue(self._bar.maximum())
        self.session.ledger_was_changed()
        self.ended.emit(self._state)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        heading = f"Could not import {self.path.name}"
        lines = message.splitlines()
        if len(lines) > 1:  # a CsvImportError: one line per bad row, then the verdict
            self._stopped(
                "failed",
                heading,
                f"{_NOTHING_IMPORTED} Fix these rows in the file, then import it again.",
            )
            rows = [line for line in lines if line != _NOTHING_IMPORTED]
            prefix = f"{self.path}:"
            self._show_problems(
                [f"Line {r[len(prefix) :]}" if r.startswith(prefix) else r for r in rows]
            )
            self._problems_label.show()
            self._problems.show()
            if len(self.worker.row_errors) > CsvImportError.SHOWN_ERRORS:
                self.save_problems.show()
            self._bar.hide()
            self.resize(max(self.width(), 640), max(self.height(), 360))
        else:
            self._stopped("failed", heading, message)
            self._bar.hide()
            self.adjustSize()
        self.ended.emit(self._state)

    @Slot()
    def _on_cancelled(self) -> None:
        self._stopped("cancelled", "Import cancelled", _NOTHING_IMPORTED)
        self._bar.hide()
        self.adjustSize()
        self.ended.emit(self._state)

    def _save_problems(self) -> None:
        """All the bad rows (the list shows the first 20), for fixing the file in one go."""
        from livetally.files import write_text_atomic
        from livetally.storage.csv_write import row_errors_csv

        suggested = f"{self.path.stem}-problems.csv"
        path = prompts.save_file(self, "Save all problems", suggested, "CSV files (*.csv)")
        if path is None:
            return
        try:
            write_text_atomic(path, row_errors_csv(self.worker.row_errors))
        except OSError as error:
            prompts.warn(self, "Could not save the problems", describe(error))
            return
        self._status.setText(f"{self._status.text()} All problems were saved to {path.name}.")

    def _show_problems(self, problems: list[str]) -> None:
        """One paragraph per problem with a hanging indent, so a wrapped one reads as one."""
        self._problems.clear()
        indent = 4 * self._problems.fontMetrics().averageCharWidth()
        hanging = QTextBlockFormat()
        hanging.setLeftMargin(indent)
        hanging.setTextIndent(-indent)
        hanging.setBottomMargin(2)
        cursor = QTextCursor(self._problems.document())
        cursor.setBlockFormat(hanging)
        for number, problem in enumerate(problems):
            if number:
                cursor.insertBlock(hanging)
            cursor.insertText(problem)
        self._problems.moveCursor(QTextCursor.MoveOperation.Start)

    def _stopped(self, state: State, heading: str, text: str) -> None:
        self._state = state
        self._heading.setText(heading)
        self._status.setText(text)
        self._cancel.hide()
        self._close.show()
        self._close.setDefault(True)
        self._close.setFocus()

    def describe(self, summary: ImportSummary) -> str:
        """``95 new streams, 5 already there``."""
        singular, plural = RECORD_NOUNS[self.kind]
        return (
            f"{self._format.counted(summary.new, f'new {singular}', f'new {plural}')}, "
            f"{self._format.count(summary.already_present)} already there"
        )
