"""Planning a TikTok import: which LIVEs are new, which match a typed stream, what TikTok fills."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.core.stream_fields import Origin
from livetally.storage.ledger import Ledger
from livetally.storage.tiktok_archive import TikTokLive, read_tiktok_archive
from livetally.storage.tiktok_plan import derived_coins, plan_tiktok_import, tiktok_record
from tests.tiktok_fixtures import document, live, write_json

US = RateProfile("US", "United States", "USD")


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger.open(tmp_path / "livetally.sqlite3", tmp_path / "backups")


def _history(tmp_path: Path, *lives: dict[str, object]):  # type: ignore[no-untyped-def]
    return read_tiktok_archive(write_json(tmp_path / "u.json", document(list(lives))))


@pytest.mark.parametrize(
    ("diamonds", "per_coin", "coins"),
    [(100, "0.1", 1000), (0, "0.1", 0), (None, "0.1", 0), (7, "0.3", 23), (1, "0.4", 3)],
)
def test_coins_are_derived_from_tiktoks_diamonds_to_the_nearest_coin(
    diamonds: int | None, per_coin: str, coins: int
) -> None:
    profile = RateProfile("XX", "Somewhere", "USD", diamonds_per_coin=Decimal(per_coin))
    given = None if diamonds is None else Decimal(diamonds)
    assert derived_coins(given, profile) == coins


def test_a_live_becomes_a_tiktok_stream_at_the_same_instant() -> None:
    started = dt.datetime(2025, 3, 1, 19, tzinfo=dt.UTC)
    record = tiktok_record(TikTokLive(1, "77", started, 5399, 250, 9, 8, 7, "Late show"), US)
    assert record.started == started
    assert (record.coins, record.diamonds, record.duration_minutes) == (2500, 250, 90)
    assert (record.likes, record.views, record.gifters, record.title) == (9, 8, 7, "Late show")
    assert (record.tiktok_room_id, record.origin) == ("77", Origin.TIKTOK)


def test_the_nearest_typed_stream_is_the_match_and_each_is_taken_once(
    ledger: Ledger, tmp_path: Path
) -> None:
    # LIVE 1 starts 2025-03-01 19:00 UTC, LIVE 2 a day later. One typed stream sits 20
    # minutes after LIVE 1, another 5 minutes after it: the nearer one is LIVE 1.
    far = ledger.add_stream(StreamRecord("2025-03-01T19:20:00Z", 10), US)
    near = ledger.add_stream(StreamRecord("2025-03-01T19:05:00Z", 20), US)
    plan = plan_tiktok_import(_history(tmp_path, live(1), live(2)), ledger, US)
    assert [(m.stream.id, m.live.position) for m in plan.matches] == [(near.id, 1)]
    assert len(plan.new) == 1
    assert far.id not in {m.stream.id for m in plan.matches}


def test_tiktoks_diamonds_replace_ones_worked_out_from_coins(
    ledger: Ledger, tmp_path: Path
) -> None:
    typed = ledger.add_stream(StreamRecord("2025-03-01T19:00:00Z", 990), US)  # 99 worked out
    plan = plan_tiktok_import(_history(tmp_path, live(1)), ledger, US)
    (match,) = plan.matches
    assert "diamonds" in match.fills
    assert match.contradictions == ()
    ((stream, merged),) = plan.edits(take_tiktok=False)
    assert stream.id == typed.id
    assert (merged.coins, merged.diamonds, merged.tiktok_room_id) == (
        990,
        Decimal(100),
        "7481234567890123001",
    )


def test_diamonds_the_creator_typed_are_kept_unless_asked(ledger: Ledger, tmp_path: Path) -> None:
    ledger.add_stream(StreamRecord("2025-03-01T19:00:00Z", 990, diamonds=Decimal(98)), US)
    plan = plan_tiktok_import(_history(tmp_path, live(1)), ledger, US)
    (match,) = plan.matches
    assert [str(d) for d in match.contradictions] == ["diamonds: yours 98, TikTok 100"]
    assert plan.edits(take_tiktok=False)[0][1].diamonds == 98
    assert plan.edits(take_tiktok=True)[0][1].diamonds == 100
