"""What ``livetally report`` says of what pays: cash per hour with its 90% interval, by
tag, weekday, start hour, weekday and hour, or stream length; and the hourly wage per month.

``report --by tag|weekday`` keeps every key it had and adds ``low``, ``high`` and
``enough_data`` to each group; ``--by hour|weekday-hour|length`` give groups of the same
shape. Interval ends are rounded down to the currency's minor unit, as every cash figure
is, so the rounded figures keep their order (low <= figure <= high).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from livetally.cli.output import amount, columns, money
from livetally.core.hourly_wage import MonthWage
from livetally.core.money import minor_unit, round_down
from livetally.core.report import untimed_note
from livetally.core.what_pays import (
    CONFIDENCE,
    MIN_STREAMS,
    TOO_FEW,
    Dimension,
    PayGroup,
    verdict,
)

#: Groupings only the "what pays" report makes (tag and weekday are the earnings report's,
#: with intervals added).
PAYS_ONLY = (Dimension.HOUR, Dimension.WEEKDAY_HOUR, Dimension.LENGTH)
#: How the heading and the verdict name a group of each kind.
_WHAT = {
    Dimension.TAG: "tag",
    Dimension.WEEKDAY: "weekday",
    Dimension.HOUR: "start hour",
    Dimension.WEEKDAY_HOUR: "weekday and start hour",
    Dimension.LENGTH: "length",
}
_COLUMN = {
    Dimension.HOUR: "Start hour",
    Dimension.WEEKDAY_HOUR: "Weekday, hour",
    Dimension.LENGTH: "Length",
}


def _shown(value: Decimal, currency: str) -> str:
    return amount(round_down(value, minor_unit(currency)), currency)


def _money(value: Decimal, currency: str) -> str:
    return money(round_down(value, minor_unit(currency)), currency)


def interval_fields(group: PayGroup | None, currency: str) -> dict[str, Any]:
    """``low``, ``high`` (decimal strings, or None without a figure) and ``enough_data``."""
    if group is None or group.low is None or group.high is None:
        return {"low": None, "high": None, "enough_data": False}
    return {
        "low": _shown(group.low, currency),
        "high": _shown(group.high, currency),
        "enough_data": group.enough_data,
    }


def interval_text(group: PayGroup | None, currency: str) -> str:
    """The interval as a table cell: ``$4.10-$7.30``, or why there is none to trust."""
    if group is None or group.low is None or group.high is None:
        return ""
    if not group.enough_data:
        return TOO_FEW
    return f"{_money(group.low, currency)}-{_money(group.high, currency)}"


def note(groups: Sequence[PayGroup], dimension: Dimension) -> str:
    """What the table's intervals allow one to say, and what "too few" means."""
    lines = [verdict(groups, _WHAT[dimension])]
    if any(not group.enough_data for group in groups):
        lines.append(f"A group needs {MIN_STREAMS} streams with a duration to tell.")
    return "\n".join(lines)


def pays_payload(
    dimension: Dimension, groups: Sequence[PayGroup], total: Decimal, untimed: int, currency: str
) -> dict[str, Any]:
    """``report --by hour|weekday-hour|length --json``: each group shaped as a tag
    report's, plus the streams without a duration (which have no length band)."""
    by_group = {
        group.key: {
            "total": _shown(group.cash, currency),
            "streams": group.streams,
            "hours": str(group.hours.quantize(Decimal("0.01"))),
            "cash_per_hour": (
                None if group.cash_per_hour is None else _shown(group.cash_per_hour, currency)
            ),
            "streams_without_duration": group.untimed,
            **interval_fields(group, currency),
        }
        for group in groups
    }
    return {
        "currency": currency,
        "total": _shown(total, currency),
        "streams_without_duration": untimed,
        f"by_{dimension.value.replace('-', '_')}": by_group,
    }


def pays_text(
    dimension: Dimension, groups: Sequence[PayGroup], total: Decimal, untimed: int, currency: str
) -> str:
    """``report --by hour|weekday-hour|length`` for people."""
    heading = f"Cash per hour by {_WHAT[dimension]}, in {currency} ({CONFIDENCE} intervals)"
    rows = [
        (
            group.key,
            str(group.streams),
            f"{group.hours:.1f}",
            _money(group.cash, currency),
            "" if group.cash_per_hour is None else _money(group.cash_per_hour, currency),
            interval_text(group, currency),
        )
        for group in groups
    ]
    footer = ("Total", "", "", _money(total, currency), "", "")
    header = (_COLUMN[dimension], "Streams", "Hours", "Cash", "Cash/hour", "90% interval")
    table = columns(header, [*rows, footer], text=frozenset({0, 5}))
    lines = [heading, table]
    if untimed:
        lines.append(untimed_note(untimed))
    lines.append(note(groups, dimension))
    return "\n".join(lines)


def wage_fields(wage: MonthWage, currency: str) -> dict[str, Any]:
    """A month's effective hourly wage for ``report --by month --json``."""
    return {
        "hours": str(wage.hours.quantize(Decimal("0.01"))),
        "cash": _shown(wage.cash, currency),
        "payout_fee": _shown(wage.fee, currency),
        "set_aside": _shown(wage.reserve, currency),
        "per_hour": None if wage.per_hour is None else _shown(wage.per_hour, currency),
        "streams_without_duration": wage.untimed,
    }


def wage_text(wages: Mapping[str, MonthWage], fee_percent: Decimal, currency: str) -> str:
    """The effective hourly wage per month, under the monthly report."""
    rows = [
        (
            month,
            f"{wage.hours:.1f}",
            _money(wage.cash, currency),
            _money(wage.fee, currency),
            _money(wage.reserve, currency),
            "" if wage.per_hour is None else _money(wage.per_hour, currency),
        )
        for month, wage in wages.items()
    ]
    heading = (
        "Effective hourly wage: LIVE cash (after TikTok's cut) less the payout fee "
        f"({fee_percent.normalize():f}%) and the set-aside"
    )
    table = columns(("Month", "Hours", "Cash", "Fee", "Set aside", "Per hour"), rows)
    untimed = sum(wage.untimed for wage in wages.values())
    return "\n".join([heading, table, *([untimed_note(untimed)] if untimed else [])])
