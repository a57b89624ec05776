"""Sort keys a Qt model can compare exactly: money never becomes a float on its way to Qt."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from decimal import Decimal

SortKey = int | Decimal | str
QtSortKey = int | str


def decimal_sort_key(value: Decimal) -> str:
    """Text that sorts (by plain code-point comparison) exactly as the numbers do.

    A Decimal handed to Qt is an opaque Python object that QSortFilterProxyModel cannot
    compare, and float would merge 0.004 and 0.0040000000000000001. The key is the sign,
    the count of integer digits, the digits and the fraction without trailing zeros;
    negative values have every digit complemented and end in ``~`` so that they run the
    other way. Good for up to 9,999 integer digits (money here has at most 13).
    """
    integer, _, fraction = f"{value.copy_abs():f}".partition(".")  # exact: abs() rounds
    integer = integer.lstrip("0")
    fraction = fraction.rstrip("0")
    if value >= 0:
        return f"1{len(integer):04d}{integer}.{fraction}"
    flip = str.maketrans("0123456789", "9876543210")
    return f"0{9999 - len(integer):04d}{integer.translate(flip)}.{fraction.translate(flip)}~"


def qt_sort_key(key: SortKey) -> QtSortKey:
    """The Qt-comparable form of a native sort key (Decimals become exact text)."""
    return decimal_sort_key(key) if isinstance(key, Decimal) else key


def compact_keys(diamonds: Sequence[str], rates: Sequence[Decimal]) -> Sequence[SortKey]:
    """Exact sort keys for ``diamonds`` times ``rates`` (row by row) in 8 bytes each rather
    than a Decimal of over 100, made without a list of Decimals even for a moment.

    Each product becomes a whole number of one unit small enough for all of them: the
    smallest decimal place any diamonds text uses times the smallest any rate uses (a
    product of Decimals has exactly the places of both). When one does not fit in 64 bits,
    or a text is not plain decimal notation, the keys are the Decimals themselves.
    """
    places = max((len(d) - d.find(".") - 1 for d in diamonds if "." in d), default=0)
    exponents = {rate.as_tuple().exponent for rate in set(rates)}
    if not all(isinstance(e, int) for e in exponents) or any(
        "e" in d or "E" in d for d in diamonds
    ):
        return [Decimal(d) * rate for d, rate in zip(diamonds, rates, strict=True)]
    unit = -places + min((e for e in exponents if isinstance(e, int)), default=0)
    try:
        return array(
            "q",
            (
                int((Decimal(d) * rate).scaleb(-unit))
                for d, rate in zip(diamonds, rates, strict=True)
            ),
        )
    except OverflowError:
        return [Decimal(d) * rate for d, rate in zip(diamonds, rates, strict=True)]
