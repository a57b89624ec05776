"""What pays: groups, their cash per hour and 90% intervals, on data worked out on paper."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from livetally.core import what_pays as wp
from livetally.core.records import LoggedStream, StreamRecord
from livetally.core.report import UNTAGGED, cash_per_hour
from livetally.core.stream_facts import (
    StreamFacts,
    cash_in_units,
    facts_of_streams,
    local_weekdays_hours,
    stream_facts,
    untimed_streams,
)
from livetally.core.what_pays import (
    Dimension,
    PayGroup,
    clearly_better,
    intervals_overlap,
    length_band,
    verdict,
    what_pays,
)
from tests.conftest import logged_at_us_rates


def stream(started_at: str, diamonds: int, minutes: int | None, *tags: str) -> LoggedStream:
    """A stream at the shipped US rates: $0.05 a diamond."""
    record = StreamRecord(started_at, diamonds * 10, duration_minutes=minutes, tags=tags)
    return logged_at_us_rates(1, record, Decimal(diamonds))


# Monday 16 Nov 2026: $50 in an hour and $10 in half an hour, both at 19:xx; Tuesday: $5
# without a duration. Monday pays $60 / 1.5 h = $40 an hour.
PAPER = [
    stream("2026-11-16T19:00:00+01:00", 1000, 60, "qa"),
    stream("2026-11-16T19:30:00+01:00", 200, 30, "qa", "collab"),
    stream("2026-11-17T10:00:00+01:00", 100, None),
]


def by_key(groups: list[PayGroup]) -> dict[str, PayGroup]:
    return {group.key: group for group in groups}


def test_groups_worked_out_on_paper() -> None:
    groups = by_key(what_pays(facts_of_streams(PAPER), Dimension.WEEKDAY))
    assert list(groups) == ["Monday", "Tuesday"]
    monday, tuesday = groups["Monday"], groups["Tuesday"]
    assert (monday.streams, monday.untimed, monday.minutes) == (2, 0, 90)
    assert monday.timed_cash == monday.cash == Decimal(60)
    assert monday.cash_per_hour == Decimal(40) == cash_per_hour(Decimal(60), 90)
    # Resampling two streams: both the $10 one ($20/h, a quarter of draws), one of each
    # ($40/h), or both the $50 one ($50/h, a quarter): the 5th and 95th percentiles.
    assert (monday.low, monday.high) == (Decimal(20), Decimal(50))
    assert (tuesday.streams, tuesday.untimed, tuesday.minutes) == (1, 1, 0)
    assert (tuesday.cash, tuesday.timed_cash) == (Decimal(5), Decimal(0))
    assert tuesday.cash_per_hour is tuesday.low is tuesday.high is None


def test_every_dimension_on_paper() -> None:
    facts = facts_of_streams(PAPER)
    assert [g.key for g in what_pays(facts, Dimension.HOUR)] == ["10:00", "19:00"]
    assert [g.key for g in what_pays(facts, Dimension.WEEKDAY_HOUR)] == [
        "Monday 19:00",
        "Tuesday 10:00",
    ]
    # The untimed stream has no length: it is in no band.
    bands = by_key(what_pays(facts, Dimension.LENGTH))
    assert list(bands) == ["30-60 min", "1-2 h"]
    assert bands["30-60 min"].cash_per_hour == Decimal(20)
    assert bands["1-2 h"].cash_per_hour == Decimal(50)
    assert untimed_streams(facts) == 1
    # A stream with two tags counts towards both; untagged streams have their own group.
    tags = what_pays(facts, Dimension.TAG)
    assert [(g.key, g.streams, g.cash_per_hour) for g in tags] == [
        ("qa", 2, Decimal(40)),
        ("collab", 1, Decimal(20)),
        (UNTAGGED, 1, None),  # no figure: last
    ]


def test_in_the_report_currency() -> None:
    euros = by_key(what_pays(facts_of_streams(PAPER), Dimension.WEEKDAY, Decimal("0.9")))
    assert euros["Monday"].cash_per_hour == Decimal(36)
    assert (euros["Monday"].low, euros["Monday"].high) == (Decimal(18), Decimal(45))


def test_the_creators_own_clock() -> None:
    # 23:30 on a Friday in New York is 04:30 on Saturday in UTC: the creator streamed on
    # Friday night, and that is where it counts.
    facts = facts_of_streams([stream("2026-11-20T23:30:00-05:00", 10, 60)])
    assert (facts.weekdays[0], facts.hours[0]) == (4, 23)
    assert what_pays(facts, Dimension.WEEKDAY_HOUR)[0].key == "Friday 23:00"


def test_unusual_start_texts_are_read_in_full() -> None:
    texts = ["2026-11-20 19:05Z", "2026-11-21T07:00:00.5+14:00"]
    assert local_weekdays_hours(texts) == ([4, 5], [19, 7])
    assert local_weekdays_hours([" 2026-11-20T19:05Z", "2026-11-21T07:00+14:00"]) == (
        [4, 5],
        [19, 7],
    )


@pytest.mark.parametrize(
    ("minutes", "band"),
    [(1, 0), (29, 0), (30, 1), (59, 1), (60, 2), (119, 2), (120, 3), (239, 3), (240, 4), (900, 4)],
)
def test_length_bands(minutes: int, band: int) -> None:
    assert length_band(minutes) == band


def test_cash_is_exact_at_any_rate() -> None:
    cash, unit = cash_in_units([33, 1000, 7], [Decimal("0.0049"), "0.05", Decimal("0.05")])
    assert unit == Decimal("0.0001")
    assert [value * unit for value in cash] == [Decimal("0.1617"), Decimal(50), Decimal("0.35")]
    facts = stream_facts(
        ["2026-01-05T10:00Z"] * 2, [60, None], [33, 1000], ["0.0049", "0.05"], [(), ()]
    )
    group = what_pays(facts, Dimension.WEEKDAY)[0]
    assert group.cash_per_hour == Decimal("0.1617")
    assert (group.streams, group.untimed) == (2, 1)


def test_too_few_streams_to_tell() -> None:
    start = "2026-11-16T19:00:00Z"
    seven = [stream(start, 100 + n, 60) for n in range(7)]
    eight = [*seven, stream(start, 500, 60, "x"), stream(start, 5, None)]
    (few,) = what_pays(facts_of_streams(seven), Dimension.WEEKDAY)
    (enough,) = what_pays(facts_of_streams(eight), Dimension.WEEKDAY)
    assert (few.timed, few.enough_data) == (7, False)
    assert (enough.timed, enough.enough_data) == (8, True)
    # A stream without a duration is no evidence: 7 timed and 1 untimed is still too few.
    (mixed,) = what_pays(facts_of_streams([*seven, stream(start, 5, None)]), Dimension.WEEKDAY)
    assert (mixed.streams, mixed.enough_data) == (8, False)


def synthetic(rng: random.Random, count: int, weekday: int = 0) -> StreamFacts:
    """``count`` streams of 20-240 minutes earning 1-5 units a minute (3 on average, so
    180 an hour: the true figure every interval is checked against)."""
    minutes = [rng.randint(20, 240) for _ in range(count)]
    cash = [length * rng.randint(1, 5) for length in minutes]
    return StreamFacts([weekday] * count, [19] * count, minutes, cash, [()] * count)


TRUE_RATE = Decimal(180)


def test_results_repeat_and_depend_on_the_seed() -> None:
    facts = synthetic(random.Random(1), 40)
    first = what_pays(facts, Dimension.WEEKDAY)
    assert what_pays(facts, Dimension.WEEKDAY) == first
    assert what_pays(facts, Dimension.WEEKDAY, seed=99) != first


def test_a_groups_interval_does_not_depend_on_the_others() -> None:
    rng = random.Random(2)
    monday, tuesday = synthetic(rng, 30, 0), synthetic(rng, 30, 1)
    both = StreamFacts(
        [*monday.weekdays, *tuesday.weekdays],
        [*monday.hours, *tuesday.hours],
        [*monday.minutes, *tuesday.minutes],
        [*monday.cash, *tuesday.cash],
        [*monday.tags, *tuesday.tags],
    )
    assert what_pays(both, Dimension.WEEKDAY)[0] == what_pays(monday, Dimension.WEEKDAY)[0]


def test_the_order_streams_come_in_changes_nothing() -> None:
    facts = synthetic(random.Random(4), 30)
    order = list(range(30))
    random.Random(5).shuffle(order)
    shuffled = StreamFacts(
        [facts.weekdays[i] for i in order],
        [facts.hours[i] for i in order],
        [facts.minutes[i] for i in order],
        [facts.cash[i] for i in order],
        [facts.tags[i] for i in order],
    )
    assert what_pays(shuffled, Dimension.WEEKDAY) == what_pays(facts, Dimension.WEEKDAY)


def test_large_groups_use_the_bootstraps_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above BOOTSTRAP_UP_TO the interval is worked out, not drawn: for a group that can
    go either way the two agree to within the resampling noise."""
    facts = synthetic(random.Random(3), wp.BOOTSTRAP_UP_TO)
    (drawn,) = what_pays(facts, Dimension.WEEKDAY)
    monkeypatch.setattr(wp, "BOOTSTRAP_UP_TO", 0)
    (limit,) = what_pays(facts, Dimension.WEEKDAY)
    assert drawn.cash_per_hour == limit.cash_per_hour
    assert drawn.low is not None
    assert drawn.high is not None
    assert limit.low is not None
    assert limit.high is not None
    width = limit.high - limit.low
    assert abs(drawn.low - limit.low) < width / 10
    assert abs(drawn.high - limit.high) < width / 10


