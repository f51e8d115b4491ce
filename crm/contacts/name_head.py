"""The head of the name order: the first rows a build of it has read, searched at once.

Building the whole name order (`crm.contacts.name_order`) takes seconds at 100,000
contacts, after start-up and again after every change. Its rows are read from the top
of the order down, so the rows read so far are the exact head of it: a broad search
whose first page lies there (a letter matches a row in ten) is answered from them while
the rest is still being read. The head is kept as one folded text; `str.find` (in C)
jumps from one row holding a word to the next, so a word found nowhere in it costs a
fraction of a millisecond before SQLite answers instead.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from crm.contacts.name_ranks import Version
from crm.contacts.search import Folding, Words

# The rows of the head searched: what a build reads in its first hundred milliseconds.
HEAD_ROWS = 10_000
# Between two rows of the text: a folded row holds only spaces, NUL (between columns) and
# the tokenizer's letters, so no word can reach across the end of a row.
_ROW_END = "\n"


class Head:
    """The rows a build has read so far (appended to as it reads), of one data version."""

    def __init__(self, version: Version) -> None:
        self.version = version
        self.ids: list[int] = []
        self.archived = bytearray()
        self.rows: list[str | None] = []  # None: a character only FTS5 can judge
        # Per tier (0: the name column; 1: name, company and title), the searched rows'
        # text and where each row starts in it (one more: where the next would).
        self._texts = ("", "")
        self._starts = (array("q", [0]), array("q", [0]))
        self._unsure: list[int] = []

    def __len__(self) -> int:
        return len(self.ids)

    def _searched(self, tier: int) -> tuple[str, array[int], list[int]]:
        """The tier's text of the first HEAD_ROWS rows, where each starts, and the
        positions of the rows FTS5 judges; joined again when the build has read more."""
        count = min(len(self.rows), HEAD_ROWS)
        if len(self._starts[0]) != count + 1:
            rows = [row or "" for row in self.rows[:count]]
            names = [row[: row.find("\0")] for row in rows]
            self._texts = (_ROW_END.join(names), _ROW_END.join(rows))
            self._starts = (_starts(names), _starts(rows))
            self._unsure = [p for p in range(count) if self.rows[p] is None]
        return self._texts[tier], self._starts[tier], self._unsure

    def walk(self, search: Search, tier: int, need: int) -> list[int] | None:
        """The first `need` contacts in name order whose relevance tier is `tier` (0 or
        1), when the head holds that many; None otherwise.

        Rows of the tier found here come before any row read later, so the answer is
        exact. Words the tokenizer splits into several (a phrase) are not looked for here.
        """
        phrases = search.words.phrases
        if need <= 0 or any(" " in phrase[1:] for phrase in phrases):
            return None
        text, starts, unsure = self._searched(tier)
        # Every row of the tier holds each word in the tier's columns: the rows holding the
        # rarest one there are tested, in their order with the rows FTS5 judges.
        word = min(phrases, key=lambda p: (text.count(p), -len(p)))
        candidates = _merged(_holding(text, starts, word), unsure)
        rows = Rows(self.ids, self.archived, self.rows)
        found = rows.of_tier(candidates, search, tier, need)
        return found if len(found) >= need else None


@dataclass(frozen=True)
class Search:
    """A search as rows held in memory are tested against it."""

    words: Words
    include_archived: bool
    fts_tier: Callable[[int], int | None]  # judges a row the folding does not cover
    folding: Folding


@dataclass(frozen=True)
class Rows:
    """Contacts in name order, by position: id, archived, and the folded row (None: a
    character only FTS5 can judge)."""

    ids: Sequence[int]
    archived: bytearray
    folded: Sequence[str | None]

    def of_tier(self, candidates: Iterable[int], search: Search, tier: int, need: int) -> list[int]:
        """The first `need` ids among `candidates` (positions, ascending) whose row's
        relevance tier is `tier`."""
        found: list[int] = []
        ids, archived, folded = self.ids, self.archived, self.folded
        words, folding, fts_tier = search.words, search.folding, search.fts_tier
        for position in candidates:
            if archived[position] and not search.include_archived:
                continue
            row = folded[position]
            row_tier = fts_tier(ids[position]) if row is None else words.row_tier(row, (), folding)
            if row_tier == tier:
                found.append(ids[position])
                if len(found) >= need:
                    break
        return found


def _starts(rows: list[str]) -> array[int]:
    """Where each row begins in `_ROW_END.join(rows)`, and where one more would."""
    return array("q", accumulate(map((1).__add__, map(len, rows)), initial=0))


def _holding(text: str, starts: array[int], word: str) -> Iterator[int]:
    """Positions, ascending and once each, of the rows of `text` holding `word`."""
    at = text.find(word)
    while at >= 0:
        position = bisect_right(starts, at) - 1
        yield position
        at = text.find(word, starts[position + 1])


def _merged(hits: Iterator[int], unsure: list[int]) -> Iterator[int]:
    """`hits` with the positions of `unsure` in their places (no position is in both: a
    row FTS5 judges is empty in the text)."""
    if not unsure:
        yield from hits
        return
    pending = iter(unsure)
    waiting = next(pending, None)
    for position in hits:
        while waiting is not None and waiting < position:
            yield waiting
            waiting = next(pending, None)
        yield position
    while waiting is not None:
        yield waiting
        waiting = next(pending, None)
