"""Forecast rules on hand-built logs whose answers are worked out on paper in each test.

Rates throughout: the shipped US ones, $0.05 a diamond and a $50 (1,000-diamond) payout
minimum. The as-of day is Friday 20 November 2026: November has 30 days, so 10 are left;
December has 31. Where a range comes from random draws, the paper answer is a quantile of a
known distribution; the assertion allows the draws' few days or dollars of wobble.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from livetally.core.forecast import (
    PAYOUT_HORIZON_DAYS,
    Forecast,
    Forecaster,
    LedgerHistory,
    forecast,
    month_start,
)
from livetally.core.payout import Balance
from livetally.core.rates import ExchangeRates, RateProfile
from livetally.core.records import LIVE_GIFTS_SOURCE

US = RateProfile("US", "United States", "USD")
RATE = Decimal("0.05")
RATES = ExchangeRates({"USD": Decimal(1), "EUR": Decimal("0.8")})
AS_OF = dt.date(2026, 11, 20)
NOV, DEC, OCT = dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2026, 10, 1)


def day(offset: int) -> dt.date:
    """``offset`` days before the as-of day (0: the day itself)."""
    return AS_OF - dt.timedelta(days=offset)


def history(
    streams: dict[dt.date, int],
    income: list[tuple[dt.date, str, Decimal, str]] | None = None,
    first_stream: dt.date | None = None,
) -> LedgerHistory:
    """A log of ``streams`` (diamonds per day, all at $0.05) and ``income``."""
    income = income or []
    first_income: dict[str, dt.date] = {}
    for when, source, _, _ in sorted(income):
        first_income.setdefault(source, when)
    if first_stream is None and streams:
        first_stream = min(streams)
    live = [(when, RATE, diamonds) for when, diamonds in sorted(streams.items())]
    return LedgerHistory(AS_OF, live, income, first_stream, first_income)


def balance(diamonds: int) -> Balance:
    return Balance(diamonds, diamonds * RATE)


def run(log: LedgerHistory, diamonds: int, currency: str = "USD") -> Forecast:
    return forecast(log, balance(diamonds), US, RATES, currency)


STEADY = {day(n): 100 for n in range(90)}  # 100 diamonds ($5) every day of the 90


def test_a_steady_creator_is_paid_out_on_the_day_the_pace_says_with_no_spread() -> None:
    # 400 diamonds ($20) in hand, 600 to go at 100 a day: 6 days, whatever the draws.
    result = run(history(STEADY), 400)
    payout = result.payout
    assert payout.diamonds_per_day == 100
    assert payout.pace_days == 90
    assert payout.date == payout.earliest == payout.latest == dt.date(2026, 11, 26)


def test_a_steady_creator_s_months_are_the_pace_times_the_days() -> None:
    # November: 20 days earned ($100) + 10 days at $5 = $150. December: 31 x $5 = $155.
    nov, dec = run(history(STEADY), 400).months
    assert (nov.month, nov.days_left, dec.month, dec.days_left) == (NOV, 10, DEC, 31)
    live = nov.by_source[LIVE_GIFTS_SOURCE]
    assert (live.earned_so_far, live.projected, live.low, live.high) == (100, 150, 150, 150)
    assert nov.total == live
    assert (dec.total.earned_so_far, dec.total.projected) == (0, 155)
    assert dec.total.low == dec.total.high == 155


def test_one_huge_stream_gives_the_mean_pace_and_a_wide_range() -> None:
    # A first stream of nothing 120 days ago makes the pace 90 days long; its only diamonds
    # are 9,000 on one day: 100 a day. 600 in hand, 400 to go: 4 days at the mean pace.
    # Drawn again, the days reach it on the first huge day: geometric, p = 1/90. Its 5th
    # percentile is 5 days (after the mean pace's 4, so the range starts at 4), its 95th
    # is ln(0.05) / ln(89/90) = 268.1, so 269 days.
    log = history({day(120): 0, day(45): 9000})
    payout = run(log, 600).payout
    assert payout.date == payout.earliest == day(-4)
    assert payout.latest is not None
    assert 230 <= (payout.latest - AS_OF).days <= 310


def test_one_huge_stream_s_month_ranges_from_nothing_to_the_stream() -> None:
    # November: nothing earned yet (the stream was in October); 10 days at $5 = $50. Drawn:
    # no huge day in 10 with probability (89/90)^10 = 89%, so the 5th percentile is $0;
    # one with 10.6%, so the 95th is one huge day, $450.
    nov, dec = run(history({day(120): 0, day(45): 9000}), 600).months
    live = nov.by_source[LIVE_GIFTS_SOURCE]
    assert (live.earned_so_far, live.projected, live.low, live.high) == (0, 50, 0, 450)
    # December, 31 days: $155; at most one huge day has probability 95.2%, at the edge of
    # the 95th percentile, so the high end is one or two huge days.
    live = dec.by_source[LIVE_GIFTS_SOURCE]
    assert (live.projected, live.low) == (155, 0)
    assert live.high in (450, 900)


def test_a_new_creator_s_pace_counts_only_the_days_since_the_first_stream() -> None:
    # Three streams of 200 diamonds ($10) on the 11th, 15th and 19th: the pace is 10 days,
    # 600 diamonds, 60 a day. 600 in hand, 400 to go: 400 / 60 = 6.7, so 7 days. Drawn, two
    # stream days (p = 0.3 a day) reach it: the 5th percentile of a negative binomial is 2
    # days, its 95th 14 (P(N <= 14) = 0.9525), so 13 to 16 allowing for the draws.
    log = history({dt.date(2026, 11, 11): 200, dt.date(2026, 11, 15): 200, day(1): 200})
    payout = run(log, 600).payout
    assert payout.pace_days == 10
    assert payout.diamonds_per_day == 60
    assert payout.date == day(-7)
    assert payout.earliest == day(-2)
    assert payout.latest is not None
    assert 13 <= (payout.latest - AS_OF).days <= 16


def test_a_new_creator_s_month() -> None:
    # $30 earned, 10 days at $3 = $60. Drawn: Binomial(10, 0.3) stream days of $10; its
    # 5th percentile is 1 ($40 in all), its 95th 5 (P <= 5 is 0.953, so 5 or 6: $80-$90).
    nov = run(history({dt.date(2026, 11, 11): 200, dt.date(2026, 11, 15): 200, day(1): 200}),
              600).months[0]  # fmt: skip
    live = nov.by_source[LIVE_GIFTS_SOURCE]
    assert (live.earned_so_far, live.projected, live.low) == (30, 60, 40)
    assert live.high in (80, 90)


def test_a_creator_past_the_minimum_is_paid_out_now_even_without_a_pace() -> None:
    for log in (history(STEADY), history({day(200): 5000})):
        payout = run(log, 1000).payout  # 1,000 diamonds: exactly $50.00
        assert payout.reached
        assert payout.date == payout.earliest == payout.latest == AS_OF


def test_without_diamonds_in_the_pace_s_days_there_is_no_payout_date() -> None:
    # The only stream was 200 days ago: 90 days of nothing.
    payout = run(history({day(200): 5000}), 10).payout
    assert payout.date is payout.earliest is payout.latest is None
    assert payout.diamonds_per_day == 0
    nothing = run(history({}), 0)
    assert nothing.payout.date is None
    assert nothing.payout.pace_days == 0
    assert nothing.months[0].by_source == {}


def test_a_pace_too_slow_for_two_years_has_no_latest_day() -> None:
    # 30 diamonds in 90 days, 970 to go: 2,910 days at the mean pace. Drawn, it takes 33 of
    # the one good day in 90; two years hold 8 of them on average, so no draw gets there and
    # the range says only "not before" the mean pace's day.
    payout = run(history({day(100): 0, day(3): 30}), 30).payout
    assert payout.date == AS_OF + dt.timedelta(days=2910)
    assert payout.latest is None
    assert payout.earliest == payout.date
    assert PAYOUT_HORIZON_DAYS == 731


def test_other_sources_go_by_their_own_months_pro_rata() -> None:
    # Affiliate since August: $100, $200, $300 in the three complete months before November;
    # nothing in November yet. November's 10 days left: the mean month ($200) x 10/30, and
    # its lowest and highest month the same way. December: one whole month.
    income = [
        (dt.date(2026, 8, 4), "affiliate", Decimal(100), "USD"),
        (dt.date(2026, 9, 4), "affiliate", Decimal(150), "USD"),
        (dt.date(2026, 9, 30), "affiliate", Decimal(50), "USD"),
        (dt.date(2026, 10, 4), "affiliate", Decimal(240), "EUR"),  # $300 at 0.8 EUR a USD
    ]
    nov, dec = run(history({}, income), 0).months
    affiliate = nov.by_source["affiliate"]
    assert affiliate.earned_so_far == 0
    assert affiliate.projected == Decimal(200 * 10) / 30
    assert (affiliate.low, affiliate.high) == (Decimal(100 * 10) / 30, 100)
    assert nov.total.projected == affiliate.projected
    affiliate = dec.by_source["affiliate"]
    assert (affiliate.projected, affiliate.low, affiliate.high) == (200, 100, 300)


def test_a_source_s_history_is_at_most_twelve_months_and_counts_empty_ones() -> None:
    # $120 every month from January 2025 (22 months ago), and $1,200 more in July 2026: the
    # 12 complete months before November hold eleven of $120 and one of $1,320, mean $220.
    income = [(dt.date(2025, month, 1), "sponsorship", Decimal(120), "USD")
              for month in range(1, 13)]  # fmt: skip
    income += [(dt.date(2026, month, 1), "sponsorship", Decimal(120), "USD")
               for month in range(1, 11)]  # fmt: skip
    income.append((dt.date(2026, 7, 9), "sponsorship", Decimal(1200), "USD"))
    dec = run(history({}, income), 0).months[1]
    assert dec.by_source["sponsorship"].projected == 220
    # A source that paid once, in May: May to October is its history, five months of none.
    once = [(dt.date(2026, 5, 2), "merchandise", Decimal(600), "USD")]
    dec = run(history({}, once), 0).months[1]
    assert dec.by_source["merchandise"].projected == 100
    assert (dec.by_source["merchandise"].low, dec.by_source["merchandise"].high) == (0, 600)


def test_a_source_that_began_this_month_is_projected_as_earned_so_far() -> None:
    # No complete month to go by: nothing more this month, and nothing next month.
    nov, dec = run(history({}, [(day(3), "merchandise", Decimal(80), "USD")]), 0).months
    merch = nov.by_source["merchandise"]
    assert (merch.earned_so_far, merch.projected, merch.low, merch.high) == (80, 80, 80, 80)
    merch = dec.by_source["merchandise"]
    assert (merch.earned_so_far, merch.projected, merch.low, merch.high) == (0, 0, 0, 0)


def test_a_past_month_is_exactly_what_happened() -> None:
    # October: 31 steady days... of which the pace's 90 days hold 31 ($155), plus $42.50
    # of affiliate income; projected, low and high are all the $197.50 earned.
    income = [(dt.date(2026, 10, 9), "affiliate", Decimal("42.50"), "USD"),
              (dt.date(2026, 11, 2), "affiliate", Decimal(99), "USD")]  # fmt: skip
    october = Forecaster(history(STEADY, income), RATES, "USD").month(OCT)
    assert october.days_left == 0
    assert october.total.earned_so_far == Decimal("197.50")
    assert october.total.projected == october.total.low == october.total.high == Decimal("197.50")
    assert october.by_source["affiliate"].projected == Decimal("42.50")
    # The as-of day being the month's last, the month is what happened too.
    last_day = LedgerHistory(dt.date(2026, 11, 30), history(STEADY).live, income, day(89), {})
    nov = Forecaster(last_day, RATES, "USD").month(NOV)
    assert nov.days_left == 0
    assert nov.total.projected == nov.total.low == nov.total.high == 20 * 5 + 99


def test_the_overall_range_adds_up_each_draw_of_every_source() -> None:
    # Steady LIVE ($5 a day, no spread) plus one affiliate month of $100 and one of $300: in
    # December the total is $155 plus one of them, so $255 to $455, projected $355.
    income = [(dt.date(2026, 9, 1), "affiliate", Decimal(100), "USD"),
              (dt.date(2026, 10, 1), "affiliate", Decimal(300), "USD")]  # fmt: skip
    dec = run(history(STEADY, income), 400).months[1]
    assert (dec.total.projected, dec.total.low, dec.total.high) == (355, 255, 455)
    assert list(dec.by_source) == [LIVE_GIFTS_SOURCE, "affiliate"]


def test_months_are_in_the_report_currency() -> None:
    nov = run(history(STEADY), 400, "eur").months[0]  # 0.8 EUR a dollar: $150 is 120 EUR
    assert (nov.total.earned_so_far, nov.total.projected) == (80, 120)


def test_the_same_log_gives_the_same_forecast() -> None:
    log = history({day(n): (n * 37) % 500 for n in range(0, 90, 3)})
    assert run(log, 120) == run(log, 120)


def test_month_start_counts_across_years() -> None:
    assert month_start(dt.date(2026, 11, 20), 2) == dt.date(2027, 1, 1)
    assert month_start(dt.date(2026, 1, 31), -13) == dt.date(2024, 12, 1)


@settings(max_examples=25, deadline=None)
@given(
    days=st.dictionaries(st.integers(0, 200), st.integers(0, 20_000), max_size=40),
    in_hand=st.integers(0, 3000),
    sponsorship=st.lists(st.integers(0, 900), max_size=14),
)
def test_every_range_holds_its_projection_and_starts_from_what_was_earned(
    days: dict[int, int], in_hand: int, sponsorship: list[int]
) -> None:
    income = [(month_start(AS_OF, -n).replace(day=5), "sponsorship", Decimal(amount), "USD")
              for n, amount in enumerate(sponsorship)]  # fmt: skip
    log = history({day(n): diamonds for n, diamonds in days.items()}, income)
    result = run(log, in_hand)
    payout = result.payout
    if payout.date is not None:
        assert payout.earliest is not None
        assert AS_OF <= payout.earliest <= payout.date
        assert payout.latest is None or payout.date <= payout.latest
    for month in result.months:
        for estimate in (month.total, *month.by_source.values()):
            assert estimate.earned_so_far <= estimate.low <= estimate.projected <= estimate.high
    october = Forecaster(log, RATES, "USD").month(OCT)
    assert october.total.low == october.total.high == october.total.earned_so_far


def test_a_payout_a_century_away_has_no_date() -> None:
    # One diamond in 90 days and a $10,000 minimum (200,000 diamonds): 18 million days.
    dear = US.with_figures(payout_minimum_usd=Decimal(10_000))
    payout = forecast(history({day(89): 1}), balance(0), dear, RATES, "USD").payout
    assert payout.date is payout.earliest is payout.latest is None
    assert payout.diamonds_per_day == Decimal(1) / 90
