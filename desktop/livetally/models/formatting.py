"""Numbers and dates for the screen, in the user's locale, never passing money through float.

QLocale's own number formatting takes doubles; money here is Decimal, rounded at this
edge and laid out with the locale's decimal point and digit grouping. Dates follow the
locale too, except the C locale (a bare ``LANG=C`` system), whose short format reads
"30 11 2026 21:00": there they are ISO 8601 (``2026-11-30 21:00``), which reads the same
to everyone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

from livetally.core.money import minor_unit, round_down, round_half_up
from livetally.core.words import counted

#: Dates and times where the locale has no real format of its own.
ISO_DATE = "yyyy-MM-dd"
ISO_DATE_TIME = "yyyy-MM-dd HH:mm"


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

    def counted(self, value: int, singular: str, plural: str | None = None) -> str:
        """``1 diamond``, ``1.000 diamonds``: a count with its noun, grouped as the locale
        groups digits (see :func:`livetally.core.words.counted`)."""
        return counted(value, singular, plural, shown=self.count(value))

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

    @property
    def is_c_locale(self) -> bool:
        return self.locale.language() == QLocale.Language.C

    def date(self, day: dt.date) -> str:
        """A calendar day in the locale's short form (``11/30/26``, ``30.11.26``), ISO
        (``2026-11-30``) under the C locale."""
        value = QDate(day.year, day.month, day.day)
        if self.is_c_locale:
            return self.locale.toString(value, ISO_DATE)
        return self.locale.toString(value, QLocale.FormatType.ShortFormat)

    def month(self, day: dt.date) -> str:
        """The month ``day`` is in, named: ``November 2026`` (in every locale, C included)."""
        return self.locale.toString(QDate(day.year, day.month, day.day), "MMMM yyyy")

    def date_time(self, moment: dt.datetime) -> str:
        """A wall-clock time as written (its own offset, never shifted to this machine's
        zone) in the locale's short form; ``2026-11-30 21:00`` under the C locale."""
        value = QDateTime(
            QDate(moment.year, moment.month, moment.day),
            QTime(moment.hour, moment.minute, moment.second),
            QTimeZone.utc(),
        )
        if self.is_c_locale:
            return self.locale.toString(value, ISO_DATE_TIME)
        return self.locale.toString(value, QLocale.FormatType.ShortFormat)


def tax_tooltip(formatter: Formatter, cash: Decimal, percent: Decimal, currency: str) -> str:
    """ "Set aside for tax (25%): $12.50" for ``cash`` as shown (rounded down first)."""
    from livetally.core.money import format_decimal, minor_unit
    from livetally.core.tax import set_aside

    step = minor_unit(currency)
    kept = set_aside(round_down(cash, step), percent, step)
    return f"Set aside for tax ({format_decimal(percent)}%): {formatter.money(kept, currency)}"
