"""Reading the gift catalog file (``resources/gifts.toml``, copied into the data home).

TikTok changes gift prices and ids without notice, so the catalog is the creator's to edit.
A hand-edited file gets things wrong, and a price silently skipped would turn into a wrong
total later; so every problem stops the load with the line and key to fix. The file is only
ever read, never rewritten, so the creator's comments and order stay as they left them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from livetally.core.gifts import Gift, GiftCatalog
from livetally.core.rates import Bounds, shown_bound
from livetally.settings.errors import SettingsError
from livetally.settings.locate import KeyPath, Locator
from livetally.settings.source import check_quickly, quote_value, read_text

SCHEMA_VERSION = 1

_EXAMPLE = "Rose = { coins = 1, id = 5655 }"

#: TikTok's dearest gift costs 44,999 coins; a price far beyond is a typo.
GIFT_COINS = Bounds(Decimal(1), Decimal(1_000_000))
#: TikTok's gift ids run to five digits so far.
GIFT_ID = Bounds(Decimal(1), Decimal(10**9))


def load_gift_catalog(path: Path) -> GiftCatalog:
    """The gifts listed in the catalog file at ``path``, in the file's order.

    Raises :class:`SettingsError` naming the line and key of the first problem found.
    """
    text = read_text(path)
    where = Locator(path, text)
    return check_quickly(text, path, lambda document: _catalog(document, where))


def _catalog(document: Mapping[str, Any], where: Locator) -> GiftCatalog:
    """The catalog a parsed gifts file lists (plain values or tomlkit's document)."""
    for key in document:
        if key not in ("schema_version", "gifts"):
            raise where.error((key,), "unknown key; this file holds schema_version and [gifts]")
    _check_version(document.get("schema_version"), where)
    table = document.get("gifts")
    if table is None:
        raise where.error(
            ("gifts",), f"is missing; expected a [gifts] table of lines such as {_EXAMPLE}"
        )
    if not isinstance(table, Mapping):
        raise where.error(("gifts",), f"expected a [gifts] table, got {quote_value(table)}")
    gifts: list[Gift] = []
    seen: dict[str, str] = {}
    for name, value in table.items():
        gift = _gift(name, value, where)
        match_key = gift.name.casefold()
        if (first := seen.get(match_key)) is not None:
            first_line = where.line(("gifts", first))
            raise where.error(
                ("gifts", name),
                f'is the same gift as "{first}"'
                + (f" on line {first_line}" if first_line is not None else "")
                + "; names are matched ignoring case, so keep one",
            )
        seen[match_key] = name
        gifts.append(gift)
    try:
        return GiftCatalog(gifts)
    except ValueError as error:  # pragma: no cover - the duplicate check above comes first
        raise SettingsError(where.path, str(error), field="gifts") from None


def _check_version(value: object, where: Locator) -> None:
    key = ("schema_version",)
    if value is None:
        raise where.error(key, f"is missing; expected schema_version = {SCHEMA_VERSION} at the top")
    version = _whole(value)
    if version is None:
        raise where.error(
            key, f"expected the whole number {SCHEMA_VERSION}, got {quote_value(value)}"
        )
    if version != SCHEMA_VERSION:
        raise where.error(
            key, f"unsupported version {version}; this LiveTally reads version {SCHEMA_VERSION}"
        )


def _gift(name: str, value: object, where: Locator) -> Gift:
    """One ``Name = { coins = N, id = N }`` entry, checked key by key."""
    key = ("gifts", name)
    shown_name = " ".join(name.split())
    if not shown_name:
        raise where.error(key, "the gift name is empty; write the name viewers see, such as Rose")
    if not isinstance(value, Mapping):
        raise where.error(
            key, f"expected a table such as {{ coins = 1 }}, got {quote_value(value)}"
        )
    for entry_key in value:
        if entry_key not in ("coins", "id"):
            raise where.error((*key, entry_key), "unknown key; a gift has only coins and id")
    return Gift(shown_name, _coins(value.get("coins"), where, key), _gift_id(value, where, key))


def _coins(value: object, where: Locator, key: KeyPath) -> int:
    field = (*key, "coins")
    if value is None:
        raise where.error(field, "is missing; expected the price viewers pay, such as coins = 1")
    if isinstance(value, float | Decimal):  # tomlkit's float, or the quick parser's
        raise where.error(field, f"must be a whole number of coins, got {quote_value(value)}")
    coins = _whole(value)
    if coins is None or coins not in GIFT_COINS:
        shown = quote_value(value) if coins is None else str(coins)
        raise where.error(
            field, f"expected a whole number of coins {_between(GIFT_COINS)}, got {shown}"
        )
    return coins


def _gift_id(entry: Mapping[str, object], where: Locator, key: KeyPath) -> int | None:
    if "id" not in entry:
        return None
    value = entry["id"]
    gift_id = _whole(value)
    if gift_id is None or gift_id not in GIFT_ID:
        raise where.error(
            (*key, "id"),
            f"expected TikTok's gift id, a whole number {_between(GIFT_ID)}, "
            f"got {quote_value(value)}",
        )
    return gift_id


def _between(bounds: Bounds) -> str:
    return f"between {shown_bound(bounds.minimum)} and {shown_bound(bounds.maximum)}"


def _whole(value: object) -> int | None:
    """``value`` as an int if TOML wrote it as an integer (``true`` is not one)."""
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None
