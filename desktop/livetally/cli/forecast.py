"""``livetally forecast``: when the balance reaches a payout, and this month and the next.

The rules are in :mod:`livetally.core.forecast`; the ledger is read through a few index-backed
queries (``storage.forecast``), so the answer is as quick on 100,000 streams as on 100.
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.inputs import date_option, local_now
from livetally.cli.output import amount, cents, columns, count, money, print_json, table
from livetally.core.forecast import Estimate, Forecast, MonthForecast, PayoutForecast
from livetally.core.money import minor_unit, round_down
from livetally.storage.forecast import forecast_as_of

#: What the JSON says for a payout date once the balance has reached the minimum.
NOW = "now"


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "forecast",
        help="when you can cash out; this month and the next, projected",
        description="From your own log: the day the balance should reach the payout minimum "
        "at the pace of the last 90 days, and this month's and next month's income per "
        "source, each with a range (the middle 90% of the log's own days and months drawn "
        "again at random, seeded, so the same log gives the same answer). Money in the report "
        "currency (settings: [app] currency).",
    )
    as_of_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def as_of_option(parser: argparse.ArgumentParser, dest: str = "as_of") -> None:
    parser.add_argument(
        "--as-of",
        dest=dest,
        metavar="DATE",
        help="the day to answer as of, YYYY-MM-DD (default: today); "
        "anything logged after it is left out",
    )


def as_of_day(text: str | None) -> dt.date:
    return date_option(text, "--as-of") or local_now().date()


def run(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    settings = context.settings_file.settings
    as_of = as_of_day(args.as_of)
    profile, rates = settings.profile(), settings.exchange_rates
    with context.ledger_to_read() as ledger:
        result = forecast_as_of(ledger, as_of, profile, rates, settings.currency)
    if args.json:
        print_json(payload(result))
    else:
        print(text(result))
    return 0


def shown(value: Decimal, currency: str) -> str:
    """A forecast amount as JSON gives it: rounded down, as every report rounds earnings."""
    return amount(round_down(value, minor_unit(currency)), currency)


def payout_dates(payout: PayoutForecast) -> tuple[str | None, str | None, str | None]:
    """The expected, earliest and latest payout day as JSON gives them."""
    if payout.reached:
        return NOW, NOW, NOW
    return _iso(payout.date), _iso(payout.earliest), _iso(payout.latest)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def payload(result: Forecast) -> dict[str, Any]:
    status = result.payout.status
    expected, earliest, latest = payout_dates(result.payout)
    return {
        "as_of": result.as_of.isoformat(),
        "currency": result.currency,
        "balance_diamonds": str(status.balance_diamonds),
        "balance_usd": cents(status.gross_usd),
        "payout_minimum_usd": cents(status.minimum_usd),
        "payout_date": expected,
        "payout_date_earliest": earliest,
        "payout_date_latest": latest,
        "months": [_month_payload(month, result.currency) for month in result.months],
    }


def _month_payload(month: MonthForecast, currency: str) -> dict[str, Any]:
    return {
        "month": month.label,
        **_estimate_payload(month.total, currency),
        "by_source": {
            source: _estimate_payload(estimate, currency)
            for source, estimate in month.by_source.items()
        },
    }


def _estimate_payload(estimate: Estimate, currency: str) -> dict[str, str]:
    return {
        "projected": shown(estimate.projected, currency),
        "low": shown(estimate.low, currency),
        "high": shown(estimate.high, currency),
        "earned_so_far": shown(estimate.earned_so_far, currency),
    }


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def payout_text(payout: PayoutForecast) -> str:
    """The next payout in words: "now", "about 27 Nov 2026 (...)", or why there is none."""
    if payout.reached:
        return "now: the balance has reached the payout minimum"
    if payout.date is None:
        if not payout.pace_days:
            return "not enough data: no stream logged yet"
        if payout.diamonds_per_day:
            return "not within a hundred years at the pace of the last 90 days"
        return f"not enough data: no diamonds in the last {payout.pace_days} days"
    assert payout.earliest is not None
    if payout.latest is None:
        spread = f"not before {day_text(payout.earliest)}; at the slowest, over two years"
    elif payout.earliest == payout.latest:
        spread = "the pace is steady"
    else:
        spread = f"between {day_text(payout.earliest)} and {day_text(payout.latest)}"
    return f"about {day_text(payout.date)} ({spread})"


def text(result: Forecast) -> str:
    payout, currency = result.payout, result.currency
    status = payout.status
    rows = [
        ("Balance", f"{count(status.balance_diamonds)} diamonds ({money(status.gross_usd)})"),
        ("Payout minimum", money(status.minimum_usd)),
        ("Next payout", payout_text(payout)),
    ]
    if payout.diamonds_per_day is not None:
        per_day = round_down(payout.diamonds_per_day, Decimal(1))
        rows.append(("Pace", f"{count(per_day)} diamonds a day over {payout.pace_days} days"))
    heading = f"Forecast as of {result.as_of.isoformat()}, in {currency}"

    def cash(value: Decimal) -> str:
        return money(round_down(value, minor_unit(currency)), currency)

    lines: list[tuple[str, ...]] = []
    for month in result.months:
        for index, (source, estimate) in enumerate([*month.by_source.items(),
                                                     ("all sources", month.total)]):  # fmt: skip
            lines.append(
                (
                    month.label if index == 0 else "",
                    source,
                    cash(estimate.earned_so_far),
                    cash(estimate.projected),
                    f"{cash(estimate.low)} - {cash(estimate.high)}",
                )
            )
    months = columns(
        ("Month", "Source", "Earned so far", "Projected", "Range (90%)"),
        lines,
        text=frozenset({0, 1}),
    )
    return f"{heading}\n{table(rows, numbers=False)}\n\n{months}"
