"""The check "My wallet shows N diamonds": the ledger's balance against the TikTok wallet.

The wallet is the truth. When the two differ, the sentence says by how much, what the
difference is worth, and the usual reasons, so a creator knows where to look: a stream not
logged (or logged twice), a payout not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from livetally.core.money import InputError, parse_count
from livetally.core.rates import RateProfile
from livetally.models.formatting import Formatter

WALLET_FIELD = "Wallet diamonds"


@dataclass(frozen=True)
class WalletCheck:
    """The wallet's diamonds against the ledger's: ``difference`` is wallet minus ledger."""

    wallet: int
    ledger: int

    @property
    def difference(self) -> int:
        return self.wallet - self.ledger


def read_wallet(text: str) -> int:
    """The diamonds typed (``12,500``), or an InputError naming the field."""
    if not text.strip():
        raise InputError(WALLET_FIELD, "is empty; expected the diamonds your wallet shows")
    return parse_count(text, WALLET_FIELD)


def describe(check: WalletCheck, profile: RateProfile, fmt: Formatter) -> str:
    """One sentence: they agree, or by how much and which way they differ, and why."""
    if check.difference == 0:
        return f"Your wallet and LiveTally agree: {fmt.counted(check.ledger, 'diamond')}."
    gap = abs(check.difference)
    worth = fmt.money(gap * profile.diamond_usd)
    ledger = fmt.counted(check.ledger, "diamond")
    if check.difference > 0:
        return (
            f"Your wallet shows {fmt.counted(gap, 'diamond')} ({worth}) more than "
            f"LiveTally's {ledger}: a stream may not be logged yet, or was logged with "
            "fewer diamonds than TikTok credited."
        )
    return (
        f"Your wallet shows {fmt.counted(gap, 'diamond')} ({worth}) fewer than "
        f"LiveTally's {ledger}: a payout may not be recorded yet, or a stream was logged "
        "twice or with more diamonds than TikTok credited."
    )
