"""Sample data for a first start: a believable three months of streams and other income.

A newcomer sees the tables, the summary and the charts filled at once and can judge what
LiveTally does before typing anything. The rows are generated from a fixed seed, so the
same day always gives the same sample, and the ledger marks them so one click removes them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from livetally.core.records import IncomeRecord, StreamRecord

_TACTICS = (("qa",), ("talent",), ("chat",), ("collab",), ("promoted", "qa"), ("incentive",))
#: How much each tactic lifts gifts, so the "cash per hour by tag" chart tells a story.
_LIFT = {"qa": 1.3, "talent": 1.8, "chat": 0.8, "collab": 2.2, "promoted": 1.5, "incentive": 1.2}


@dataclass(frozen=True)
class SampleData:
    streams: list[StreamRecord]
    income: list[IncomeRecord]


def sample_data(today: dt.date, *, offset: dt.timedelta = dt.timedelta(hours=0)) -> SampleData:
    """Three months up to yesterday: about three streams a week and a few other payments."""
    rng = random.Random(20261120)
    zone = dt.timezone(offset)
    start = today - dt.timedelta(days=90)
    streams = []
    day = start
    while day < today:  # today's stream may not have happened yet
        if rng.random() < 0.43:
            tags = rng.choice(_TACTICS)
            lift = max(_LIFT[tag] for tag in tags)
            minutes = rng.choice((45, 60, 75, 90, 120))
            coins = int(rng.lognormvariate(7.6, 0.6) * lift * minutes / 60)
            started = dt.datetime.combine(day, dt.time(rng.choice((18, 19, 20, 21))), zone)
            streams.append(
                StreamRecord(
                    started_at=started.isoformat(),
                    coins=coins,
                    duration_minutes=minutes,
                    likes=coins * rng.randint(8, 30),
                    peak_viewers=rng.randint(40, 900),
                    new_followers=rng.randint(0, 60),
                    tags=tags,
                    notes="Sample stream",
                )
            )
        day += dt.timedelta(days=1)
    income = []
    for months_back in (2, 1, 0):
        month = (today.replace(day=1) - dt.timedelta(days=31 * months_back)).replace(day=1)
        income += [
            IncomeRecord(month.replace(day=5), "affiliate", _cents(rng, 40, 160), "USD", "Sample"),
            IncomeRecord(
                month.replace(day=12), "merchandise", _cents(rng, 20, 90), "USD", "Sample"
            ),
        ]
    first_month = (today.replace(day=1) - dt.timedelta(days=40)).replace(day=15)
    income += [
        IncomeRecord(first_month, "sponsorship", Decimal("350.00"), "EUR", "Sample brand deal"),
        IncomeRecord(today.replace(day=1), "creator_rewards", _cents(rng, 15, 45), "USD", "Sample"),
    ]
    return SampleData(streams, [entry for entry in income if entry.date <= today])


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100
