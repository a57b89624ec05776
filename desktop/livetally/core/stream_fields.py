"""The optional details of a stream, declared once: everything else is derived from here.

A detail is a figure or text that carries no money (likes, viewers, a title...). Its name
is the record's attribute, the ledger's column, the CSV column and the JSON key; its label
heads the table column and the dialog row; its option is the command line's. The CSV
reader and writer, the ledger's SQL, the stream table, the stream dialog and ``log``/``list``
all loop over :data:`STREAM_DETAILS`, so adding a detail is: one entry here, one attribute
on :class:`~livetally.core.records.StreamRecord`, one migration. Money fields (coins,
diamonds), the start, duration, tags and notes have rules of their own and are not here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class DetailKind(enum.Enum):
    #: A whole number of something counted, 0 or more; empty when not known.
    COUNT = "count"
    #: Free text on one line; empty when not given.
    TEXT = "text"
    #: An identifier from elsewhere (TikTok's room id): unique in the ledger when given.
    KEY = "key"


@dataclass(frozen=True, slots=True)
class StreamDetail:
    name: str
    label: str
    kind: DetailKind
    tooltip: str = ""
    #: Shown in the stream log only once some stream has it (fields most creators leave
    #: empty would otherwise take a column each on a small screen).
    hidden_when_empty: bool = False
    #: Typed in the stream dialog and on the command line (a key comes from an import).
    editable: bool = True
    #: Added after the first CSV format: written after the notes column, so the columns
    #: of files from earlier versions stay where they were.
    added_later: bool = False
    #: The stream dialog's label, ``&`` before the letter Alt takes the focus there by.
    form_label: str = ""
    #: A line under the dialog's field, for what the label is too short to say.
    form_hint: str = ""

    @property
    def option(self) -> str:
        """The command-line option: ``peak_viewers`` is ``--peak-viewers``."""
        return "--" + self.name.replace("_", "-")

    @property
    def empty(self) -> int | str | None:
        """The value a record holds when this detail was not given."""
        return "" if self.kind is DetailKind.TEXT else None


STREAM_DETAILS: tuple[StreamDetail, ...] = (
    StreamDetail(
        "likes",
        "Likes",
        DetailKind.COUNT,
        "Engagement only: likes pay nothing",
        form_label="&Likes",
        form_hint="Engagement only: likes pay nothing.",
    ),
    StreamDetail(
        "peak_viewers",
        "Peak viewers",
        DetailKind.COUNT,
        "Most viewers at once",
        form_label="&Peak viewers",
    ),
    StreamDetail("new_followers", "New followers", DetailKind.COUNT, form_label="New &followers"),
    StreamDetail(
        "views",
        "Views",
        DetailKind.COUNT,
        "Viewers over the whole LIVE (TikTok's total)",
        hidden_when_empty=True,
        added_later=True,
        form_label="&Views",
    ),
    StreamDetail(
        "gifters",
        "Gifters",
        DetailKind.COUNT,
        "Viewers who sent at least one gift",
        hidden_when_empty=True,
        added_later=True,
    ),
    StreamDetail(
        "title",
        "Title",
        DetailKind.TEXT,
        "The LIVE's title",
        hidden_when_empty=True,
        added_later=True,
        form_label="Tit&le",
    ),
    StreamDetail(
        "tiktok_room_id",
        "TikTok room",
        DetailKind.KEY,
        "TikTok's id for this LIVE: importing the same LIVE again adds nothing",
        hidden_when_empty=True,
        editable=False,
        added_later=True,
    ),
)

DETAIL_NAMES: tuple[str, ...] = tuple(detail.name for detail in STREAM_DETAILS)
COUNT_DETAILS: tuple[StreamDetail, ...] = tuple(
    detail for detail in STREAM_DETAILS if detail.kind is DetailKind.COUNT
)


class Origin(enum.StrEnum):
    """Where a stream's money figures came from, so the log can say how sure they are."""

    #: Typed by the creator (coins, or diamonds from the wallet).
    TYPED = "typed"
    #: Added up from the gifts the creator picked.
    GIFTS = "gifts"
    #: Read from a CSV file.
    CSV = "csv"
    #: TikTok's own figure from its data export; coins derived from its diamonds.
    TIKTOK = "tiktok"

    @property
    def label(self) -> str:
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    Origin.TYPED: "typed",
    Origin.GIFTS: "from gifts",
    Origin.CSV: "from a CSV file",
    Origin.TIKTOK: "from TikTok's data (coins derived)",
}


def origin_named(text: str) -> Origin:
    """The origin spelled ``text`` (as stored or in a CSV file), any case; ValueError if none."""
    try:
        return Origin(text.strip().lower())
    except ValueError:
        names = ", ".join(origin.value for origin in Origin)
        raise ValueError(f"expected one of {names}, got {text!r}") from None
