"""The settings dialog: the app's country and currency, exchange rates, country profiles.

Everything typed here is a draft until OK, held by ``models.settings_draft``, which also
checks it and turns it into edits of the settings file. This widget only copies typing
into the draft and the draft's messages onto the screen, each under its field in the
shared form layout (``ui.fields``). OK saves the edits through the session, so the file
keeps every comment and changes only where the user changed something; nothing is
written until all is well.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from livetally.core.rates import FIGURES
from livetally.models.session import Session
from livetally.models.settings_draft import (
    COUNTRIES_TAB,
    RATES_TAB,
    CountryDraft,
    SettingsDraft,
    figure_text,
)
from livetally.settings.errors import SettingsError
from livetally.ui.fields import RIGHT, FieldError, FieldGrid, hint_label
from livetally.ui.settings_banner import SettingsBanner, reload_settings
from livetally.ui.settings_rates import RatesPage
from livetally.ui.tax_field import TaxReserveField


def open_settings_file(path: Path) -> bool:
    """Open settings.toml in the desktop's editor (one place, so tests can replace it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SettingsDialog(QDialog):
    """Edits settings.toml through forms; OK saves every change at once, Cancel none."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._session = session
        self.draft = SettingsDraft(session.settings_file)
        self._shown: CountryDraft | None = None

        self.banner = SettingsBanner()
        self.banner.reload_requested.connect(
            lambda: self._show_banner(reload_settings(self._session))
        )

        self.default_country = _combo()
        self.report_currency = _combo()
        general = FieldGrid()
        general.add("&Default country", self.default_country)
        general.add("&Report currency", self.report_currency)
        saved_percent = session.settings_file.settings.tax_reserve_percent
        self.tax_reserve = TaxReserveField(saved_percent, general)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._countries_page(), "Country &profiles")
        self.rates_page = RatesPage(self.draft)
        self.rates_page.changed.connect(self._rates_changed)
        self.rates, self.rates_error = self.rates_page.table, self.rates_page.error
        self.add_rate_button = self.rates_page.add_button
        self.remove_rate_button = self.rates_page.remove_button
        self.tabs.addTab(self.rates_page, "E&xchange rates")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_file_button = QPushButton("Op&en settings file")
        self.open_file_button.setToolTip(
            f"{session.settings_file.path}\nOpens the file in your text editor; LiveTally"
            " notices what you save there."
        )
        self.open_file_button.setAutoDefault(False)
        self.open_file_button.clicked.connect(self._open_file)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(general)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_file_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self._refresh_choices()
        self._refresh_country_list(select=self.draft.default_country)
        self.default_country.currentIndexChanged.connect(self._default_country_changed)
        self.report_currency.currentIndexChanged.connect(self._report_currency_changed)
        self.resize(880, 640)

    # -- building -------------------------------------------------------------------------

    def _countries_page(self) -> QWidget:
        self.countries = QListWidget()
        self.countries.setMinimumWidth(220)
        self.countries.currentItemChanged.connect(self._country_chosen)
        self.remove_country_button = QPushButton("Re&move country")
        self.remove_country_button.clicked.connect(self._remove_country)
        self.countries_error = FieldError()
        self.new_code = QLineEdit()
        self.new_code.setMaxLength(2)
        self.new_code.setPlaceholderText("e.g. NO")
        self.new_code.setMaximumWidth(70)
        self.add_country_button = QPushButton("&Add country")
        self.add_country_button.clicked.connect(self._add_country)
        self.new_code_error = FieldError()

        adding = QHBoxLayout()
        adding.addWidget(self.new_code)
        adding.addWidget(self.add_country_button)
        adding.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(_buddy("&Countries", self.countries))
        left.addWidget(self.countries, 1)
        left.addWidget(self.remove_country_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.countries_error)
        left.addSpacing(8)
        left.addWidget(_buddy("Ne&w country code", self.new_code))
        left.addLayout(adding)
        left.addWidget(self.new_code_error)

        self.profile_box = QGroupBox()
        form = FieldGrid(self.profile_box)
        self.name = QLineEdit()
        self.name.setMaximumWidth(360)
        self.name.textEdited.connect(self._name_edited)
        self.name_error = form.add("&Name", self.name)
        self.currency = _combo()
        self.currency.currentIndexChanged.connect(self._currency_chosen)
        self.currency_error = form.add("Currenc&y", self.currency)
        form.add_wide(hint_label("Leave a figure empty to use the default, shown in grey."))
        self.figures: dict[str, QLineEdit] = {}
        self.figure_errors: dict[str, FieldError] = {}
        for name, spec in FIGURES.items():
            edit = QLineEdit()
            if spec.bounds is None:  # text, such as the payout method
                edit.setMaximumWidth(360)
            else:
                edit.setAlignment(RIGHT)
                edit.setMaximumWidth(180)
            edit.textEdited.connect(partial(self._figure_edited, name))
            self.figures[name] = edit
            self.figure_errors[name] = form.add(spec.label, edit)
        self.share = _selectable()
        self.share_error = form.add("Creator share", self.share)
        form.labels[self.share].setToolTip("Worked out from the figures above, never typed in")
        self.example = _selectable()
        form.add("For example", self.example)
        form.setRowStretch(form.rowCount(), 1)

        page = QWidget()
        row = QHBoxLayout(page)
        row.addLayout(left, 0)
        row.addWidget(self.profile_box, 1)
        return page

    # -- the country shown --------------------------------------------------------------

    def _refresh_country_list(self, select: str | None = None) -> None:
        code = select or (self._shown.code if self._shown else None)
        with QSignalBlocker(self.countries):
            self.countries.clear()
            for draft in self.draft.ordered():
                item = QListWidgetItem(self._list_title(draft))
                item.setData(Qt.ItemDataRole.UserRole, draft.code)
                self.countries.addItem(item)
                if draft.code == code:
                    self.countries.setCurrentItem(item)
        if self.countries.currentItem() is None and self.countries.count():
            self.countries.setCurrentRow(0)
        self._show(self.draft.countries.get(self._current_code() or ""))

    def _list_title(self, draft: CountryDraft) -> str:
        default = draft.code == self.draft.default_country
        return draft.title() + ("  · default" if default else "")

    def _current_code(self) -> str | None:
        item = self.countries.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _country_chosen(self) -> None:
        self.countries_error.set_message("")
        self._show(self.draft.countries.get(self._current_code() or ""))

    def _show(self, draft: CountryDraft | None) -> None:
        self._shown = draft
        self.profile_box.setEnabled(draft is not None)
        if draft is None:
            return
        self.profile_box.setTitle(draft.title())
        self.name.setText(draft.name)
        with QSignalBlocker(self.currency):
            _select_code(draft.currency, self.currency)
        for name, edit in self.figures.items():
            edit.setText(draft.figures[name])
            default = figure_text(self.draft.inherited[name])
            edit.setPlaceholderText(f"{default} (default)")
            edit.setToolTip(
                f"{name} in settings.toml: {FIGURES[name].description}.\n"
                f"Default: {default}. Leave empty to use the default."
            )
        self._check_country(draft)

    def _name_edited(self, text: str) -> None:
        if self._shown is None:
            return
        self._shown.name = text
        self.banner.hide()
        self.profile_box.setTitle(self._shown.title())
        item = self.countries.currentItem()
        if item is not None:
            item.setText(self._list_title(self._shown))
        self._refresh_choices()
        self._check_country(self._shown)

    def _currency_chosen(self) -> None:
        if self._shown is not None:
            self._shown.currency = _chosen(self.currency) or ""
            self.banner.hide()
            self._check_country(self._shown)

    def _figure_edited(self, name: str, text: str) -> None:
        if self._shown is not None:
            self._shown.figures[name] = text
            self.banner.hide()
            self._check_country(self._shown)

    def _default_country_changed(self) -> None:
        self.draft.default_country = _chosen(self.default_country)
        self.countries_error.set_message("")
        self._refresh_country_list()

    def _report_currency_changed(self) -> None:
        self.draft.report_currency = _chosen(self.report_currency)

    def _check_country(self, draft: CountryDraft) -> None:
        """Show each field's problem under it, and the share and example worked out."""
        check = self.draft.check_country(draft)
        self.name_error.set_message(check.problems.get("name", ""))
        self.currency_error.set_message(check.problems.get("currency", ""))
        for name, error in self.figure_errors.items():
            error.set_message(check.problems.get(name, ""))
        self.share_error.set_message(check.problems.get("share", ""))
        self.share.setText(check.share)
        self.example.setText(check.example)

    def _rates_changed(self) -> None:
        self.banner.hide()
        self._refresh_choices()
        if self._shown is not None:
            self._check_country(self._shown)

    # -- choices that follow the drafts -------------------------------------------------

    def _refresh_choices(self) -> None:
        """Refill the country and currency pickers from the draft, keeping the choices."""
        codes = self.draft.rate_codes()
        shown = self._shown.currency if self._shown else None
        pickers = ((self.report_currency, self.draft.report_currency), (self.currency, shown))
        for combo, chosen in pickers:
            with QSignalBlocker(combo):
                combo.clear()
                for code in codes:
                    combo.addItem(code, code)
                if chosen is not None:
                    _select_code(chosen, combo)
        with QSignalBlocker(self.default_country):
            self.default_country.clear()
            for draft in self.draft.ordered():
                self.default_country.addItem(draft.title(), draft.code)
            if self.draft.default_country is not None:
                _select_code(self.draft.default_country, self.default_country)

    # -- adding and removing --------------------------------------------------------------

    def _add_country(self) -> None:
        code, problem = self.draft.add_country(self.new_code.text())
        self.new_code_error.set_message(problem)
        if problem:
            return
        self.new_code.clear()
        self._refresh_choices()
        self._refresh_country_list(select=code)
        self.name.setFocus()

    def _remove_country(self) -> None:
        code = self._current_code()
        if code is None:
            return
        problem = self.draft.remove_country(code)
        self.countries_error.set_message(problem)
        if problem:
            return
        self._shown = None
        self._refresh_choices()
        self._refresh_country_list()

    # -- OK, Cancel, the file -------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the new-country field adds the country instead of pressing OK."""
        if self.new_code.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._add_country()
            return
        super().keyPressEvent(event)

    def _open_file(self) -> None:
        if not open_settings_file(self._session.settings_file.path):
            self._show_banner(
                f"No program opened {self._session.settings_file.path}; open it in a text "
                "editor yourself"
            )

    def _apply(self) -> None:
        """Save every change as one edit of the file, or show why nothing was saved."""
        if not self._all_valid():
            self._show_banner("Nothing was saved: correct the fields marked below.")
            return
        try:
            edited = self._session.settings_file
            for step in self.draft.edits(self.tax_reserve.edits()):
                edited = step(edited)
            if edited.changed:
                self._session.save_settings(edited)
        except SettingsError as error:
            self._show_settings_error(error)
            return
        except OSError as error:
            self._show_banner(f"Nothing was saved: {error.strerror or error}")
            return
        self.accept()

    def _all_valid(self) -> bool:
        """Check every draft, showing the first one with a problem."""
        if self.tax_reserve.value() is None:
            self.tax_reserve.edit.setFocus()
            return False
        place = self.draft.first_problem(self._shown.code if self._shown else None)
        if place is None:
            return True
        self.tabs.setCurrentIndex(place.tab)
        if place.tab == RATES_TAB:
            self.rates_page.check()
            return False
        self._refresh_country_list(select=place.country)
        fields: dict[str, QWidget] = {"currency": self.currency, **self.figures}
        fields.get(place.field or "", self.name).setFocus()
        return False

    def _show_settings_error(self, error: SettingsError) -> None:
        """Say why nothing was saved, and point at the field when it is on screen."""
        self.banner.show_problem(error)
        place = self.draft.place(error)
        if place is None:
            return
        self.tabs.setCurrentIndex(place.tab)
        if place.tab == COUNTRIES_TAB:
            self._refresh_country_list(select=place.country)
            if place.field is not None:
                self.figure_errors[place.field].set_message(error.message)
        else:
            where = f"{error.field}: " if error.field else ""
            self.rates_error.set_message(f"{where}{error.message}")

    def _show_banner(self, text: str) -> None:
        self.banner.show_message(text)


def _combo() -> QComboBox:
    """A picker as wide as its longest entry, not the whole column."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return combo


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A label above a widget that is not in a form grid (the country list, a new code)."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", ""))
    return label


def _selectable() -> QLabel:
    label = QLabel("—")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _chosen(combo: QComboBox) -> str | None:
    data = combo.currentData()
    return None if data is None else str(data)


def _select_code(code: str, combo: QComboBox) -> None:
    index = combo.findData(code)
    if index < 0:  # e.g. a currency whose rate was removed: show it, flagged by a check
        combo.addItem(code, code)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
