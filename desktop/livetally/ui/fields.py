"""Labelled form fields with an inline error under each: the layout every form here shares.

The calculator, the stream dialog and the calibration dialog all show what is wrong with
a field right under it, in words, instead of a message box; these are their parts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

#: How numbers line up in fields and tables: on the right, centred vertically.
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FieldError(QWidget):
    """What is wrong with one field, under it: a warning icon and a sentence; hidden if none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = icon = QLabel()  # the warning sign is drawn with the first message
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setStyleSheet(f"color: {warning_colour(self.palette())};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        self.hide()

    def set_message(self, message: str) -> None:
        if message == self.text.text() and self.isHidden() != bool(message):
            return
        self.text.setText(message)
        self.setVisible(bool(message))
        if message:
            if self.icon.pixmap().isNull():
                self.icon.setPixmap(_warning_sign(self))
            grow_to_fit(self.window())

    def message(self) -> str:
        return self.text.text()


def grow_to_fit(window: QWidget) -> None:
    """Make a dialog tall enough for wrapped text that just appeared in it.

    Qt sizes a top-level window from its layout's minimum, which ignores how many lines a
    word-wrapped label needs at the window's width, so a new message would be squeezed.
    """
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width())
    if needed > window.height():
        window.resize(window.width(), needed)


def _warning_sign(widget: QWidget) -> QPixmap:
    """The style's small warning icon. Made when first needed: the calculator has a dozen
    fields, mostly without an error, and QStyle's enums take milliseconds to load."""
    from PySide6.QtWidgets import QStyle

    style = widget.style()
    size = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)


def warning_colour(palette: QPalette) -> str:
    """A red readable on the palette's window colour, light or dark: every error line
    and every cell marked wrong takes it from here."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return "#ff8a80" if dark else "#b3261e"


def hint_label(text: str) -> QLabel:
    """A small, quieter sentence of guidance."""
    label = QLabel(text)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


class FieldGrid(QGridLayout):
    """Label | field rows, each with its inline error (and an optional hint) under the field.

    Every field gets its label as buddy and the label's text (without ``&``) as its
    accessible name, so screen readers and keyboard mnemonics find it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnStretch(1, 1)
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(4)
        self._next_row = 0
        self.labels: dict[QWidget, QLabel] = {}

    def add(
        self, label_text: str, field: QWidget, *, trailing: QWidget | None = None, hint: str = ""
    ) -> FieldError:
        label = QLabel(label_text)
        label.setBuddy(field)
        # Never narrower than its text: a wide note spanning the columns may squeeze it.
        label.setMinimumWidth(label.sizeHint().width() + 4)
        field.setAccessibleName(label_text.replace("&", ""))
        row = self._next_row
        # Labels of tall fields (lists, text boxes) sit level with their first line.
        tall = isinstance(field, QAbstractScrollArea)
        vertical = Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag.AlignVCenter
        self.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | vertical)
        if trailing is None:
            self.addWidget(field, row, 1, 1, 2)
        else:
            self.addWidget(field, row, 1)
            self.addWidget(trailing, row, 2)
        error = FieldError()
        self.addWidget(error, row + 1, 1, 1, 2)
        self._next_row = row + 2
        if hint:
            self.add_note(hint_label(hint))
        self.labels[field] = label
        return error

    def add_note(self, widget: QWidget) -> None:
        """A row under the fields' column: a hint or a note about the field above."""
        self.addWidget(widget, self._next_row, 1, 1, 2)
        self._next_row += 1

    def add_wide(self, widget: QWidget) -> None:
        """A row across both columns (a note, a group of buttons)."""
        self.addWidget(widget, self._next_row, 0, 1, 3)
        self._next_row += 1


def number_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setAlignment(RIGHT)
    field.setPlaceholderText(placeholder)
    return field


def count_field(placeholder: str = "") -> QLineEdit:
    """A :func:`number_field` for a whole number (coins, diamonds, viewers): once the
    creator leaves it, ``10000`` shows as ``10,000``, grouped as every figure in the window
    is. Only a value that reads back the same is regrouped; anything else is left as typed
    for the form's own check to word."""
    field = number_field(placeholder)
    field.editingFinished.connect(lambda: _regroup(field))
    return field


def _regroup(field: QLineEdit) -> None:
    from livetally.core.money import InputError, parse_count
    from livetally.models.formatting import Formatter

    text = field.text().strip()
    if not text:
        return
    try:
        value = parse_count(text, "value")
        shown = Formatter().count(value)
        same = parse_count(shown, "value") == value
    except InputError:
        return
    if same and shown != field.text():
        field.setText(shown)
