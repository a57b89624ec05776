"""The stream dialog reads well: wide fields, tags level with their boxes, and a word
under a start in the future or a stream of 0 minutes."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from livetally.models.calculator import StreamDraft
from livetally.models.commands import log_stream
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.ui.stream_dialog import LIKES_HINT, StreamDialog
from livetally.ui.stream_times import FUTURE_START, ZERO_DURATION


def opened(session: Session, qtbot: QtBot) -> StreamDialog:
    dialog = StreamDialog(
        session,
        draft=StreamDraft("US", 10_000, None, ()),
        save=lambda record, profile: log_stream(session, record, profile),
        formatter=Formatter(QLocale("en_US")),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_likes_note_does_not_squeeze_the_fields(session: Session, qtbot: QtBot) -> None:
    dialog = opened(session, qtbot)
    label = dialog.grid.labels[dialog.details["likes"]]
    assert label.text() == "&Likes"
    hints = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    assert LIKES_HINT in hints
    for field in (dialog.coins, dialog.details["likes"], dialog.duration):
        assert field.width() >= dialog.width() * 0.6, "the fields keep most of the width"


def test_tags_are_one_spaced_line_each_with_the_description_in_the_tooltip(
    session: Session, qtbot: QtBot
) -> None:
    dialog = opened(session, qtbot)
    tags = dialog.tags
    assert not tags.wordWrap()
    assert tags.spacing() > 0
    incentive = next(
        tags.item(r) for r in range(tags.count()) if tags.item(r).text()[:9] == "incentive"
    )
    assert "exclusive content offered" in incentive.toolTip()
    heights = {tags.visualItemRect(tags.item(r)).height() for r in range(tags.count())}
    assert len(heights) == 1, "every tag is one line, its box level with its text"


def test_a_start_in_the_future_is_called_out_but_may_be_saved(
    session: Session, qtbot: QtBot
) -> None:
    dialog = opened(session, qtbot)
    assert dialog.errors[dialog.started].message() == ""
    dialog.started.setDateTime(QDateTime.currentDateTime().addDays(2))
    assert dialog.errors[dialog.started].message() == FUTURE_START
    dialog.started.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    assert dialog.errors[dialog.started].message() == ""
    dialog.started.setDateTime(QDateTime.currentDateTime().addDays(2))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert len(session.ledger.streams()) == 1, "a warning, not a refusal"


def test_a_stream_of_zero_minutes_is_called_out(session: Session, qtbot: QtBot) -> None:
    dialog = opened(session, qtbot)
    qtbot.keyClicks(dialog.duration, "0")
    assert dialog.errors[dialog.duration].message() == ZERO_DURATION
    qtbot.keyClicks(dialog.duration, "5")  # 05 minutes
    assert dialog.errors[dialog.duration].message() == ""
    dialog.duration.setText("-3")
    dialog.duration.textEdited.emit("-3")
    assert dialog.errors[dialog.duration].message() == "Duration must not be negative, got -3"


def test_a_problem_gets_the_focus_before_a_warning(session: Session, qtbot: QtBot) -> None:
    dialog = opened(session, qtbot)
    dialog.duration.setText("0")
    dialog.details["likes"].setText("lots")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.errors[dialog.duration].message() == ZERO_DURATION
    assert dialog.focusWidget() is dialog.details["likes"]
    assert session.ledger.streams() == []
