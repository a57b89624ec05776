"""Counts with their nouns: one helper, so "1 diamonds" cannot come back anywhere."""

from __future__ import annotations

from livetally.core.words import RECORD_NOUNS, counted, noun


def test_one_is_singular_everything_else_plural() -> None:
    assert counted(1, "diamond") == "1 diamond"
    assert counted(0, "diamond") == "0 diamonds"
    assert counted(1_000, "diamond") == "1,000 diamonds"
    assert counted(1, "new stream") == "1 new stream"
    assert counted(2, *RECORD_NOUNS["income"]) == "2 income entries"
    assert counted(1, *RECORD_NOUNS["income"]) == "1 income entry"
    assert noun(1, "stream") == "stream"
    assert noun(3, "stream") == "streams"


def test_a_number_laid_out_by_the_caller_is_kept() -> None:
    assert counted(1_000, "coin", shown="1.000") == "1.000 coins"
