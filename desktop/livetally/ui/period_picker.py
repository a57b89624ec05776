"""A "Period" chooser: named ranges, or a custom From/To pair of dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from livetally.core.periods import DateRange, Period, period_range


class PeriodPicker(QWidget):
    """Emits ``changed(first, last)`` (dates or None for open ends) when the range changes."""

    changed = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.addItems([period.value for period in Period])
        today = QDate.currentDate()
        self.first = QDateEdit(today.addMonths(-1))
        self.last = QDateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._custom: list[QWidget] = []
        fields: tuple[tuple[str, QWidget], ...] = (
            ("Period", self.combo),
            ("From", self.first),
            ("To", self.last),
        )
        for text, widget in fields:
            label = QLabel(f"{text}:")
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            layout.addWidget(label)
            layout.addWidget(widget)
            if widget is not self.combo:
                self._custom += [label, widget]
        for hidden in self._custom:
            hidden.setVisible(False)
        self.first.dateChanged.connect(self._emit)
        self.last.dateChanged.connect(self._emit)
        self.combo.currentIndexChanged.connect(self._on_period)

    def date_range(self) -> DateRange:
        period = Period(self.combo.currentText())
        if period is Period.CUSTOM:
            return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]
        return period_range(period, dt.date.today())

    def set_period(self, period: Period) -> None:
        self.combo.setCurrentText(period.value)

    def _on_period(self) -> None:
        custom = Period(self.combo.currentText()) is Period.CUSTOM
        for widget in self._custom:
            widget.setVisible(custom)
        self._emit()

    def _emit(self) -> None:
        first, last = self.date_range()
        self.changed.emit(first, last)
