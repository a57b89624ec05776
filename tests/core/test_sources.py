"""Income sources: one id underneath, the name people read on top."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from livetally.core.records import BUILTIN_SOURCES, LIVE_GIFTS_SOURCE
from livetally.core.sources import source_id, source_label


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("creator_fund", "creator_rewards"),
        ("Creator Rewards", "creator_rewards"),
        ("Creator Fund / Creator Rewards Program", "creator_rewards"),
        ("  creator   REWARDS program ", "creator_rewards"),
        ("LIVE Subscriptions", "subscriptions"),
        ("Brand sponsorships", "sponsorship"),
        ("Affiliate", "affiliate"),
        ("Patreon Tips", "patreon_tips"),
        ("   ", ""),
    ],
)
def test_what_people_write_is_the_source_it_names(written: str, source: str) -> None:
    assert source_id(written) == source


def test_builtin_sources_have_names_never_ids() -> None:
    for source in [LIVE_GIFTS_SOURCE, *BUILTIN_SOURCES]:
        label = source_label(source)
        assert "_" not in label
        assert label != source
    assert source_label("creator_rewards") == "Creator Rewards"
    assert source_label("patreon_tips") == "Patreon Tips"


@given(st.sampled_from([*BUILTIN_SOURCES, "patreon_tips", "youtube_ads", "tips"]))
def test_a_name_shown_reads_back_as_its_source(source: str) -> None:
    assert source_id(source_label(source)) == source


def test_each_built_in_source_is_declared_once_and_read_everywhere_from_it() -> None:
    from livetally.core.records import BUILTIN_SOURCE_LIST, BUILTIN_SOURCES, LIVE_GIFTS
    from livetally.core.sources import source_id, source_label
    from livetally.ui.charts.base import PALETTE
    from livetally.ui.charts.income import source_colour

    assert list(BUILTIN_SOURCES) == [source.id for source in BUILTIN_SOURCE_LIST]
    for source in (LIVE_GIFTS, *BUILTIN_SOURCE_LIST):
        assert source_label(source.id) == source.name
        assert source_colour(source.id) == PALETTE[source.colour]
    for source in BUILTIN_SOURCE_LIST:
        assert source_id(source.name) == source.id
        assert source_id(source.description) == source.id
    colours = [source.colour for source in (LIVE_GIFTS, *BUILTIN_SOURCE_LIST)]
    assert len(set(colours)) == len(colours), "no two built-in sources share a colour"
