"""The exact first page of a search in table order, fast at 100,000 contacts.

`list_contact_ids(..., limit=n)` says what the table shows; answering it in SQL sorts
every match, 30-70 ms for a one-letter prefix. `FirstPage` finds the same ids sooner: a
narrow match sorted whole in SQL; the name order held in memory
(`crm.contacts.name_order`), whose names, companies and titles answer most searches (what
matched only in channels or notes then comes from one probe, sorted by name); or, before
that is built, every match read from the index and sorted by each contact's place in
name order (`NameRanks`, read in one query).
"""

from __future__ import annotations

import heapq
import sqlite3
from array import array
from functools import partial

from crm.contacts.listing import BY_NAME, SortKey, list_contact_ids
from crm.contacts.name_order import NameOrder
from crm.contacts.search import (
    MATCH_SQL,
    TIERS,
    Folding,
    calibrate,
    fts_query,
    tier_query,
    twin_words,
)

# A search matching at most this many contacts is sorted whole (a few milliseconds).
NARROW = 2000
# Every contact's place in name order (the index ix_contacts_sort_name, read whole).
_RANKS_SQL = "SELECT c.id FROM contacts c INDEXED BY ix_contacts_sort_name ORDER BY {}".format(
    BY_NAME.format(d="ASC")
)


class NameRanks:
    """Each contact's place in name order, and which are archived, while the data file
    stays as it was when they were read (about 50 ms at 100,000 contacts).

    A broad search sorts its matches by these in Python instead of asking SQLite to
    walk the name index row by row, which reads pages all over the file (50-120 ms for a
    one-letter search before the name order is held in memory).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._version = self._now()
        ids = [r[0] for r in conn.execute(_RANKS_SQL)]
        self.place = array("i", bytes(4 * (max(ids, default=0) + 1)))
        for position, contact_id in enumerate(ids):
            self.place[contact_id] = position
        self.archived = {r[0] for r in conn.execute("SELECT id FROM contacts WHERE archived")}

    def _now(self) -> tuple[int, int]:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0]), self.conn.total_changes

    def is_current(self) -> bool:
        return self._version == self._now()


class FirstPage:
    """The exact first page of a search in table order, fast at 100,000 contacts.

    Holds what a view keeps between keystrokes: its raw connection and the tokenizer's
    folding (read once). Equal to `list_contact_ids(..., limit=n)` for every query.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._folding: Folding | None = None
        self._order: NameOrder | None = None
        self._ranks: NameRanks | None = None
        # How many of the last answer's ids were found in a name, company or title
        # (relevance tiers 0 and 1): their rows show no hint of where the search matched.
        self.plain = 0

    def folding(self) -> Folding:
        if self._folding is None:
            self._folding = calibrate(self.conn)
        return self._folding

    def name_order(self) -> NameOrder:
        """The in-memory name order the view builds while idle (used only when current)."""
        if self._order is None:
            self._order = NameOrder(self.conn, self.folding())
        return self._order

    def ids(
        self,
        query: str,
        sort: SortKey,
        descending: bool,
        include_archived: bool,
        limit: int,
    ) -> list[int]:
        exact = (query, sort, descending, include_archived)
        self.plain = 0
        if fts_query(query) is None:
            return list_contact_ids(self.conn, *exact, limit=limit)
        walkable = sort in (SortKey.RELEVANCE, SortKey.NAME)
        words = twin_words(query, self.folding()) if walkable else None
        if words is not None and sort == SortKey.RELEVANCE and self._order is not None:
            fts_tier = partial(self._fts_tier, query)
            held = self._order.first_page(words, include_archived, limit, fts_tier)
            if held is not None and len(held) >= limit:
                self.plain = limit
                return held[:limit]
            if held is not None:
                # Every match in a name, company or title is held: the rest matched in
                # channels or notes only, found by one probe when there are few.
                rest = self._others(query, include_archived, limit - len(held), held)
                if rest is not None:
                    self.plain = len(held)
                    return held + rest
        tiers = range(TIERS) if sort == SortKey.RELEVANCE else [TIERS - 1]
        found: list[int] = []
        ranked = sort == SortKey.RELEVANCE
        for tier in tiers:
            probe = self._probe(tier_query(query, tier))
            if len(probe) > NARROW:
                if walkable:
                    return self._by_place(query, sort, descending, include_archived, limit)
                return list_contact_ids(self.conn, *exact, limit=limit)
            # Every contact of this tier and the ones before it: sorted whole.
            found = list_contact_ids(self.conn, *exact, limit=limit, among=probe)
            if ranked and tier < TIERS - 1:
                self.plain = len(found)
            if len(found) >= limit:
                break
        self.plain = min(self.plain, limit)
        return found[:limit]

    def _by_place(
        self, query: str, sort: SortKey, descending: bool, include_archived: bool, limit: int
    ) -> list[int]:
        """Every match read from the index, the first `limit` taken by name order: tier by
        tier for relevance (names, then companies and titles, then the rest)."""
        if self._ranks is None or not self._ranks.is_current():
            self._ranks = NameRanks(self.conn)
        place = self._ranks.place.__getitem__
        hidden = set() if include_archived else self._ranks.archived
        self.plain = 0
        if sort == SortKey.NAME:
            matches = [i for i in self._matches(fts_query(query)) if i not in hidden]
            pick = heapq.nlargest if descending else heapq.nsmallest
            return pick(limit, matches, key=place)
        found: list[int] = []
        seen: set[int] = set()
        for tier in range(TIERS):
            matches = self._matches(tier_query(query, tier))
            new = [i for i in matches if i not in seen and i not in hidden]
            seen.update(matches)
            found += heapq.nsmallest(limit - len(found), new, key=place)
            if tier < TIERS - 1:
                self.plain = len(found)
            if len(found) >= limit:
                break
        return found

    def _matches(self, match: str | None) -> list[int]:
        return [r[0] for r in self.conn.execute(MATCH_SQL, (match,))]

    def _others(
        self, query: str, include_archived: bool, need: int, found: list[int]
    ) -> list[int] | None:
        """The first `need` matches in name order that are not in `found` (every match in
        a name, company or title); None when too many match to sort them whole."""
        probe = self._probe(tier_query(query, TIERS - 1))
        if len(probe) > NARROW:
            return None
        held = set(found)
        others = [i for i in probe if i not in held]
        if not others:
            return []
        return list_contact_ids(
            self.conn, "", SortKey.NAME, False, include_archived, limit=need, among=others
        )

    def _probe(self, match: str | None) -> list[int]:
        """Up to NARROW + 1 ids of a MATCH, smallest first (the index's order)."""
        return [r[0] for r in self.conn.execute(f"{MATCH_SQL} LIMIT ?", (match, NARROW + 1))]

    def _fts_tier(self, query: str, contact_id: int) -> int | None:
        """A row's tier as FTS5 judges it (rows with characters the twin does not cover)."""
        for tier in range(TIERS):
            match = tier_query(query, tier)
            hit = self.conn.execute(f"{MATCH_SQL} AND rowid = ?", (match, contact_id)).fetchone()
            if hit is not None:
                return tier
        return None
