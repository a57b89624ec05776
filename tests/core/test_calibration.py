"""Calibration: the creator's wallet readings become the profile's figures.

(Test names avoid a certain word so that ``-k "not gift"`` keeps them selected.)
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from livetally.core.calibration import Calibration, WalletReading, calibrate
from livetally.core.money import InputError
from livetally.core.rates import RateProfile


def us(**figures: Decimal | str) -> RateProfile:
    return RateProfile("US", "United States", "USD").with_figures(**figures)


def test_wallet_reading_sets_diamond_usd_and_leaves_diamonds_per_coin() -> None:
    result = calibrate(us(), WalletReading(wallet_diamonds=1000, wallet_usd=Decimal("5.00")))
    assert isinstance(result, Calibration)
    assert result.after.diamond_usd == Decimal("0.005")
    assert result.after.diamonds_per_coin == Decimal("0.1")
    assert result.after.coin_usd == Decimal("0.01")
    assert result.after.country == "US"
    assert result.after.payout_minimum_usd == 50


def test_share_before_and_after() -> None:
    result = calibrate(us(), WalletReading(1000, Decimal("5.00")))
    assert result.before == us()
    assert result.before.creator_share == Decimal("0.5")
    assert result.after.creator_share == Decimal("0.05")
    assert result.after.tiktok_share == Decimal("0.95")


def test_coins_and_credited_diamonds_set_diamonds_per_coin() -> None:
    reading = WalletReading(1000, Decimal("5.00"), gift_coins=2, gift_diamonds=1)
    result = calibrate(us(), reading)
    assert result.after.diamonds_per_coin == Decimal("0.5")
    assert result.after.diamond_usd == Decimal("0.005")
    assert result.before.creator_share == Decimal("0.5")
    assert result.after.creator_share == Decimal("0.25")


def test_calibrated_rates_are_decimals_kept_to_twelve_places() -> None:
    result = calibrate(us(), WalletReading(3, Decimal("0.01"), gift_coins=3, gift_diamonds=1))
    assert isinstance(result.after.diamond_usd, Decimal)
    assert result.after.diamond_usd == Decimal("0.003333333333")
    assert result.after.diamonds_per_coin == Decimal("0.333333333333")
    assert result.after.problems() == []


def test_the_original_profile_is_left_alone() -> None:
    profile = us()
    calibrate(profile, WalletReading(1000, Decimal("5.00"), gift_coins=2, gift_diamonds=1))
    assert profile.diamond_usd == Decimal("0.05")
    assert profile.diamonds_per_coin == Decimal("0.1")


def test_readings_giving_a_share_above_one_hundred_percent_are_refused() -> None:
    # 1,000 diamonds = $200 makes a diamond $0.20; at 0.1 per $0.01 coin that is 200%.
    with pytest.raises(InputError) as caught:
        calibrate(us(), WalletReading(1000, Decimal(200)))
    assert caught.value.field == "wallet_usd"
    assert "above 100%" in caught.value.message
    assert "US" in caught.value.message


def test_coin_reading_that_pushes_the_share_above_one_hundred_percent_is_refused() -> None:
    # $0.05 a diamond is fine at 0.1 diamonds per coin, but 1 diamond per coin is 500%.
    with pytest.raises(InputError, match="above 100%"):
        calibrate(us(), WalletReading(1000, Decimal(50), gift_coins=1, gift_diamonds=1))


def test_a_share_of_exactly_one_hundred_percent_is_accepted() -> None:
    result = calibrate(us(), WalletReading(1000, Decimal(100)))
    assert result.after.creator_share == 1


@pytest.mark.parametrize(
    ("diamonds", "usd", "field"),
    [
        (0, Decimal(5), "wallet_diamonds"),
        (-1, Decimal(5), "wallet_diamonds"),
        (1000, Decimal(0), "wallet_usd"),
        (1000, Decimal("-5"), "wallet_usd"),
    ],
)
def test_zero_or_negative_wallet_figures_are_refused(
    diamonds: int, usd: Decimal, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        calibrate(us(), WalletReading(diamonds, usd))
    assert caught.value.field == field
    # Refused as a reading, not as a profile that "does not fit" afterwards.
    assert caught.value.message == "must be greater than 0"


@pytest.mark.parametrize(
    ("coins", "credited"),
    [(2, None), (None, 1)],
    ids=["coins-only", "diamonds-only"],
)
def test_only_one_of_the_coin_reading_figures_is_refused(
    coins: int | None, credited: int | None
) -> None:
    reading = WalletReading(1000, Decimal(5), gift_coins=coins, gift_diamonds=credited)
    with pytest.raises(InputError, match="together"):
        calibrate(us(), reading)


@pytest.mark.parametrize(
    ("coins", "credited", "field"),
    [
        (0, 1, "gift_coins"),
        (-2, 1, "gift_coins"),
        (2, 0, "gift_diamonds"),
        (2, -1, "gift_diamonds"),
    ],
    ids=["zero-coins", "negative-coins", "zero-credited", "negative-credited"],
)
def test_zero_or_negative_coin_reading_figures_are_refused(
    coins: int, credited: int, field: str
) -> None:
    reading = WalletReading(1000, Decimal(5), gift_coins=coins, gift_diamonds=credited)
    with pytest.raises(InputError, match="must be greater than 0") as caught:
        calibrate(us(), reading)
    assert caught.value.field == field


def test_a_rate_beyond_the_settings_bounds_is_refused_not_saved() -> None:
    # $0.01 for a trillion diamonds: $1e-14 a diamond, which no wallet shows and which the
    # settings file would refuse on the next start.
    with pytest.raises(InputError, match=r"diamond_usd expected a number between 0.0001 and 1"):
        calibrate(us(), WalletReading(10**12, Decimal("0.01")))
