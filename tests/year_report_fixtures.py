"""A creator's 2025 worked out on paper, for the year report's tests (core, CSV, PDF, CLI).

US rates ($0.05 a diamond). Streams are dated by the creator's own clock, so the one at
23:00 on 31 Dec 2024 (New York) is 2024's, and the one at 23:30 on 31 Dec 2025 (Los
Angeles) is 2025's, whatever UTC says.

    2025-01  LIVE 1,000 + 192 diamonds      $59.60   (90 + 30 minutes)
    2025-02  sponsorship                   $250.00
    2025-03  LIVE 400 diamonds (no length)  $20.00, affiliate 46.00 EUR = $50.00
    2025-12  LIVE 200 diamonds (60 min)     $10.00, merchandise $12.34
    total                                  $401.94; at 25%, $100.49 set aside (100.485 up)
    payouts  1,000 + 192 diamonds: $59.00 received, $1.60 in fees
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from livetally.core.records import IncomeRecord, PayoutRecord, StreamRecord

YEAR = 2025

STREAMS = (
    StreamRecord("2024-12-31T23:00:00-05:00", 10_000, duration_minutes=60),
    StreamRecord("2025-01-10T20:00:00+01:00", 10_000, duration_minutes=90, tags=("qa",)),
    StreamRecord("2025-01-20T20:00:00+01:00", 1_927, duration_minutes=30),
    StreamRecord("2025-03-05T18:00:00Z", 4_000),
    StreamRecord("2025-12-31T23:30:00-08:00", 2_000, duration_minutes=60),
    StreamRecord("2026-01-01T00:10:00+01:00", 50_000, duration_minutes=45),
)

INCOME = (
    IncomeRecord(dt.date(2025, 2, 3), "sponsorship", Decimal("250.00"), "USD", "brand deal"),
    IncomeRecord(dt.date(2025, 3, 15), "affiliate", Decimal("46.00"), "EUR"),
    IncomeRecord(dt.date(2025, 12, 1), "merchandise", Decimal("12.34"), "USD"),
    IncomeRecord(dt.date(2026, 1, 2), "sponsorship", Decimal("999.00"), "USD"),
)

PAYOUTS = (
    PayoutRecord(dt.date(2024, 12, 31), 1_000, Decimal("50.00")),
    PayoutRecord(dt.date(2025, 2, 1), 1_000, Decimal("49.00"), fee_usd=Decimal("1.00")),
    PayoutRecord(dt.date(2025, 6, 1), 192, Decimal("10.00"), fee_usd=Decimal("0.60")),
)

TOTAL_USD = Decimal("401.94")
BY_SOURCE_USD = {
    "live_gifts": Decimal("89.60"),
    "sponsorship": Decimal("250.00"),
    "affiliate": Decimal("50.00"),
    "merchandise": Decimal("12.34"),
}
SET_ASIDE_AT_25 = Decimal("100.49")
