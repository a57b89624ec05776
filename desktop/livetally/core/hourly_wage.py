"""The effective hourly wage of LIVE streaming, per month: what an hour on camera leaves.

A stream's cash is already after TikTok's cut (diamonds at the rate the creator is paid).
From it the payout method keeps its fee, and a creator sets part of the rest aside for tax
(``reserve_percent``, the creator's own estimate; 0 unless given). What remains, over the
hours streamed, is the wage: the one definition of cash per hour
(:func:`livetally.core.report.cash_per_hour`), so streams without a duration are left out
of both the cash and the hours, and counted apart.

Exact: Decimal throughout, rounded only where shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from livetally.core.money import ZERO
from livetally.core.report import DayTotal, cash_per_hour

_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class MonthWage:
    """One month's LIVE streams: their cash, what leaves it, and the wage per hour, in the
    report currency. ``cash``, ``fee`` and ``reserve`` are of the streams with a duration."""

    month: str
    streams: int
    #: Streams without a duration: in ``streams``, left out of everything else.
    untimed: int
    minutes: int
    cash: Decimal
    fee: Decimal
    reserve: Decimal

    @property
    def net(self) -> Decimal:
        """What is left of the cash after the payout fee and the set-aside."""
        return self.cash - self.fee - self.reserve

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    @property
    def per_hour(self) -> Decimal | None:
        """The effective hourly wage; None when no stream of the month has a duration."""
        return cash_per_hour(self.net, self.minutes)


def hourly_wage_by_month(
    days: Iterable[DayTotal],
    per_usd: Decimal,
    fee_percent: Decimal,
    reserve_percent: Decimal = ZERO,
) -> list[MonthWage]:
    """Each month's wage from the streams' day totals (``Ledger.live_days`` or
    :func:`~livetally.core.report.live_days`), in the currency ``per_usd`` units of which
    make one USD, oldest month first.

    The fee is ``fee_percent`` of the cash (what the payout method keeps); the set-aside is
    ``reserve_percent`` of what the fee leaves, tax being owed on what arrives.
    """
    months: dict[str, tuple[int, int, int, Decimal]] = {}
    for day in days:
        key = day.day.strftime("%Y-%m")
        streams, untimed, minutes, cash_usd = months.get(key, _NOTHING)
        months[key] = (
            streams + day.streams,
            untimed + day.untimed,
            minutes + day.minutes,
            cash_usd + day.timed_cash_usd,
        )
    wages = []
    for month in sorted(months):
        streams, untimed, minutes, cash_usd = months[month]
        cash = cash_usd * per_usd
        fee = cash * fee_percent / _HUNDRED
        reserve = (cash - fee) * reserve_percent / _HUNDRED
        wages.append(MonthWage(month, streams, untimed, minutes, cash, fee, reserve))
    return wages


_NOTHING = (0, 0, 0, ZERO)
