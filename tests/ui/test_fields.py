"""The shared form parts: an inline error under each field, and labels that name fields."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from livetally.ui.fields import FieldError, FieldGrid


def test_an_error_shows_its_sentence_and_a_warning_sign(qtbot: QtBot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    grid = FieldGrid(form)
    error = grid.add("&Coins", QLineEdit())
    form.show()
    assert error.isHidden()
    error.set_message("expected a whole number, got 1.5")
    assert error.isVisible()
    assert error.message() == "expected a whole number, got 1.5"
    assert not error.icon.pixmap().isNull()
    error.set_message("")
    assert error.isHidden()


def test_the_warning_sign_is_made_only_for_a_message(qtbot: QtBot) -> None:
    error = FieldError()
    qtbot.addWidget(error)
    assert error.icon.pixmap().isNull()


def test_each_field_is_named_by_its_label(qtbot: QtBot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    grid = FieldGrid(form)
    field = QLineEdit()
    grid.add("Target (&USD)", field)
    assert field.accessibleName() == "Target (USD)"
    assert grid.labels[field].buddy() is field
