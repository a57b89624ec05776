"""Any table of valid rows survives export -> import into a fresh ledger -> export."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livetally.core.records import IncomeRecord, StreamRecord
from livetally.storage.csv_read import read_income_csv, read_streams_csv
from livetally.storage.csv_write import write_income_csv, write_streams_csv
from livetally.storage.ledger import Ledger
from tests.storage.conftest import US
from tests.storage.test_csv_roundtrip import CURRENCIES, income_records, stream_records

LEDGER_PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _fresh_ledger(folder: Path) -> Ledger:
    return Ledger.open(folder / "livetally.sqlite3", folder / "backups")


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


@LEDGER_PROPERTY
@given(st.lists(stream_records, max_size=6, unique_by=lambda r: (r.started_at, r.coins, r.notes)))
def test_streams_survive_the_ledger(records: list[StreamRecord]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        first = io.StringIO(newline="")
        write_streams_csv(records, first)
        _write(root / "first.csv", first.getvalue())
        with _fresh_ledger(root) as ledger:
            summary = ledger.import_streams(read_streams_csv(root / "first.csv"), US)
            stored = [stream.record for stream in ledger.streams()]
        assert summary.new + summary.already_present == len(records)
        assert summary.new == len(stored) == len(set(stored))
        # Only the same stream twice (same instant, figures and notes) is dropped.
        assert set(stored) <= set(records)
        again = io.StringIO(newline="")
        write_streams_csv(stored, again)
        _write(root / "second.csv", again.getvalue())
        with _fresh_ledger(root / "other") as other:
            other.import_streams(read_streams_csv(root / "second.csv"), US)
            assert [stream.record for stream in other.streams()] == stored


@LEDGER_PROPERTY
@given(st.lists(income_records, max_size=6))
def test_income_survives_the_ledger(records: list[IncomeRecord]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with _fresh_ledger(root) as ledger:
            ledger.import_income(records)
            stored = [entry.record for entry in ledger.income()]
        assert set(stored) == set(records)
        out = io.StringIO(newline="")
        write_income_csv(stored, out)
        _write(root / "out.csv", out.getvalue())
        assert read_income_csv(root / "out.csv", CURRENCIES) == stored
