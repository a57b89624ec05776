"""When a data home is welcomed, and which country the welcome suggests (no widgets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from livetally.core.rates import RateProfile
from livetally.core.records import StreamRecord
from livetally.datahome import prepare_data_home, resolve_data_home
from livetally.models.first_run import FirstRunState, is_due, suggested_country
from livetally.models.session import Session
from livetally.storage.ledger import Ledger

PROFILES = ("US", "GB", "DE", "BR")


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [
        ("de_DE", "DE"),
        ("pt_BR", "BR"),
        ("en_GB", "GB"),
        ("fr_FR", "US"),  # no profile for FR here: the settings' own country
        ("C", "US"),
        ("", "US"),
        ("de_DE.UTF-8", "DE"),
        ("sr_Latn_RS", "US"),  # no RS profile; the script part is not a country
        ("pt_Latn_BR", "BR"),
    ],
)
def test_the_suggested_country_is_the_locales_when_there_is_a_profile(
    locale_name: str, expected: str
) -> None:
    assert suggested_country(PROFILES, "US", locale_name) == expected


def test_a_fresh_home_is_due_once_and_never_again(session: Session) -> None:
    assert is_due(session.home, session.ledger, read_only=False)
    FirstRunState(session.home).mark_done()
    assert not is_due(session.home, session.ledger, read_only=False)
    assert FirstRunState(session.home).is_done(), "kept on disk, read afresh"


def test_a_home_already_in_use_or_read_only_is_not_welcomed(session: Session) -> None:
    assert not is_due(session.home, session.ledger, read_only=True)
    session.ledger.add_stream(
        StreamRecord("2026-11-20T19:30:00Z", 100), RateProfile("US", "United States", "USD")
    )
    assert not is_due(session.home, session.ledger, read_only=False)


def test_the_flag_belongs_to_its_data_home(tmp_path: Path) -> None:
    first = prepare_data_home(resolve_data_home(tmp_path / "first"))
    second = prepare_data_home(resolve_data_home(tmp_path / "second"))
    FirstRunState(first).mark_done()
    with Ledger.open(second.database_path, second.backups_dir) as ledger:
        assert is_due(second, ledger, read_only=False)
    assert (first.root / "window.ini").read_text(encoding="utf-8").count("done=true") == 1
