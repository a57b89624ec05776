"""The ledger's tables, and the forward migrations that build them step by step.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id`` marks the
file as LiveTally's, so a stray SQLite file is recognised as foreign and left alone.
Decimal amounts are stored as TEXT in their exact decimal form: SQLite has no decimal
type and its REAL would turn 0.1 into 0.1000000000000000055.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from decimal import Decimal

#: "LTLY": marks a SQLite file as a LiveTally ledger.
APPLICATION_ID = 0x4C544C59

_V1 = """
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    builtin     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE streams (
    id                INTEGER PRIMARY KEY,
    started_at        TEXT NOT NULL,     -- ISO 8601 with offset, exactly as entered
    started_utc       TEXT NOT NULL,     -- the same instant in UTC, for order and ranges
    duration_minutes  INTEGER CHECK (duration_minutes >= 0),
    coins             INTEGER NOT NULL CHECK (coins >= 0),
    diamonds          TEXT NOT NULL,     -- exact decimal
    diamonds_entered  INTEGER NOT NULL,  -- 1 typed from TikTok, 0 computed from coins
    likes             INTEGER CHECK (likes >= 0),
    peak_viewers      INTEGER CHECK (peak_viewers >= 0),
    new_followers     INTEGER CHECK (new_followers >= 0),
    notes             TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL,     -- the profile and rates in force when logged
    coin_usd          TEXT NOT NULL,
    diamonds_per_coin TEXT NOT NULL,
    diamond_usd       TEXT NOT NULL,
    fingerprint       TEXT NOT NULL UNIQUE,
    created_at        TEXT NOT NULL
);
CREATE INDEX streams_by_start ON streams (started_utc);
CREATE TABLE stream_tags (
    stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags (id),
    position  INTEGER NOT NULL,          -- the order the tags were given in
    PRIMARY KEY (stream_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX stream_tags_by_tag ON stream_tags (tag_id);
CREATE TABLE stream_gifts (
    stream_id  INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    gift       TEXT NOT NULL,
    count      INTEGER NOT NULL CHECK (count > 0),
    coins_each INTEGER NOT NULL CHECK (coins_each >= 0),
    PRIMARY KEY (stream_id, gift)
) WITHOUT ROWID;
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    builtin     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE income (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL,           -- YYYY-MM-DD
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    amount      TEXT NOT NULL,           -- exact decimal, in currency
    currency    TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
CREATE INDEX income_by_date ON income (date);
CREATE TABLE payouts (
    id         INTEGER PRIMARY KEY,
    date       TEXT NOT NULL,
    diamonds   INTEGER NOT NULL CHECK (diamonds > 0),
    cash_usd   TEXT NOT NULL,
    method     TEXT NOT NULL,
    fee_usd    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""


#: The tags and sources version 1 shipped with, as released. Written out here, not read
#: from ``core.records``: a migration must do the same thing forever, and the built-ins
#: there change (``creator_fund`` became ``creator_rewards`` in a step of its own).
_V1_TAGS = (
    ("qa", "Q&A with viewers"),
    ("talent", "talent showcase"),
    ("chat", "just chatting"),
    ("collab", "joint live with other creators"),
    ("promoted", "announced beforehand"),
    ("incentive", "shout-outs, follow-backs or exclusive content offered"),
)
_V1_SOURCES = (
    ("sponsorship", "brand sponsorships"),
    ("affiliate", "affiliate marketing"),
    ("merchandise", "merchandise"),
    ("creator_fund", "Creator Fund / Creator Rewards Program"),
    ("subscriptions", "LIVE Subscriptions"),
    ("other", "other income"),
)


def _create_v1(connection: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.executemany(
        "INSERT INTO tags (name, description, builtin) VALUES (?, ?, 1)", _V1_TAGS
    )
    connection.executemany(
        "INSERT INTO sources (name, description, builtin) VALUES (?, ?, 1)", _V1_SOURCES
    )


def _mark_sample_rows(connection: sqlite3.Connection) -> None:
    """Version 2: sample rows (shown to newcomers) are marked, to be removed in one step."""
    for table in ("streams", "income"):
        connection.execute(f"ALTER TABLE {table} ADD COLUMN sample INTEGER NOT NULL DEFAULT 0")


def _whole_diamonds(connection: sqlite3.Connection) -> None:
    """Version 3: a stream is credited whole diamonds, as a wallet shows them.

    Earlier versions kept a stream's diamonds exact (1,927 coins gave 192.7 diamonds) while
    showing 192 beside cash worked out from 192.7. The fraction is dropped here, once, so
    every stored stream obeys the rule that new ones do. Stored texts are plain decimals
    (never exponents, never negative), so the whole part is the text before the point.
    """
    connection.execute(
        "UPDATE streams SET diamonds = substr(diamonds, 1, instr(diamonds, '.') - 1) "
        "WHERE instr(diamonds, '.') > 0"
    )
    connection.execute("UPDATE streams SET diamonds = '0' WHERE diamonds = ''")


def _stream_details_and_origin(connection: sqlite3.Connection) -> None:
    """Version 4: what TikTok's data export tells of a LIVE, and where figures came from.

    ``origin`` is ``typed``, ``gifts``, ``csv`` or ``tiktok``. Streams logged before had
    their figures typed, except those with gifts, whose coins were added up from them.
    A TikTok room id is unique when given, so the same LIVE is never imported twice.
    """
    for column in (
        "views INTEGER CHECK (views >= 0)",
        "gifters INTEGER CHECK (gifters >= 0)",
        "title TEXT NOT NULL DEFAULT ''",
        "tiktok_room_id TEXT",
        "origin TEXT NOT NULL DEFAULT 'typed'",
    ):
        connection.execute(f"ALTER TABLE streams ADD COLUMN {column}")
    connection.execute(
        "CREATE UNIQUE INDEX streams_by_tiktok_room ON streams (tiktok_room_id) "
        "WHERE tiktok_room_id IS NOT NULL"
    )
    connection.execute(
        "UPDATE streams SET origin = 'gifts' WHERE id IN (SELECT stream_id FROM stream_gifts)"
    )


def _monthly_goals(connection: sqlite3.Connection) -> None:
    """Version 5: a monthly income goal, with its history: each row is the goal from
    ``set_on`` on, until a later row; an amount of 0 means no goal from that day. Kept,
    never updated, so a goal asked for as of a past day is the one that was in force then."""
    connection.execute(
        """
        CREATE TABLE goals (
            id         INTEGER PRIMARY KEY,
            set_on     TEXT NOT NULL,        -- YYYY-MM-DD: in force from this day on
            amount     TEXT NOT NULL,        -- exact decimal, a month's income in currency
            currency   TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    connection.execute("CREATE INDEX goals_by_day ON goals (set_on)")


#: Sources that earlier versions created from an import or a typed name, all meaning the
#: Creator Rewards Program (each as ``normalise_tag`` wrote it then).
_CREATOR_REWARDS_SPELLINGS = (
    "creator_rewards",
    "creator_rewards_program",
    "creator_fund_/_creator_rewards_program",
    "tiktok_creator_rewards_program",
)


def _creator_rewards(connection: sqlite3.Connection) -> None:
    """Version 6: the built-in ``creator_fund`` becomes ``creator_rewards``, the program's
    name now.

    Before, importing a "Creator Rewards" row made a source ``creator_rewards`` beside the
    built-in, both shown as "Creator Rewards". Such sources are merged into the built-in
    (it keeps its id, so its place in every list and its colour stay), and the merged
    entries get the fingerprints an import now makes of them, so importing the same file
    again still finds every row already there.
    """
    row = connection.execute("SELECT id FROM sources WHERE name = 'creator_fund'").fetchone()
    if row is None:  # never deleted by LiveTally; made again rather than assumed
        connection.execute(
            "INSERT OR IGNORE INTO sources (name, builtin) VALUES ('creator_rewards', 1)"
        )
        row = connection.execute("SELECT id FROM sources WHERE name = 'creator_rewards'").fetchone()
    keep = int(row[0])
    marks = ", ".join("?" * len(_CREATOR_REWARDS_SPELLINGS))
    merged = [
        int(source)
        for (source,) in connection.execute(
            f"SELECT id FROM sources WHERE name IN ({marks}) AND id != ?",
            (*_CREATOR_REWARDS_SPELLINGS, keep),
        )
    ]
    for source in merged:
        connection.execute("UPDATE income SET source_id = ? WHERE source_id = ?", (keep, source))
        connection.execute("DELETE FROM sources WHERE id = ?", (source,))
    connection.execute(
        "UPDATE sources SET name = 'creator_rewards', builtin = 1, "
        "description = 'Creator Rewards Program (once the Creator Fund)' WHERE id = ?",
        (keep,),
    )
    _refingerprint_income(connection, keep, "creator_rewards")


def _refingerprint_income(connection: sqlite3.Connection, source_id: int, name: str) -> None:
    """Give ``source_id``'s entries the fingerprints of entries of source ``name``.

    The digest is written out here as ``storage.fingerprint.income_fingerprint`` made it
    when this step was released (fingerprints never change: see that module), and equal
    entries are numbered ``f``, ``f#2``, ... in the order they were added, as imports do.
    """
    rows = connection.execute(
        "SELECT id, date, amount, currency, description FROM income "
        "WHERE source_id = ? ORDER BY id",
        (source_id,),
    ).fetchall()
    # Out of the way first: a new fingerprint may be one another row holds until it moves.
    connection.execute(
        "UPDATE income SET fingerprint = 'migrating-' || id WHERE source_id = ?", (source_id,)
    )
    import hashlib  # here: only this old migration needs it (and OpenSSL, ~4 ms to load)

    seen: dict[str, int] = {}
    for row_id, date, amount, currency, description in rows:
        text = "\x1f".join(("income", date, name, _plain(Decimal(amount)), currency, description))
        base = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
        seen[base] = seen.get(base, 0) + 1
        fingerprint = base if seen[base] == 1 else f"{base}#{seen[base]}"
        connection.execute("UPDATE income SET fingerprint = ? WHERE id = ?", (fingerprint, row_id))


def _plain(value: Decimal) -> str:
    """An amount as fingerprints write it: no exponent, no trailing zeros (``250``)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _running_totals(connection: sqlite3.Connection) -> None:
    """Version 7: each diamond rate's whole diamonds, kept up to date by triggers, and the
    sample rows indexed, so the balance and "is there sample data?" cost the same for a
    log of 100,000 streams as for one of 10, after every edit."""
    connection.execute(
        "CREATE TABLE diamond_totals (diamond_usd TEXT PRIMARY KEY, "
        "diamonds INTEGER NOT NULL) WITHOUT ROWID"
    )
    connection.execute(
        "INSERT INTO diamond_totals SELECT diamond_usd, sum(CAST(diamonds AS INTEGER)) "
        "FROM streams GROUP BY diamond_usd"
    )
    add = (
        "INSERT INTO diamond_totals VALUES (NEW.diamond_usd, CAST(NEW.diamonds AS INTEGER)) "
        "ON CONFLICT (diamond_usd) DO UPDATE SET diamonds = diamonds + excluded.diamonds;"
    )
    take = (
        "UPDATE diamond_totals SET diamonds = diamonds - CAST(OLD.diamonds AS INTEGER) "
        "WHERE diamond_usd = OLD.diamond_usd;"
    )
    connection.execute(f"CREATE TRIGGER diamonds_added AFTER INSERT ON streams BEGIN {add} END")
    connection.execute(f"CREATE TRIGGER diamonds_taken AFTER DELETE ON streams BEGIN {take} END")
    connection.execute(
        "CREATE TRIGGER diamonds_changed AFTER UPDATE OF diamonds, diamond_usd ON streams "
        f"BEGIN {take} {add} END"
    )
    connection.execute("CREATE INDEX streams_sample ON streams (sample) WHERE sample = 1")
    connection.execute("CREATE INDEX income_sample ON income (sample) WHERE sample = 1")


#: ``MIGRATIONS[n]`` brings a version-n database to version n + 1 (0 is a new file). Each
#: step is frozen once released: later changes get a step of their own.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _create_v1,
    _mark_sample_rows,
    _whole_diamonds,
    _stream_details_and_origin,
    _monthly_goals,
    _creator_rewards,
    _running_totals,
]

#: The version this LiveTally writes.
SCHEMA_VERSION = len(MIGRATIONS)
