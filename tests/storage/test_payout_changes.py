"""Correcting and removing payouts: one transaction each, and never past the balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from livetally.core.records import PayoutRecord, StreamRecord
from livetally.storage.errors import LedgerError
from livetally.storage.ledger import Ledger
from livetally.storage.payouts import delete_payout, payout, replace_payout, restore_payout
from tests.storage.conftest import US

DAY = dt.date(2026, 11, 25)


@pytest.fixture
def earned(ledger: Ledger) -> Ledger:
    ledger.add_stream(StreamRecord("2026-11-20T19:30:00Z", 20_000), US)  # 2,000 diamonds
    return ledger


def test_a_payout_is_corrected_in_place(earned: Ledger) -> None:
    first = earned.add_payout(PayoutRecord(DAY, 1000, Decimal("50.00")))
    fixed = PayoutRecord(DAY, 1200, Decimal("60.00"), "Bank transfer", Decimal("1.50"))
    replace_payout(earned, first.id, fixed)
    assert payout(earned, first.id).record == fixed
    assert [p.id for p in earned.payouts()] == [first.id]
    assert earned.balance_diamonds() == 800


def test_a_correction_may_not_cash_out_more_than_was_credited(earned: Ledger) -> None:
    first = earned.add_payout(PayoutRecord(DAY, 1000, Decimal("50.00")))
    earned.add_payout(PayoutRecord(DAY, 500, Decimal("25.00")))
    with pytest.raises(LedgerError, match="without this payout the balance is 1,500"):
        replace_payout(earned, first.id, PayoutRecord(DAY, 1501, Decimal("75.05")))
    assert payout(earned, first.id).record.diamonds == 1000
    # Undo puts back what was there, whatever changed since: no check.
    replace_payout(earned, first.id, PayoutRecord(DAY, 1501, Decimal("75.05")), check_balance=False)
    assert earned.balance_diamonds() == -1


def test_a_correction_that_is_no_payout_is_refused(earned: Ledger) -> None:
    first = earned.add_payout(PayoutRecord(DAY, 1000, Decimal("50.00")))
    with pytest.raises(LedgerError, match="the fee"):
        replace_payout(earned, first.id, PayoutRecord(DAY, 1000, Decimal(5), fee_usd=Decimal(6)))


def test_a_deleted_payout_comes_back_with_its_id(earned: Ledger) -> None:
    kept = earned.add_payout(PayoutRecord(DAY, 300, Decimal("15.00")))
    gone = earned.add_payout(PayoutRecord(DAY, 1000, Decimal("50.00"), "Bank", Decimal("0.30")))
    assert delete_payout(earned, gone.id) == gone
    assert earned.payouts() == [kept]
    assert earned.balance_diamonds() == 1700
    restore_payout(earned, gone)
    assert earned.payouts() == [kept, gone]
    assert earned.balance_diamonds() == 700


def test_an_unknown_payout_is_named(earned: Ledger) -> None:
    with pytest.raises(LedgerError, match="payout 42 is not in the ledger"):
        delete_payout(earned, 42)
