"""The contacts in name order, held in memory with their name, company and title folded.

A one-letter search at 100,000 contacts matches tens of thousands of them; its first
page in relevance order (names first, then company and title) is found by testing rows
in name order until the page is full. Walking the sort index in SQLite costs about 8 µs
a row, and a letter such as "s" walks thousands; testing a folded row held here costs
a fraction of a microsecond. The copy is made in slices while the app is idle (see
`NameOrder.build`), is used only while the data file has not changed since (SQLite's
`data_version` and the connection's own change count say so); otherwise SQLite answers
(`crm.contacts.first_page`). While it is built, the rows read so far already answer a
broad search (`crm.contacts.name_head`), and each contact's place is read right after
them (`crm.contacts.name_ranks`).
"""

from __future__ import annotations

import heapq
import sqlite3
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import chain

from crm.contacts import name_head
from crm.contacts.name_head import Head, Rows, Search
from crm.contacts.name_ranks import NameRanks, Version, data_version
from crm.contacts.search import Folding, Words

SLICE = 500  # rows read per step of the build (a step takes about 12 ms at 100,000)
# Costs in microseconds, measured: testing one row of the walk in Python, and putting
# one row's position in a set (in C). They decide whether the rows of several words are
# met with sets before testing (see `walk`).
ROW_TEST_COST = 1.0
SET_ITEM_COST = 0.05
_LAST = chr(0x10FFFF)
_READ_SQL = (
    "SELECT c.id, c.archived, c.last_name, c.first_name, x.c0, x.c1, x.c2 "
    "FROM contacts c INDEXED BY ix_contacts_sort_name "
    "CROSS JOIN contact_fts_content x ON x.id = c.id "
    "WHERE (c.last_name, c.first_name, c.id) > (?, ?, ?) "
    "ORDER BY c.last_name, c.first_name, c.id LIMIT ?"
)


