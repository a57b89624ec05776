"""What a forecast reads from the ledger: the days by the creator's own clock, the balance as
it stood on the as-of day, other income by month, and the same months the report adds up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from livetally.core.forecast import Forecaster
from livetally.core.payout import Balance
from livetally.core.rates import ExchangeRates
from livetally.core.records import IncomeRecord, PayoutRecord, StreamRecord
from livetally.core.report import Grouping, build_report_from_days
from livetally.storage.balance import balance_until
from livetally.storage.forecast import balance_as_of, read_history
from livetally.storage.ledger import Ledger
from tests.storage.conftest import US

AS_OF = dt.date(2026, 11, 20)
DEAR = US.with_figures(diamond_usd=Decimal("0.06"))
RATES = ExchangeRates({"USD": Decimal(1), "EUR": Decimal("0.8")})


def stream(started_at: str, diamonds: int) -> StreamRecord:
    return StreamRecord(started_at, 0, diamonds=Decimal(diamonds))


def test_streams_count_on_their_own_calendar_day_and_nothing_after_the_as_of_day(
    ledger: Ledger,
) -> None:
    ledger.import_streams(
        [
            stream("2026-11-20T23:30:00-05:00", 10),  # the 21st in UTC: still the 20th
            stream("2026-11-21T00:30:00+09:00", 20),  # the 20th in UTC: the 21st, left out
            stream("2026-08-23T08:00:00+14:00", 30),  # the pace's first day (the 22nd UTC)
            stream("2026-08-22T23:00:00-12:00", 40),  # the day before: read by no forecast
        ],
        US,
    )
    ledger.import_streams([stream("2026-11-20T10:00:00Z", 5)], DEAR)
    history = read_history(ledger.connection, AS_OF)
    assert sorted(history.live) == [
        (dt.date(2026, 8, 23), Decimal("0.05"), 30),
        (AS_OF, Decimal("0.05"), 10),
        (AS_OF, Decimal("0.06"), 5),
    ]
    assert history.first_stream == dt.date(2026, 8, 22)
    assert read_history(ledger.connection, dt.date(2026, 8, 21)).first_stream is None


def test_a_forecast_reads_months_asked_for_before_its_own(ledger: Ledger) -> None:
    ledger.import_streams([stream("2025-03-03T20:00:00Z", 7)], US)
    ledger.import_income([IncomeRecord(dt.date(2025, 3, 9), "other", Decimal(3), "USD")])
    march = dt.date(2025, 3, 1)
    assert read_history(ledger.connection, AS_OF).live == []
    history = read_history(ledger.connection, AS_OF, [march])
    assert history.live == [(dt.date(2025, 3, 3), Decimal("0.05"), 7)]
    assert [entry[:3] for entry in history.income] == [(dt.date(2025, 3, 9), "other", 3)]
    assert history.first_income == {"other": dt.date(2025, 3, 9)}


def test_the_balance_as_of_a_day_leaves_out_what_came_after(ledger: Ledger) -> None:
    ledger.add_stream(stream("2026-11-01T20:00:00Z", 600), US)
    ledger.add_stream(stream("2026-11-10T20:00:00Z", 500), DEAR)
    ledger.add_payout(PayoutRecord(dt.date(2026, 11, 12), 1000, Decimal(50)))
    ledger.add_stream(stream("2026-11-21T01:00:00+02:00", 300), US)  # the 20th in UTC
    now = Balance(400, 100 * Decimal("0.06") + 300 * Decimal("0.05"))
    assert balance_as_of(ledger, dt.date(2026, 11, 21)) == now == ledger.balance()
    assert balance_as_of(ledger, AS_OF) == Balance(100, 100 * Decimal("0.06"))
    assert balance_as_of(ledger, dt.date(2026, 11, 11)) == Balance(
        1100, 600 * Decimal("0.05") + 500 * Decimal("0.06")
    )
    assert balance_as_of(ledger, dt.date(2026, 10, 1)) == Balance(0, Decimal(0))
    assert balance_until(ledger.connection) == ledger.balance()


def test_a_past_month_s_forecast_is_the_month_the_report_adds_up(ledger: Ledger) -> None:
    ledger.import_streams(
        [stream(f"2026-10-{n:02d}T21:00:00-07:00", n * 13) for n in range(1, 32, 2)], US
    )
    ledger.import_streams([stream("2026-10-31T23:59:00+01:00", 77)], DEAR)
    ledger.import_income(
        [
            IncomeRecord(dt.date(2026, 10, 3), "affiliate", Decimal("19.99"), "EUR"),
            IncomeRecord(dt.date(2026, 10, 31), "sponsorship", Decimal(250), "USD"),
            IncomeRecord(dt.date(2026, 11, 1), "sponsorship", Decimal(250), "USD"),
        ]
    )
    october = dt.date(2026, 10, 1)
    for currency in ("USD", "EUR"):
        report = build_report_from_days(
            Grouping.MONTH,
            ledger.live_days(october, dt.date(2026, 10, 31)),
            [entry.record for entry in ledger.income_between(october, dt.date(2026, 10, 31))],
            RATES,
            currency,
        )
        (group,) = report.groups
        month = Forecaster(read_history(ledger.connection, AS_OF), RATES, currency).month(october)
        assert month.total.projected == month.total.low == month.total.high == report.total
        assert month.total.earned_so_far == report.total
        assert {s: e.earned_so_far for s, e in month.by_source.items()} == group.by_source


def test_each_source_s_first_entry_is_found_before_the_months_read(ledger: Ledger) -> None:
    ledger.import_income(
        [
            IncomeRecord(dt.date(2024, 1, 5), "affiliate", Decimal(1), "USD"),
            IncomeRecord(dt.date(2024, 6, 5), "affiliate", Decimal(1), "USD"),
            IncomeRecord(dt.date(2026, 10, 1), "affiliate", Decimal(1), "USD"),
            IncomeRecord(dt.date(2026, 9, 9), "merchandise", Decimal(1), "USD"),
            IncomeRecord(dt.date(2026, 8, 9), "merchandise", Decimal(1), "USD"),
            IncomeRecord(dt.date(2026, 11, 21), "patreon", Decimal(1), "USD"),  # after as-of
        ]
    )
    history = read_history(ledger.connection, AS_OF)
    assert history.first_income == {
        "affiliate": dt.date(2024, 1, 5),
        "merchandise": dt.date(2026, 8, 9),
    }
    assert {entry[0] for entry in history.income} == {
        dt.date(2026, 10, 1), dt.date(2026, 9, 9), dt.date(2026, 8, 9)}  # fmt: skip
