"""``livetally goal``: a monthly income goal, and how this month is pacing towards it.

``goal set --monthly-usd 500`` adds a goal to the ledger's history (0 takes it away);
``goal`` shows the month of ``--as-of`` against the goal in force that day; ``goal
history`` lists every goal set.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from livetally.cli.context import CommandContext
from livetally.cli.forecast import as_of_day, as_of_option, shown
from livetally.cli.output import amount, columns, money, percent, print_json, table
from livetally.core.goals import GoalPacing, MonthlyGoal, goal_pacing
from livetally.core.money import minor_unit, parse_amount, round_down, round_up
from livetally.storage.forecast import forecast_as_of


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "goal",
        help="a monthly income goal, and how this month is pacing",
        description="A monthly income goal over every source (LIVE gifts and all other "
        "income), in the report currency: what you have earned this month, what the month "
        "should bring at your pace (as 'livetally forecast' projects it), what each day left "
        "must bring, and whether you are on track.",
    )
    as_of_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run_pacing)
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    set_goal = actions.add_parser("set", help="set the monthly goal (kept with its history)")
    set_goal.add_argument(
        "--monthly-usd",
        metavar="X",
        required=True,
        help="the month's income to aim for, in USD (0: no goal from now on)",
    )
    as_of_option(set_goal, dest="set_on")
    set_goal.set_defaults(handler=run_set)
    history = actions.add_parser("history", help="every goal set, oldest first")
    history.add_argument("--json", action="store_true", help="print one JSON object")
    history.set_defaults(handler=run_history)


def run_set(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    goal = MonthlyGoal(
        as_of_day(args.set_on), parse_amount(args.monthly_usd, "--monthly-usd"), "USD"
    )
    with context.ledger() as ledger:
        ledger.goals.set(goal)
        args.committed = True
    if goal.amount == 0:
        print(f"Monthly goal taken away from {goal.set_on.isoformat()}.")
    else:
        print(
            f"Monthly goal set: {money(goal.amount)} a month from {goal.set_on.isoformat()} "
            "(every source counts)."
        )
    return 0


def run_history(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    with context.ledger_to_read() as ledger:
        goals = ledger.goals.history()
    if args.json:
        print_json(
            {
                "goals": [
                    {
                        "set_on": goal.set_on.isoformat(),
                        "amount": amount(goal.amount, goal.currency),
                        "currency": goal.currency,
                    }
                    for goal in goals
                ]
            }
        )
    elif not goals:
        print("No monthly goal set yet: livetally goal set --monthly-usd 500 sets one.")
    else:
        rows = [
            (goal.set_on.isoformat(), money(goal.amount, goal.currency) if goal.amount else "none")
            for goal in goals
        ]
        print(columns(("From", "Monthly goal"), rows))
    return 0


def run_pacing(args: argparse.Namespace) -> int:
    context = CommandContext.open(args)
    settings = context.settings_file.settings
    as_of = as_of_day(args.as_of)
    rates, currency = settings.exchange_rates, settings.currency
    with context.ledger_to_read() as ledger:
        goal = ledger.goals.in_force(as_of)
        month = forecast_as_of(ledger, as_of, settings.profile(), rates, currency).months[0]
    pacing = goal_pacing(goal, month, rates, currency)
    if args.json:
        print_json(payload(pacing))
    else:
        print(text(pacing))
    return 0


def _up(value: Decimal, currency: str) -> str:
    """A figure to reach, rounded up: a goal or a day's need is never shown as less."""
    return amount(round_up(value, minor_unit(currency)), currency)


def payload(pacing: GoalPacing) -> dict[str, Any]:
    currency = pacing.currency
    return {
        "month": f"{pacing.month:%Y-%m}",
        "goal": None if pacing.goal is None else _up(pacing.goal, currency),
        "earned": shown(pacing.earned, currency),
        "projected": shown(pacing.projected, currency),
        "needed_per_day": (
            None if pacing.needed_per_day is None else _up(pacing.needed_per_day, currency)
        ),
        "days_left": str(pacing.days_left),
        "on_track": pacing.on_track,
    }


def text(pacing: GoalPacing) -> str:
    currency = pacing.currency

    def down(value: Decimal) -> str:
        return money(round_down(value, minor_unit(currency)), currency)

    def up(value: Decimal) -> str:
        return money(round_up(value, minor_unit(currency)), currency)

    heading = f"{pacing.month:%B %Y}, in {currency}"
    rows = [("Earned so far", down(pacing.earned)), ("Projected", down(pacing.projected))]
    if pacing.goal is None:
        rows.append(("Goal", "none: livetally goal set --monthly-usd 500 sets one"))
        return f"{heading}\n{table(rows, numbers=False)}"
    assert pacing.progress is not None
    rows[0] = ("Earned so far", f"{down(pacing.earned)} ({percent(pacing.progress)} of the goal)")
    rows.insert(0, ("Goal", up(pacing.goal)))
    days = "1 day" if pacing.days_left == 1 else f"{pacing.days_left} days"
    if pacing.needed_per_day is None:
        rows.append(
            ("Needed per day", f"the month is over, {up(pacing.goal - pacing.earned)} short")
        )
    elif pacing.needed_per_day == 0:
        rows.append(("Needed per day", "nothing more: the goal is reached"))
    else:
        rows.append(("Needed per day", f"{up(pacing.needed_per_day)} in each of the {days} left"))
    rows.append(("On track", "yes" if pacing.on_track else "no, at the current pace"))
    return f"{heading}\n{table(rows, numbers=False)}"
