"""Numbers for the screen, in the user's locale, without ever passing money through float.

QLocale's own number formatting takes doubles; money here is Decimal, rounded at this
edge and laid out with the locale's decimal point and digit grouping.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale

from livetally.core.money import minor_unit, round_down, round_half_up


class Formatter:
    """Formats counts, money and percentages for one locale."""

    def __init__(self, locale: QLocale | None = None) -> None:
        self.locale = locale or QLocale()
        self._point = self.locale.decimalPoint()
        self._group = self.locale.groupSeparator()

    def number(self, value: Decimal | int, places: int = 0) -> str:
        """Grouped digits with ``places`` decimals (the value must already be rounded)."""
        text = f"{value:,.{places}f}"
        return text.translate({ord(","): "\0", ord("."): self._point}).replace("\0", self._group)

    def count(self, value: int) -> str:
        return self.number(value)

    def money(self, value: Decimal, currency: str = "USD", *, creator: bool = True) -> str:
        """``$1,234.56`` or ``1.234,56 EUR``: rounded down for what a creator receives,
        commercially for estimates of what others paid (``creator=False``)."""
        unit = minor_unit(currency)
        rounded = round_down(value, unit) if creator else round_half_up(value, unit)
        places = 0 if unit == 1 else 2
        text = self.number(rounded, places)
        return f"${text}" if currency == "USD" else f"{text} {currency}"

    def percent(self, ratio: Decimal, places: int = 1) -> str:
        return f"{self.number(round_half_up(ratio * 100, Decimal(1).scaleb(-places)), places)}%"
