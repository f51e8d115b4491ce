"""Keep-in-touch cadence: how often to reach each contact, and when they are next due.

A contact's interval is its own (0: none), else the shortest of its tags', else its
stage's. The next date counts from the last interaction of any kind (an email, call,
message, note or a meeting held), never from when a reminder was made, so logging
anything resets it. A snoozed line (crm.today.touch_snooze) waits for the later of that
date and the snooze's, the interval untouched. Computed in one query (the Today page runs
it at every refresh).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.store.db import Database, write_transaction
from crm.store.id_lists import chunks
from crm.store.localtime import to_local
from crm.store.stored_time import read_date, read_datetime, stored_date, stored_datetime

# The kinds that count as being in touch (stage moves, imports and closings do not).
IN_TOUCH_KINDS = ("email", "call", "message", "note", "meeting")
# The intervals offered in the app (a month counted as 30 days, so "every 3 months" is the
# stage default of 90); any other number of days is a custom one.
CHOICES: tuple[tuple[int, str], ...] = (
    (0, "None"),
    (14, "Every 2 weeks"),
    (30, "Every month"),
    (60, "Every 2 months"),
    (90, "Every 3 months"),
    (180, "Every 6 months"),
)
MAX_DAYS = 3650


@dataclass(frozen=True, slots=True)
class Cadence:
    """A contact's keep-in-touch interval and next date (None: no interval)."""

    contact_id: int
    name: str
    days: int | None
    source: str  # "own", "tag <name>", "stage <name>" or ""
    last: datetime | None  # naive UTC, the last interaction counted
    next_date: date | None

    def is_due(self, today: date) -> bool:
        return self.next_date is not None and self.next_date <= today


def describe(days: int | None) -> str:
    """The words for an interval in days ("Every 3 months"; "None" for none)."""
    for value, label in CHOICES:
        if value == (days or 0):
            return label
    return f"Every {days} days"


def in_touch(column: str) -> str:
    """`column` is one of IN_TOUCH_KINDS, in SQL: the WHERE of ix_interactions_in_touch
    word for word (as a partial index needs), written with OR, not IN (migration 0009)."""
    return "(" + " OR ".join(f"{column} = '{kind}'" for kind in IN_TOUCH_KINDS) + ")"


# The shortest interval among a contact's tags (and that tag's name). Tags rarely have one:
# when none does, the query leaves this out (a lookup per contact costs 10 ms at 10,000).
_TAG = (
    "(SELECT t.{column} FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id "
    "WHERE ct.contact_id = c.id AND t.cadence_days IS NOT NULL "
    "ORDER BY t.cadence_days, t.name LIMIT 1)"
)
_SNOOZED = "(SELECT z.until FROM keep_in_touch_snoozes z WHERE z.contact_id = c.id)"
_SQL = f"""
SELECT c.id, c.first_name, c.last_name, c.cadence_days AS own, {{tag_days}} AS tag_days,
       {{tag_name}}, s.cadence_days AS stage_days, s.name, c.created_at AS created,
       (SELECT max(i.occurred_at) FROM interactions i
         WHERE i.contact_id = c.id AND {in_touch("i.kind")} AND i.occurred_at <= :now) AS last,
       {{snoozed}} AS snoozed
FROM contacts c
JOIN stages s ON s.id = c.stage_id
WHERE {{where}}
"""


def _query(conn: sqlite3.Connection, where: str) -> str:
    """The cadence query for `where`, which may use {tag_days} for the tags' interval."""
    tagged = conn.execute("SELECT 1 FROM tags WHERE cadence_days IS NOT NULL LIMIT 1").fetchone()
    days = _TAG.format(column="cadence_days") if tagged else "NULL"
    name = _TAG.format(column="name") if tagged else "NULL"
    # Likewise snoozes: most of the time there is none to look up.
    snoozing = conn.execute("SELECT 1 FROM keep_in_touch_snoozes LIMIT 1").fetchone()
    snoozed = _SNOOZED if snoozing else "NULL"
    return _SQL.format(
        tag_days=days, tag_name=name, snoozed=snoozed, where=where.format(tag_days=days)
    )


