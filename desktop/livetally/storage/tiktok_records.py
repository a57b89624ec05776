"""What LiveTally reads from TikTok's export: its LIVEs, what was passed over, the wallet.

These are the results :func:`livetally.storage.tiktok_archive.read_tiktok_archive` gives
(and the modules it is built from share); they are re-exported from there, which is where
callers import them.

Payouts: no public parser has verified the fields of the wallet's transactions (which
are withdrawals, which are amounts, in what currency), so they are never read. The
result says whether the archive holds a wallet section and how many records it lists,
so the creator knows to enter their payouts themselves. Never guess at money.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from livetally.core.words import counted


class TikTokArchiveError(Exception):
    """The file is not a TikTok archive LiveTally can read; nothing was read from it.

    ``message`` is the one line a user sees: which file, what is wrong, what to do. It
    never quotes the archive's content.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TikTokLive:
    """One LIVE as TikTok's export records it, in TikTok's own figures.

    ``position`` is the LIVE's place in the export's list (1 for the first), which is how
    a creator finds it in the file. ``diamonds`` is ``TotalEarning``; ``room_id`` is what
    makes a second import of the same archive add nothing twice.
    """

    position: int
    room_id: str | None
    started_at: dt.datetime  # aware, in UTC
    duration_seconds: int | None
    diamonds: int | None
    likes: int | None
    views: int | None
    gifters: int | None
    title: str


@dataclass(frozen=True)
class TikTokSkipped:
    """A LIVE of the list that was not read, and why (said so that the creator can check)."""

    position: int
    reason: str

    def __str__(self) -> str:
        return f"LIVE {self.position}: {self.reason}"


@dataclass(frozen=True)
class TikTokBlank:
    """A figure of a read LIVE that was left empty because its value could not be read."""

    position: int
    reason: str

    def __str__(self) -> str:
        return f"LIVE {self.position}: {self.reason}; left empty"


class WalletStatus(enum.Enum):
    """What the archive says about payouts; in no case are they read (see the module)."""

    ABSENT = "absent"
    EMPTY = "empty"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class TikTokWallet:
    status: WalletStatus
    #: Records the wallet's transaction list holds (counted, never read).
    records: int = 0

    def describe(self) -> str:
        """One line for an import's summary."""
        if self.status is WalletStatus.ABSENT:
            return "The archive has no wallet section: enter your payouts yourself."
        if self.status is WalletStatus.EMPTY:
            return "The archive's wallet section lists no transactions."
        what = "holds data" if not self.records else f"lists {counted(self.records, 'transaction')}"
        return (
            f"The archive's wallet section {what} in a layout nobody has verified, "
            "so LiveTally did not read it: enter your payouts yourself."
        )


@dataclass(frozen=True)
class TikTokHistory:
    """What an archive holds for LiveTally: its LIVEs and what could not be read."""

    source: str
    #: Items in the export's LIVE list (read, skipped and repeated together).
    listed: int
    lives: tuple[TikTokLive, ...]
    skipped: tuple[TikTokSkipped, ...]
    #: LIVEs listed more than once with the same figures: read once, the repeats named here.
    repeats: tuple[TikTokSkipped, ...]
    blanks: tuple[TikTokBlank, ...]
    wallet: TikTokWallet

    def summary(self) -> list[str]:
        """The lines a creator reads after an import: counts first, then each problem."""
        if not self.listed:
            lines = [f"{self.source}: the archive lists no LIVEs; there is nothing to import."]
        else:
            lines = [
                f"{self.source}: {len(self.lives)} of {self.listed} LIVEs read, "
                f"{len(self.skipped)} skipped, {len(self.repeats)} listed twice."
            ]
        lines += [str(item) for item in (*self.skipped, *self.repeats, *self.blanks)]
        lines.append(self.wallet.describe())
        return lines
