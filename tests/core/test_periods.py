import datetime as dt

import pytest

from livetally.core.periods import Period, period_range

TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period.ALL, (None, None)),
        (Period.THIS_MONTH, (dt.date(2026, 3, 1), TODAY)),
        (Period.LAST_MONTH, (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
        (Period.LAST_30_DAYS, (dt.date(2026, 2, 9), TODAY)),
        (Period.LAST_90_DAYS, (dt.date(2025, 12, 11), TODAY)),
        (Period.THIS_YEAR, (dt.date(2026, 1, 1), TODAY)),
        (Period.CUSTOM, (None, None)),
    ],
)
def test_period_ranges_include_both_ends(period: Period, expected: tuple[object, object]) -> None:
    assert period_range(period, TODAY) == expected


def test_last_month_in_january_is_december() -> None:
    assert period_range(Period.LAST_MONTH, dt.date(2026, 1, 15)) == (
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 31),
    )
