"""Insights: the "what pays" reports (cash per hour with 90% intervals) on N streams.

Run by ``bench/run.py`` in a fresh process; prints one ``BENCH-RESULT`` JSON line. Each
report is made as ``livetally report --by tag|weekday|hour`` makes it, on a ledger already
open (as the monthly report is measured in ``scale.py``): every stream's figures read as
columns, grouped, each group's interval, and the earnings columns from the same groups. The
floor is the monthly report's: one ``GROUP BY`` query. Floor and reports take turns, run
after run, so a machine busy with other work slows both alike; the figures are medians.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from common import emit, floor_monthly


def reports(home: Path) -> dict[str, Callable[[], object]]:
    from livetally.core.report import Grouping
    from livetally.core.what_pays import Dimension, earnings_report, what_pays
    from livetally.settings.document import SettingsFile
    from livetally.storage.ledger import Ledger
    from livetally.storage.stream_facts import read_stream_facts

    settings = SettingsFile.load(home / "settings.toml").settings
    rates, currency = settings.exchange_rates, settings.currency
    per_usd = rates.units_per_usd(currency)
    ledger = Ledger.open(home / "livetally.sqlite3", home / "backups", writable=False)

    def tag() -> object:
        facts = read_stream_facts(ledger, None, None, [Dimension.TAG])
        groups = what_pays(facts, Dimension.TAG, per_usd)
        return earnings_report(Grouping.TAG, groups, facts, per_usd, currency)

    def weekday() -> object:
        facts = read_stream_facts(ledger, None, None, [Dimension.WEEKDAY])
        groups = what_pays(facts, Dimension.WEEKDAY, per_usd)
        return earnings_report(Grouping.WEEKDAY, groups, facts, per_usd, currency)

    def hour() -> object:
        facts = read_stream_facts(ledger, None, None, [Dimension.HOUR])
        return what_pays(facts, Dimension.HOUR, per_usd)

    def weekday_hour() -> object:  # the window's heat map, for reference
        facts = read_stream_facts(ledger, None, None, [Dimension.WEEKDAY_HOUR])
        return what_pays(facts, Dimension.WEEKDAY_HOUR, per_usd)

    return {"tag": tag, "weekday": weekday, "hour": hour, "weekday_hour": weekday_hour}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    home: Path = args.home
    floor_monthly(home)  # the file in the page cache for both
    steps: dict[str, Callable[[], object]] = {
        "floor_insights": lambda: floor_monthly(home),
        **reports(home),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.runs):
        for name, step in steps.items():
            began = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - began)
    result: dict[str, object] = {
        (name if name.startswith("floor") else f"insights_{name}"): statistics.median(values)
        for name, values in times.items()
    }
    worst = max(("tag", "weekday", "hour"), key=lambda name: statistics.median(times[name]))
    result["insights"] = statistics.median(times[worst])
    result["insights_worst"] = worst
    emit(result)


if __name__ == "__main__":
    main()
