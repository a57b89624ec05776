"""Decimal money: strict parsing of what people type, and rounding once, at the edge.

Every amount stays an exact :class:`~decimal.Decimal` until it is shown or paid out. The
helpers here are the only places that round, so the rules (creator money down to the cent,
diamonds down to whole ones) live in one spot.
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ONE = Decimal(1)
ZERO = Decimal(0)

#: Above this a count of coins, diamonds or gifts is taken as a typo (10^12 coins is $10bn).
MAX_COUNT = 10**12
#: Above this a cash figure is taken as a typo.
MAX_AMOUNT = Decimal(10**12)

# ISO 4217 currencies whose smallest unit is the whole unit (no cents).
_ZERO_DECIMAL_CURRENCIES = frozenset(
    "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF".split()  # noqa: SIM905
)

_WHOLE = re.compile(r"\d+|\d{1,3}(?:,\d{3})+")
_DECIMAL = re.compile(r"(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?|\.\d+")


class InputError(ValueError):
    """A value a person gave cannot be used.

    ``field`` names the input as the person knows it (an option or a label), so every layer
    can show the message next to the right place without parsing it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def parse_count(text: str | int, field: str, *, maximum: int = MAX_COUNT) -> int:
    """Read a whole, non-negative count such as coins, diamonds or gifts.

    Accepts ``10000``, ``10,000`` and ``10_000``; refuses fractions, signs, words and
    anything above ``maximum`` with a message that says what was expected.
    """
    if isinstance(text, bool):
        raise InputError(field, f"expected a whole number, got {text!r}")
    raw = str(text) if isinstance(text, int) else text.strip().replace("_", "")
    if not raw:
        raise InputError(field, "is empty; expected a whole number such as 500")
    if raw.startswith("-"):
        raise InputError(field, f"must not be negative, got {raw}")
    if raw.startswith("+"):
        raise InputError(field, f"expected a whole number without a sign, got {raw}")
    if not _WHOLE.fullmatch(raw):
        if _DECIMAL.fullmatch(raw.lstrip("+")):
            raise InputError(field, f"must be a whole number, got {raw}")
        raise InputError(field, f"expected a whole number such as 500, got {raw!r}")
    digits = raw.replace(",", "")
    # Checked before int(), which refuses numbers of over 4,300 digits with a bare ValueError.
    if len(digits.lstrip("0")) > len(str(maximum)) or int(digits) > maximum:
        shown = raw if len(raw) <= 24 else f"{raw[:20]}..."
        raise InputError(field, f"is too large: {shown} (at most {maximum:,})")
    return int(digits)


def parse_amount(
    text: str | Decimal, field: str, *, maximum: Decimal = MAX_AMOUNT, allow_zero: bool = True
) -> Decimal:
    """Read a non-negative decimal amount such as ``49.99`` or ``1,250.5`` exactly.

    Exponents, ``NaN`` and ``Infinity`` are refused: nobody types them on purpose, and they
    would otherwise slip through :class:`~decimal.Decimal`.
    """
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise InputError(field, f"expected a number, got {text}")
        value = text
        raw = format_decimal(text)
    else:
        raw = text.strip().replace("_", "")
        if not raw:
            raise InputError(field, "is empty; expected an amount such as 49.99")
        if raw.startswith("-"):
            raise InputError(field, f"must not be negative, got {raw}")
        if not _DECIMAL.fullmatch(raw):
            raise InputError(field, f"expected an amount such as 49.99, got {raw!r}")
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid text
            raise InputError(field, f"expected an amount such as 49.99, got {raw!r}") from None
    if value < 0:
        raise InputError(field, f"must not be negative, got {raw}")
    if not allow_zero and value == 0:
        raise InputError(field, "must be greater than 0")
    if value > maximum:
        raise InputError(field, f"is too large: {raw} (at most {maximum:,})")
    return value


def parse_diamonds(text: str | Decimal, field: str) -> Decimal:
    """Read a diamond count as TikTok credits them: whole (``1000`` or ``1,000.00``).

    A fraction is refused rather than dropped: it is a typo or a figure worked out
    elsewhere, and the stream's cash is the shown diamonds times the diamond price.
    """
    value = parse_amount(text, field, maximum=Decimal(MAX_COUNT))
    if value != value.to_integral_value():
        raise InputError(
            field, f"must be whole diamonds, as your TikTok wallet shows them, got {text}"
        )
    return Decimal(int(value))


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency`` that is paid out: 1 for yen and won, else 0.01."""
    return ONE if currency.upper() in _ZERO_DECIMAL_CURRENCIES else CENT


def round_down(value: Decimal, step: Decimal = CENT) -> Decimal:
    """Round towards zero to a multiple of ``step``: what a creator is sure to receive."""
    return value.quantize(step, rounding=ROUND_DOWN)


def round_up(value: Decimal, step: Decimal = ONE) -> Decimal:
    """Round up to a multiple of ``step``: what is needed to be sure to reach a figure."""
    return value.quantize(step, rounding=ROUND_CEILING)


def round_half_up(value: Decimal, step: Decimal = CENT) -> Decimal:
    """Commercial rounding, for estimates that are neither owed nor promised (viewer spend)."""
    return value.quantize(step, rounding=ROUND_HALF_UP)


def whole_diamonds(value: Decimal) -> int:
    """Diamonds as TikTok credits them: whole ones, any fraction dropped."""
    return int(round_down(value, ONE))


def format_decimal(value: Decimal) -> str:
    """Plain fixed-point text with no exponent and no trailing zeros after the point.

    ``Decimal("5E+1")`` becomes ``"50"`` and ``Decimal("0.0500")`` becomes ``"0.05"``: the
    form a person would write, and the form stored in settings.toml.
    """
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def plain_decimal(value: Decimal) -> str:
    """Fixed-point text that keeps the places given: ``250.00`` stays ``250.00``.

    For amounts of money a person typed, where the cents they wrote are part of the value
    they expect to see again; exponents are written out (``1E+2`` is ``100``).
    """
    return f"{value:f}"
