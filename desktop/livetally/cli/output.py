"""How the command line shows numbers: JSON with decimal strings, text for people."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from livetally.core.money import CENT, ONE, format_decimal, minor_unit

_SHARE_STEP = Decimal("0.0001")


def print_json(payload: Mapping[str, Any]) -> None:
    """One JSON object; Decimals become decimal strings, never floats."""
    print(json.dumps(payload, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, Decimal):
        return format_decimal(value)
    raise TypeError(f"cannot show {type(value).__name__} as JSON")


def money(value: Decimal, currency: str = "USD") -> str:
    """``$1,234.56`` for dollars, ``1,234.56 EUR`` for the rest (already rounded)."""
    places = 0 if minor_unit(currency) == ONE else 2
    text = f"{value:,.{places}f}"
    return f"${text}" if currency == "USD" else f"{text} {currency}"


def amount(value: Decimal, currency: str) -> str:
    """An amount already rounded to ``currency``'s minor unit, with all its places."""
    return f"{value.quantize(minor_unit(currency)):f}"


def cents(value: Decimal) -> str:
    """A USD amount as a decimal string with exactly two places (``"50.00"``)."""
    return f"{value.quantize(CENT):f}"


def share(value: Decimal) -> str:
    """A 0..1 ratio as a short decimal string (``"0.5"``), four places at most."""
    return format_decimal(value.quantize(_SHARE_STEP))


def percent(value: Decimal) -> str:
    return f"{value * 100:.1f}%"


def count(value: int | Decimal) -> str:
    return f"{value:,}"


def table(rows: list[tuple[str, str]], *, numbers: bool = True) -> str:
    """Label and value columns; numbers are right-aligned so their digits line up."""
    label_width = max(len(label) for label, _ in rows)
    value_width = max(len(value) for _, value in rows) if numbers else 0
    align = ">" if numbers else "<"
    return "\n".join(
        f"{label:<{label_width}}  {value:{align}{value_width}}".rstrip() for label, value in rows
    )


def columns(
    header: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    *,
    text: frozenset[int] = frozenset({0}),
) -> str:
    """A table with a header: ``text`` columns left-aligned, numbers right-aligned."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i in text else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in (header, *rows)
    )
