"""File > Import TikTok data…: read the export, show what would change, then import it.

Three steps in one dialog: reading the archive (on a worker thread, with progress and
Cancel), a preview that writes nothing (how many LIVEs, their dates, TikTok's diamonds and
cash, the streams typed by hand that TikTok's LIVEs match and what it would fill in or
contradict there, what was skipped), then the import itself in one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from livetally.core.money import round_down
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.models.tiktok_worker import PROGRESS_SCALE, TikTokRequest, TikTokWorker
from livetally.storage.ledger import ImportSummary
from livetally.storage.tiktok_plan import TikTokPlan

State = Literal["reading", "preview", "writing", "finished", "failed", "cancelled"]

#: Choosing the file: the ZIP as TikTok sends it, or the JSON inside it.
FILE_FILTER = "TikTok data export (*.zip *.json);;All files (*)"


class TikTokImportDialog(QDialog):
    """Reads ``path`` once shown (``.open()``), then waits for the creator's word."""

    ended = Signal(str)

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.plan: TikTokPlan | None = None
        self.summary: ImportSummary | None = None
        self._state: State = "reading"
        self._format = Formatter()
        self._profile = session.profile()
        ledger = session.ledger
        self.worker = TikTokWorker(
            TikTokRequest(path, ledger.path, ledger.backups_dir, self._profile)
        )
        self.setWindowTitle("Import TikTok data")
        self.setMinimumWidth(560)
        self._build()
        self.worker.progress.connect(self._on_progress)
        self.worker.planned.connect(self._on_planned)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        app = QCoreApplication.instance()
        if app is not None:  # quitting mid-step: stop the thread before Qt goes away
            app.aboutToQuit.connect(self._stop_now)
        self.worker.read()

    def _build(self) -> None:
        self.heading = QLabel(f"Reading {self.path.name}")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setToolTip(str(self.path))
        self.status = QLabel("Looking for your LIVE history; other sections are skipped unread.")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setRange(0, PROGRESS_SCALE)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Progress")
        self.details = QTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What the import would do")
        self.details.hide()
        self.take_tiktok = QCheckBox("Use TikTok's figures where they differ from yours")
        self.take_tiktok.setToolTip(
            "Off: your own figures stay and TikTok only fills in what you left empty"
        )
        self.take_tiktok.hide()
        self.buttons = QDialogButtonBox()
        self.import_button: QPushButton = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.import_button.clicked.connect(self._import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.take_tiktok)
        layout.addWidget(self.buttons)

    @property
    def state(self) -> State:
        return self._state

    # -- the creator's actions -------------------------------------------------------------

    def _import(self) -> None:
        assert self.plan is not None
        self._state = "writing"
        self.heading.setText(f"Importing {self.path.name}")
        self.status.setText("Saving…")
        self.bar.setValue(0)
        self.bar.show()
        self.import_button.hide()
        self.take_tiktok.setEnabled(False)
        self.worker.write(self.plan, take_tiktok=self.take_tiktok.isChecked())

    def reject(self) -> None:
        """Cancel: stop the step under way (nothing is written), or close the preview."""
        if self.worker.is_running():
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker.is_running():
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)

    def _stop_now(self) -> None:
        if self.worker.is_running():
            self.worker.cancel()
            self.worker.wait(10_000)

    # -- what the worker says --------------------------------------------------------------

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    @Slot(object)
    def _on_planned(self, plan: object) -> None:
        assert isinstance(plan, TikTokPlan)
        self.plan = plan
        self._state = "preview"
        self.bar.hide()
        self.heading.setText(f"{self.path.name}: what would be imported")
        self.status.setText(self.headline(plan))
        self.details.setPlainText("\n".join(self.preview_lines(plan)))
        self.details.show()
        self.take_tiktok.setVisible(bool(plan.contradicted))
        if plan.new or plan.edits(take_tiktok=True):
            self.import_button.show()
            self.import_button.setDefault(True)
            self.import_button.setFocus()
        else:
            self._finish_buttons()
        self.resize(max(self.width(), 640), max(self.height(), 420))

    @Slot(object)
    def _on_finished(self, summary: object) -> None:
        assert isinstance(summary, ImportSummary)
        assert self.plan is not None
        self.summary = summary
        self._state = "finished"
        self.bar.hide()
        self.heading.setText(f"Imported {self.path.name}")
        completed = len(self.plan.edits(take_tiktok=self.take_tiktok.isChecked()))
        count = self._format.count
        self.status.setText(
            f"{count(summary.new)} LIVE{_s(summary.new)} added to the stream log, "
            f"{count(completed)} stream{_s(completed)} you typed completed with TikTok's "
            "figures. A backup of the ledger was taken first."
        )
        self._finish_buttons()
        self.session.ledger_was_changed()
        self.ended.emit(self._state)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._state = "failed"
        self.bar.hide()
        self.details.hide()
        self.heading.setText(f"Could not import {self.path.name}")
        self.status.setText(f"{message} Nothing was imported.")
        self._finish_buttons()
        self.adjustSize()
        self.ended.emit(self._state)

    @Slot()
    def _on_cancelled(self) -> None:
        self._state = "cancelled"
        self.bar.hide()
        self.heading.setText("Import cancelled")
        self.status.setText("Nothing was imported.")
        self._finish_buttons()
        self.ended.emit(self._state)

    def _finish_buttons(self) -> None:
        self.import_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    # -- the words -------------------------------------------------------------------------

    def headline(self, plan: TikTokPlan) -> str:
        """``42 new LIVEs (... from 2025-03-01 to 2026-11-30): 12,345 diamonds, $617.25 ...``"""
        history = plan.history
        if not history.listed:
            return "The archive lists no LIVEs; there is nothing to import."
        count = self._format.count
        new = len(plan.new)
        days = plan.days()
        when = ""
        if days is not None:
            first, last = (day.isoformat() for day in days)
            when = f" (the archive's LIVEs run from {first} to {last})"
        cash = round_down(plan.diamonds() * self._profile.diamond_usd)
        return (
            f"{count(new)} new LIVE{_s(new)}{when}: {count(plan.diamonds())} diamonds, "
            f"{self._format.money(cash)} for you at {self._profile.name}'s rates. "
            "Nothing is written until you press Import."
        )

    def preview_lines(self, plan: TikTokPlan) -> list[str]:
        history = plan.history
        count = self._format.count
        lines = [f"Already in your log: {count(plan.already)} LIVE{_s(plan.already)}."]
        if plan.matches:
            lines.append(
                f"Streams you typed that are TikTok LIVEs: {count(len(plan.matches))} "
                "(started within 30 minutes of each other)."
            )
            lines += [f"  {match.describe()}" for match in plan.matches]
        skipped = [*history.skipped, *history.repeats]
        if skipped:
            lines.append(f"Skipped: {count(len(skipped))}.")
            lines += [f"  {item}" for item in skipped]
        lines += [str(blank) for blank in history.blanks]
        lines.append(history.wallet.describe())
        lines.append(
            "Coins are worked out from TikTok's diamonds and marked \u2248 in the log: "
            "the export gives no coin counts."
        )
        return lines


def _s(number: int) -> str:
    return "" if number == 1 else "s"
