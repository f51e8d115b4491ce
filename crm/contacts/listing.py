"""The contacts table as a windowed list: sorted, searched ids first, then rows by page."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import partial

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
from crm.store.db import Database
from crm.store.localtime import local_today, local_zone
from crm.store.stored_time import read_date, read_datetime
from crm.today.cadence_sql import REACH_OUT_SQL


class SortKey(StrEnum):
    NAME = "name"
    COMPANY = "company"
    TITLE = "title"
    STAGE = "stage"
    LAST_INTERACTION = "last_interaction"
    NEXT_FOLLOW_UP = "next_follow_up"
    RELEVANCE = "relevance"  # while searching: name matches first, then company... (tiers)
    REACH_OUT = "reach_out"


@dataclass(frozen=True)
class ContactListRow:
    """One line of the contacts table."""

    id: int
    name: str
    company: str
    title: str
    stage_name: str
    stage_color: str
    last_interaction: datetime | None  # naive UTC
    next_follow_up: date | None
    overdue: bool
    archived: bool
    reach_out: date | None = None  # the keep-in-touch date (crm.today.cadence)


_LAST_INTERACTION = "(SELECT max(i.occurred_at) FROM interactions i WHERE i.contact_id = c.id)"
_NEXT_FOLLOW_UP = (
    "(SELECT min(f.due_date) FROM follow_ups f WHERE f.contact_id = c.id AND f.done_at IS NULL)"
)
# The name order follows the index ix_contacts_sort_name, so the first page of 100,000
# contacts is an index scan (under a millisecond) instead of a sort (about 60 ms).
_BY_NAME = "c.last_name {d}, c.first_name {d}, c.id {d}"

# Each sort key: the joins it needs and the expression to order by. Empty values always
# go to the bottom, whichever the direction, so a click on a header shows real data first.
_SORTS: dict[SortKey, tuple[str, str]] = {
    SortKey.NAME: ("", ""),
    SortKey.COMPANY: ("LEFT JOIN companies co ON co.id = c.company_id", "co.name COLLATE NOCASE"),
    SortKey.TITLE: ("", "nullif(c.title, '') COLLATE NOCASE"),
    SortKey.STAGE: ("JOIN stages s ON s.id = c.stage_id", "s.position"),
    SortKey.LAST_INTERACTION: ("", _LAST_INTERACTION),
    SortKey.NEXT_FOLLOW_UP: ("", _NEXT_FOLLOW_UP),
    SortKey.RELEVANCE: ("", ""),
    SortKey.REACH_OUT: ("", REACH_OUT_SQL),
}
# The relevance tier of a contact for a search (see crm.contacts.search.tier_query).
_TIER = f"CASE WHEN c.id IN ({MATCH_SQL}) THEN 0 WHEN c.id IN ({MATCH_SQL}) THEN 1 ELSE 2 END"


def ids_sql(
    query: str = "",
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    include_archived: bool = False,
    *,
    among: Sequence[int] | None = None,
) -> tuple[str, list[str]]:
    """The SELECT of contact ids for a search and sort, with its parameters.

    `among` restricts the ids to a given set instead of running the search (which still
    decides the relevance order). This is the exact, slow form of every listing.
    """
    join, key = _SORTS[SortKey(sort)]
    direction = "DESC" if descending else "ASC"
    where: list[str] = []
    params: list[str] = []
    match = fts_query(query) if among is None else None
    if among is not None:
        where.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(_json_ids(among))
    elif match is not None:
        where.append(f"c.id IN ({MATCH_SQL})")
        params.append(match)
    if not include_archived:
        where.append("c.archived = 0")
    if sort == SortKey.RELEVANCE and fts_query(query) is not None:
        order = f"{_TIER}, {_BY_NAME.format(d='ASC')}"
        params += [tier_query(query, 0) or "", tier_query(query, 1) or ""]
    elif key:
        order = f"({key}) IS NULL, {key} {direction}, {_BY_NAME.format(d='ASC')}"
    else:
        order = _BY_NAME.format(d=direction)
    sql = f"SELECT c.id FROM contacts c {join}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return f"{sql} ORDER BY {order}", params


def _json_ids(ids: Sequence[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


@contextmanager
def _connection(db: Database | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    if isinstance(db, sqlite3.Connection):
        yield db
        return
    with db.connection() as conn:
        yield conn


def list_contact_ids(
    db: Database | sqlite3.Connection,
    query: str = "",
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    include_archived: bool = False,
    *,
    limit: int | None = None,
    among: Sequence[int] | None = None,
) -> list[int]:
    """Ids of the contacts matching `query` (every word a prefix), in table order.

    `db` may be an open raw connection (a view keeps one for typing speed). With `limit`,
    only the first ids: a view shows those at once and fetches the rest on scroll.
    With `among`, the ids of that set in table order (the query is not run).
    """
    sql, params = ids_sql(query, sort, descending, include_archived, among=among)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with _connection(db) as conn:
        return [r[0] for r in conn.execute(sql, params)]


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
        if fts_query(query) is None:
            return list_contact_ids(self.conn, *exact, limit=limit)
        walkable = sort in (SortKey.RELEVANCE, SortKey.NAME)
        words = twin_words(query, self.folding()) if walkable else None
        if words is not None and sort == SortKey.RELEVANCE and self._order is not None:
            fts_tier = partial(self._fts_tier, query)
            held = self._order.first_page(words, include_archived, limit, fts_tier)
            if held is not None:
                return held
        tiers = range(TIERS) if sort == SortKey.RELEVANCE else [TIERS - 1]
        probes = [self._probe(tier_query(query, tier)) for tier in tiers]
        top = self.conn.execute("SELECT max(rowid) FROM contact_fts").fetchone()[0] or 1
        counts = [_estimated_count(p, top) for p in probes]
        found: list[int] = []
        for n, tier in enumerate(tiers):
            if len(probes[n]) <= NARROW:
                # Every contact of this tier and the ones before it: sorted whole.
                found = list_contact_ids(self.conn, *exact, limit=limit, among=probes[n])
            else:
                need = limit - len(found)
                density = max(counts[n] - (counts[n - 1] if n else 0), 1) / top
                if words is None or need / density * WALK_ROW_COST > sum(counts):
                    return list_contact_ids(self.conn, *exact, limit=limit)
                walked = self._walk(words, query, tier, sort, descending, include_archived, need)
                if walked is None:
                    return list_contact_ids(self.conn, *exact, limit=limit)
                found += walked
            if len(found) >= limit:
                break
        return found[:limit]

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
        sql = _WALK_SQL.format(where=where, order=_BY_NAME.format(d=direction))
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


def match_ids(db: Database | sqlite3.Connection, query: str, limit: int) -> list[int] | None:
    """Up to `limit` ids matching `query`, in no useful order; None when nothing to match.

    Reading a few hundred matches costs milliseconds even for a one-letter prefix, where
    reading all of them costs a hundred: a view probes with this to see whether a search
    is narrow enough to sort at once.
    """
    match = fts_query(query)
    if match is None:
        return None
    with _connection(db) as conn:
        return [r[0] for r in conn.execute(f"{MATCH_SQL} LIMIT ?", (match, limit))]


def count_contacts(db: Database | sqlite3.Connection, include_archived: bool = False) -> int:
    """How many contacts there are (archived ones only when asked)."""
    sql = "SELECT count(*) FROM contacts"
    if not include_archived:
        sql += " WHERE archived = 0"
    with _connection(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


_ROWS_SQL = f"""
SELECT c.id, c.first_name, c.last_name, coalesce(co.name, ''), c.title, s.name, s.color,
       {_LAST_INTERACTION}, {_NEXT_FOLLOW_UP}, c.archived, {REACH_OUT_SQL}
