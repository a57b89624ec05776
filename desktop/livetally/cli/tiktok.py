"""``livetally import tiktok PATH``: TikTok's own LIVE history, read from its data export.

PATH is the ZIP as downloaded, the folder it was unpacked into, or its JSON file. The
plan (what is new, already there, matched with a stream typed by hand, skipped) is worked
out first; ``--dry-run`` prints it and writes nothing. Otherwise everything is written in
one transaction, with a backup first.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.output import cents, count, money, print_json
from livetally.core.money import round_down
from livetally.storage.tiktok_archive import TikTokArchiveError, read_tiktok_archive
from livetally.storage.tiktok_plan import TikTokPlan, plan_tiktok_import

#: Positions listed per reason before "..." (the JSON lists them all).
_SHOWN_POSITIONS = 10


def run_import_tiktok(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.exists():
        print(f"livetally: {path}: no such file or folder", file=sys.stderr)
        return 2
    context = CommandContext.open(args)
    profile = context.settings_file.settings.profile(args.country)
    try:
        history = read_tiktok_archive(path)
    except TikTokArchiveError as error:
        print(f"livetally: {error.message}", file=sys.stderr)
        return 2
    opened = context.ledger_to_read() if args.dry_run else context.ledger()
    with opened as ledger:
        plan = plan_tiktok_import(history, ledger, profile)
        if args.dry_run:
            added = len(plan.new)
        else:
            added = plan.apply(ledger, profile, take_tiktok=args.take_tiktok).new
            args.committed = True
    cash = round_down(plan.diamonds() * profile.diamond_usd)
    if args.json:
        print_json(_plan_json(plan, added, cash, dry_run=args.dry_run, take=args.take_tiktok))
        return 0
    for line in plan_lines(plan, added, dry_run=args.dry_run, take_tiktok=args.take_tiktok):
        print(line)
    if plan.new:
        print(f"TikTok's figures for them: {count(plan.diamonds())} diamonds, {money(cash)}.")
    return 0


def plan_lines(plan: TikTokPlan, added: int, *, dry_run: bool, take_tiktok: bool) -> list[str]:
    """What an import did (or, with ``dry_run``, would do), one line per outcome."""
    history = plan.history
    if not history.listed:
        return [f"{history.source}: the archive lists no LIVEs; there is nothing to import."]
    verb = "would be imported" if dry_run else "imported"
    skipped = _skipped_by_reason(plan)
    said = "; ".join(
        f"{reason}: LIVE{'s' if len(positions) > 1 else ''} {_positions(positions)}"
        for reason, positions in skipped.items()
    )
    skipped_count = sum(map(len, skipped.values()))
    first = (
        f"{added} LIVE{'s' if added != 1 else ''} {verb}, {plan.already} already there, "
        f"{len(plan.matches)} matched with streams you typed, {skipped_count} skipped"
    )
    lines = [f"{first} ({said})." if said else f"{first}."]
    for match in plan.matches:
        lines.append(match.describe())
    if plan.contradicted and not take_tiktok:
        lines.append(
            "Your own figures were kept where TikTok's differ; add --take-tiktok to use "
            "TikTok's instead."
        )
    lines += [str(blank) for blank in history.blanks]
    lines.append(history.wallet.describe())
    return lines


def _skipped_by_reason(plan: TikTokPlan) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for item in (*plan.history.skipped, *plan.history.repeats):
        reason = "listed twice" if item in plan.history.repeats else item.reason
        grouped[reason].append(item.position)
    return {reason: sorted(positions) for reason, positions in grouped.items()}


def _positions(positions: list[int]) -> str:
    shown = ", ".join(map(str, positions[:_SHOWN_POSITIONS]))
    return shown + (", ..." if len(positions) > _SHOWN_POSITIONS else "")


def _plan_json(
    plan: TikTokPlan, added: int, cash: Any, *, dry_run: bool, take: bool
) -> dict[str, Any]:
    days = plan.days()
    return {
        "source": plan.history.source,
        "dry_run": dry_run,
        "listed": plan.history.listed,
        "imported": added,
        "already_there": plan.already,
        "matched": [
            {
                "stream_id": match.stream.id,
                "live": match.live.position,
                "fills": list(match.fills),
                "differences": [
                    {"field": d.field, "yours": d.yours, "tiktok": d.tiktok}
                    for d in match.contradictions
                ],
                "tiktok_taken": take,
            }
            for match in plan.matches
        ],
        "skipped": [
            {"live": item.position, "reason": item.reason} for item in plan.history.skipped
        ],
        "listed_twice": [item.position for item in plan.history.repeats],
        "left_empty": [
            {"live": item.position, "reason": item.reason} for item in plan.history.blanks
        ],
        "first_day": days[0].isoformat() if days else None,
        "last_day": days[1].isoformat() if days else None,
        "diamonds": str(plan.diamonds()),
        "creator_usd": cents(cash),
        "wallet": plan.history.wallet.status.value,
        "wallet_note": plan.history.wallet.describe(),
    }
