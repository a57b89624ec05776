"""The settings dialog: the app's country and currency, exchange rates, country profiles.

Everything typed here is a draft until OK. OK turns the drafts into edits of the
settings file (``livetally.settings.edits``), checks the result as a whole and saves it
through the session, so the file keeps every comment and changes only where the user
changed something. A problem is shown next to its field; nothing is written until all
is well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLocale, QSignalBlocker, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from livetally.core.conversion import convert_coins
from livetally.core.money import InputError, format_decimal, parse_amount
from livetally.core.rates import (
    EXCHANGE_RATE,
    FIGURES,
    RATE_FIELDS,
    ExchangeRates,
    RateProfile,
    shown_value,
)
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.settings import edits
from livetally.settings.document import SettingsFile
from livetally.settings.edits import Figure
from livetally.settings.errors import SettingsError
from livetally.settings.schema import COUNTRY_CODE, CURRENCY_CODE
from livetally.settings.schema import RATE_FIELDS as FIELD_SPECS
from livetally.ui.settings_banner import SettingsBanner, reload_settings
from livetally.ui.tax_field import LABEL as TAX_LABEL
from livetally.ui.tax_field import TaxReserveField

Edit = Callable[[SettingsFile], SettingsFile]

#: Each figure's label, with the mnemonic (declared with its bounds in ``core.rates``).
FIGURE_LABELS = {name: spec.label for name, spec in FIGURES.items()}
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RATE_LABEL = EXCHANGE_RATE.label
EXAMPLE_COINS = 10_000


def open_settings_file(path: Path) -> bool:
    """Open settings.toml in the desktop's editor (one place, so tests can replace it)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def plain(label: str) -> str:
    """A label's visible text: mnemonic markers removed."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass
class CountryDraft:
    """One country as the dialog holds it: typed text, and what the file had."""

    code: str
    name: str
    currency: str
    figures: dict[str, str]  # typed text per figure; "" inherits the default
    file_figures: dict[str, Figure] = field(default_factory=dict)
    file_name: str | None = None  # None: not in the file yet
    file_currency: str | None = None

    @property
    def is_new(self) -> bool:
        return self.file_name is None

    def title(self) -> str:
        return f"{self.name.strip() or 'Unnamed'} ({self.code})"


class SettingsDialog(QDialog):
    """Edits settings.toml through forms; OK saves every change at once, Cancel none."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._session = session
        self._base = session.settings_file
        self._format = Formatter()
        self._inherited = edits.inherited_figures(self._base)
        self._drafts = self._read_drafts(self._base)
        self._removed: dict[str, CountryDraft] = {}
        self._shown: CountryDraft | None = None

        self.banner = SettingsBanner()
        self.banner.reload_requested.connect(
            lambda: self._show_banner(reload_settings(self._session))
        )

        self.default_country = QComboBox()
        self.report_currency = QComboBox()
        for combo in (self.default_country, self.report_currency):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        general = QFormLayout()
        general.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        general.addRow(*self._labelled("&Default country", self.default_country))
        general.addRow(*self._labelled("&Report currency", self.report_currency))
        self.tax_reserve = TaxReserveField(self._base.settings.tax_reserve_percent, _error_label())
        general.addRow(*self._field(TAX_LABEL, self.tax_reserve.edit, self.tax_reserve.error))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._countries_page(), "Country &profiles")
        self.tabs.addTab(self._rates_page(), "E&xchange rates")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_file_button = QPushButton("Op&en settings file")
        self.open_file_button.setToolTip(
            f"{self._base.path}\nOpens the file in your text editor; LiveTally notices"
            " what you save there."
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

        self._fill_rates()
        self._refresh_choices()
        self._select_code(self._base.settings.country, self.default_country)
        self._select_code(self._base.settings.currency, self.report_currency)
        self._refresh_country_list(select=self._base.settings.country)
        self.default_country.currentIndexChanged.connect(self._default_country_changed)
        self.resize(880, 640)

    # -- building -------------------------------------------------------------------------

    def _labelled(self, text: str, widget: QWidget) -> tuple[QLabel, QWidget]:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(plain(text))
        return label, widget

    def _field(self, text: str, widget: QWidget, error: QLabel) -> tuple[QLabel, QWidget]:
        """A labelled input with its error line right under it (hidden while all is well)."""
        label, _ = self._labelled(text, widget)
        return label, _stacked(widget, error)

    def _countries_page(self) -> QWidget:
        self.countries = QListWidget()
        self.countries.setMinimumWidth(220)
        self.countries.currentItemChanged.connect(self._country_chosen)
        self.remove_country_button = QPushButton("Re&move country")
        self.remove_country_button.clicked.connect(self._remove_country)
        self.countries_error = _error_label()
        self.new_code = QLineEdit()
        self.new_code.setMaxLength(2)
        self.new_code.setPlaceholderText("e.g. NO")
        self.new_code.setMaximumWidth(70)
        self.add_country_button = QPushButton("&Add country")
        self.add_country_button.clicked.connect(self._add_country)
        self.new_code_error = _error_label()

        list_label, _ = self._labelled("&Countries", self.countries)
        new_label, _ = self._labelled("Ne&w country code", self.new_code)
        adding = QHBoxLayout()
        adding.addWidget(self.new_code)
        adding.addWidget(self.add_country_button)
        adding.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.countries, 1)
        left.addWidget(self.remove_country_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.countries_error)
        left.addSpacing(8)
        left.addWidget(new_label)
        left.addLayout(adding)
        left.addWidget(self.new_code_error)

        self.profile_box = QGroupBox()
        form = QFormLayout(self.profile_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setMaximumWidth(360)
        self.name_error = _error_label()
        self.name.textEdited.connect(self._name_edited)
        form.addRow(*self._field("&Name", self.name, self.name_error))
        self.currency = QComboBox()
        self.currency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currency.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.currency_error = _error_label()
        self.currency.currentIndexChanged.connect(self._currency_chosen)
        form.addRow(*self._field("Currenc&y", self.currency, self.currency_error))
        hint = QLabel("Leave a figure empty to use the default, shown in grey.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form.addRow(hint)
        self.figures: dict[str, QLineEdit] = {}
        self.figure_errors: dict[str, QLabel] = {}
        for name in RATE_FIELDS:
            edit = QLineEdit()
            if name == "payout_method":
                edit.setMaximumWidth(360)
            else:
                edit.setAlignment(NUMBER_ALIGNMENT)
                edit.setMaximumWidth(180)
            edit.textEdited.connect(partial(self._figure_edited, name))
            error = _error_label()
            self.figures[name] = edit
            self.figure_errors[name] = error
            form.addRow(*self._field(FIGURE_LABELS[name], edit, error))
        self.share = QLabel()
        self.share.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.share_error = _error_label()
        share_label = QLabel("Creator share")
        share_label.setToolTip("Worked out from the figures above, never typed in")
        form.addRow(share_label, _stacked(self.share, self.share_error))
        self.example = QLabel()
        self.example.setWordWrap(True)
        self.example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(QLabel("For example"), self.example)

        page = QWidget()
        row = QHBoxLayout(page)
        row.addLayout(left, 0)
        row.addWidget(self.profile_box, 1)
        return page

    def _rates_page(self) -> QWidget:
        self.rates = QTableWidget(0, 2)
        self.rates.setHorizontalHeaderLabels(["Currency", RATE_LABEL])
        self.rates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.rates.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rates.itemChanged.connect(self._rate_edited)
        self.rates.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.rates.setMinimumWidth(320)
        self.rates.setMaximumWidth(420)
        label, _ = self._labelled("Rates per &US dollar", self.rates)
        about = QLabel(
            "How many units of each currency make 1 US dollar. TikTok pays in US dollars; "
            "these rates turn the dollars into each country's currency and into the report "
            "currency. USD is always 1."
        )
        about.setWordWrap(True)
        self.add_rate_button = QPushButton("&Add currency")
        self.add_rate_button.clicked.connect(self._add_rate)
        self.remove_rate_button = QPushButton("Re&move currency")
        self.remove_rate_button.clicked.connect(self._remove_rate)
        self.rates_error = _error_label()
        side = QVBoxLayout()
        side.addWidget(about)
        side.addSpacing(8)
        side.addWidget(self.add_rate_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.remove_rate_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.rates_error)
        side.addStretch(1)
        table = QVBoxLayout()
        table.addWidget(label)
        table.addWidget(self.rates, 1)
        page = QWidget()
        row = QHBoxLayout(page)
        row.addLayout(table, 0)
        row.addSpacing(12)
        row.addLayout(side, 1)
        return page

    def _read_drafts(self, file: SettingsFile) -> dict[str, CountryDraft]:
        drafts: dict[str, CountryDraft] = {}
        for code, profile in file.settings.profiles.items():
            own = edits.country_overrides(file, code)
            drafts[code] = CountryDraft(
                code=code,
                name=profile.name,
                currency=profile.currency,
                figures={name: _text(own[name]) if name in own else "" for name in RATE_FIELDS},
                file_figures=own,
                file_name=profile.name,
                file_currency=profile.currency,
            )
        return drafts

    def _fill_rates(self) -> None:
        with QSignalBlocker(self.rates):
            for code, rate in self._base.settings.exchange_rates.items():
                self._append_rate_row(code, format_decimal(rate), new=False)

    def _append_rate_row(self, code: str, rate: str, *, new: bool) -> int:
        row = self.rates.rowCount()
        self.rates.insertRow(row)
        code_item = QTableWidgetItem(code)
        code_item.setData(Qt.ItemDataRole.UserRole, new)
        rate_item = QTableWidgetItem(rate)
        rate_item.setTextAlignment(NUMBER_ALIGNMENT)
        if not new:
            code_item.setFlags(code_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if code == "USD":
            rate_item.setFlags(rate_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            rate_item.setToolTip("Every rate is per 1 US dollar, so USD is always 1")
        self.rates.setItem(row, 0, code_item)
        self.rates.setItem(row, 1, rate_item)
        return row

    # -- the country shown --------------------------------------------------------------

    def _refresh_country_list(self, select: str | None = None) -> None:
        code = select or (self._shown.code if self._shown else None)
        default = self._chosen(self.default_country)
        with QSignalBlocker(self.countries):
            self.countries.clear()
            for draft in sorted(self._drafts.values(), key=lambda d: d.title().casefold()):
                suffix = "  · default" if draft.code == default else ""
                item = QListWidgetItem(draft.title() + suffix)
                item.setData(Qt.ItemDataRole.UserRole, draft.code)
                self.countries.addItem(item)
                if draft.code == code:
                    self.countries.setCurrentItem(item)
        if self.countries.currentItem() is None and self.countries.count():
            self.countries.setCurrentRow(0)
        self._show(self._drafts.get(self._current_code() or ""))

    def _current_code(self) -> str | None:
        item = self.countries.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _country_chosen(self) -> None:
        self.countries_error.hide()
        self._show(self._drafts.get(self._current_code() or ""))

    def _show(self, draft: CountryDraft | None) -> None:
        self._shown = draft
        self.profile_box.setEnabled(draft is not None)
        if draft is None:
            return
        self.profile_box.setTitle(draft.title())
        self.name.setText(draft.name)
        with QSignalBlocker(self.currency):
            self._select_code(draft.currency, self.currency)
        for name, edit in self.figures.items():
            edit.setText(draft.figures[name])
            default = _text(self._inherited[name])
            edit.setPlaceholderText(f"{default} (default)")
            edit.setToolTip(
                f"{name} in settings.toml: {FIELD_SPECS[name].description}.\n"
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
            default = self._shown.code == self._chosen(self.default_country)
            item.setText(self._shown.title() + ("  · default" if default else ""))
        self._refresh_choices()
        self._check_country(self._shown)

    def _currency_chosen(self) -> None:
        if self._shown is not None:
            self._shown.currency = self._chosen(self.currency) or ""
            self.banner.hide()
            self._check_country(self._shown)

    def _figure_edited(self, name: str, text: str) -> None:
        if self._shown is not None:
            self._shown.figures[name] = text
            self.banner.hide()
            self._check_country(self._shown)

    def _default_country_changed(self) -> None:
        self.countries_error.hide()
        self._refresh_country_list()

    # -- checking what is typed -----------------------------------------------------------

    def _country_problems(self, draft: CountryDraft) -> tuple[dict[str, str], RateProfile | None]:
        """Messages per field ("name", "currency", a figure, "share"), and the profile."""
        problems: dict[str, str] = {}
        if not draft.name.strip():
            problems["name"] = "Name: is empty; expected the country's name as shown"
        if draft.currency not in self._rate_codes():
            problems["currency"] = (
                f"Currency: {draft.currency or 'none'} has no exchange rate; "
                "add it on the Exchange rates tab"
            )
        values: dict[str, Figure] = {}
        for name in RATE_FIELDS:
            text = draft.figures[name]
            if not text.strip():
                values[name] = self._inherited[name]
                continue
            try:
                values[name] = edits.figure_from_text(name, text, plain(FIGURE_LABELS[name]))
            except InputError as error:
                problems[name] = f"{error.field}: {error.message}"
        if any(name in problems for name in RATE_FIELDS):
            return problems, None
        profile = RateProfile(draft.code, draft.name, draft.currency).with_figures(**values)
        if profile.creator_share > 1:
            problems["share"] = (
                f"A creator share of {self._format.percent(profile.creator_share)} is more than "
                "viewers paid: check the coin price, diamonds per coin and diamond value"
            )
        return problems, profile

    def _check_country(self, draft: CountryDraft) -> dict[str, str]:
        problems, profile = self._country_problems(draft)
        _set_error(self.name_error, problems.get("name", ""))
        _set_error(self.currency_error, problems.get("currency", ""))
        for name, label in self.figure_errors.items():
            _set_error(label, problems.get(name, ""))
        _set_error(self.share_error, problems.get("share", ""))
        if profile is None:
            self.share.setText("—")
            self.example.setText("—")
            return problems
        self.share.setText(
            f"{self._format.percent(profile.creator_share)} of what viewers pay "
            f"(TikTok keeps {self._format.percent(profile.tiktok_share)})"
        )
        self.example.setText(self._example(profile))
        return problems

    def _example(self, profile: RateProfile) -> str:
        """What 10,000 coins of gifts come to under these figures, as the calculator shows it."""
        rates = ExchangeRates(
            {code: rate for _, code, rate, _ in self._rate_rows() if rate is not None}
        )
        currency = profile.currency if profile.currency in rates else "USD"
        shown = convert_coins(EXAMPLE_COINS, profile, rates, currency).shown()
        cash = self._format.money(shown.creator_usd)
        if currency != "USD":
            cash += f" ({self._format.money(shown.creator_local, currency)})"
        return (
            f"{self._format.count(EXAMPLE_COINS)} coins of gifts "
            f"({self._format.money(shown.viewer_spend_usd, creator=False)} paid) give "
            f"{self._format.counted(shown.diamonds, 'diamond')}, worth {cash}"
        )

    def _rate_rows(self) -> list[tuple[int, str, Decimal | None, str]]:
        """Each table row: its index, code, rate (None if invalid) and what is wrong."""
        rows: list[tuple[int, str, Decimal | None, str]] = []
        seen: set[str] = set()
        for row in range(self.rates.rowCount()):
            code_item, rate_item = self._cell(row, 0), self._cell(row, 1)
            code = code_item.text().strip().upper()
            problem = ""
            rate: Decimal | None = None
            if not code:
                problem = (
                    f"Row {row + 1}: Currency: is empty; expected three capital letters such as NOK"
                )
            elif not CURRENCY_CODE.fullmatch(code):
                problem = (
                    f"Row {row + 1}: Currency: expected three capital letters such as NOK, "
                    f"got {code_item.text().strip()!r}"
                )
            elif code in seen:
                problem = f"Row {row + 1}: Currency: {code} is listed twice"
            else:
                try:
                    rate = parse_amount(rate_item.text(), RATE_LABEL, allow_zero=False)
                except InputError as error:
                    problem = f"{code}: {error.field}: {error.message}"
                else:
                    bounds = EXCHANGE_RATE.bounds
                    if bounds is not None and rate not in bounds:
                        problem = (
                            f"{code}: {RATE_LABEL}: expected {bounds.expected()}, "
                            f"got {shown_value(rate_item.text().strip())}"
                        )
            seen.add(code)
            rows.append((row, code, rate if not problem else None, problem))
        return rows

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.rates.item(row, column)
        assert item is not None, "every rate row has both cells"
        return item

    def _rate_codes(self) -> list[str]:
        return [code for _, code, rate, problem in self._rate_rows() if not problem]

    def _check_rates(self) -> list[str]:
        """Mark rows with a problem and list the problems under the table."""
        problems = []
        with QSignalBlocker(self.rates):
            for row, code, _, problem in self._rate_rows():
                for column in (0, 1):
                    item = self._cell(row, column)
                    item.setForeground(Qt.GlobalColor.red if problem else self.palette().text())
                    if code != "USD":
                        item.setToolTip(problem)
                if problem:
                    problems.append(problem)
        _set_error(self.rates_error, "\n".join(problems))
        return problems

    def _rate_edited(self, item: QTableWidgetItem) -> None:
        self.banner.hide()
        if item.column() == 0:
            with QSignalBlocker(self.rates):
                item.setText(item.text().strip().upper())
        self._check_rates()
        self._refresh_choices()
        if self._shown is not None:
            self._check_country(self._shown)

    # -- choices that follow the drafts -------------------------------------------------

    def _refresh_choices(self) -> None:
        """Refill the country and currency pickers from the drafts, keeping the choices."""
        codes = self._rate_codes()
        for combo in (self.report_currency, self.currency):
            chosen = self._chosen(combo)
            with QSignalBlocker(combo):
                combo.clear()
                for code in codes:
                    combo.addItem(code, code)
                if chosen is not None:
                    self._select_code(chosen, combo)
        chosen = self._chosen(self.default_country)
        with QSignalBlocker(self.default_country):
            self.default_country.clear()
            for draft in sorted(self._drafts.values(), key=lambda d: d.title().casefold()):
                self.default_country.addItem(draft.title(), draft.code)
            if chosen is not None:
                self._select_code(chosen, self.default_country)

    @staticmethod
    def _chosen(combo: QComboBox) -> str | None:
        data = combo.currentData()
        return None if data is None else str(data)

    @staticmethod
    def _select_code(code: str, combo: QComboBox) -> None:
        index = combo.findData(code)
        if index < 0:  # e.g. a currency whose rate was removed: show it, flagged by a check
            combo.addItem(code, code)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    # -- adding and removing --------------------------------------------------------------

    def _add_country(self) -> None:
        code = self.new_code.text().strip().upper()
        if not COUNTRY_CODE.fullmatch(code):
            _set_error(
                self.new_code_error,
                f"New country code: expected two letters such as NO, got {code!r}",
            )
            return
        if code in self._drafts:
            _set_error(self.new_code_error, f"New country code: {code} is already in the list")
            return
        _set_error(self.new_code_error, "")
        draft = self._removed.pop(code, None) or self._guess_country(code)
        self._drafts[code] = draft
        self.new_code.clear()
        self._refresh_choices()
        self._refresh_country_list(select=code)
        self.name.setFocus()

    def _guess_country(self, code: str) -> CountryDraft:
        """A new profile, named and priced as Qt's locale data suggests, figures inherited."""
        territory = QLocale.codeToTerritory(code)
        known = territory != QLocale.Country.AnyCountry
        name = QLocale.territoryToString(territory) if known else ""
        currency = "USD"
        if known:
            local = QLocale(QLocale.Language.AnyLanguage, territory).currencySymbol(
                QLocale.CurrencySymbolFormat.CurrencyIsoCode
            )
            currency = local if local in self._rate_codes() else "USD"
        return CountryDraft(code, name, currency, dict.fromkeys(RATE_FIELDS, ""))

    def _remove_country(self) -> None:
        code = self._current_code()
        if code is None:
            return
        draft = self._drafts[code]
        if code == self._chosen(self.default_country):
            _set_error(
                self.countries_error,
                f"{draft.title()} is the default country; choose another default country first",
            )
            return
        _set_error(self.countries_error, "")
        del self._drafts[code]
        if not draft.is_new:
            self._removed[code] = draft
        self._shown = None
        self._refresh_choices()
        self._refresh_country_list()

    def _add_rate(self) -> None:
        with QSignalBlocker(self.rates):
            row = self._append_rate_row("", "", new=True)
        self._check_rates()
        self.rates.setCurrentCell(row, 0)
        self.rates.setFocus()
        self.rates.editItem(self._cell(row, 0))

    def _remove_rate(self) -> None:
        row = self.rates.currentRow()
        if row < 0:
            _set_error(self.rates_error, "Choose the currency to remove first")
            return
        code = self._cell(row, 0).text().strip().upper()
        users = sorted(d.title() for d in self._drafts.values() if d.currency == code)
        if code == "USD":
            problem = "USD cannot be removed: every rate is per 1 US dollar"
        elif users:
            problem = f"{code} is the currency of {', '.join(users)}; change theirs first"
        elif code == self._chosen(self.report_currency):
            problem = f"{code} is the report currency; choose another one first"
        else:
            problem = ""
        if problem:
            _set_error(self.rates_error, problem)
            return
        self.rates.removeRow(row)
        self._check_rates()
        self._refresh_choices()

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
            for step in self._edits():
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
        if self._check_rates():
            self.tabs.setCurrentIndex(1)
            return False
        ordered = sorted(self._drafts.values(), key=lambda d: d.title().casefold())
        if self._shown is not None:  # the country on screen first
            ordered.insert(0, self._shown)
        for draft in ordered:
            problems, _ = self._country_problems(draft)
            if problems:
                self.tabs.setCurrentIndex(0)
                self._refresh_country_list(select=draft.code)
                first = next(iter(problems))
                widget = {"name": self.name, "currency": self.currency}.get(first)
                (widget or self.figures.get(first) or self.name).setFocus()
                return False
        return True

    def _edits(self) -> list[Edit]:
        """The drafts as edits, in an order where each step leaves a valid file."""
        base = self._base.settings
        steps: list[Edit] = []
        rates = {code: rate for _, code, rate, _ in self._rate_rows() if rate is not None}
        for code, rate in rates.items():
            if base.exchange_rates.get(code) != rate:
                steps.append(partial(edits.with_exchange_rate, currency=code, units_per_usd=rate))
        for draft in self._drafts.values():
            if draft.is_new:
                steps.append(
                    partial(
                        edits.with_country,
                        code=draft.code,
                        name=draft.name,
                        currency=draft.currency,
                    )
                )
            changes = self._changes(draft)
            if changes:
                steps.append(partial(edits.with_country_fields, code=draft.code, values=changes))
        country = self._chosen(self.default_country)
        if country is not None and country != base.country:
            steps.append(partial(edits.with_default_country, code=country))
        currency = self._chosen(self.report_currency)
        if currency is not None and currency != base.currency:
            steps.append(partial(edits.with_report_currency, code=currency))
        steps += self.tax_reserve.edits()
        for code in self._removed:
            steps.append(partial(edits.without_country, code=code))
        for code in base.exchange_rates:
            if code not in rates:
                steps.append(partial(edits.without_exchange_rate, currency=code))
        return steps

    def _changes(self, draft: CountryDraft) -> dict[str, Figure | None]:
        """Fields whose value differs from the file: a new value, or None to inherit."""
        changes: dict[str, Figure | None] = {}
        if not draft.is_new:
            if draft.name.strip() != draft.file_name:
                changes["name"] = draft.name.strip()
            if draft.currency != draft.file_currency:
                changes["currency"] = draft.currency
        for name in RATE_FIELDS:
            text = draft.figures[name]
            value = edits.figure_from_text(name, text) if text.strip() else None
            if value != draft.file_figures.get(name):
                changes[name] = value
        return changes

    def _show_settings_error(self, error: SettingsError) -> None:
        """Say why nothing was saved, and point at the field when it is on screen."""
        where = f"{error.field}: " if error.field else ""
        self.banner.show_problem(error)
        parts = (error.field or "").split(".")
        if parts[0] == "countries" and len(parts) >= 2 and parts[1] in self._drafts:
            self.tabs.setCurrentIndex(0)
            self._refresh_country_list(select=parts[1])
            label = self.figure_errors.get(parts[2]) if len(parts) > 2 else None
            if label is not None:
                _set_error(label, error.message)
        elif parts[0] == "currencies":
            self.tabs.setCurrentIndex(1)
            _set_error(self.rates_error, f"{where}{error.message}")

    def _show_banner(self, text: str) -> None:
        self.banner.show_message(text)


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet("QLabel#fieldError { color: #b3261e; }")
    label.hide()
    return label


def _stacked(widget: QWidget, error: QLabel) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(error)
    return box


def _set_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def _text(value: Figure) -> str:
    return format_decimal(value) if isinstance(value, Decimal) else value
