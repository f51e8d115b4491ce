"""The contacts table as a windowed list: sorted, searched ids first, then rows by page."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from crm.contacts.search import MATCH_SQL, fts_query, tier_query
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
BY_NAME = "c.last_name {d}, c.first_name {d}, c.id {d}"

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
        order = f"{_TIER}, {BY_NAME.format(d='ASC')}"
        params += [tier_query(query, 0) or "", tier_query(query, 1) or ""]
    elif key:
        order = f"({key}) IS NULL, {key} {direction}, {BY_NAME.format(d='ASC')}"
    else:
        order = BY_NAME.format(d=direction)
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
