"""What the stream log's text filter looks in: the words of each stream, indexed.

The filter keeps a stream when every word typed appears in its text, case aside. A word
typed holds no white space, so it appears in a text exactly when it appears inside one of
that text's own words. :class:`WordIndex` keeps, for each distinct word of the log's tags,
titles and notes, the streams that have it, and asks the question once per distinct word
(a few dozen to a few thousand for a creator, however many streams) rather than once per
stream: for the bench's 100,000 streams, well under a millisecond where testing each
stream's text took ~15 ms.

Start times are the exception: each is a word of its own, so indexing them would give the
index one word per stream. They are searched one by one, and only for a word that could be
in one (:func:`start_characters`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

#: The characters of a start time in its usual form (``2026-11-20T21:00:00+01:00``),
#: case-folded, with the other forms ISO 8601 allows (``Z``, ``.123``, ``-05:00``).
USUAL_START_CHARACTERS = frozenset("0123456789-:+.tz")
_USUAL_START_BYTES = b"0123456789-:+.TZtz"


class WordIndex:
    """Slots (a stream's place in the column store) by the words of their tags and text.

    Words are case-folded here. Each word's slots are a list kept in order, each slot once:
    slots are indexed as they are added, in order, and an edited stream is found and put
    back by bisection (finding it by a scan of the ~50,000 slots that share a tag took
    ~0.4 ms a word; sets instead of lists cost ~12 MB more for 100,000 streams).
    """

    def __init__(self) -> None:
        self._slots: dict[str, list[int]] = {}
        self._tag_words: dict[tuple[str, ...], tuple[str, ...]] = {}

    @property
    def word_count(self) -> int:
        """How many distinct words the index holds (what one search looks through)."""
        return len(self._slots)

    def add(self, k: int, tags: tuple[str, ...], text: str) -> None:
        """Index slot ``k`` (not indexed yet): see :meth:`extend`."""
        self.extend(k, (tags,), (text,))

    def extend(self, first: int, tags: Sequence[tuple[str, ...]], texts: Sequence[str]) -> None:
        """Index the slots from ``first`` on (none indexed yet) under the words of their
        ``tags`` and their ``texts`` (title and notes): ~1.4 ms per 1,000 streams of the
        bench's log. Streams share tag lists, whose words are worked out once each."""
        if len(tags) != len(texts):
            raise ValueError("one tag list and one text per slot")
        slots = self._slots
        get = slots.get
        k = first
        for tag_list, text in zip(tags, texts, strict=True):
            words = self._tag_words.get(tag_list)
            if words is None:
                words = self._tag_words[tag_list] = tuple(_words(tag_list, ""))
            if text:
                words = (*words, *text.casefold().split())
            for word in words:  # the step per word is all there is: keep it bare
                found = get(word)
                if found is None:
                    slots[word] = [k]
                elif found[-1] < k:
                    found.append(k)
                elif found[-1] > k:  # an edited stream, back among later ones
                    at = bisect.bisect_left(found, k)
                    if found[at] != k:
                        found.insert(at, k)
            k += 1

    def discard(self, k: int, tags: tuple[str, ...], text: str) -> None:
        """Forget slot ``k``, which was indexed with ``tags`` and ``text``."""
        slots = self._slots
        for word in _words(tags, text):
            found = slots.get(word)
            if found is None:
                continue
            at = bisect.bisect_left(found, k)
            if at < len(found) and found[at] == k:
                del found[at]
            if not found:
                del slots[word]

    def holding(self, part: str) -> set[int]:
        """The slots whose tags or text hold ``part`` (case-folded, one word: no white
        space)."""
        return set().union(*(slots for word, slots in self._slots.items() if part in word))


def _words(tags: tuple[str, ...], text: str) -> set[str]:
    """The distinct words of ``tags`` and ``text``, case-folded, as the index lists them."""
    return set(" ".join(tags).casefold().split()).union(text.casefold().split())


class TextSearch:
    """What the text filter looks in, for a column store: the words of its tags, titles and
    notes (:class:`WordIndex`, made when the rows are read or at the first search), and the
    characters of its start times."""

    def __init__(self) -> None:
        self.words: WordIndex | None = None
        self._start_chars: set[str] = set()

    def add_starts(self, starts: Sequence[str]) -> None:
        self._start_chars |= start_characters(starts)

    def index(self, first: int, tags: Sequence[tuple[str, ...]], texts: Sequence[str]) -> None:
        """Index the slots from ``first`` on (see :meth:`WordIndex.extend`)."""
        if self.words is None:
            self.words = WordIndex()
        self.words.extend(first, tags, texts)

    def add(self, k: int, start: str, tags: tuple[str, ...], text: str) -> None:
        self.add_starts((start,))
        if self.words is not None:
            self.words.add(k, tags, text)

    def discard(self, k: int, tags: tuple[str, ...], text: str) -> None:
        if self.words is not None:
            self.words.discard(k, tags, text)

    def holding(self, part: str, starts: Sequence[str]) -> set[int]:
        """The slots whose start (one of ``starts``), tags, title or notes hold ``part``
        (case-folded, one word); the index must be made."""
        assert self.words is not None, "index the words first"
        found = self.words.holding(part)
        if not self._start_chars.issuperset(part):
            return found  # the usual case: no start time can hold the word
        return found.union(starts_holding(starts, part))


def texts_of_rows(notes: Sequence[str], titles: Sequence[Sequence[str | None]]) -> Sequence[str]:
    """Each row's title (and any other text detail: ``titles`` holds a column of each) and
    notes, as :class:`WordIndex` takes them; the notes themselves when there is no title."""
    if not titles:
        return notes
    return [
        f"{' '.join(title or '' for title in more)} {n}"
        for n, *more in zip(notes, *titles, strict=True)
    ]


def start_characters(starts: Sequence[str]) -> set[str]:
    """The characters ``starts`` hold once case-folded, or more (the usual ones are always
    counted in): a word typed with any other character cannot be in a start time, so the
    starts need not be looked through for it.

    Worked out with C loops (a join, a byte translation), so it costs ~0.05 ms per 2,000
    usual starts: the log works it out as it reads them.
    """
    joined = "".join(starts)
    if joined.isascii():
        unusual = joined.encode("ascii").translate(None, _USUAL_START_BYTES).decode("ascii")
        return set(USUAL_START_CHARACTERS).union(unusual.casefold())
    return set(USUAL_START_CHARACTERS).union(joined.casefold())


def starts_holding(starts: Sequence[str], part: str) -> list[int]:
    """The slots whose start time, case-folded, holds ``part``.

    Case folding changes letters only, and no character folds into ASCII digits or
    punctuation, so a part without letters (``2026-11``, the usual date search) is looked
    for in the starts as they are: half the time of folding 100,000 of them first.
    """
    if part.isascii() and not any(map(str.isalpha, part)):
        return [k for k, start in enumerate(starts) if part in start]
    return [k for k, start in enumerate(starts) if part in start.casefold()]
