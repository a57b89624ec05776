"""Calibration from the creator's wallet: type what TikTok shows, see the share change.

Public rates disagree and change by country; the wallet does not. The dialog shows the
country's figures before and after as the person types, and on Save writes them into
settings.toml through the settings layer (comments kept), so every figure on screen
follows through ``settings_changed``. A settings-layer refusal (the file changed on disk
meanwhile, say) is shown in the dialog and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from livetally.core.calibration import Calibration, WalletReading, calibrate
from livetally.core.money import InputError, format_decimal, parse_amount, parse_count
from livetally.core.rates import RateProfile
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.settings.errors import SettingsError
from livetally.ui import prompts
from livetally.ui.fields import RIGHT, FieldError, FieldGrid, count_field, hint_label, number_field

#: The figures calibration can change, in the order they are shown.
CALIBRATED = ("diamond_usd", "diamonds_per_coin")

_ARROW = " \N{RIGHTWARDS ARROW} "
_DASH = "\N{EM DASH}"


class CalibrateDialog(QDialog):
    """Set a country's ``diamond_usd`` (and ``diamonds_per_coin``) from wallet readings.

    ``calibrated(Calibration)`` is emitted once the settings file has been written.
    """

    calibrated = Signal(Calibration)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        country: str | None = None,
        formatter: Formatter | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._format = formatter or Formatter()
        self.setWindowTitle("Calibrate from my wallet")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._build(country or session.settings.country)
        self._update()

    def _build(self, country: str) -> None:
        intro = hint_label(
            "Open your TikTok wallet (Profile \N{RIGHTWARDS ARROW} menu \N{RIGHTWARDS ARROW} "
            "Balance) and type the diamonds it shows and their cash value. For the diamonds "
            "per coin too, add one gift's price in coins and the diamonds it credited you."
        )
        grid = FieldGrid()
        self.country = QComboBox()
        profiles = sorted(self._session.settings.profiles.values(), key=lambda p: p.name.casefold())
        for profile in profiles:
            self.country.addItem(f"{profile.name} ({profile.country})", profile.country)
        self.country.setCurrentIndex(max(self.country.findData(country), 0))
        grid.add("Co&untry", self.country)
        self.wallet_diamonds = count_field("e.g. 1,000")
        self.wallet_usd = number_field("e.g. 50.00")
        self.gift_coins = count_field("optional, e.g. 100")
        self.gift_diamonds = count_field("optional, e.g. 50")
        self.errors: dict[QLineEdit, FieldError] = {
            self.wallet_diamonds: grid.add("Wallet &diamonds", self.wallet_diamonds),
            self.wallet_usd: grid.add("Wallet &cash (USD)", self.wallet_usd),
            self.gift_coins: grid.add("&Gift coins", self.gift_coins),
            self.gift_diamonds: grid.add("Gift d&iamonds", self.gift_diamonds),
        }
        for field in self.errors:
            field.textEdited.connect(self._update)
        self.country.currentIndexChanged.connect(self._update)

        preview = QGroupBox("Before \N{RIGHTWARDS ARROW} after")
        form = QFormLayout(preview)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.preview: dict[str, QLabel] = {}
        for key, label in (
            ("diamond_usd", "Cash per diamond (USD)"),
            ("diamonds_per_coin", "Diamonds per coin"),
            ("creator_share", "Your share"),
            ("tiktok_share", "TikTok's share"),
        ):
            value = QLabel()
            value.setAlignment(RIGHT)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.preview[key] = value

        self.problem = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(preview)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    # -- reading -----------------------------------------------------------------------------

    def profile(self) -> RateProfile:
        return self._session.profile(self.country.currentData())

    def calibration(self, *, saving: bool = False) -> Calibration | None:
        """The calibration the typed readings give, or None with the problems shown.

        Empty wallet fields are only called out when saving, not while typing.
        """
        problems: dict[QLineEdit, str] = {}
        diamonds = self._read(self.wallet_diamonds, "Wallet diamonds", problems, saving)
        cash = self._read(self.wallet_usd, "Wallet cash", problems, saving, amount=True)
        gift_coins = self._read(self.gift_coins, "Gift coins", problems, False)
        gift_diamonds = self._read(self.gift_diamonds, "Gift diamonds", problems, False)
        if (gift_coins is None) != (gift_diamonds is None) and not problems:
            missing = self.gift_diamonds if gift_diamonds is None else self.gift_coins
            other = "Gift diamonds" if missing is self.gift_coins else "Gift coins"
            problems[missing] = f"Needed with {other} (or leave both gift fields blank)"
        result: Calibration | None = None
        if not problems and diamonds is not None and cash is not None:
            reading = WalletReading(
                wallet_diamonds=int(diamonds),
                wallet_usd=cash,
                gift_coins=None if gift_coins is None else int(gift_coins),
                gift_diamonds=None if gift_diamonds is None else int(gift_diamonds),
            )
            try:
                result = calibrate(self.profile(), reading)
            except InputError as error:
                field = {
                    "wallet_diamonds": self.wallet_diamonds,
                    "gift_coins": self.gift_coins,
                    "gift_diamonds": self.gift_diamonds,
                }.get(error.field, self.wallet_usd)
                problems[field] = _capitalised(error.message)
        for field, error_label in self.errors.items():
            error_label.set_message(problems.get(field, ""))
        return result

    def _read(
        self,
        field: QLineEdit,
        name: str,
        problems: dict[QLineEdit, str],
        required: bool,
        *,
        amount: bool = False,
    ) -> Decimal | None:
        text = field.text().strip()
        if not text and not required:
            return None
        try:
            value = parse_amount(text, name) if amount else Decimal(parse_count(text, name))
        except InputError as error:
            message = error.message
            problems[field] = (
                _capitalised(message) if message.startswith("expected") else f"{name} {message}"
            )
            return None
        if value == 0:
            problems[field] = f"{name} must be greater than 0"
            return None
        return value

    # -- showing -----------------------------------------------------------------------------

    def _update(self) -> None:
        self.problem.set_message("")
        result = self.calibration()
        before = self.profile()
        after = result.after if result is not None else None
        for key in CALIBRATED:
            old = format_decimal(getattr(before, key))
            new = format_decimal(getattr(after, key)) if after is not None else _DASH
            self.preview[key].setText(f"{old}{_ARROW}{new}")
        percent = self._format.percent
        for key in ("creator_share", "tiktok_share"):
            old = percent(getattr(before, key))
            new = percent(getattr(after, key)) if after is not None else _DASH
            self.preview[key].setText(f"{old}{_ARROW}{new}")
        if result is not None and result.warning is not None:
            self.problem.set_message(f"Check these figures: {result.warning}")

    def accept(self) -> None:
        result = self.calibration(saving=True)
        if result is None:
            for field, error in self.errors.items():
                if error.message():
                    field.setFocus()
                    break
            return
        if result.warning is not None and not prompts.confirm(
            self,
            "Save an unusual share?",
            f"{_capitalised(result.warning)}.\n\nSave these figures anyway?",
            "Save anyway",
        ):
            return
        changed = {
            name: getattr(result.after, name)
            for name in CALIBRATED
            if getattr(result.after, name) != getattr(result.before, name)
        }
        if changed:
            note = f"calibrated from your wallet on {dt.date.today().isoformat()}"
            try:
                edited = self._session.settings_file.with_country_figures(
                    result.after.country, changed, note=note
                )
                self._session.save_settings(edited)
            except (SettingsError, OSError) as error:
                self.problem.set_message(f"Nothing was saved: {error}")
                return
        self.calibrated.emit(result)
        super().accept()


def _capitalised(message: str) -> str:
    return message[:1].upper() + message[1:]
