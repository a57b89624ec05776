"""``livetally report`` from SQLite's totals prints what the report from every stream printed.

The command no longer reads each stream as an object; every grouping, period, currency and
output form is checked here against :func:`build_report` (and, for cash per hour with its
interval, :func:`what_pays`; for the monthly wage, :func:`hourly_wage_by_month`) over
``streams_between``, printed by the same functions.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.cli import main
from livetally.cli.report import _payload, _text
from livetally.cli.what_pays import pays_payload, pays_text
from livetally.core.hourly_wage import hourly_wage_by_month
from livetally.core.rates import RateProfile
from livetally.core.records import IncomeRecord, StreamRecord
from livetally.core.report import UNTAGGED, Grouping
from livetally.core.stream_facts import facts_of_streams
from livetally.core.what_pays import Dimension, what_pays
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.settings.document import SettingsFile
from livetally.storage.ledger import Ledger
from tests.oracles import build_report, live_days

US = RateProfile("US", "United States", "USD")
DEAR = US.with_figures(diamond_usd=Decimal("0.0049"))


@pytest.fixture
def home(isolated_data_home: Path) -> Path:
    """A data home with streams at two rates, tags (and a tag named like the untagged
    group), and income in three currencies, over three months."""
    prepared = prepare_data_home(resolve_data_home(None))
    streams = [
        StreamRecord("2026-01-31T23:30:00-05:00", 10_001, duration_minutes=60, tags=("qa",)),
        StreamRecord("2026-02-01T04:30:00Z", 333, diamonds=Decimal("33"), tags=("qa", "collab")),
        StreamRecord("2026-02-01T20:00:00+09:00", 7, duration_minutes=90),
        StreamRecord("2026-02-14T10:00:00Z", 12_345, tags=(UNTAGGED,)),
        StreamRecord("2026-03-02T10:00:00Z", 1, diamonds=Decimal("1"), tags=("chat",)),
    ]
    income = [
        IncomeRecord(dt.date(2026, 1, 3), "affiliate", Decimal("19.99"), "EUR"),
        IncomeRecord(dt.date(2026, 2, 9), "sponsorship", Decimal("250.00"), "USD"),
        IncomeRecord(dt.date(2026, 2, 10), "merchandise", Decimal("1000"), "JPY"),
        IncomeRecord(dt.date(2026, 3, 9), "affiliate", Decimal("0.01"), "EUR"),
    ]
    with Ledger.open(prepared.database_path, prepared.backups_dir) as ledger:
        ledger.import_streams(streams[:3], US)
        ledger.import_streams(streams[3:], DEAR)
        ledger.import_income(income)
    return prepared.root


def expected(home: Path, by: str, currency: str | None, first: str | None, last: str | None
             ) -> tuple[str, object]:  # fmt: skip
    settings = SettingsFile.load(home / "settings.toml").settings
    start = None if first is None else dt.date.fromisoformat(first)
    end = None if last is None else dt.date.fromisoformat(last)
    with Ledger.open(home / "livetally.sqlite3", home / "backups", writable=False) as ledger:
        streams = ledger.streams_between(start, end)
        income = [entry.record for entry in ledger.income_between(start, end)]
    code = (currency or settings.currency).upper()
    per_usd = settings.exchange_rates.units_per_usd(code)
    facts = facts_of_streams(streams)
    if by in ("hour", "weekday-hour", "length"):
        dimension = Dimension(by)
        groups = what_pays(facts, dimension, per_usd)
        total = sum((stream.creator_usd for stream in streams), Decimal(0)) * per_usd
        untimed = sum(not stream.record.duration_minutes for stream in streams)
        payload = json.loads(json.dumps(pays_payload(dimension, groups, total, untimed, code)))
        if not streams:
            return "Nothing to report yet: log a stream first.\n", payload
        return pays_text(dimension, groups, total, untimed, code) + "\n", payload
    report = build_report(Grouping(by), streams, income, settings.exchange_rates, code)
    pays = wages = None
    if by in ("tag", "weekday"):
        pays = {group.key: group for group in what_pays(facts, Dimension(by), per_usd)}
    fee = settings.profile().payout_fee_percent
    if by == "month":
        wages = {w.month: w for w in hourly_wage_by_month(live_days(streams), per_usd, fee)}
    payload = json.loads(json.dumps(_payload(report, pays, wages)))
    if not report.groups:
        return "Nothing to report yet: log a stream or add income first.\n", payload
    return _text(report, pays, wages, fee) + "\n", payload


@pytest.mark.parametrize(
    "by", ["month", "source", "tag", "weekday", "hour", "weekday-hour", "length"]
)
@pytest.mark.parametrize(
    ("currency", "first", "last"),
    [
        (None, None, None),
        ("EUR", None, None),
        ("JPY", "2026-02-01", "2026-02-28"),
        (None, "2026-02-01", None),
        (None, None, "2026-01-31"),
        (None, "2030-01-01", None),
    ],
)
def test_every_report_prints_what_the_report_from_streams_printed(
    capsys: pytest.CaptureFixture[str],
    home: Path,
    by: str,
    currency: str | None,
    first: str | None,
    last: str | None,
) -> None:
    text, payload = expected(home, by, currency, first, last)
    options = ["--by", by]
    options += ["--currency", currency] if currency else []
    options += ["--from", first] if first else []
    options += ["--to", last] if last else []
    assert main(["report", *options]) == 0
    assert capsys.readouterr().out == text
    assert main(["report", *options, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == payload
