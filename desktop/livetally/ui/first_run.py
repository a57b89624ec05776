"""The first-run welcome: the country, the rates from the wallet, and how to start.

Shown by :func:`offer_first_run` once the window is on screen at start-up (``app.run``),
never by building the window, so tests and tools that make a window see no dialog. It is
window-modal and opened, not executed: the window behind it is drawn and answers. Every
choice can be skipped; finishing or skipping marks the data home welcomed
(:class:`~livetally.models.first_run.FirstRunState`), so it never comes back.

The country is saved through the settings layer (comments in settings.toml kept), the
calibration is the Calculator's own dialog, sample data goes through the undo stack, and an
import opens the File menu's import: nothing here writes to the ledger by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from livetally.models.first_run import FirstRunState, StartChoice, is_due, suggested_country
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.settings.errors import SettingsError
from livetally.ui.fields import FieldError, FieldGrid, hint_label

if TYPE_CHECKING:
    from livetally.ui.calibrate_dialog import CalibrateDialog
    from livetally.ui.main_window import MainWindow

#: The start choices as the dialog offers them, the default first.
START_LABELS = {
    StartChoice.EMPTY: "With an empty log: I will log my next LIVE",
    StartChoice.SAMPLE: "With sample data to look around (View > Remove sample data takes it away)",
    StartChoice.IMPORT: "By importing my streams from a CSV file…",
}


class FirstRunDialog(QDialog):
    """Pick the country, optionally calibrate, choose how to start; or skip it all.

    Accepting saves the country (and makes its currency the one reports use) before it
    closes; a refusal from the settings layer is shown here and the dialog stays open.
    What to do next is :meth:`choice`, for the caller to carry out.
    """

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        locale_name: str | None = None,
        formatter: Formatter | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._format = formatter or Formatter()
        self.setWindowTitle("Welcome to LiveTally")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        settings = session.settings
        suggested = suggested_country(
            settings.profiles, settings.country, locale_name or QLocale.system().name()
        )

        intro = QLabel(
            "LiveTally turns the coins and gifts of your LIVEs into diamonds and cash at your "
            "country's rates, and keeps every stream and income source in one place. Three "
            "quick choices to begin; each can be changed later."
        )
        intro.setWordWrap(True)

        country_box = QGroupBox("1. Your country")
        country_grid = FieldGrid(country_box)
        self.country = QComboBox()
        for profile in sorted(settings.profiles.values(), key=lambda p: p.name.casefold()):
            self.country.addItem(f"{profile.name} ({profile.country})", profile.country)
        self.country.setCurrentIndex(max(self.country.findData(suggested), 0))
        country_grid.add("&Country", self.country)
        self.country_details = hint_label("")
        country_grid.add_note(self.country_details)

        rates_box = QGroupBox("2. Your rates (optional)")
        rates_layout = QVBoxLayout(rates_box)
        rates_layout.addWidget(
            hint_label(
                "What a diamond pays differs by country and changes over time; your TikTok "
                "wallet shows the real figures. Type them in to make every amount exact."
            )
        )
        calibrate_row = QHBoxLayout()
        self.calibrate_button = QPushButton("Calibrate from my &wallet…")
        self.calibrate_button.clicked.connect(self.calibrate)
        self.calibrated_note = QLabel()
        self.calibrated_note.setWordWrap(True)
        calibrate_row.addWidget(self.calibrate_button)
        calibrate_row.addWidget(self.calibrated_note, 1)
        rates_layout.addLayout(calibrate_row)

        start_box = QGroupBox("3. How to start")
        start_layout = QVBoxLayout(start_box)
        self.start_buttons: dict[StartChoice, QRadioButton] = {}
        self._start_group = QButtonGroup(self)
        for choice, text in START_LABELS.items():
            button = QRadioButton(text)
            self._start_group.addButton(button)
            start_layout.addWidget(button)
            self.start_buttons[choice] = button
        self.start_buttons[StartChoice.EMPTY].setChecked(True)

        self.problem = FieldError()
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("&Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton("S&kip", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setToolTip("Start with the shipped settings; nothing is changed")
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        for box in (country_box, rates_box, start_box):
            layout.addWidget(box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(580)
        self.country.currentIndexChanged.connect(self._show_details)
        session.settings_changed.connect(self._show_details)
        self._show_details()

    # -- reading -----------------------------------------------------------------------------

    def chosen_country(self) -> str:
        return str(self.country.currentData())

    def choice(self) -> StartChoice:
        return next(c for c, button in self.start_buttons.items() if button.isChecked())

    # -- reacting ----------------------------------------------------------------------------

    def _show_details(self) -> None:
        profile = self._session.profile(self.chosen_country())
        money, thousand = self._format.money, 1000
        self.country_details.setText(
            f"{self._format.count(thousand)} diamonds pay {money(profile.diamond_usd * thousand)}; "
            f"payouts from {money(profile.payout_minimum_usd)} via {profile.payout_method}; "
            f"reports and charts in {profile.currency}."
        )

    def calibrate(self) -> CalibrateDialog:
        """The Calculator's calibration dialog, for the country chosen here."""
        from livetally.ui.calibrate_dialog import CalibrateDialog

        dialog = CalibrateDialog(
            self._session, self, country=self.chosen_country(), formatter=self._format
        )
        dialog.calibrated.connect(
            lambda result: self.calibrated_note.setText(
                f"Saved: the rates of {result.after.name} now follow your wallet."
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def accept(self) -> None:
        """Save the country (a settings refusal keeps the dialog open, saying why)."""
        from livetally.settings.edits import with_default_country, with_report_currency

        session = self._session
        code = self.chosen_country()
        currency = session.profile(code).currency
        settings = session.settings
        if code != settings.country or currency != settings.currency:
            try:
                edited = with_report_currency(
                    with_default_country(session.settings_file, code), currency
                )
                session.save_settings(edited)
            except (SettingsError, OSError) as error:
                self.problem.set_message(f"Your country was not saved: {error}")
                return
        super().accept()


def offer_first_run(window: MainWindow) -> FirstRunDialog | None:
    """Welcome the creator if this data home is new to LiveTally (see ``models.first_run``);
    None when it is not. Called once the window is on screen, at start-up only."""
    session = window.session
    if not is_due(session.home, session.ledger, read_only=session.read_only):
        return None
    dialog = FirstRunDialog(session, window)
    dialog.finished.connect(lambda result: _finished(window, dialog, result))
    dialog.open()
    return dialog


def _finished(window: MainWindow, dialog: FirstRunDialog, result: int) -> None:
    """Mark the welcome done however it ended, then start as the creator chose."""
    FirstRunState(window.session.home).mark_done()
    dialog.deleteLater()
    if result != QDialog.DialogCode.Accepted:
        return
    choice = dialog.choice()
    if choice is StartChoice.SAMPLE:
        window.add_sample_data()
        window.tabs.setCurrentWidget(window.stream_log)
    elif choice is StartChoice.IMPORT:
        window.tabs.setCurrentWidget(window.stream_log)
        window.import_csv("streams")