class NameOrder:
    """Every contact in name order (ascending): id, archived, and the name, company and
    title columns of the search index folded as `Folding.fold_row` folds them."""

    def __init__(self, conn: sqlite3.Connection, folding: Folding) -> None:
        self.conn = conn
        self.folding = folding
        self._ids: list[int] = []
        self._archived = bytearray()
        self._rows: list[str | None] = []  # None: a character only FTS5 can judge
        # Per tier (0: the name column; 1: name, company and title), each token of the
        # folded rows, sorted, with the positions of the rows holding it there: the rows a
        # word can match are those of the tokens it is a prefix of.
        self._tokens: tuple[list[str], list[str]] = ([], [])
        self._positions: tuple[list[array[int]], list[array[int]]] = ([], [])
        self._unsure = array("i")  # positions of the rows FTS5 judges
        self._version: Version | None = None
        self._head: Head | None = None  # what the build under way has read so far
        self._ranks: NameRanks | None = None  # read by a build, once it has its head

    def _now(self) -> Version:
        return data_version(self.conn)

    def is_current(self) -> bool:
        return self._version is not None and self._version == self._now()

    def ranks(self) -> NameRanks | None:
        """Each contact's place in name order, when a build has read them for the data
        as it is now."""
        if self._ranks is None or self._ranks.version != self._now():
            return None
        return self._ranks

    def build(self) -> Iterator[None]:
        """Read the copy again, one slice per step (a warm-up preparation).

        The version is noted first: a change made between the steps leaves the copy
        stale, and it is not used until built again.
        """
        version = self._now()
        # Read into the head: what is read so far answers searches at once (`head`).
        self._head = head = Head(version)
        ids, archived, rows = head.ids, head.archived, head.rows
        holding: tuple[dict[str, array[int]], dict[str, array[int]]] = ({}, {})
        unsure = array("i")
        after: tuple[str, str, int] = ("", "", -1)
        fold_row = self.folding.fold_row
        places_read = False
        while True:
            if not places_read and len(ids) >= name_head.HEAD_ROWS:
                # The head is read: each contact's place next, for the searches it cannot
                # answer, then the rest of the rows. The steps give None until the last.
                places_read = True
                for ranks in NameRanks.read_in_steps(self.conn):
                    self._ranks = ranks
                    yield
            # No cursor stays open between steps: each slice starts after the last row read.
            batch = self.conn.execute(_READ_SQL, (*after, SLICE)).fetchall()
            for contact_id, is_archived, _last, _first, *texts in batch:
                position = len(ids)
                ids.append(contact_id)
                archived.append(1 if is_archived else 0)
                row = fold_row(texts)
                rows.append(row)
                if row is None:
                    unsure.append(position)
                    continue
                # Split on the space alone: `" ann" in row` holds exactly when a token
                # split so starts with "ann" (str.split would also cut at \x1c and such).
                tokens = set(row.split(" "))
                name = set(row[: row.index("\0")].split(" ")) if len(texts) > 1 else tokens
                for tier, found in enumerate((name, tokens)):
                    for token in found:
                        if token and token != "\0":
                            holding[tier].setdefault(token, array("i")).append(position)
            if len(batch) < SLICE:
                break
            last = batch[-1]
            after = (last[2], last[3], last[0])
            yield
        name_tokens, all_tokens = sorted(holding[0]), sorted(holding[1])
        self._ids, self._archived, self._rows = ids, archived, rows
        self._tokens = (name_tokens, all_tokens)
        self._positions = (
            [holding[0][t] for t in name_tokens],
            [holding[1][t] for t in all_tokens],
        )
        self._unsure = unsure
        self._version = version
        if self._ranks is None or self._ranks.version != version:  # fewer than the head
            hidden = {ids[position] for position, flag in enumerate(archived) if flag}
            self._ranks = NameRanks(ids, hidden, version)

    def build_now(self) -> None:
        for _step in self.build():
            pass

    def head(self) -> Head | None:
        """What the build under way (or the last) has read so far, when it reads the data
        as it is now (see `crm.contacts.name_head`)."""
        head = self._head
        return head if head is not None and head.version == self._now() else None

    def first_page(self, search: Search, limit: int) -> list[int] | None:
        """The first `limit` ids of tiers 0 and 1 (names, companies, titles) in relevance
        order, when the copy is current; fewer when those tiers hold fewer (then every one
        of them: the rest of the page matched elsewhere). None when SQLite must answer."""
        if not self.handles(search.words) or not self.is_current():
            return None
        found: list[int] = []
        for tier in (0, 1):
            found += self.walk(search, tier, limit - len(found))
            if len(found) >= limit:
                break
        return found

    def walk(self, search: Search, tier: int, need: int) -> list[int]:
        """The first `need` contacts in name order whose relevance tier is `tier` (0: the
        name, 1: company or title).

        Exact for those tiers: a word found in channels or notes only makes a row tier 2,
        so columns left out of the copy cannot change a tier of 0 or 1. Words the
        tokenizer splits into several (a phrase) are not handled here (see `handles`).
        """
        # The rows of the word holding the fewest: every row of the tier holds each word.
        ranges = [self._range(tier, phrase[1:]) for phrase in search.words.phrases]
        counts = [self._count(tier, *r) for r in ranges]
        fewest = min(counts)
        low, high = ranges[counts.index(fewest)]
        candidates: Iterable[int]
        if self._meet_first(counts, need):
            # Words that seldom meet ("anna lee"): most rows of the rarest word would be
            # tested in vain; the rows holding every word are found in C (sets) first.
            candidates = self._meeting(tier, ranges)
        else:
            candidates = self._candidates(tier, low, high)
        rows = Rows(self._ids, self._archived, self._rows)
        return rows.of_tier(candidates, search, tier, need)

    def _range(self, tier: int, prefix: str) -> tuple[int, int]:
        """The tokens starting with `prefix`, as a range of the tier's sorted tokens."""
        tokens = self._tokens[tier]
        low = bisect_left(tokens, prefix)
        return low, bisect_left(tokens, prefix + _LAST, low)

    def _count(self, tier: int, low: int, high: int) -> int:
        positions = self._positions[tier]
        return sum(len(positions[k]) for k in range(low, high))

    def _candidates(self, tier: int, low: int, high: int) -> Iterator[int]:
        """Positions, ascending and once each, of the rows holding the tokens from `low`
        to `high`, and of the rows only FTS5 can judge."""
        lists: list[Iterable[int]] = [self._positions[tier][k] for k in range(low, high)]
        previous = -1
        for position in heapq.merge(*lists, self._unsure):
            if position != previous:
                previous = position
                yield position

    def _meet_first(self, counts: list[int], need: int) -> bool:
        """Whether gathering the rows of every word costs less than testing the rows of
        the rarest until `need` are found (words taken as independent to estimate it)."""
        if len(counts) < 2:
            return False
        fewest, everyone = min(counts), max(len(self._ids), 1)
        meeting = float(fewest)
        for n in counts:
            meeting *= n / everyone
        meeting /= fewest / everyone if fewest else 1  # the rarest word counted once
        tested = fewest if meeting < need else need * fewest / max(meeting, 1e-9)
        return tested * ROW_TEST_COST > sum(counts) * SET_ITEM_COST

    def _meeting(self, tier: int, ranges: list[tuple[int, int]]) -> list[int]:
        """Positions, ascending, of the rows holding a token of every range, and of the
        rows only FTS5 can judge."""
        positions = self._positions[tier]
        rows: set[int] | None = None
        for low, high in ranges:
            held = chain.from_iterable(positions[k] for k in range(low, high))
            if rows is None:
                rows = set(held)
            else:
                rows.intersection_update(held)
        return sorted((rows or set()).union(self._unsure))

    @staticmethod
    def handles(words: Words) -> bool:
        """Whether `walk` answers this search: words the tokenizer keeps whole."""
        return all(" " not in phrase[1:] for phrase in words.phrases)