def _cadence(row: Sequence[object], tz: tzinfo) -> Cadence:
    cid, first, last_name, own, tag_days, tag_name, stage_days, stage_name, created, last = row[:10]
    snoozed = row[10]
    name = " ".join(str(p) for p in (first, last_name) if p) or "(no name)"
    if own is not None:
        days, source = int(str(own)), "own"
    elif tag_days is not None:
        days, source = int(str(tag_days)), f"tag {tag_name}"
    elif stage_days is not None:
        days, source = int(str(stage_days)), f"stage {stage_name}"
    else:
        days, source = 0, ""
    last_at = read_datetime(str(last)) if last else None
    if days <= 0:
        return Cadence(int(str(cid)), name, None, source, last_at, None)
    start = last_at or read_datetime(str(created))
    next_date = to_local(start, tz).date() + timedelta(days=days)
    if snoozed:
        next_date = max(next_date, read_date(str(snoozed)))
    return Cadence(int(str(cid)), name, days, source, last_at, next_date)


def cadences(db: Database, ids: Sequence[int], tz: tzinfo) -> dict[int, Cadence]:
    """The cadence of each of `ids` (contacts that no longer exist are left out)."""
    found: dict[int, Cadence] = {}
    now = stored_datetime(db.now())
    with db.connection() as conn:
        for chunk in chunks(list(ids)):
            named = ", ".join(f":i{n}" for n in range(len(chunk)))
            params: dict[str, object] = {f"i{n}": v for n, v in enumerate(chunk)}
            params["now"] = now
            for row in conn.execute(_query(conn, f"c.id IN ({named})"), params):
                item = _cadence(row, tz)
                found[item.contact_id] = item
    return found


def keep_in_touch_due(db: Database, today: date, tz: tzinfo) -> list[Cadence]:
    """Contacts (not archived, not in a closed stage) whose keep-in-touch date has come,
    longest overdue first."""
    where = (
        "c.archived = 0 AND s.is_closed = 0 "
        "AND coalesce(c.cadence_days, {tag_days}, s.cadence_days, 0) > 0"
    )
    # Only rows due by their UTC day, a day's margin either way, reach Python (which then
    # counts the local day exactly): at 10,000 contacts this halves the work.
    roughly_due = (
        "SELECT * FROM ({inner}) WHERE date(coalesce(last, created), '+' || "
        "coalesce(own, tag_days, stage_days) || ' days') <= :limit "
        "AND (snoozed IS NULL OR snoozed <= :limit)"
    )
    params = {"now": stored_datetime(db.now()), "limit": stored_date(today + timedelta(days=1))}
    with db.connection() as conn:
        rows = conn.execute(roughly_due.format(inner=_query(conn, where)), params).fetchall()
    due = [c for c in (_cadence(r, tz) for r in rows) if c.is_due(today)]
    return sorted(due, key=lambda c: (c.next_date or today, c.name.casefold()))


def _check(days: int | None) -> None:
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise ValueError(f"A keep-in-touch interval is 0 to {MAX_DAYS} days.")


def _swap(
    db: Database, table: str, where: str, key: object, days: int | None, gone: str
) -> int | None:
    """Set `cadence_days` of the one row of `table` matching `where`; returns the old value.
    Raises NotFoundError saying `gone` when there is no such row."""
    _check(days)
    with db.connection() as conn, write_transaction(conn):
        row = conn.execute(f"SELECT id, cadence_days FROM {table} WHERE {where}", (key,)).fetchone()
        if row is None:
            raise NotFoundError(gone)
        conn.execute(f"UPDATE {table} SET cadence_days = ? WHERE id = ?", (days, row[0]))
    return None if row[1] is None else int(row[1])


def set_contact_cadence(
    db: Database, contact_id: int, days: int | None
) -> tuple[int | None, Changes]:
    """Set a contact's own interval (None: take the default again); returns the old one."""
    gone = f"Contact {contact_id} no longer exists."
    old = _swap(db, "contacts", "id = ?", contact_id, days, gone)
    return old, Changes(contacts=frozenset({contact_id}))


def set_stage_cadence(db: Database, stage_id: int, days: int | None) -> tuple[int | None, Changes]:
    """Set the default interval of a stage's contacts; returns the old one."""
    old = _swap(db, "stages", "id = ?", stage_id, days, f"Stage {stage_id} no longer exists.")
    return old, Changes(stages=True, everything=True)


def set_tag_cadence(db: Database, tag: str, days: int | None) -> tuple[int | None, Changes]:
    """Set the default interval of a tag's contacts; returns the old one."""
    old = _swap(db, "tags", "name = ? COLLATE NOCASE", tag, days, f"There is no tag “{tag}”.")
    return old, Changes(tags=True, everything=True)
