"""``livetally report --by tag|weekday|hour|weekday-hour|length``: cash per hour with its
90% interval in JSON and text, and the effective hourly wage under the monthly report."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from livetally.cli import main
from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.storage.ledger import Ledger

US = RateProfile("US", "United States", "USD")
GROUP_KEYS = {
    "total",
    "streams",
    "hours",
    "cash_per_hour",
    "streams_without_duration",
    "low",
    "high",
    "enough_data",
}


@pytest.fixture
def home(isolated_data_home: Path) -> Path:
    """Ten hour-long Q&A streams on Monday evenings ($20-$29 each, 19:00) and three
    half-hour chats on Saturday mornings ($5 each, 09:00), one without a duration."""
    prepared = prepare_data_home(resolve_data_home(None))
    streams = [
        StreamRecord(f"2026-11-{2 + 7 * (n % 4):02d}T19:{n:02d}:00+01:00", 4000 + 200 * n,
                     duration_minutes=60, tags=("qa",))
        for n in range(10)
    ] + [
        StreamRecord(f"2026-11-{7 + 7 * n:02d}T09:00:00+01:00", 1000,
                     duration_minutes=None if n == 2 else 30, tags=("chat",))
        for n in range(3)
    ]  # fmt: skip
    with Ledger.open(prepared.database_path, prepared.backups_dir) as ledger:
        ledger.import_streams(streams, US)
    return prepared.root


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(["report", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("by", "key"),
    [
        ("tag", "by_tag"),
        ("weekday", "by_weekday"),
        ("hour", "by_hour"),
        ("weekday-hour", "by_weekday_hour"),
        ("length", "by_length"),
    ],
)
def test_every_group_has_its_interval(
    capsys: pytest.CaptureFixture[str], home: Path, by: str, key: str
) -> None:
    groups = report(capsys, "--by", by)[key]
    assert groups
    for group in groups.values():
        assert set(group) == GROUP_KEYS
        if group["cash_per_hour"] is not None:
            low, middle, high = (Decimal(group[k]) for k in ("low", "cash_per_hour", "high"))
            assert low <= middle <= high


def test_figures_and_intervals(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    by_weekday = report(capsys, "--by", "weekday")["by_weekday"]
    monday, saturday = by_weekday["Monday"], by_weekday["Saturday"]
    # $20.00 + $21.00 + ... + $29.00 = $245 over 10 hours.
    assert (monday["cash_per_hour"], monday["streams"], monday["enough_data"]) == (
        "24.50",
        10,
        True,
    )
    assert Decimal("20") < Decimal(monday["low"]) < Decimal("24.50") < Decimal(monday["high"])
    assert Decimal(monday["high"]) < Decimal(29)
    # Two timed half hours at $5 each: $10 an hour, and every resample agrees.
    assert saturday == {
        "total": "15.00",
        "streams": 3,
        "hours": "1.00",
        "cash_per_hour": "10.00",
        "streams_without_duration": 1,
        "low": "10.00",
        "high": "10.00",
        "enough_data": False,
    }
    # The same streams by tag: the same figure (its interval is drawn anew, seeded by the
    # group's name); and the same intervals again on another run.
    assert report(capsys, "--by", "tag")["by_tag"]["qa"]["cash_per_hour"] == "24.50"
    assert report(capsys, "--by", "weekday")["by_weekday"] == by_weekday


def test_hours_lengths_and_the_streams_left_out(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    by_hour = report(capsys, "--by", "hour")
    assert list(by_hour["by_hour"]) == ["09:00", "19:00"]
    assert by_hour["total"] == "260.00"
    assert by_hour["streams_without_duration"] == 1
    by_length = report(capsys, "--by", "length")["by_length"]
    assert list(by_length) == ["30-60 min", "1-2 h"]  # the untimed stream is in no band
    assert by_length["30-60 min"]["streams"] == 2
    cells = report(capsys, "--by", "weekday-hour")["by_weekday_hour"]
    assert list(cells) == ["Monday 19:00", "Saturday 09:00"]


def test_text_never_calls_a_winner_it_cannot_tell(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert main(["report", "--by", "length"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Cash per hour by length, in USD (90% intervals)"
    assert out[1].split() == ["Length", "Streams", "Hours", "Cash", "Cash/hour", "90%", "interval"]
    assert out[2].split()[:2] == ["30-60", "min"]
    assert out[2].endswith("too few streams to tell")
    assert out[3].split()[:5] == ["1-2", "h", "10", "10.0", "$245.00"]
    assert out[-3:] == [
        "1 stream without a duration is left out of the cash per hour.",
        "Too few streams in each length to tell which pays more per hour.",
        "A group needs 8 streams with a duration to tell.",
    ]


def test_nothing_to_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--by", "hour"]) == 0
    assert capsys.readouterr().out == "Nothing to report yet: log a stream first.\n"
    assert report(capsys, "--by", "length") == {
        "currency": "USD",
        "total": "0.00",
        "streams_without_duration": 0,
        "by_length": {},
    }


def test_an_unknown_grouping_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["report", "--by", "minute"])
    assert stopped.value.code == 2
    assert "invalid choice: 'minute'" in capsys.readouterr().err


def test_monthly_wage_after_the_payout_fee(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    settings = home / "settings.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("payout_fee_percent = 0 ", "payout_fee_percent = 2.5 ", 1), encoding="utf-8"
    )
    month = report(capsys, "--by", "month")["by_month"]["2026-11"]
    assert month["total"] == "260.00"  # every stream; the wage counts the timed ones
    assert month["hourly_wage"] == {
        "hours": "11.00",
        "cash": "255.00",
        "payout_fee": "6.37",  # 2.5% of $255 is $6.375, shown rounded down
        "set_aside": "0.00",
        "per_hour": "22.60",  # $248.625 / 11 h = $22.602...
        "streams_without_duration": 1,
    }
    assert main(["report", "--by", "month"]) == 0
    out = capsys.readouterr().out
    assert "less the payout fee (2.5%) and the set-aside" in out
    assert out.splitlines()[-2].split() == [
        "2026-11", "11.0", "$255.00", "$6.37", "$0.00", "$22.60"
    ]  # fmt: skip


def test_monthly_wage_keeps_back_the_tax_set_aside_once_set(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    from livetally.settings import edits
    from livetally.settings.document import SettingsFile

    edits.with_tax_reserve_percent(SettingsFile.load(home / "settings.toml"), Decimal(20)).save()
    wage = report(capsys, "--by", "month")["by_month"]["2026-11"]["hourly_wage"]
    assert wage["set_aside"] == "51.00"  # 20% of $255 (no payout fee here)
    assert wage["per_hour"] == "18.54"  # $204 / 11 h = $18.545...
