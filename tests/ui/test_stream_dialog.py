"""Logging a stream, and editing one, through the stream dialog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from livetally.core.gifts import GiftCount
from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord, parse_timestamp
from livetally.models.calculator import StreamDraft
from livetally.models.commands import log_stream
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.storage.ledger import DuplicateError
from livetally.ui.stream_dialog import LIKES_LABEL, StreamDialog, iso_with_offset
from tests.ui.test_calculator_tab import assert_labelled

ENGLISH = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
PLUS_ONE = QTimeZone(3600)


def at_plus_one(dialog: StreamDialog, hour: int, minute: int) -> None:
    """Pick 2026-03-01 hour:minute in the editor as on a machine whose clock is at +01:00."""
    dialog.started.setTimeZone(PLUS_ONE)
    dialog.started.setDateTime(QDateTime(QDate(2026, 3, 1), QTime(hour, minute), PLUS_ONE))


def new_dialog(
    session: Session, qtbot: QtBot, draft: StreamDraft | None = None, *, save: bool = True
) -> StreamDialog:
    dialog = StreamDialog(
        session,
        draft=draft,
        save=partial(log_stream, session) if save else None,
        formatter=ENGLISH,
    )
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def ok(dialog: StreamDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_accepting_logs_the_stream_as_typed(session: Session, qtbot: QtBot) -> None:
    dialog = new_dialog(session, qtbot, StreamDraft("DE", 10000, None, ()))
    assert dialog.windowTitle() == "Log stream"
    assert dialog.coins.text() == "10000"
    assert dialog.country.currentData() == "DE"

    qtbot.keyClicks(dialog.duration, "90")
    at_plus_one(dialog, 19, 30)
    qtbot.keyClicks(dialog.diamonds, "990")
    qtbot.keyClicks(dialog.details["likes"], "12,000")
    qtbot.keyClicks(dialog.details["peak_viewers"], "340")
    qtbot.keyClicks(dialog.details["new_followers"], "25")
    qtbot.keyClicks(dialog.notes, "Birthday stream")
    qa = dialog.tags.findItems("qa (Q&A with viewers)", Qt.MatchFlag.MatchExactly)[0]
    qa.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignals([dialog.stream_ready, session.ledger_changed, dialog.accepted]):
        ok(dialog)

    (logged,) = session.ledger.streams()
    record = logged.record
    assert record.started_at == "2026-03-01T19:30:00+01:00"
    assert (record.coins, record.duration_minutes, record.diamonds) == (10000, 90, Decimal(990))
    assert (record.likes, record.peak_viewers, record.new_followers) == (12000, 340, 25)
    assert record.tags == ("qa",)
    assert record.notes == "Birthday stream"
    assert logged.country == "DE"
    assert not dialog.isVisible()


def test_start_defaults_to_now_minus_the_duration_with_the_local_offset(
    session: Session, qtbot: QtBot
) -> None:
    dialog = new_dialog(session, qtbot, StreamDraft("US", 500, None, ()))
    qtbot.keyClicks(dialog.duration, "90")
    expected = dt.datetime.now().astimezone() - dt.timedelta(minutes=90)
    with qtbot.waitSignal(dialog.stream_ready) as ready:
        ok(dialog)

    record: StreamRecord = ready.args[0]
    started = parse_timestamp(record.started_at)  # ISO 8601 with an offset
    assert started.utcoffset() == expected.utcoffset()
    assert abs(started - expected) < dt.timedelta(minutes=2)
    assert dialog.offset.text().startswith("UTC")


def test_a_start_the_person_set_is_not_moved_by_the_duration(
    session: Session, qtbot: QtBot
) -> None:
    dialog = new_dialog(session, qtbot, StreamDraft("US", 500, None, ()))
    at_plus_one(dialog, 19, 30)
    qtbot.keyClicks(dialog.duration, "45")
    assert dialog.started_at() == "2026-03-01T19:30:00+01:00"


def test_iso_with_offset_keeps_negative_offsets() -> None:
    value = QDateTime(QDate(2026, 7, 4), QTime(21, 5, 9), QTimeZone(-5 * 3600))
    assert iso_with_offset(value) == "2026-07-04T21:05:09-05:00"


def test_stream_ready_carries_the_record_and_rates_without_writing(
    session: Session, qtbot: QtBot
) -> None:
    dialog = new_dialog(session, qtbot, StreamDraft("GB", 300, None, ()), save=False)
    with qtbot.waitSignal(dialog.stream_ready) as ready:
        ok(dialog)
    record, profile = ready.args
    assert isinstance(record, StreamRecord)
    assert isinstance(profile, RateProfile)
    assert (record.coins, profile.country) == (300, "GB")
    assert session.ledger.streams() == []  # the receiver writes (through its undo stack)


def test_gifts_from_the_calculator_are_kept(session: Session, qtbot: QtBot) -> None:
    rose, galaxy = session.catalog.find("Rose"), session.catalog.find("Galaxy")
    draft = StreamDraft("US", 2010, None, (GiftCount(rose, 10), GiftCount(galaxy, 2)))
    dialog = new_dialog(session, qtbot, draft, save=False)
    assert dialog.coins.isReadOnly()
    assert "Rose \N{MULTIPLICATION SIGN}10" in dialog.gifts_note.text()
    with qtbot.waitSignal(dialog.stream_ready) as ready:
        ok(dialog)
    assert [(g.gift.name, g.count) for g in ready.args[0].gifts] == [("Rose", 10), ("Galaxy", 2)]


def test_typing_coins_instead_of_gifts(session: Session, qtbot: QtBot) -> None:
    rose = session.catalog.find("Rose")
    dialog = new_dialog(session, qtbot, StreamDraft("US", 10, None, (GiftCount(rose, 10),)))
    dialog.clear_gifts.click()
    assert not dialog.coins.isReadOnly()
    qtbot.keyClicks(dialog.coins, "25")  # the old total was selected, so it is replaced
    with qtbot.waitSignal(dialog.stream_ready) as ready:
        ok(dialog)
    assert ready.args[0].coins == 25
    assert ready.args[0].gifts == ()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("likes", "lots", "Expected a whole number such as 500, got 'lots'"),
        ("gifters", "-3", "Gifters must not be negative, got -3"),
        ("duration", "-5", "Duration must not be negative, got -5"),
        ("diamonds", "abc", "Expected an amount such as 49.99, got 'abc'"),
    ],
)
def test_invalid_fields_are_shown_inline_and_nothing_is_saved(
    session: Session, qtbot: QtBot, field: str, typed: str, message: str
) -> None:
    dialog = new_dialog(session, qtbot, StreamDraft("US", 500, None, ()))
    widget = dialog.details[field] if field in dialog.details else getattr(dialog, field)
    qtbot.keyClicks(widget, typed)
    assert dialog.errors[widget].message() == message
    assert dialog.errors[widget].isVisible()
    assert dialog.worth.text() == "\N{EM DASH}"

    ok(dialog)
    assert dialog.isVisible()
    assert session.ledger.streams() == []


def test_empty_coins_are_called_out_only_on_save(session: Session, qtbot: QtBot) -> None:
    dialog = new_dialog(session, qtbot)
    assert not dialog.errors[dialog.coins].isVisible()
    ok(dialog)
    assert dialog.isVisible()
    assert dialog.errors[dialog.coins].message().startswith("Coins is empty")
    assert dialog.worth.text() == "\N{EM DASH}"
    assert dialog.focusWidget() is dialog.coins


def test_a_stream_already_logged_is_reported_in_the_dialog(session: Session, qtbot: QtBot) -> None:
    def refuse(record: StreamRecord, profile: RateProfile) -> None:
        raise DuplicateError("this stream is already in the ledger")

    dialog = StreamDialog(session, save=refuse, draft=StreamDraft("US", 10, None, ()))
    qtbot.addWidget(dialog)
    dialog.open()
    ok(dialog)
    assert dialog.isVisible()
    assert dialog.problem.message() == "Not saved: this stream is already in the ledger"


def test_enter_in_the_new_tag_field_adds_a_checked_tag(session: Session, qtbot: QtBot) -> None:
    dialog = new_dialog(session, qtbot, StreamDraft("US", 10, None, ()), save=False)
    qtbot.keyClicks(dialog.new_tag, "Give Away")
    qtbot.keyClick(dialog.new_tag, Qt.Key.Key_Return)

    assert dialog.isVisible()  # Enter added the tag; it did not close the dialog
    assert dialog.checked_tags() == ("give_away",)
    assert dialog.new_tag.text() == ""
    assert "give_away" in [dialog.tags.item(i).text() for i in range(dialog.tags.count())]


def test_listed_tags_come_from_the_ledger(session: Session, qtbot: QtBot) -> None:
    dialog = new_dialog(session, qtbot)
    names = [dialog.tags.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.tags.count())]
    assert names == session.ledger.tags()
    assert dialog.checked_tags() == ()


def test_editing_keeps_untouched_fields_and_the_logged_rates(
    session: Session, qtbot: QtBot
) -> None:
    record = StreamRecord(
        "2026-01-05T19:00:15+01:00", 4000, duration_minutes=60, likes=900, tags=("collab",)
    )
    logged = session.ledger.add_stream(record, session.profile("DE"))
    saved: list[tuple[StreamRecord, RateProfile]] = []
    dialog = StreamDialog(
        session, stream=logged, save=lambda r, p: saved.append((r, p)), formatter=ENGLISH
    )
    qtbot.addWidget(dialog)
    dialog.open()

    assert dialog.windowTitle() == "Edit stream"
    assert dialog.stream is logged
    assert (dialog.coins.text(), dialog.duration.text(), dialog.details["likes"].text()) == (
        "4000",
        "60",
        "900",
    )
    assert dialog.offset.text() == "UTC+01:00"
    assert dialog.checked_tags() == ("collab",)
    dialog.notes.setPlainText("Collab with Sam")
    ok(dialog)

    ((edited, profile),) = saved
    assert edited.started_at == "2026-01-05T19:00:15+01:00"  # kept exactly as logged
    assert edited.notes == "Collab with Sam"
    assert edited.likes == 900
    assert profile.country == "DE"
    assert profile.diamond_usd == logged.diamond_usd


def test_likes_are_labelled_as_paying_nothing(session: Session, qtbot: QtBot) -> None:
    dialog = new_dialog(session, qtbot)
    assert dialog.details["likes"].accessibleName() == LIKES_LABEL == "Likes"
    assert "pay nothing" in dialog.details["likes"].accessibleDescription()
    qtbot.keyClicks(dialog.coins, "10000")
    worth = dialog.worth.text()
    qtbot.keyClicks(dialog.details["likes"], "1000000")
    assert dialog.worth.text() == worth == "$50.00 (1,000 diamonds)"


def test_every_input_is_labelled(session: Session, qtbot: QtBot) -> None:
    assert_labelled(new_dialog(session, qtbot))
    dialog = new_dialog(session, qtbot)
    assert dialog.started.accessibleName() == "Start time"
    assert dialog.tags.accessibleName() == "Tags"
    assert dialog.notes.accessibleName() == "Notes"


def test_log_stream_writes_and_announces(session: Session, qtbot: QtBot) -> None:
    with qtbot.waitSignal(session.ledger_changed):
        logged = log_stream(
            session, StreamRecord("2026-01-05T19:00:00+00:00", 100), session.profile()
        )
    assert session.ledger.streams() == [logged]


def test_the_start_time_cannot_be_set_where_utc_would_leave_year_9999(
    session: Session, qtbot: QtBot
) -> None:
    dialog = new_dialog(session, qtbot, StreamDraft("US", 100, None, ()))
    minus_one = QTimeZone(-3600)
    dialog.started.setTimeZone(minus_one)
    dialog.started.setDateTime(QDateTime(QDate(9999, 12, 31), QTime(23, 30), minus_one))
    assert dialog.started.dateTime().date().year() == 9998
    ok(dialog)
    (stream,) = session.ledger.streams()
    assert stream.record.started.astimezone(dt.UTC).year == 9998
