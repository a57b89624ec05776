"""The year report: what an accountant asks for, from the creator's own log.

A calendar year's income by month and source, the payouts received and their fees, the
tax set-aside, and the streams and hours behind it, all in the report currency with the
exchange rates used. Its money comes from :func:`~livetally.core.report.build_report_from_days`
over the ledger's day totals (``Ledger.live_days``), the one path every other report and
the income tab take, so the year's total is the figure ``livetally report`` shows for the
same days. Amounts stay exact; :meth:`YearReport.shown` rounds them once, down to the
currency's minor unit, as every view does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from livetally.core.money import ZERO, minor_unit, round_down
from livetally.core.rates import ExchangeRates
from livetally.core.records import LIVE_GIFTS_SOURCE, IncomeRecord, PayoutRecord
from livetally.core.report import DayTotal, Group, Grouping, build_report_from_days
from livetally.core.tax import set_aside

#: Years a report may cover: four digits (``dt.date`` stops at 9999).
FIRST_YEAR, LAST_YEAR = 1900, 9999


def year_period(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of ``year``, both included."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"a year from {FIRST_YEAR} to {LAST_YEAR}, got {year}")
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@dataclass(frozen=True)
class PayoutTotals:
    """The year's withdrawals from TikTok: what arrived and what the payout method kept,
    both converted from USD into the report currency (exact)."""

    count: int = 0
    diamonds: int = 0
    received: Decimal = ZERO
    fees: Decimal = ZERO


@dataclass(frozen=True)
class YearReport:
    """One calendar year in the report currency; every amount exact until :meth:`shown`."""

    year: int
    currency: str
    #: Units of each currency per 1 USD that this report converted with: the report
    #: currency and every currency the year's income came in, USD (always 1) left out.
    #: LIVE gifts and payouts are in USD.
    rates_used: Mapping[str, Decimal]
    #: ``"2025-01"`` .. ``"2025-12"``: every month, a quiet one too.
    months: tuple[str, ...]
    #: LIVE gifts first, then the other sources, largest first.
    sources: tuple[str, ...]
    by_month: Mapping[str, Group]
    by_source: Mapping[str, Decimal]
    total: Decimal
    payouts: PayoutTotals
    tax_reserve_percent: Decimal
    #: LIVE streams started in the year, their minutes, and those logged without a length.
    streams: int = 0
    minutes: int = 0
    untimed: int = 0

    @property
    def first(self) -> dt.date:
        return year_period(self.year)[0]

    @property
    def last(self) -> dt.date:
        return year_period(self.year)[1]

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    def shown(self, value: Decimal) -> Decimal:
        """``value`` as every view shows it: rounded down to the currency's minor unit."""
        return round_down(value, minor_unit(self.currency))

    def amount(self, month: str, source: str) -> Decimal:
        """What ``source`` brought in ``month`` (exact; 0 where nothing came in)."""
        group = self.by_month.get(month)
        return ZERO if group is None else group.by_source.get(source, ZERO)

    def month_total(self, month: str) -> Decimal:
        group = self.by_month.get(month)
        return ZERO if group is None else group.total

    def set_aside(self, value: Decimal) -> Decimal:
        """The tax set-aside of ``value`` as shown (:func:`~livetally.core.tax.set_aside`)."""
        return set_aside(self.shown(value), self.tax_reserve_percent, minor_unit(self.currency))

    @property
    def tax_set_aside(self) -> Decimal:
        """The set-aside of the year's total: the figure to keep, not the months' sum (each
        month's is rounded on its own, so those may add up to a cent or so more)."""
        return self.set_aside(self.total)


def build_year_report(
    year: int,
    days: Iterable[DayTotal],
    income: Iterable[IncomeRecord],
    payouts: Iterable[PayoutRecord],
    rates: ExchangeRates,
    currency: str,
    tax_reserve_percent: Decimal = ZERO,
) -> YearReport:
    """The report for ``year`` from the ledger's day totals, income entries and payouts.

    Records outside the year are left out, so the caller may pass a wider range. LIVE
    gifts are each stream's diamonds at the rate it was logged with, in USD, converted at
    today's exchange rate, as every report converts them.
    """
    first, last = year_period(year)
    kept_days = [d for d in days if first <= d.day <= last]
    kept_income = [e for e in income if first <= e.date <= last]
    currency = currency.upper()
    report = build_report_from_days(Grouping.MONTH, kept_days, kept_income, rates, currency)
    per_usd = rates.units_per_usd(currency)
    kept_payouts = [p for p in payouts if first <= p.date <= last]
    paid = PayoutTotals(
        count=len(kept_payouts),
        diamonds=sum(p.diamonds for p in kept_payouts),
        received=sum((p.cash_usd for p in kept_payouts), ZERO) * per_usd,
        fees=sum((p.fee_usd for p in kept_payouts), ZERO) * per_usd,
    )
    used = {currency, *(e.currency.upper() for e in kept_income)} - {"USD"}
    by_source = report.by_source()
    for entry in kept_income:  # an entry of 0 still names its source
        by_source.setdefault(entry.source, ZERO)
    sources = sorted(by_source, key=lambda s: (s != LIVE_GIFTS_SOURCE, -by_source[s], s))
    return YearReport(
        year=year,
        currency=currency,
        rates_used={code: rates.units_per_usd(code) for code in sorted(used)},
        months=tuple(f"{year:04d}-{month:02d}" for month in range(1, 13)),
        sources=tuple(sources),
        by_month={group.key: group for group in report.groups},
        by_source={source: by_source[source] for source in sources},
        total=report.total,
        payouts=paid,
        tax_reserve_percent=tax_reserve_percent,
        streams=sum(group.streams for group in report.groups),
        minutes=sum(group.minutes for group in report.groups),
        untimed=report.untimed,
    )
