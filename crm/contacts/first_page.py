"""The exact first page of a search in table order, fast at 100,000 contacts.

`list_contact_ids(..., limit=n)` says what the table shows; answering it in SQL sorts
every match, 30-70 ms for a one-letter prefix. `FirstPage` finds the same ids sooner:

- the name order held in memory (`crm.contacts.name_order`), whose names, companies and
  titles answer most searches (what matched only in channels or notes then comes from
  one probe, sorted by name);
- while that is being built (seconds at 100,000 contacts, after start-up and after each
  change), the rows it has read so far, the head of the order (`crm.contacts.name_head`),
  for a broad search whose first page lies there;
- a narrow match (a probe finds at most NARROW) sorted whole: by each contact's place in
  name order (`crm.contacts.name_ranks`) when read, else in SQL;
- otherwise every match read from the index and sorted by those places.
"""

from __future__ import annotations

import heapq
import sqlite3
from functools import partial

from crm.contacts.listing import SortKey, list_contact_ids
from crm.contacts.name_head import Search
from crm.contacts.name_order import NameOrder
from crm.contacts.name_ranks import NameRanks, data_version
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
        search = None
        if words is not None:
            fts_tier = partial(self._fts_tier, query)
            search = Search(words, include_archived, fts_tier, self.folding())
        if search is not None and sort == SortKey.RELEVANCE and self._order is not None:
            held = self._order.first_page(search, limit)
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
        if search is not None and sort == SortKey.RELEVANCE:
            # A broad search's first page is often all in the head of a build under way,
            # found there sooner than a probe of the index would say the search is broad.
            head = self._head(search, 0, limit)
            if head is not None:
                self.plain = limit
                return head
        tiers = range(TIERS) if sort == SortKey.RELEVANCE else [TIERS - 1]
        found: list[int] = []
        ranked = sort == SortKey.RELEVANCE
        probes: list[list[int]] = []  # every match of each tier so far, while few
        for tier in tiers:
            probe = self._probe(tier_query(query, tier))
            probes.append(probe)
            if len(probe) > NARROW:
                # `found` holds every match of the tiers before this one: the rest of the
                # page may come from the head of the name order a build has read so far
                # (tier 0 was looked for there already).
                head = self._head(search, tier, limit - len(found)) if tier > 0 else None
                if head is not None:
                    self.plain = limit
                    return found + head
                if walkable:
                    return self._by_place(query, sort, descending, include_archived, limit)
                return list_contact_ids(self.conn, *exact, limit=limit)
            # Every contact of this tier and the ones before it: sorted whole.
            ranks = self._current_ranks() if walkable else None
            if ranks is None:
                found = list_contact_ids(self.conn, *exact, limit=limit, among=probe)
            else:
                found = _by_rank(ranks, probes, sort, descending, include_archived, limit)
            if ranked and tier < TIERS - 1:
                self.plain = len(found)
            if len(found) >= limit:
                break
        self.plain = min(self.plain, limit)
        return found[:limit]

    def _head(self, search: Search | None, tier: int, need: int) -> list[int] | None:
        head = self._order.head() if self._order is not None else None
        if search is None or tier >= TIERS - 1 or head is None:
            return None
        return head.walk(search, tier, need)

    def _by_place(
        self, query: str, sort: SortKey, descending: bool, include_archived: bool, limit: int
    ) -> list[int]:
        """Every match read from the index, the first `limit` taken by name order: tier by
        tier for relevance (names, then companies and titles, then the rest)."""
        ranks = self._current_ranks()
        if ranks is None:
            ranks = self._ranks = NameRanks.read(self.conn)
        place = ranks.place.__getitem__
        hidden = set() if include_archived else ranks.archived
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

    def _current_ranks(self) -> NameRanks | None:
        """Each contact's place in name order for the data as it is now, when read (by
        a build of the name order, or here for an earlier search); None otherwise."""
        ranks = self._order.ranks() if self._order is not None else None
        if ranks is None and self._ranks is not None:
            ranks = self._ranks if self._ranks.version == data_version(self.conn) else None
        return ranks

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


def _by_rank(
    ranks: NameRanks,
    probes: list[list[int]],
    sort: SortKey,
    descending: bool,
    include_archived: bool,
    limit: int,
) -> list[int]:
    """The first `limit` of every match, sorted as SQL would: by relevance tier (each
    probe holds the matches of its tier and the ones before), then by place in name
    order; by name alone (descending or not) for the name sort."""
    place = ranks.place
    hidden = set() if include_archived else ranks.archived
    if sort == SortKey.NAME:
        shown = [i for i in probes[-1] if i in place and i not in hidden]
        return sorted(shown, key=place.__getitem__, reverse=descending)[:limit]
    found: list[int] = []
    earlier: set[int] = set()
    for probe in probes:
        new = [i for i in probe if i not in earlier and i in place and i not in hidden]
        earlier.update(probe)
        found += sorted(new, key=place.__getitem__)
        if len(found) >= limit:
            break
    return found[:limit]
