"""Forecasts from the creator's own log: when the balance reaches a payout, and what this
month and the next are likely to bring, each with a range.

The rules (the README's "Forecasts" says the same for creators):

- **The pace** is that of the last 90 days up to the as-of day, both included, or of the
  days since the first stream when that is sooner: a log three weeks old is not watered
  down by the empty days before it began. Days without a stream count, as zero.
- **Next payout**: the diamonds still missing to the payout minimum (at the profile's
  rate) over the pace's diamonds per day, rounded up to a whole day after the as-of day.
  The range: the 5th and 95th percentile of that day when the pace's days are drawn again
  at random (:mod:`livetally.core.resample`), up to two years ahead.
- **A month**: what was earned in it up to the as-of day, plus its days still to come.
  LIVE gifts: each day to come at the pace's mean day; the range from the days drawn again.
  Every other source: its mean month, pro rata for the days to come; its history is the
  complete months before the as-of month, at most 12, from the month of its first entry
  (months without an entry count, as zero); its range from the lowest to the highest of
  those months (5th to 95th percentile). The overall range adds up each draw of every
  source. A month with no day to come is what happened: all its figures are the earnings.

Everything comes from day and month totals the ledger adds up (``storage.forecast``), in
one pass here; money is exact Decimal, rounded by whoever shows it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from livetally.core.payout import Balance, PayoutStatus, balance_status
from livetally.core.rates import ExchangeRates, RateProfile
from livetally.core.records import LIVE_GIFTS_SOURCE
from livetally.core.resample import (
    DRAWS,
    HIGH_SHARE,
    LOW_SHARE,
    days_to_reach,
    fixed_point,
    from_fixed,
    generator,
    percentile,
    rank,
    sums_of_draws,
)

#: Days of the pace, the as-of day included.
PACE_DAYS = 90
#: Complete months of a source's history, at most.
HISTORY_MONTHS = 12
#: How far ahead the payout range looks: beyond it, "later than that".
PAYOUT_HORIZON_DAYS = 731
#: A payout further off than this at the mean pace gets no date at all (a century).
PAYOUT_NEVER_DAYS = 36_525
_ZERO = Decimal(0)


def month_start(day: dt.date, months_later: int = 0) -> dt.date:
    """The first day of ``day``'s month, ``months_later`` months on (or back, if negative)."""
    index = day.year * 12 + day.month - 1 + months_later
    return dt.date(index // 12, index % 12 + 1, 1)


def days_in_month(month: dt.date) -> int:
    return calendar.monthrange(month.year, month.month)[1]


def reading_starts(as_of: dt.date, months: Sequence[dt.date] = ()) -> tuple[dt.date, dt.date]:
    """The first day of streams and of other income that a forecast as of ``as_of`` reads,
    projecting ``months`` (their first days) as well as the as-of month and the next: the
    pace's days and the months' own, and the oldest month of the sources' histories."""
    live = min([as_of - dt.timedelta(days=PACE_DAYS - 1), month_start(as_of), *months])
    return live, min([month_start(as_of, -HISTORY_MONTHS), *months])


@dataclass(frozen=True)
class LedgerHistory:
    """What a forecast reads from the ledger, up to ``as_of`` (included) from the days
    :func:`reading_starts` gives."""

    as_of: dt.date
    #: (day, diamond_usd, whole diamonds): each day's streams (by the creator's own clock)
    #: added up per rate.
    live: Sequence[tuple[dt.date, Decimal, int]]
    #: (day, source, amount, currency) of each income entry.
    income: Sequence[tuple[dt.date, str, Decimal, str]]
    #: The day of the first stream on or before ``as_of``, None if there is none.
    first_stream: dt.date | None
    #: The day of each source's first entry on or before ``as_of``.
    first_income: Mapping[str, dt.date]


@dataclass(frozen=True)
class Estimate:
    """A month's money from one source or all: earned so far, and where it should end."""

    projected: Decimal
    low: Decimal
    high: Decimal
    earned_so_far: Decimal


@dataclass(frozen=True)
class MonthForecast:
    month: dt.date  # its first day
    days_left: int  # days after the as-of day
    total: Estimate
    #: LIVE gifts first, then by projected amount, largest first.
    by_source: dict[str, Estimate]

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"


@dataclass(frozen=True)
class PayoutForecast:
    """When the balance reaches the payout minimum.

    ``date`` is None when there is no pace to go by (no diamonds in the pace's days) or it
    would take more than a century; ``latest`` is None when the slower draws take more
    than two years.
    """

    status: PayoutStatus
    date: dt.date | None
    earliest: dt.date | None
    latest: dt.date | None
    #: Whole diamonds per day over the pace's days, exactly; None without a stream.
    diamonds_per_day: Decimal | None
    #: How many days the pace covers: 90, or fewer for a log that began since.
    pace_days: int

    @property
    def reached(self) -> bool:
        return self.status.withdrawable


@dataclass(frozen=True)
class Forecast:
    as_of: dt.date
    currency: str
    payout: PayoutForecast
    months: list[MonthForecast]


class Forecaster:
    """One pass over a :class:`LedgerHistory`: day and month totals, in the report currency.

    Draws come from generators seeded per purpose (the payout, each month), so the same
    history gives the same ranges every time.
    """

    def __init__(self, history: LedgerHistory, rates: ExchangeRates, currency: str) -> None:
        self.history = history
        self.currency = currency.upper()
        as_of = history.as_of
        per_usd = rates.units_per_usd(currency)
        self.day_diamonds: dict[dt.date, int] = {}
        self.day_cash: dict[dt.date, Decimal] = {}
        for day, rate, diamonds in history.live:
            self.day_diamonds[day] = self.day_diamonds.get(day, 0) + diamonds
            self.day_cash[day] = self.day_cash.get(day, _ZERO) + diamonds * rate * per_usd
        # Other income per (month, source), each entry converted as a report converts it.
        self.months: dict[tuple[dt.date, str], Decimal] = {}
        units: dict[str, Decimal | None] = {}
        for day, source, amount, code in history.income:
            if code not in units:
                rate = rates.units_per_usd(code)
                units[code] = rate if rate != 1 or per_usd != 1 else None
            per_unit = units[code]
            value = amount if per_unit is None else amount / per_unit * per_usd
            key = (day.replace(day=1), source)
            self.months[key] = self.months.get(key, _ZERO) + value
        first = history.first_stream
        start = as_of - dt.timedelta(days=PACE_DAYS - 1)
        self.pace_days = [] if first is None or first > as_of else _days(max(start, first), as_of)

    # -- payout ------------------------------------------------------------------------------

    def payout(self, balance: Balance, profile: RateProfile) -> PayoutForecast:
        status = balance_status(balance, profile)
        as_of = self.history.as_of
        diamonds = [self.day_diamonds.get(day, 0) for day in self.pace_days]
        total = sum(diamonds)
        per_day = Decimal(total) / len(diamonds) if diamonds else None
        if status.withdrawable:
            return PayoutForecast(status, as_of, as_of, as_of, per_day, len(diamonds))
        if not total:
            return PayoutForecast(status, None, None, None, per_day, len(diamonds))
        missing = status.missing_diamonds
        days = -(-missing * len(diamonds) // total)  # rounded up, in whole numbers
        if days > PAYOUT_NEVER_DAYS:
            return PayoutForecast(status, None, None, None, per_day, len(diamonds))
        rng = generator("payout")
        draws = days_to_reach(rng, diamonds, missing, days, PAYOUT_HORIZON_DAYS)
        reached = sorted(found for found in draws if found is not None)  # the rest: later
        early, late = (rank(share, DRAWS) for share in (LOW_SHARE, HIGH_SHARE))
        point = as_of + dt.timedelta(days=days)
        earliest = latest = None
        if early < len(reached):
            earliest = min(point, as_of + dt.timedelta(days=reached[early]))
        if late < len(reached):
            latest = max(point, as_of + dt.timedelta(days=reached[late]))
        earliest = earliest or point
        return PayoutForecast(status, point, earliest, latest, per_day, len(diamonds))

    # -- months ------------------------------------------------------------------------------

    def month(self, month: dt.date) -> MonthForecast:
        """``month`` (its first day) as of the history's as-of day: earned, and to come."""
        length = days_in_month(month)
        elapsed = max(min((self.history.as_of - month).days + 1, length), 0)
        left = length - elapsed
        rng = generator(f"{month:%Y-%m}")
        by_source: dict[str, Estimate] = {}
        #: Each source's draws of what is still to come, as (draws, places, times): each
        #: draw times ``times`` over the month's length, in units of 10**-places.
        drawn: list[tuple[list[int], int, int]] = []
        if self.history.first_stream is not None:
            so_far = _days(month, month + dt.timedelta(days=elapsed - 1))
            earned = sum((self.day_cash.get(day, _ZERO) for day in so_far), _ZERO)
            cash = [self.day_cash.get(day, _ZERO) for day in self.pace_days]
            mean = sum(cash, _ZERO) / len(cash) if cash else _ZERO
            values, places = fixed_point(cash)
            draws = sums_of_draws(rng, values, left)
            drawn.append((draws, places, length))
            by_source[LIVE_GIFTS_SOURCE] = _estimate(
                earned, earned + mean * left, sorted(draws), places, 1
            )
        histories = self._source_histories()
        if elapsed:  # a source earning in a month older than the histories has none
            here = {source for (when, source) in self.months if when == month}
            histories |= {source: [] for source in here - set(histories)}
        for source, history in sorted(histories.items()):
            earned = self.months.get((month, source), _ZERO) if elapsed else _ZERO
            mean = sum(history, _ZERO) / len(history) if history else _ZERO
            values, places = fixed_point(history)
            # Drawn for the overall range (a month each, pro rata); its own range is read
            # off its months directly.
            drawn.append((rng.choices(values, k=DRAWS) if values else [0] * DRAWS, places, left))
            by_source[source] = _estimate(
                earned, earned + mean * left / length, sorted(values or [0]), places, length,
                spread=left,
            )  # fmt: skip
        projected = sum((estimate.projected for estimate in by_source.values()), _ZERO)
        earned = sum((estimate.earned_so_far for estimate in by_source.values()), _ZERO)
        # Every source's draws in one unit (the finest places, per day of the month), added.
        places = max((p for _, p, _ in drawn), default=0)
        totals = [0] * DRAWS
        for draws, p, times in drawn:
            factor = 10 ** (places - p) * times
            totals = [total + draw * factor for total, draw in zip(totals, draws, strict=True)]
        total = _estimate(earned, projected, sorted(totals), places, length)
        order = sorted(by_source, key=lambda s: (s != LIVE_GIFTS_SOURCE, -by_source[s].projected))
        return MonthForecast(month, left, total, {s: by_source[s] for s in order})

    def _source_histories(self) -> dict[str, list[Decimal]]:
        """Each other source's complete months before the as-of month (at most 12, from its
        first entry's month on), as amounts; sources with nothing in them or since left out."""
        this_month = month_start(self.history.as_of)
        earliest = month_start(this_month, -HISTORY_MONTHS)
        seen = {source for (month, source) in self.months if month >= earliest}
        histories: dict[str, list[Decimal]] = {}
        for source in sorted(seen):
            first = self.history.first_income.get(source, earliest)
            months: list[Decimal] = []
            month = max(earliest, month_start(first))
            while month < this_month:
                months.append(self.months.get((month, source), _ZERO))
                month = month_start(month, 1)
            histories[source] = months
        return histories


def forecast(
    history: LedgerHistory,
    balance: Balance,
    profile: RateProfile,
    rates: ExchangeRates,
    currency: str,
) -> Forecast:
    """The next payout and the as-of month and the next, from ``history`` and ``balance``
    (both as of ``history.as_of``)."""
    forecaster = Forecaster(history, rates, currency)
    payout = forecaster.payout(balance, profile)
    this_month = month_start(history.as_of)
    months = [forecaster.month(this_month), forecaster.month(month_start(this_month, 1))]
    return Forecast(history.as_of, forecaster.currency, payout, months)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from ``first`` to ``last``, both included (none if ``last`` is earlier)."""
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _estimate(
    earned: Decimal,
    projected: Decimal,
    ordered: list[int],
    places: int,
    divisor: int,
    *,
    spread: int = 1,
) -> Estimate:
    """An estimate whose range is read off sorted draws (fixed point, see ``resample``) of
    what is still to come, each times ``spread`` over ``divisor``; the range always holds
    the projection."""
    low = earned + from_fixed(percentile(ordered, LOW_SHARE) * spread, places, divisor)
    high = earned + from_fixed(percentile(ordered, HIGH_SHARE) * spread, places, divisor)
    return Estimate(projected, min(low, projected), max(high, projected), earned)
