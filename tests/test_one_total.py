"""One total, computed one way: every view of the same streams shows the same cash.

The balance (ledger and ``livetally balance``), ``livetally report`` by source, month and tag,
the stream log's summary, the status bar, the Calculator's payout panel and the Income
streams tab each once worked their total out their own way, and three of them disagreed by
a few cents. Here random ledgers (streams at several rates, some without a duration, some
with TikTok's own diamond counts) are put in front of every one of them.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from livetally.cli import main
from livetally.core.money import CENT, round_down
from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.models.formatting import Formatter
from livetally.settings.document import SettingsFile
from livetally.storage.ledger import Ledger

# The shipped US rates, and two calibrated ones whose diamond is not a whole number of cents.
US = RateProfile("US", "United States", "USD")
PROFILES = (
    US,
    US.with_figures(diamond_usd=Decimal("0.0512")),
    US.with_figures(diamond_usd=Decimal("0.0049"), diamonds_per_coin=Decimal("0.097")),
)
US_FORMAT = Formatter()


@dataclass(frozen=True)
class Drawn:
    """One stream to log: its record and the index of the rates it is logged at."""

    record: StreamRecord
    profile: int


def _record(
    n: int, coins: int, minutes: int | None, diamonds: int | None, tag: int
) -> StreamRecord:
    return StreamRecord(
        f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00+01:00",
        coins,
        duration_minutes=minutes,
        diamonds=None if diamonds is None else Decimal(diamonds),
        tags=(("qa",), (), ("qa", "collab"))[tag],
        notes=f"stream {n}",
    )


streams_st = st.lists(
    st.builds(
        lambda coins, minutes, diamonds, tag, profile: (coins, minutes, diamonds, tag, profile),
        st.integers(0, 2_000_000),
        st.none() | st.integers(0, 600),
        st.none() | st.integers(0, 100_000),
        st.integers(0, 2),
        st.integers(0, len(PROFILES) - 1),
    ),
    min_size=1,
    max_size=25,
)


def _drawn(raw: list[tuple[int, int | None, int | None, int, int]]) -> list[Drawn]:
    return [
        Drawn(_record(n, coins, minutes, diamonds, tag), profile)
        for n, (coins, minutes, diamonds, tag, profile) in enumerate(raw)
    ]


def _fill(home: Path, drawn: list[Drawn]) -> tuple[int, Decimal, list[Decimal]]:
    """Log ``drawn`` into the data home; the whole diamonds, the exact cash and each row's."""
    prepared = prepare_data_home(resolve_data_home(home))
    with Ledger.open(prepared.database_path, prepared.backups_dir) as ledger:
        for stream in drawn:
            ledger.add_stream(stream.record, PROFILES[stream.profile])
        logged = ledger.streams()
    diamonds = sum(int(s.diamonds) for s in logged)
    rows = [s.diamonds * s.diamond_usd for s in logged]
    return diamonds, sum(rows, Decimal(0)), rows


def _cli(*arguments: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(arguments)) == 0
    return out.getvalue()


