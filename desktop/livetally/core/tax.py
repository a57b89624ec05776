"""The tax set-aside: the part of what came in that a creator keeps aside for tax.

The percentage is the creator's own estimate (``[app] tax_reserve_percent``); LiveTally
works out the amount and gives no tax advice.
"""

from __future__ import annotations

from decimal import Decimal

from livetally.core.money import CENT, round_up
from livetally.core.rates import HUNDRED


def set_aside(cash: Decimal, percent: Decimal, step: Decimal = CENT) -> Decimal:
    """``percent`` of ``cash``, rounded once, up to ``step`` (the currency's minor unit).

    ``cash`` is the figure as shown (already rounded down to the cent), so the pair checks
    on paper: $123.45 at 25% is $30.87 (30.8625 up). Up, as the payout fee is: money kept
    for a bill should never fall short of it by a rounding.
    """
    return round_up(cash * percent / HUNDRED, step)
