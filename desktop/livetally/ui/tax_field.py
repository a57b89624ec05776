"""The settings dialog's tax set-aside field (``[app] tax_reserve_percent``).

Its label, description and bounds are the ones declared once in ``core.rates``
(``TAX_RESERVE_PERCENT``) and checked by the settings reader (``settings.schema``), so
the dialog never saves a percentage the file would refuse. Kept out of the dialog's own
module, which is long enough.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from livetally.core.money import InputError, format_decimal, parse_amount
from livetally.core.rates import TAX_RESERVE_PERCENT
from livetally.settings import edits
from livetally.settings.document import SettingsFile
from livetally.settings.schema import TAX_RESERVE
from livetally.ui.fields import FieldGrid

Edit = Callable[[SettingsFile], SettingsFile]
LABEL = TAX_RESERVE_PERCENT.label


class TaxReserveField:
    """A line edit for the percentage, its error line, and the edit of the file it makes."""

    def __init__(self, saved: Decimal, grid: FieldGrid) -> None:
        self.saved = saved
        self.edit = QLineEdit(format_decimal(saved))
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMaximumWidth(90)
        self.edit.setToolTip(
            "Your own estimate of the share of your income to keep for tax, 0 to 100. "
            "Not advice: ask a tax adviser what fits you. 0 shows no set-aside."
        )
        self.error = grid.add(LABEL, self.edit)
        self.edit.textEdited.connect(lambda _text: self.value())

    @property
    def widget(self) -> QWidget:
        return self.edit

    def value(self) -> Decimal | None:
        """The percentage typed, or None (its problem shown under the field)."""
        text = self.edit.text()
        label = TAX_RESERVE_PERCENT.plain_label
        try:
            value = parse_amount(text or "0", label)
            problem = TAX_RESERVE.check(value)
            if problem is not None:
                raise InputError(label, f"expected {problem}, got {text.strip()}")
        except InputError as error:
            self.error.set_message(str(error))
            return None
        self.error.set_message("")
        return value

    def edits(self) -> list[Edit]:
        """The file edit for a changed percentage; none when it is unchanged (or invalid,
        which the dialog checks first)."""
        value = self.value()
        if value is None or value == self.saved:
            return []
        return [partial(edits.with_tax_reserve_percent, percent=value)]