FROM contacts c
JOIN stages s ON s.id = c.stage_id
LEFT JOIN companies co ON co.id = c.company_id
WHERE c.id IN (SELECT value FROM json_each(?))
"""


def fetch_rows(
    db: Database | sqlite3.Connection, ids: Sequence[int], *, today: date | None = None
) -> dict[int, ContactListRow]:
    """The table rows of `ids` (missing ids are left out: deleted meanwhile)."""
    if not ids:
        return {}
    if today is None:
        if not isinstance(db, Database):
            raise ValueError("Pass today= when fetching through a raw connection.")
        today = local_today(db.now(), local_zone())
    ids_json = _json_ids(ids)
    rows: dict[int, ContactListRow] = {}
    with _connection(db) as conn:
        for r in conn.execute(_ROWS_SQL, (ids_json,)):
            due = read_date(r[8]) if r[8] else None
            rows[r[0]] = ContactListRow(
                id=r[0],
                name=f"{r[1]} {r[2]}".strip() or "(no name)",
                company=r[3],
                title=r[4],
                stage_name=r[5],
                stage_color=r[6],
                last_interaction=read_datetime(r[7]) if r[7] else None,
                next_follow_up=due,
                overdue=due is not None and due < today,
                archived=bool(r[9]),
                reach_out=read_date(r[10]) if r[10] else None,
            )
    return rows


@dataclass(frozen=True)
class ContactChoice:
    """A contact offered by a picker ("referred by"): id and what to show."""

    id: int
    name: str
    company: str

    @property
    def label(self) -> str:
        return f"{self.name} — {self.company}" if self.company else self.name


def contact_choices(
    db: Database | sqlite3.Connection, query: str, *, limit: int = 20, exclude: int | None = None
) -> list[ContactChoice]:
    """The first contacts matching `query`, by name, for a picker."""
    # Imported here: it brings the contact service (the ORM), which the list does not need.
    from crm.contacts.names import name_matches

    ids = list_contact_ids(db, query, include_archived=True, limit=limit + 1)
    with _connection(db) as conn:
        if len(ids) <= limit and query.strip():
            # Names with letters the index does not fold ("lukasz" for Łukasz).
            ids += [i for i in name_matches(conn, query, include_archived=True) if i not in ids]
        ids = [i for i in ids if i != exclude][:limit]
        rows = fetch_rows(conn, ids, today=date.min)
    return [ContactChoice(i, rows[i].name, rows[i].company) for i in ids if i in rows]


def tag_names(db: Database | sqlite3.Connection) -> list[str]:
    """Every tag name, alphabetically (for completion)."""
    with _connection(db) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM tags ORDER BY name COLLATE NOCASE")]