def _cli_json(home: Path, *arguments: str) -> dict[str, object]:
    return json.loads(_cli("--data-dir", str(home), *arguments, "--json"))  # type: ignore[no-any-return]


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=streams_st)
def test_the_ledger_and_every_command_show_one_total(
    raw: list[tuple[int, int | None, int | None, int, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        diamonds, exact, rows = _fill(home, _drawn(raw))
        shown = round_down(exact, CENT)
        # A total differs from the sum of its rounded rows by less than a cent a row.
        assert 0 <= shown - sum(round_down(r, CENT) for r in rows) < CENT * len(rows)

        with Ledger.open(home / "livetally.sqlite3", home / "backups", writable=False) as ledger:
            balance = ledger.balance()
        assert (balance.diamonds, balance.worth_usd) == (diamonds, exact)

        cash = f"{shown:f}"
        as_balance = _cli_json(home, "balance")
        assert (as_balance["balance_diamonds"], as_balance["balance_usd"]) == (str(diamonds), cash)
        by_source = _cli_json(home, "report", "--by", "source")
        assert by_source["by_source"] == {"live_gifts": cash}
        assert by_source["total"] == cash
        for grouping in ("month", "tag", "weekday"):
            assert _cli_json(home, "report", "--by", grouping)["total"] == cash, grouping
        text = _cli("--data-dir", str(home), "balance")
        assert US_FORMAT.money(shown) in text


@settings(max_examples=25, deadline=None, database=None)
@given(raw=streams_st)
def test_cash_per_hour_leaves_out_the_streams_without_a_duration(
    raw: list[tuple[int, int | None, int | None, int, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        drawn = _drawn(raw)
        _fill(home, drawn)
        with Ledger.open(home / "livetally.sqlite3", home / "backups", writable=False) as ledger:
            logged = ledger.streams()
        by_tag = _cli_json(home, "report", "--by", "tag")["by_tag"]
        assert isinstance(by_tag, dict)
        for tag, group in by_tag.items():
            members = [s for s in logged if tag in (s.record.tags or ("(untagged)",))]
            timed = [s for s in members if s.record.duration_minutes]
            minutes = sum(s.record.duration_minutes or 0 for s in timed)
            assert group["streams_without_duration"] == len(members) - len(timed)
            if not minutes:
                assert group["cash_per_hour"] is None
                continue
            per_hour = sum((s.creator_usd for s in timed), Decimal(0)) * 60 / minutes
            assert group["cash_per_hour"] == f"{round_down(per_hour, CENT):f}"


def _seeded_ledger(seed: int) -> list[Drawn]:
    rng = random.Random(seed)
    raw = [
        (
            rng.randrange(0, 300_000),
            rng.choice([None, 0, 45, 90, 133]),
            rng.choice([None, None, rng.randrange(0, 40_000)]),
            rng.randrange(3),
            rng.randrange(len(PROFILES)),
        )
        for _ in range(rng.randrange(1, 40))
    ]
    return _drawn(raw)


@pytest.fixture
def filled_window(
    request: pytest.FixtureRequest, isolated_data_home: Path, qtbot: QtBot
) -> Iterator[tuple[object, int, Decimal]]:
    from livetally.app import create_main_window

    diamonds, exact, _rows = _fill(isolated_data_home, _seeded_ledger(request.param))
    window = create_main_window(isolated_data_home)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, diamonds, exact
    window.close()
    window.session.ledger.close()


@pytest.mark.parametrize("filled_window", [1, 2, 3, 4, 5], indirect=True)
def test_every_view_in_the_window_shows_the_same_cash(
    filled_window: tuple[object, int, Decimal], qtbot: QtBot, isolated_data_home: Path
) -> None:
    """The window's views against the exact total (which the test above ties to the
    commands): the status bar, the payout panel, the stream log and the income tab."""
    from livetally.ui.main_window import MainWindow

    window, diamonds, exact = filled_window
    assert isinstance(window, MainWindow)
    settings_file = SettingsFile.load(isolated_data_home / "settings.toml")
    assert settings_file.settings.currency == "USD"
    fmt = window.stream_log._format  # the window's own locale
    cash = fmt.money(exact)
    count = fmt.count(diamonds)

    assert f"Balance: {count} diamonds ({cash})" in window.balance.label.text()
    assert window.calculator.model.payout.balance == f"{count} diamonds = {cash}"

    window.tabs.setCurrentWidget(window.stream_log)
    qtbot.waitUntil(lambda: window.stream_log.model.rowCount() > 0)
    qtbot.waitUntil(lambda: cash in window.stream_log.summary.text())
    assert f" · {cash}" in window.stream_log.summary.text()

    window.tabs.setCurrentWidget(window.income)
    qtbot.waitUntil(lambda: "LIVE gifts" in window.income.shares.text())
    assert f"&nbsp;{cash}</td>" in window.income.shares.text()