def test_identical_streams_leave_no_doubt() -> None:
    same = [stream("2026-11-16T19:00:00Z", 100, 30) for _ in range(300)]
    for count in (10, 300):  # resampled, and worked out
        (group,) = what_pays(facts_of_streams(same[:count]), Dimension.WEEKDAY)
        assert group.low == group.cash_per_hour == group.high == Decimal(10)


@pytest.mark.parametrize("count", [40, 400], ids=["resampled", "large-sample limit"])
def test_the_interval_covers_the_true_figure_nine_times_in_ten(count: int) -> None:
    """Many creators streaming the same way (a known distribution), seeded: the 90%
    interval of each one's log holds the true cash per hour about 90% of the time."""
    rng = random.Random(count)
    trials = 400
    held = 0
    for trial in range(trials):
        (group,) = what_pays(synthetic(rng, count), Dimension.WEEKDAY, seed=trial, resamples=400)
        assert group.low is not None
        assert group.high is not None
        held += group.low <= TRUE_RATE <= group.high
    assert 0.85 <= held / trials <= 0.95


def pay(key: str, low: str | None, high: str | None, timed: int = 10) -> PayGroup:
    ends = [None if end is None else Decimal(end) for end in (low, high)]
    middle = None if ends[0] is None else ends[0]
    return PayGroup(key, timed, 0, 60 * timed, Decimal(1), Decimal(1), middle, ends[0], ends[1])


