"""The gift catalog: what each TikTok LIVE gift costs in coins, and gift lists to coins."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from livetally.core.money import MAX_COUNT, InputError, parse_count

_THOUSANDS = re.compile(r"\d{3}")
_ENDS_IN_COUNT = re.compile(r":\s*\d{1,3}(?:,\d{3})*$")


@dataclass(frozen=True)
class Gift:
    """One gift as sold to viewers: its name and its price in coins."""

    name: str
    coins: int
    gift_id: int | None = None


@dataclass(frozen=True)
class GiftCount:
    """How many of one gift a stream received."""

    gift: Gift
    count: int

    @property
    def coins(self) -> int:
        return self.gift.coins * self.count


class UnknownGiftError(InputError):
    """A gift name that is not in the catalog, with the closest names to suggest."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__("gifts", f"unknown gift {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions


class GiftCatalog:
    """Gifts looked up by name, ignoring case and surrounding spaces."""

    def __init__(self, gifts: Iterable[Gift]) -> None:
        self._by_key: dict[str, Gift] = {}
        for gift in gifts:
            key = _key(gift.name)
            if key in self._by_key:
                raise ValueError(f"gift {gift.name!r} is listed twice")
            self._by_key[key] = gift

    def __iter__(self) -> Iterator[Gift]:
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _key(name) in self._by_key

    def find(self, name: str) -> Gift:
        """The gift called ``name``, or an :class:`UnknownGiftError` with suggestions."""
        try:
            return self._by_key[_key(name)]
        except KeyError:
            raise UnknownGiftError(name.strip(), self.suggest(name)) from None

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Names that look like ``name``: close spellings first, then names containing it."""
        import difflib  # only when a name is not found: not worth loading at every start

        key = _key(name)
        close = difflib.get_close_matches(key, self._by_key, n=limit, cutoff=0.6)
        if len(close) < limit and key:
            close += [k for k in self._by_key if key in k and k not in close][: limit - len(close)]
        return [self._by_key[k].name for k in close]

    def search(self, text: str) -> list[Gift]:
        """Gifts whose name contains ``text``, cheapest first (for a picker)."""
        key = _key(text)
        return sorted(
            (gift for k, gift in self._by_key.items() if key in k),
            key=lambda gift: (gift.coins, gift.name.casefold()),
        )


def parse_gift_counts(spec: str, catalog: GiftCatalog) -> list[GiftCount]:
    """Read ``"Rose:10, Galaxy:2"`` into gift counts; a name without a count means one.

    A gift named twice is added up, so ``"Rose:3,rose:2"`` is five roses; a count may
    group its thousands (``"Rose:1,000"``).
    """
    totals: dict[str, int] = {}
    gifts: dict[str, Gift] = {}
    for part in _split_pairs(spec):
        name, sep, count_text = part.rpartition(":")
        if not sep:
            name, count_text = part, "1"
        if not name.strip():
            raise InputError("gifts", f"expected NAME:COUNT such as Rose:10, got {part.strip()!r}")
        gift = catalog.find(name)
        count = parse_count(count_text, f"gifts ({gift.name} count)", maximum=MAX_COUNT)
        if count == 0:
            raise InputError("gifts", f"{gift.name}: expected a count of at least 1, got 0")
        gifts[gift.name] = gift
        totals[gift.name] = totals.get(gift.name, 0) + count
    if not totals:
        raise InputError("gifts", "is empty; expected NAME:COUNT pairs such as Rose:10,Galaxy:2")
    return [GiftCount(gifts[name], count) for name, count in totals.items()]


def _split_pairs(spec: str) -> list[str]:
    """Split on commas, except those grouping a count's thousands (``Rose:1,000``)."""
    pairs: list[str] = []
    for piece in spec.split(","):
        if pairs and _THOUSANDS.fullmatch(piece) and _ENDS_IN_COUNT.search(pairs[-1]):
            pairs[-1] += "," + piece
        elif piece.strip():
            pairs.append(piece)
    return pairs


def total_coins(counts: Iterable[GiftCount]) -> int:
    """Coins viewers spent on these gifts."""
    return sum(count.coins for count in counts)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
