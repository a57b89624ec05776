"""The gift catalog and gift lists: what a creator types after a stream, turned into coins."""

from __future__ import annotations

import pytest

from livetally.core.gifts import (
    Gift,
    GiftCatalog,
    GiftCount,
    UnknownGiftError,
    parse_gift_counts,
    total_coins,
)
from livetally.core.money import InputError

ROSE = Gift("Rose", 1, 5655)
TIKTOK = Gift("TikTok", 1, 5269)
FINGER_HEART = Gift("Finger Heart", 5, 5487)
GALAXY = Gift("Galaxy", 1000, 11046)
LION = Gift("Lion", 29999, 6369)
UNIVERSE = Gift("TikTok Universe", 44999, 9101)


@pytest.fixture
def catalog() -> GiftCatalog:
    return GiftCatalog([UNIVERSE, GALAXY, ROSE, LION, FINGER_HEART, TIKTOK])


def test_find_ignores_case_and_extra_spaces(catalog: GiftCatalog) -> None:
    assert catalog.find("rose") is ROSE
    assert catalog.find("  FINGER   heart ") is FINGER_HEART
    assert "tiktok universe" in catalog
    assert "Tiktok  Universe" in catalog
    assert "Galaxi" not in catalog
    assert 5655 not in catalog


def test_catalog_keeps_the_order_it_was_given(catalog: GiftCatalog) -> None:
    assert len(catalog) == 6
    assert list(catalog) == [UNIVERSE, GALAXY, ROSE, LION, FINGER_HEART, TIKTOK]


def test_unknown_name_suggests_the_closest_spelling(catalog: GiftCatalog) -> None:
    with pytest.raises(UnknownGiftError) as caught:
        catalog.find(" Galaxi ")
    assert str(caught.value) == "gifts: unknown gift 'Galaxi'; did you mean 'Galaxy'?"
    assert caught.value.name == "Galaxi"
    assert caught.value.suggestions == ["Galaxy"]
    assert caught.value.field == "gifts"


def test_unknown_name_without_anything_close_has_no_suggestion(catalog: GiftCatalog) -> None:
    with pytest.raises(UnknownGiftError) as caught:
        catalog.find("Zebra")
    assert str(caught.value) == "gifts: unknown gift 'Zebra'"
    assert caught.value.suggestions == []


def test_suggestions_include_names_containing_the_text(catalog: GiftCatalog) -> None:
    assert catalog.suggest("tik") == ["TikTok", "TikTok Universe"]


def test_a_name_listed_twice_ignoring_case_is_refused() -> None:
    with pytest.raises(ValueError, match=r"gift ' rose ' is listed twice"):
        GiftCatalog([ROSE, Gift(" rose ", 2)])


def test_search_finds_names_containing_the_text_cheapest_first(catalog: GiftCatalog) -> None:
    assert catalog.search("TIK") == [TIKTOK, UNIVERSE]
    assert catalog.search("o") == [ROSE, TIKTOK, LION, UNIVERSE]
    assert catalog.search("zebra") == []
    assert catalog.search("") == [ROSE, TIKTOK, FINGER_HEART, GALAXY, LION, UNIVERSE]


def test_gift_counts_add_up_to_coins(catalog: GiftCatalog) -> None:
    counts = parse_gift_counts("Rose:10,Galaxy:2", catalog)
    assert counts == [GiftCount(ROSE, 10), GiftCount(GALAXY, 2)]
    assert [count.coins for count in counts] == [10, 2000]
    assert total_coins(counts) == 2010


def test_spaces_and_case_in_a_gift_list_are_forgiven(catalog: GiftCatalog) -> None:
    counts = parse_gift_counts("  rose : 10 ,  finger  HEART:3 , ", catalog)
    assert counts == [GiftCount(ROSE, 10), GiftCount(FINGER_HEART, 3)]
    assert total_coins(counts) == 25


def test_a_name_without_a_count_means_one(catalog: GiftCatalog) -> None:
    counts = parse_gift_counts("Lion, tiktok universe", catalog)
    assert counts == [GiftCount(LION, 1), GiftCount(UNIVERSE, 1)]
    assert total_coins(counts) == 29999 + 44999


def test_a_gift_named_twice_is_added_up(catalog: GiftCatalog) -> None:
    counts = parse_gift_counts("Rose:3,Galaxy,rose:2, ROSE", catalog)
    assert counts == [GiftCount(ROSE, 6), GiftCount(GALAXY, 1)]
    assert total_coins(counts) == 1006


def test_no_gifts_is_zero_coins() -> None:
    assert total_coins([]) == 0


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "gifts: is empty; expected NAME:COUNT pairs such as Rose:10,Galaxy:2"),
        (" , ,", "gifts: is empty; expected NAME:COUNT pairs such as Rose:10,Galaxy:2"),
        ("Rose:-1", "gifts (Rose count): must not be negative, got -1"),
        ("Rose:1.5", "gifts (Rose count): must be a whole number, got 1.5"),
        ("Rose:abc", "gifts (Rose count): expected a whole number such as 500, got 'abc'"),
        ("Rose:", "gifts (Rose count): is empty; expected a whole number such as 500"),
        (":3", "gifts: expected NAME:COUNT such as Rose:10, got ':3'"),
        ("Rose:1, :3", "gifts: expected NAME:COUNT such as Rose:10, got ':3'"),
        ("Rose:1,Galaxi:2", "gifts: unknown gift 'Galaxi'; did you mean 'Galaxy'?"),
    ],
)
def test_a_bad_gift_list_says_what_was_expected(
    catalog: GiftCatalog, spec: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_gift_counts(spec, catalog)
    assert str(caught.value) == message