def test_overlapping_intervals_are_never_called_better() -> None:
    qa, collab, chat = pay("qa", "10", "14"), pay("collab", "13", "20"), pay("chat", "15", "19")
    assert intervals_overlap(qa, collab)
    assert intervals_overlap(collab, qa)
    assert not clearly_better(collab, qa)
    assert not clearly_better(qa, collab)
    assert not intervals_overlap(qa, chat)
    assert clearly_better(chat, qa)
    assert not clearly_better(qa, chat)
    # Touching ends overlap; a group without a figure, or with too few streams, is no call.
    assert intervals_overlap(qa, pay("x", "14", "15"))
    assert intervals_overlap(qa, pay("x", None, None))
    assert not clearly_better(pay("few", "30", "40", timed=7), qa)


def test_verdict_says_only_what_the_intervals_allow() -> None:
    qa, collab, chat = pay("qa", "10", "14"), pay("collab", "13", "20"), pay("chat", "21", "25")
    assert verdict([qa, chat], "tag") == (
        "chat pays the most per hour, clearly (90% intervals apart)."
    )
    assert verdict([qa, collab], "tag") == (
        "collab pays the most per hour so far, but the intervals overlap: no clear winner."
    )
    assert verdict([qa, collab, pay("big", "19", "30")], "tag").startswith(
        "big pays the most per hour so far: clearly more than qa;"
    )
    assert verdict([qa, pay("few", "30", "40", timed=3)], "length") == (
        "Too few streams in each length to tell which pays more per hour."
    )
