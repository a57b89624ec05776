"""The ledger's behaviour: what goes in comes out, rates stay with streams, no doubles."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from livetally.core.gifts import Gift, GiftCount
from livetally.core.payout import Balance
from livetally.core.records import IncomeRecord, PayoutRecord, StreamRecord
from livetally.storage.errors import LedgerError
from livetally.storage.ledger import DuplicateError, Ledger
from livetally.storage.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.storage.conftest import US

TEN_K = StreamRecord(
    started_at="2026-11-20T19:30:00+01:00",
    coins=10_000,
    duration_minutes=90,
    likes=52_000,
    peak_viewers=310,
    new_followers=41,
    tags=("qa", "Collab"),
    notes="first stream with Ana",
)


def test_a_new_ledger_is_marked_versioned_and_crash_safe(ledger: Ledger) -> None:
    pragma = ledger.connection.execute
    assert pragma("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert pragma("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1


def test_builtin_tags_and_sources(ledger: Ledger) -> None:
    assert ledger.tags() == ["qa", "talent", "chat", "collab", "promoted", "incentive"]
    assert ledger.sources()[:5] == [
        "sponsorship",
        "affiliate",
        "merchandise",
        "creator_rewards",
        "subscriptions",
    ]


def test_a_stream_comes_back_as_logged_with_diamonds_computed(ledger: Ledger) -> None:
    logged = ledger.add_stream(TEN_K, US)
    assert logged.record == TEN_K
    assert logged.record.tags == ("qa", "collab")
    assert logged.diamonds == Decimal(1000)
    assert logged.record.diamonds is None, "computed diamonds are not shown as entered"
    assert logged.creator_usd == Decimal(50)
    assert logged.viewer_spend_usd == Decimal(100)
    assert ledger.streams() == [logged]


def test_entered_diamonds_win_over_the_computed_ones(ledger: Ledger) -> None:
    record = StreamRecord(started_at="2026-11-21T20:00:00Z", coins=10_000, diamonds=Decimal(987))
    logged = ledger.add_stream(record, US)
    assert logged.diamonds == Decimal(987)
    assert logged.record.diamonds == Decimal(987)


def test_rates_stay_with_the_stream(ledger: Ledger) -> None:
    first = ledger.add_stream(TEN_K, US)
    cheaper = US.with_figures(diamond_usd=Decimal("0.005"), diamonds_per_coin=Decimal("0.5"))
    later = ledger.add_stream(
        StreamRecord(started_at="2026-11-22T20:00:00Z", coins=10_000), cheaper
    )
    assert ledger.stream(first.id).creator_usd == Decimal(50)
    assert later.creator_usd == Decimal(25)
    assert later.logged_rates().diamond_usd == Decimal("0.005")


def test_gifts_are_kept_with_the_stream(ledger: Ledger) -> None:
    gifts = (GiftCount(Gift("Rose", 1), 10), GiftCount(Gift("Galaxy", 1000), 2))
    record = StreamRecord(started_at="2026-11-21T20:00:00Z", coins=2010, gifts=gifts)
    logged = ledger.add_stream(record, US)
    rows = ledger.connection.execute(
        "SELECT gift, count, coins_each FROM stream_gifts WHERE stream_id = ? ORDER BY gift",
        (logged.id,),
    ).fetchall()
    assert rows == [("Galaxy", 2, 1000), ("Rose", 10, 1)]


def test_editing_a_stream_keeps_its_gift_lines(ledger: Ledger) -> None:
    gifts = (GiftCount(Gift("Rose", 1), 10),)
    logged = ledger.add_stream(StreamRecord("2026-11-21T20:00:00Z", 10, gifts=gifts), US)
    ledger.replace_stream(logged.id, StreamRecord("2026-11-21T20:00:00Z", 10, notes="x"), US)
    rows = ledger.connection.execute("SELECT gift, count FROM stream_gifts").fetchall()
    assert rows == [("Rose", 10)]


def test_the_same_stream_twice_is_refused(ledger: Ledger) -> None:
    ledger.add_stream(TEN_K, US)
    with pytest.raises(DuplicateError, match="already in the ledger"):
        ledger.add_stream(TEN_K, US)
    assert len(ledger.streams()) == 1


def test_delete_and_undo_restore_the_same_stream(ledger: Ledger) -> None:
    logged = ledger.add_stream(TEN_K, US.with_figures(diamond_usd=Decimal("0.04")))
    gone = ledger.delete_stream(logged.id)
    assert ledger.streams() == []
    assert ledger.connection.execute("SELECT count(*) FROM stream_tags").fetchone()[0] == 0
    assert ledger.restore_stream(gone) == logged


def test_replace_keeps_the_logged_rates_when_asked(ledger: Ledger) -> None:
    logged = ledger.add_stream(TEN_K, US.with_figures(diamond_usd=Decimal("0.04")))
    edited = StreamRecord(started_at=TEN_K.started_at, coins=20_000, tags=("chat",))
    replaced = ledger.replace_stream(logged.id, edited, logged.logged_rates())
    assert (replaced.id, replaced.record, replaced.creator_usd) == (logged.id, edited, Decimal(80))


def test_streams_between_uses_the_creators_own_calendar_day(ledger: Ledger) -> None:
    late = StreamRecord(started_at="2026-11-30T23:30:00-08:00", coins=1)  # Dec 1st in UTC
    ledger.add_stream(late, US)
    november = ledger.streams_between(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [s.record for s in november] == [late]
    assert ledger.streams_between(dt.date(2026, 12, 1), None) == []


def test_streams_come_in_start_order_across_offsets(ledger: Ledger) -> None:
    later = StreamRecord(started_at="2026-11-20T12:00:00+00:00", coins=1)
    earlier = StreamRecord(started_at="2026-11-20T12:30:00+01:00", coins=2)  # 11:30 UTC
    ledger.add_stream(later, US)
    ledger.add_stream(earlier, US)
    assert [s.record.coins for s in ledger.streams()] == [2, 1]


def test_import_skips_rows_already_present_and_says_so(ledger: Ledger) -> None:
    ledger.add_stream(TEN_K, US)
    other = StreamRecord(started_at="2026-11-23T20:00:00Z", coins=5)
    summary = ledger.import_streams([TEN_K, other, other], US)
    assert (summary.new, summary.already_present) == (2, 1), "two equal rows are two streams"
    assert str(summary) == "2 new, 1 already present"
    again = ledger.import_streams([TEN_K, other], US)
    assert (again.new, again.already_present) == (0, 2)
    assert len(ledger.streams()) == 3


def test_reimport_after_a_rate_change_still_finds_the_rows(ledger: Ledger) -> None:
    rows = [StreamRecord(started_at=f"2026-11-{day:02d}T20:00:00Z", coins=day) for day in (1, 2)]
    ledger.import_streams(rows, US)
    summary = ledger.import_streams(rows, US.with_figures(diamonds_per_coin=Decimal("0.5")))
    assert summary.new == 0


def test_import_takes_a_backup_first(ledger: Ledger) -> None:
    ledger.import_streams([TEN_K], US)
    assert any("import" in p.name for p in ledger.backups_dir.iterdir())


def test_a_cancelled_import_leaves_nothing(ledger: Ledger) -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    many = [
        StreamRecord(started_at=(start + dt.timedelta(hours=i)).isoformat(), coins=i, tags=("new",))
        for i in range(9000)
    ]

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done >= 4000:
            raise Cancelled

    with pytest.raises(Cancelled):
        ledger.import_streams(many, US, progress=cancel)
    assert ledger.streams() == []
    assert ledger.tags() == ["qa", "talent", "chat", "collab", "promoted", "incentive"]


def test_progress_reaches_the_total(ledger: Ledger) -> None:
    seen: list[tuple[int, int]] = []
    rows = [StreamRecord(started_at=f"2026-11-20T20:00:{s:02d}Z", coins=s) for s in range(50)]
    ledger.import_streams(rows, US, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (50, 50)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_new_tags_are_added_for_the_user(ledger: Ledger) -> None:
    ledger.add_stream(
        StreamRecord(started_at="2026-11-20T20:00:00Z", coins=1, tags=("Dance Off",)), US
    )
    assert ledger.tags()[-1] == "dance_off"


def test_income_round_trip_and_duplicates(ledger: Ledger) -> None:
    deal = IncomeRecord(dt.date(2026, 11, 3), "sponsorship", Decimal("250.00"), "EUR", "Brand X")
    logged = ledger.add_income(deal)
    assert logged.record == deal
    summary = ledger.import_income(
        [deal, IncomeRecord(dt.date(2026, 11, 4), "Ko-fi", Decimal(5), "USD")]
    )
    assert (summary.new, summary.already_present) == (1, 1)
    assert "ko-fi" in ledger.sources()
    assert [e.record.source for e in ledger.income()] == ["sponsorship", "ko-fi"]
    assert ledger.delete_income(logged.id).record == deal
    assert len(ledger.income()) == 1


def test_balance_is_earned_minus_cashed_out(ledger: Ledger) -> None:
    ledger.add_stream(TEN_K, US)
    ledger.add_stream(StreamRecord(started_at="2026-11-21T20:00:00Z", coins=15), US)
    assert ledger.balance_diamonds() == 1001  # 15 coins credit 1 whole diamond
    ledger.add_payout(PayoutRecord(dt.date(2026, 11, 25), 1000, Decimal(50)))
    assert ledger.balance_diamonds() == 1
    assert ledger.payouts()[0].record.cash_usd == Decimal(50)


def test_a_payout_above_the_balance_is_refused(ledger: Ledger) -> None:
    with pytest.raises(LedgerError, match="cannot cash out 10 diamonds: the balance is 0"):
        ledger.add_payout(PayoutRecord(dt.date(2026, 11, 25), 10, Decimal("0.50")))


def test_a_second_writer_is_told_the_home_is_open(ledger: Ledger) -> None:
    with pytest.raises(LedgerError, match="already open"):
        Ledger.open(ledger.path, ledger.backups_dir)


def test_readers_work_beside_the_writer(ledger: Ledger) -> None:
    ledger.add_stream(TEN_K, US)
    with Ledger.open(ledger.path, ledger.backups_dir, writable=False) as reader:
        assert [s.record for s in reader.streams()] == [TEN_K]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.connection.execute("DELETE FROM streams")


def test_backup_and_restore_round_trip(ledger: Ledger, tmp_path: Path) -> None:
    ledger.add_stream(TEN_K, US)
    saved = ledger.backup()
    ledger.add_stream(StreamRecord(started_at="2026-11-22T20:00:00Z", coins=5), US)
    safety = ledger.restore(saved)
    assert [s.record for s in ledger.streams()] == [TEN_K]
    assert safety.exists()
    assert safety != saved


def test_sample_data_is_marked_and_removed_in_one_step(ledger: Ledger) -> None:
    import datetime as dt_module

    from livetally.core.sample import sample_data

    mine = ledger.add_stream(TEN_K, US)
    data = sample_data(dt_module.date(2026, 11, 25))
    ledger.add_sample_data(data.streams, data.income, US)
    assert ledger.has_sample_data()
    assert sum(s.sample for s in ledger.streams()) == len(data.streams)
    assert all(e.sample for e in ledger.income())
    assert ledger.remove_sample_data() == len(data.streams) + len(data.income)
    assert not ledger.has_sample_data()
    assert ledger.streams() == [mine]
    assert ledger.income() == []


def test_a_worker_connection_writes_beside_the_owner(ledger: Ledger) -> None:
    with Ledger.open_worker(ledger.path, ledger.backups_dir) as worker:
        worker.add_stream(TEN_K, US)
    assert [s.record for s in ledger.streams()] == [TEN_K]
    with pytest.raises(LedgerError, match="already open"):
        Ledger.open(ledger.path, ledger.backups_dir)  # closing the worker kept the lock


def test_a_payout_takes_the_oldest_diamonds_first_at_their_own_rates(ledger: Ledger) -> None:
    """The balance's worth is the streams' own cash less what was cashed out, oldest first:
    with no payout it is exactly the streams' total, whatever their rates."""
    dear = US.with_figures(diamond_usd=Decimal("0.06"))
    ledger.add_stream(StreamRecord("2026-11-01T20:00:00Z", 0, diamonds=Decimal(600)), US)
    ledger.add_stream(StreamRecord("2026-11-02T20:00:00Z", 0, diamonds=Decimal(500)), dear)
    assert ledger.balance() == Balance(1100, 600 * Decimal("0.05") + 500 * Decimal("0.06"))
    ledger.add_payout(PayoutRecord(dt.date(2026, 11, 25), 1000, Decimal(50)))
    # 600 at $0.05 and 400 at $0.06 went; 100 at $0.06 are left.
    assert ledger.balance() == Balance(100, 100 * Decimal("0.06"))
