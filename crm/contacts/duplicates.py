"""Finding contacts that are likely the same person, and merging two of them (undoably)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from crm.changes import Changes, contacts_changed
from crm.contacts.columns import PROFILE_COLUMNS
from crm.errors import NotFoundError
from crm.importing.keys import company_key, email_key, linkedin_key, name_key
from crm.importing.rows import Row, insert_rows
from crm.store.db import Database, write_transaction
from crm.store.stored_time import stored_datetime

# Names at the same company at least this similar (0-100, token order ignored) are listed.
NAME_SIMILARITY = 85
_CHILD_TABLES = (
    "contact_channels",
    "contact_tags",
    "interactions",
    "follow_ups",
    "meeting_attendees",
)
_FILLED = (*PROFILE_COLUMNS, "birthday", "referred_by_id")


@dataclass(frozen=True)
class DuplicatePair:
    first_id: int
    second_id: int
    first_name: str
    second_name: str
    first_company: str
    second_company: str
    reason: str  # "same email", "same LinkedIn link", "similar names at Acme"
    score: int  # 100 for a shared email or link


@dataclass(frozen=True)
class MergeRecord:
    """The rows of both contacts before a merge, to put back exactly on undo."""

    keep_id: int
    other_id: int
    contacts: tuple[Row, ...]
    children: dict[str, tuple[Row, ...]]
    referrals: tuple[tuple[int, int], ...]  # (contact id, referred_by id) changed by the merge


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip() or "(no name)"


def find_duplicates(db: Database) -> list[DuplicatePair]:
    """Pairs likely to be one person: a shared email or LinkedIn link, or similar names at
    the same company. Strongest first."""
    with db.connection() as conn:
        people = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT c.id, c.first_name, c.last_name, coalesce(co.name, ''), c.linkedin_url"
                " FROM contacts c LEFT JOIN companies co ON co.id = c.company_id"
                " WHERE c.archived = 0"
            )
        }
        emails = conn.execute(
            "SELECT contact_id, value FROM contact_channels WHERE kind = 'email'"
        ).fetchall()
    found: dict[tuple[int, int], tuple[str, int]] = {}

    def note(a: int, b: int, reason: str, score: int) -> None:
        key = (min(a, b), max(a, b))
        if a != b and (key not in found or found[key][1] < score):
            found[key] = (reason, score)

    for reason, groups in (
        ("same email", _group((cid, email_key(v)) for cid, v in emails if cid in people)),
        ("same LinkedIn link", _group((cid, linkedin_key(p[3])) for cid, p in people.items())),
    ):
        for ids in groups.values():
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    note(a, b, reason, 100)
    by_company = _group((cid, company_key(p[2])) for cid, p in people.items())
    for ids in by_company.values():
        names = [(cid, name_key(people[cid][0], people[cid][1])) for cid in ids]
        for i, (a, name_a) in enumerate(names):
            for b, name_b in names[i + 1 :]:
                if not name_a or not name_b:
                    continue
                score = int(fuzz.token_sort_ratio(name_a, name_b))
                if score >= NAME_SIMILARITY:
                    note(a, b, f"similar names at {people[a][2]}", score)
    pairs = [
        DuplicatePair(
            a,
            b,
            _name(*people[a][:2]),
            _name(*people[b][:2]),
            people[a][2],
            people[b][2],
            reason,
            score,
        )
        for (a, b), (reason, score) in found.items()
    ]
    pairs.sort(key=lambda p: (-p.score, p.first_name.casefold(), p.first_id, p.second_id))
    return pairs


def _group(pairs: object) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for cid, key in pairs:  # type: ignore[attr-defined]
        if key and cid not in groups[key]:
            groups[key].append(cid)
    return {k: v for k, v in groups.items() if len(v) > 1}


def _rows(conn: sqlite3.Connection, sql: str, args: tuple[object, ...]) -> tuple[Row, ...]:
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return tuple(dict(zip(names, r, strict=True)) for r in cursor)


def merge_contacts(db: Database, keep_id: int, other_id: int) -> tuple[MergeRecord, Changes]:
    """Fold `other_id` into `keep_id`: every channel, tag, history entry, meeting and
    follow-up is kept; empty fields of the kept contact are filled; `other_id` goes."""
    if keep_id == other_id:
        raise ValueError("A contact cannot be merged with itself.")
    with db.connection() as conn, write_transaction(conn):
        record = _snapshot(conn, keep_id, other_id)
        _fold(conn, record, stored_datetime(db.now()))
    return record, _changes(record)


def _snapshot(conn: sqlite3.Connection, keep_id: int, other_id: int) -> MergeRecord:
    ids = (keep_id, other_id)
    contacts = _rows(conn, "SELECT * FROM contacts WHERE id IN (?, ?) ORDER BY id", ids)
    if len(contacts) != 2:
        raise NotFoundError("One of the two contacts no longer exists.")
    children = {
        table: _rows(conn, f"SELECT * FROM {table} WHERE contact_id IN (?, ?)", ids)
        for table in _CHILD_TABLES
    }
    referrals = tuple(
        (r[0], r[1])
        for r in conn.execute(
            "SELECT id, referred_by_id FROM contacts WHERE referred_by_id = ? AND id != ?",
            (other_id, keep_id),
        )
    )
    return MergeRecord(keep_id, other_id, contacts, children, referrals)


def _fold(conn: sqlite3.Connection, record: MergeRecord, now: str) -> None:
    keep_id, other_id = record.keep_id, record.other_id
    keep = next(r for r in record.contacts if r["id"] == keep_id)
    other = next(r for r in record.contacts if r["id"] == other_id)
    channels = record.children["contact_channels"]
    have = {(c["kind"], c["value"].casefold()) for c in channels if c["contact_id"] == keep_id}
    position = max((c["position"] + 1 for c in channels if c["contact_id"] == keep_id), default=0)
    for channel in sorted(channels, key=lambda c: c["position"]):
        key = (channel["kind"], channel["value"].casefold())
        if channel["contact_id"] == other_id and key not in have:
            have.add(key)
            conn.execute(
                "UPDATE contact_channels SET contact_id = ?, position = ? WHERE id = ?",
                (keep_id, position, channel["id"]),
            )
            position += 1
    for table in ("interactions", "follow_ups"):
        conn.execute(f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (keep_id, other_id))
    conn.execute(
        "INSERT OR IGNORE INTO contact_tags (contact_id, tag_id) "
        "SELECT ?, tag_id FROM contact_tags WHERE contact_id = ?",
        (keep_id, other_id),
    )
    conn.execute(
        "INSERT OR IGNORE INTO meeting_attendees (meeting_id, contact_id) "
        "SELECT meeting_id, ? FROM meeting_attendees WHERE contact_id = ?",
        (keep_id, other_id),
    )
    conn.execute(
        "UPDATE contacts SET referred_by_id = ? WHERE referred_by_id = ? AND id != ?",
        (keep_id, other_id, keep_id),
    )
    values: Row = {c: other[c] for c in _FILLED if not keep[c] and other[c]}
    if values.get("referred_by_id") == keep_id or keep["referred_by_id"] == other_id:
        values["referred_by_id"] = (
            other["referred_by_id"] if other["referred_by_id"] != keep_id else None
        )
    if other["notes"] and other["notes"] not in keep["notes"]:
        values["notes"] = (
            f"{keep['notes']}\n\n{other['notes']}" if keep["notes"] else other["notes"]
        )
    values["updated_at"] = now
    conn.execute("DELETE FROM contacts WHERE id = ?", (other_id,))
    assignments = ", ".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE contacts SET {assignments} WHERE id = ?", (*values.values(), keep_id))


def undo_merge(db: Database, record: MergeRecord) -> Changes:
    """Put both contacts back exactly as they were before the merge."""
    with db.connection() as conn, write_transaction(conn):
        # Deleting the kept contact clears every link to it; note them to put back.
        moved = {cid for cid, _ in record.referrals}
        referrers = [
            cid
            for (cid,) in conn.execute(
                "SELECT id FROM contacts WHERE referred_by_id = ?", (record.keep_id,)
            )
            if cid not in moved
        ]
        conn.execute("DELETE FROM contacts WHERE id = ?", (record.keep_id,))
        contacts = [dict(r, referred_by_id=None) for r in record.contacts]
        insert_rows(conn, "contacts", contacts)
        for row in record.contacts:
            if row["referred_by_id"] is not None:
                conn.execute(
                    "UPDATE contacts SET referred_by_id = ? WHERE id = ?",
                    (row["referred_by_id"], row["id"]),
                )
        for table in _CHILD_TABLES:
            insert_rows(conn, table, record.children[table])
        conn.executemany(
            "UPDATE contacts SET referred_by_id = ? WHERE id = ?",
            [(referrer, cid) for cid, referrer in record.referrals]
            + [(record.keep_id, cid) for cid in referrers],
        )
    return _changes(record)


def _changes(record: MergeRecord) -> Changes:
    meetings = frozenset(r["meeting_id"] for r in record.children["meeting_attendees"])
    return contacts_changed(
        record.keep_id, record.other_id, *(cid for cid, _ in record.referrals)
    ) | Changes(follow_ups=True, tags=True, meetings=meetings)
