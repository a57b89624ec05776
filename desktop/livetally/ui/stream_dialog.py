"""The dialog that logs a stream (or edits a logged one), and its default way to save.

Prefilled from the calculator, it asks for what the calculator cannot know: when the
LIVE started, how long it ran, likes (shown, never paid), viewers, followers, tags and
notes. The record is handed on through ``stream_ready`` so the window can put the write
on its undo stack.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from livetally.core.gifts import GiftCount, total_coins
from livetally.core.money import InputError, format_decimal, parse_count, parse_diamonds
from livetally.core.rates import RateProfile
from livetally.core.records import (
    BUILTIN_TAGS,
    LoggedStream,
    StreamRecord,
    normalise_tag,
    resolve_diamonds,
)
from livetally.core.stream_fields import COUNT_DETAILS, STREAM_DETAILS, DetailKind, Origin
from livetally.models.calculator import StreamDraft
from livetally.models.commands import StreamSaver
from livetally.models.formatting import Formatter
from livetally.models.session import Session
from livetally.storage.errors import LedgerError
from livetally.ui.fields import RIGHT, FieldError, FieldGrid, count_field, number_field
from livetally.ui.stream_times import (
    duration_warning,
    iso_with_offset,
    offset_text,
    qdatetime,
    start_warning,
)

#: The likes field's label, short so the fields keep their width; what likes are worth is
#: said under the field (the detail's hint in ``core.stream_fields``).
_LIKES = {detail.name: detail for detail in STREAM_DETAILS}["likes"]
LIKES_LABEL = _LIKES.label
LIKES_HINT = _LIKES.form_hint
__all__ = ["LIKES_HINT", "LIKES_LABEL", "StreamDialog", "iso_with_offset"]


# -- the dialog --------------------------------------------------------------------------------


class StreamDialog(QDialog):
    """Log a new stream, or edit ``stream`` (title "Edit stream"; its logged rates are kept).

    On OK the record is checked; with ``save`` given it is written through it first (a
    LedgerError, such as the stream already being logged, is shown in the dialog, which
    stays open); then ``stream_ready(record, profile)`` is emitted and the dialog closes.
    """

    stream_ready = Signal(StreamRecord, RateProfile)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        stream: LoggedStream | None = None,
        draft: StreamDraft | None = None,
        save: StreamSaver | None = None,
        formatter: Formatter | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._stream = stream
        self._save = save
        self._format = formatter or Formatter()
        self._gifts: tuple[GiftCount, ...] = ()
        self._original_start: tuple[QDateTime, str] | None = None
        self._start_follows_duration = stream is None
        self._setting_start = False
        self._kept_details: dict[str, int | str | None] = {}
        self._origin = Origin.TYPED
        self._problems: dict[QWidget, str] = {}
        self.setWindowTitle("Edit stream" if stream else "Log stream")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._build()
        if stream is not None:
            self._prefill_stream(stream)
        else:
            self._prefill_draft(draft or StreamDraft(session.settings.country, None, None, ()))
        self._update_preview()

    @property
    def stream(self) -> LoggedStream | None:
        """The stream being edited, or None when logging a new one."""
        return self._stream

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        grid = FieldGrid()
        self.grid = grid
        self.errors: dict[QWidget, FieldError] = {}

        self.country = QComboBox()
        self.rates_note = QLabel()
        if self._stream is None:
            for code, label in _countries(self._session):
                self.country.addItem(label, code)
            self.country.currentIndexChanged.connect(self._update_preview)
            self.errors[self.country] = grid.add(
                "Co&untry", self.country, hint="The stream is logged at this country's rates."
            )
        else:
            self.rates_note.setWordWrap(True)
            grid.add_wide(self.rates_note)

        self.started = QDateTimeEdit()
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started.setCalendarPopup(True)
        # Qt allows up to the last second of 9999, which a negative UTC offset would carry
        # past the largest time Python holds; a LIVE is never that close to either end.
        self.started.setDateTimeRange(
            QDateTime(QDate(2, 1, 1), QTime(0, 0)), QDateTime(QDate(9998, 12, 31), QTime(23, 59))
        )
        self.offset = QLabel()
        self.started.dateTimeChanged.connect(self._start_edited)
        self.errors[self.started] = grid.add("&Start time", self.started, trailing=self.offset)

        self.duration = number_field("e.g. 90")
        self.duration.textEdited.connect(self._duration_edited)
        self.errors[self.duration] = grid.add("&Duration (minutes)", self.duration)

        self.coins = count_field("e.g. 10,000")
        self.gifts_note = QLabel()
        self.gifts_note.setWordWrap(True)
        self.clear_gifts = QPushButton("Type coins &instead")
        self.clear_gifts.clicked.connect(self._drop_gifts)
        self.errors[self.coins] = grid.add("&Coins", self.coins)
        gifts_row = QWidget()
        gifts_layout = QHBoxLayout(gifts_row)
        gifts_layout.setContentsMargins(0, 0, 0, 0)
        gifts_layout.addWidget(self.gifts_note, 1)
        gifts_layout.addWidget(self.clear_gifts)
        self.gifts_row = gifts_row
        grid.add_note(gifts_row)

        self.diamonds = count_field("blank: worked out from the coins")
        self.errors[self.diamonds] = grid.add("Di&amonds credited", self.diamonds)

        self.worth = QLabel()
        self.worth.setAlignment(RIGHT)
        worth_label = QLabel("Worth to you")
        worth_label.setBuddy(self.worth)
        self.worth.setAccessibleName("Worth to you")

        #: One field per detail a creator types (:data:`STREAM_DETAILS`), by its name.
        self.details: dict[str, QLineEdit] = {}
        for detail in STREAM_DETAILS:
            if not detail.editable:
                continue
            field = count_field() if detail.kind is DetailKind.COUNT else QLineEdit()
            field.setToolTip(detail.tooltip)
            label = detail.form_label or detail.label
            self.details[detail.name] = field
            if detail.form_hint:
                self.errors[field] = grid.add(label, field, hint=detail.form_hint)
                field.setAccessibleDescription(detail.form_hint)
            else:
                self.errors[field] = grid.add(label, field)

        self.tags = QListWidget()
        self.tags.setMaximumHeight(150)
        # One line per tag, spaced, so each box sits level with its own text; a long
        # description is cut short on screen and read whole in the tooltip.
        self.tags.setWordWrap(False)
        self.tags.setSpacing(3)
        self.tags.setUniformItemSizes(True)
        self.tags.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tags.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.errors[self.tags] = grid.add("Ta&gs", self.tags)
        self.new_tag = QLineEdit()
        self.new_tag.setPlaceholderText("e.g. giveaway")
        self.new_tag.installEventFilter(self)
        self.add_tag_button = QPushButton("Add &tag")
        self.add_tag_button.setAutoDefault(False)
        self.add_tag_button.clicked.connect(self.add_tag)
        self.errors[self.new_tag] = grid.add("&New tag", self.new_tag, trailing=self.add_tag_button)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.errors[self.notes] = grid.add("N&otes", self.notes)

        self._checked_fields = (
            self.duration,
            self.coins,
            self.diamonds,
            *(self.details[d.name] for d in COUNT_DETAILS if d.name in self.details),
        )
        for field in self._checked_fields:
            field.textEdited.connect(self._update_preview)

        self.problem = FieldError()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Save" if self._stream else "Log stream"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        worth_row = QHBoxLayout()
        worth_row.addWidget(worth_label)
        worth_row.addWidget(self.worth, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addLayout(worth_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(660)

    # -- prefilling --------------------------------------------------------------------------

    def _prefill_draft(self, draft: StreamDraft) -> None:
        index = self.country.findData(draft.country)
        self.country.setCurrentIndex(max(index, 0))
        self._set_start(QDateTime.currentDateTime())
        if draft.coins is not None:
            self.coins.setText(str(draft.coins))
        if draft.diamonds is not None:
            self.diamonds.setText(str(draft.diamonds))
        self._set_gifts(draft.gifts)
        self._fill_tags(())

    def _prefill_stream(self, stream: LoggedStream) -> None:
        record = stream.record
        self.rates_note.setText(
            f"Logged at {stream.country}'s rates of the day: 1 diamond = "
            f"${format_decimal(stream.diamond_usd)}, "
            f"{format_decimal(stream.diamonds_per_coin)} diamonds per coin. "
            "Editing keeps them."
        )
        start = qdatetime(record.started)
        self.started.setTimeZone(start.timeZone())
        self._set_start(start)
        self._original_start = (self.started.dateTime(), record.started_at)
        self.duration.setText(_text(record.duration_minutes))
        for name, field in self.details.items():
            field.setText(_text(getattr(record, name)))
        self._kept_details = {  # not typed here (TikTok's room id): an edit keeps them
            d.name: getattr(record, d.name) for d in STREAM_DETAILS if d.name not in self.details
        }
        self._origin = record.origin
        self.coins.setText(str(record.coins))
        if record.diamonds is not None:
            self.diamonds.setText(format_decimal(record.diamonds))
        self.notes.setPlainText(record.notes)
        self._set_gifts(record.gifts)
        self._fill_tags(record.tags)

    def _fill_tags(self, checked: tuple[str, ...]) -> None:
        names = list(dict.fromkeys([*self._session.ledger.tags(), *checked]))
        for name in names:
            self._add_tag_item(name, name in checked)

    def _add_tag_item(self, name: str, checked: bool) -> QListWidgetItem:
        description = BUILTIN_TAGS.get(name)
        item = QListWidgetItem(f"{name} ({description})" if description else name)
        item.setToolTip(f"{name}: {description}" if description else name)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.tags.addItem(item)
        return item

    def _set_gifts(self, gifts: tuple[GiftCount, ...]) -> None:
        self._gifts = gifts
        self.coins.setReadOnly(bool(gifts))
        self.gifts_row.setVisible(bool(gifts))
        if gifts:
            self.coins.setText(str(total_coins(gifts)))
            listed = ", ".join(f"{g.gift.name} \N{MULTIPLICATION SIGN}{g.count:,}" for g in gifts)
            self.gifts_note.setText(f"From the gifts: {listed}")

    def _drop_gifts(self) -> None:
        self._set_gifts(())
        self.coins.setFocus()
        self.coins.selectAll()

    # -- reacting --------------------------------------------------------------------------------

    def _set_start(self, value: QDateTime) -> None:
        self._setting_start = True
        try:
            self.started.setDateTime(value)
        finally:
            self._setting_start = False
        self.offset.setText(offset_text(self.started.dateTime().offsetFromUtc()))

    def _start_edited(self) -> None:
        self.offset.setText(offset_text(self.started.dateTime().offsetFromUtc()))
        if not self._setting_start:
            self._start_follows_duration = False
        warning = start_warning(self.started.dateTime(), QDateTime.currentDateTime())
        self.errors[self.started].set_message(warning)

    def _duration_edited(self) -> None:
        """A new stream starts, by default, its duration before now."""
        if not self._start_follows_duration:
            return
        try:
            minutes = _optional_count(self.duration, "Duration") or 0
        except InputError:
            return
        self._set_start(QDateTime.currentDateTime().addSecs(-60 * minutes))

    def _update_preview(self) -> None:
        record = self._read()
        if record is None:
            self.worth.setText("\N{EM DASH}")
            return
        profile = self.profile()
        diamonds = resolve_diamonds(record, profile)
        creator = self._format.money(diamonds * profile.diamond_usd)
        self.worth.setText(f"{creator} ({self._format.counted(int(diamonds), 'diamond')})")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the new-tag field adds the tag instead of closing the dialog."""
        if (
            watched is self.new_tag
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_tag()
            return True
        return super().eventFilter(watched, event)

    def add_tag(self) -> None:
        """Add the tag typed in the new-tag field, checked (or check it if listed)."""
        name = normalise_tag(self.new_tag.text())
        if not name:
            self.errors[self.new_tag].set_message(
                "Type a tag name first, such as giveaway (spaces become _)"
            )
            return
        self.errors[self.new_tag].set_message("")
        for row in range(self.tags.count()):
            item = self.tags.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                break
        else:
            item = self._add_tag_item(name, True)
        item.setCheckState(Qt.CheckState.Checked)
        self.tags.scrollToItem(item)
        self.new_tag.clear()

    # -- the result ------------------------------------------------------------------------------

    def profile(self) -> RateProfile:
        """The rates the stream is logged at: the chosen country's, or as first logged."""
        if self._stream is not None:
            return self._stream.logged_rates()
        return self._session.profile(self.country.currentData())

    def checked_tags(self) -> tuple[str, ...]:
        return tuple(
            str(self.tags.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.tags.count())
            if self.tags.item(row).checkState() == Qt.CheckState.Checked
        )

    def started_at(self) -> str:
        """The start as ISO 8601 with its offset; an edited stream's own text if untouched."""
        if self._original_start is not None:
            shown, text = self._original_start
            if self.started.dateTime() == shown:
                return text
        return iso_with_offset(self.started.dateTime())

    def record(self) -> StreamRecord | None:
        """The stream as typed, or None with every problem shown next to its field."""
        return self._read(saving=True)

    def _read(self, *, saving: bool = False) -> StreamRecord | None:
        """Check every field, show what is wrong, and build the record if nothing is.

        An empty Coins field is only called out when the person tries to save, not while
        they are still filling the form in.
        """
        problems: dict[QWidget, str] = {}

        def count(field: QLineEdit, name: str) -> int | None:
            try:
                return _optional_count(field, name)
            except InputError as error:
                problems[field] = _sentence(error)
                return None

        duration = count(self.duration, "Duration")
        coins = count(self.coins, "Coins")
        if coins is None and saving and self.coins not in problems:
            problems[self.coins] = "Coins is empty; expected a whole number such as 10,000"
        diamonds: Decimal | None = None
        if self.diamonds.text().strip():
            try:
                diamonds = parse_diamonds(self.diamonds.text(), "Diamonds")
            except InputError as error:
                problems[self.diamonds] = _sentence(error)
        details: dict[str, int | str | None] = dict(self._kept_details)
        for detail in STREAM_DETAILS:
            field = self.details.get(detail.name)
            if field is None:
                continue
            if detail.kind is DetailKind.COUNT:
                details[detail.name] = count(field, detail.label)
            else:
                details[detail.name] = field.text().strip()
        self._problems = problems
        warnings = {self.duration: duration_warning(duration)}
        for field in self._checked_fields:
            self.errors[field].set_message(problems.get(field) or warnings.get(field, ""))
        if problems or coins is None:
            return None
        return StreamRecord(
            started_at=self.started_at(),
            coins=coins,
            duration_minutes=duration,
            diamonds=diamonds,
            tags=self.checked_tags(),
            notes=self.notes.toPlainText().strip(),
            gifts=self._gifts,
            origin=self._origin,
            **details,  # type: ignore[arg-type]
        )

    def accept(self) -> None:
        record = self._read(saving=True)
        if record is None:
            self.worth.setText("\N{EM DASH}")
            self._focus_first_error()
            return
        profile = self.profile()
        if self._save is not None:
            try:
                self._save(record, profile)
            except (LedgerError, InputError) as error:
                self.problem.set_message(f"Not saved: {error}")
                return
        self.problem.set_message("")
        self.stream_ready.emit(record, profile)
        super().accept()

    def _focus_first_error(self) -> None:
        """Focus the first field with a problem (a warning alone does not stop a save)."""
        for field in self.errors:
            if field in self._problems:
                field.setFocus()
                return


def _text(value: int | str | None) -> str:
    return "" if value is None else str(value)


def _optional_count(field: QLineEdit, name: str) -> int | None:
    text = field.text().strip()
    return parse_count(text, name) if text else None


def _sentence(error: InputError) -> str:
    """``Coins must not be negative, got -5``; ``Expected a whole number ...`` as is."""
    message = error.message
    if message.startswith("expected"):
        return message[0].upper() + message[1:]
    return f"{error.field} {message}"


def _countries(session: Session) -> list[tuple[str, str]]:
    profiles = sorted(session.settings.profiles.values(), key=lambda p: p.name.casefold())
    return [(p.country, f"{p.name} ({p.country})") for p in profiles]
