"""A deterministic creator's history: N streams and M income entries, as LiveTally CSV files.

The same seed always gives the same bytes, so every run of ``make bench`` measures the
same data. Streams are spread over about ten years in a few UTC offsets, with the blanks,
tags, notes and typed-in diamond counts a real log has.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from livetally.storage.csv_format import INCOME_COLUMNS, STREAM_COLUMNS

# The file formats LiveTally reads and writes (streams: the first format's columns, which
# every version reads; the columns added since are optional).
STREAM_HEADER = list(STREAM_COLUMNS[: STREAM_COLUMNS.index("notes") + 1])
INCOME_HEADER = list(INCOME_COLUMNS)

_TAGS = ("qa", "talent", "chat", "collab", "promoted", "incentive", "cooking", "karaoke")
_WORDS = [
    "rainy",
    "day",
    "sang",
    "requests",
    "cooking",
    "stream",
    "late",
    "night",
    "dance",
    "battle",
    "with",
    "friends",
    "giveaway",
    "q&a",
    "about",
    "school",
    "new",
    "song",
    "tour",
    "vlog",
    "gaming",
    "ranked",
    "match",
    "charity",
    "birthday",
    "special",
]
_OFFSETS = ("+01:00", "-05:00", "Z", "+09:00", "+05:30", "-08:00")
_SOURCES = ("sponsorship", "affiliate", "merchandise", "creator_rewards", "subscriptions",
            "other", "patreon", "youtube_ads")  # fmt: skip
_CURRENCIES = ("USD", "USD", "USD", "EUR", "GBP", "CAD")
START = dt.datetime(2016, 1, 1, 18, 0, tzinfo=dt.UTC)


def stream_rows(count: int, seed: int = 6) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    when = START
    for _ in range(count):
        when += dt.timedelta(minutes=rng.randint(20, 90))
        offset = rng.choice(_OFFSETS)
        zone = (
            dt.UTC
            if offset == "Z"
            else dt.datetime.fromisoformat(f"2000-01-01T00:00{offset}").tzinfo
        )
        local = when.astimezone(zone).replace(tzinfo=None).isoformat(timespec="seconds")
        coins = int(rng.paretovariate(1.2) * 300) if rng.random() < 0.97 else 0
        coins = min(coins, 5_000_000)
        diamonds = ""
        if rng.random() < 0.3:
            # TikTok's own count, whole as a wallet shows it, a little off the coins' worth.
            diamonds = str(max(coins // 10 + rng.randint(-1, 1), 0)) if coins else "0"
        tags = ";".join(rng.sample(_TAGS, rng.choice((0, 0, 1, 1, 1, 2, 3))))
        notes = " ".join(rng.sample(_WORDS, rng.randint(0, 5)))
        rows.append(
            [
                local + offset,
                "" if rng.random() < 0.1 else str(rng.randint(15, 300)),
                str(coins),
                diamonds,
                "" if rng.random() < 0.2 else str(rng.randint(0, 500_000)),
                "" if rng.random() < 0.3 else str(rng.randint(1, 5000)),
                "" if rng.random() < 0.3 else str(rng.randint(0, 800)),
                tags,
                notes,
            ]
        )
    return rows


def income_rows(count: int, seed: int = 60) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    first = START.date()
    span = (dt.date(2026, 6, 30) - first).days
    for _ in range(count):
        day = first + dt.timedelta(days=rng.randint(0, span))
        rows.append(
            [
                day.isoformat(),
                rng.choice(_SOURCES),
                f"{rng.randint(1, 250_000) / 100:.2f}",
                rng.choice(_CURRENCIES),
                " ".join(rng.sample(_WORDS, rng.randint(0, 4))),
            ]
        )
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_data(folder: Path, streams: int, income: int) -> tuple[Path, Path]:
    """``streams-N-v2.csv`` and ``income-M.csv`` in ``folder`` (kept if already there;
    v2: whole diamonds, as streams are credited since schema version 3)."""
    stream_csv = folder / f"streams-{streams}-v2.csv"
    income_csv = folder / f"income-{income}.csv"
    if not stream_csv.exists():
        write_csv(stream_csv, STREAM_HEADER, stream_rows(streams))
    if not income_csv.exists():
        write_csv(income_csv, INCOME_HEADER, income_rows(income))
    return stream_csv, income_csv


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/bench/data")
    for path in write_data(out, 100_000, 20_000):
        print(path)
