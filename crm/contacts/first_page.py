"""The exact first page of a search in table order, fast at 100,000 contacts.

`list_contact_ids(..., limit=n)` says what the table shows; answering it in SQL sorts
every match, 30-70 ms for a one-letter prefix. `FirstPage` finds the same ids sooner: a
narrow match sorted whole, a walk of the name index testing rows with the in-Python twin
of the FTS5 test, or the name order held in memory (`crm.contacts.name_order`), whose
names, companies and titles answer most searches; what matched only in channels or notes
then comes from one FTS5 probe, sorted by name.
"""

from __future__ import annotations

import sqlite3
from functools import partial

from crm.contacts.listing import BY_NAME, SortKey, list_contact_ids
from crm.contacts.name_order import NameOrder
from crm.contacts.search import (
    MATCH_SQL,
    TIERS,
    Folding,
    Words,
    calibrate,
    fts_query,
    tier_query,
    twin_words,
)

# A search matching at most this many contacts is sorted whole (a few milliseconds).
NARROW = 2000
# Measured costs, in the same unit: testing one row of a walk against reading and
# sorting one match of the exact query. A broader search walks the table in order when
# the walk to its first page is expected to cost less than the exact query.
WALK_ROW_COST = 5.0
WALK_LIMIT = 20_000  # rows walked before the exact query is asked instead
_WALK_SQL = (
    "SELECT c.id, x.c0, x.c1, x.c2, x.c3, x.c4 FROM contacts c INDEXED BY ix_contacts_sort_name "
    "CROSS JOIN contact_fts_content x ON x.id = c.id {where} ORDER BY {order}"
)


def _estimated_count(probe: list[int], top: int) -> float:
    """How many contacts match, from the first ids of the match (ids are spread evenly
    enough over 1..top for this: they are assigned in order of creation)."""
    if len(probe) <= NARROW:
        return float(len(probe))
    return len(probe) * top / max(probe[-1], 1)


class FirstPage:
    """The exact first page of a search in table order, fast at 100,000 contacts.

    Holds what a view keeps between keystrokes: its raw connection and the tokenizer's
    folding (read once). Equal to `list_contact_ids(..., limit=n)` for every query.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._folding: Folding | None = None
        self._order: NameOrder | None = None
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
        probes = [self._probe(tier_query(query, tier)) for tier in tiers]
        top = self.conn.execute("SELECT max(rowid) FROM contact_fts").fetchone()[0] or 1
        counts = [_estimated_count(p, top) for p in probes]
        found: list[int] = []
        ranked = sort == SortKey.RELEVANCE
        for n, tier in enumerate(tiers):
            if len(probes[n]) <= NARROW:
                # Every contact of this tier and the ones before it: sorted whole.
                found = list_contact_ids(self.conn, *exact, limit=limit, among=probes[n])
                if ranked and tier < TIERS - 1:
                    self.plain = len(found)
            else:
                need = limit - len(found)
                density = max(counts[n] - (counts[n - 1] if n else 0), 1) / top
                if words is None or need / density * WALK_ROW_COST > sum(counts):
                    return list_contact_ids(self.conn, *exact, limit=limit)
                walked = self._walk(words, query, tier, sort, descending, include_archived, need)
                if walked is None:
                    return list_contact_ids(self.conn, *exact, limit=limit)
                if ranked and tier < TIERS - 1 and self.plain == len(found):
                    self.plain += len(walked)
                found += walked
            if len(found) >= limit:
                break
        self.plain = min(self.plain, limit)
        return found[:limit]

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

    def _walk(
        self,
        words: Words,
        query: str,
        tier: int,
        sort: SortKey,
        descending: bool,
        include_archived: bool,
        need: int,
    ) -> list[int] | None:
        """The first `need` contacts in name order of exactly `tier` (relevance) or of any
        tier (name order), by testing rows as they come; None when too many rows had to be
        read (the exact query is cheaper then)."""
        folding = self.folding()
        direction = "DESC" if descending and sort == SortKey.NAME else "ASC"
        where = "" if include_archived else "WHERE c.archived = 0"
        sql = _WALK_SQL.format(where=where, order=BY_NAME.format(d=direction))
        found: list[int] = []
        cursor = self.conn.execute(sql)
        try:
            for walked, (contact_id, *texts) in enumerate(cursor):
                if walked >= WALK_LIMIT:
                    return None
                row = folding.fold_row(texts)
                if row is None:
                    row_tier = self._fts_tier(query, contact_id)
                else:
                    row_tier = words.row_tier(row, texts, folding)
                if row_tier is not None and (row_tier == tier or sort != SortKey.RELEVANCE):
                    found.append(contact_id)
                    if len(found) >= need:
                        break
        finally:
            cursor.close()
        return found

    def _fts_tier(self, query: str, contact_id: int) -> int | None:
        """A row's tier as FTS5 judges it (rows with characters the twin does not cover)."""
        for tier in range(TIERS):
            match = tier_query(query, tier)
            hit = self.conn.execute(f"{MATCH_SQL} AND rowid = ?", (match, contact_id)).fetchone()
            if hit is not None:
                return tier
        return None
