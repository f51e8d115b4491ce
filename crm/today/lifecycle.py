"""The follow-up lifecycle: rule follow-ups that know their reason, close themselves when
progress makes them pointless (with a history entry), and come back on undo.

Every function works on a plain connection inside the caller's write transaction, so a
stage move, a logged reply or a held meeting closes its follow-ups in the same unit of work.
Steps are named by keys ("entry:12", "meeting:3", "move:40", "held:3", "done:7"): a
follow-up remembers the key that created it (`origin`) or closed it (`closed_by`), and the
undo of that step removes or reopens exactly those.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crm.store.id_lists import chunks, placeholders
from crm.store.stored_time import stored_date, stored_datetime
from crm.today.business_days import add_business_days

NUDGE = "nudge"
SECOND_NUDGE = "nudge2"
THANKS = "thanks"
NUDGES = (NUDGE, SECOND_NUDGE)
SECOND_NUDGE_TITLE = "Nudge again if no reply"
THANKS_TITLE = "Send a thank-you note"
NUDGE_BUSINESS_DAYS = 5

THEY_REPLIED = "they replied"
MEETING_SET = "a meeting was scheduled"
THEY_MET = "the meeting was held"


@dataclass(frozen=True)
class StageRule:
    """A stage's follow-up rule as the move reads it."""

    name: str
    title: str | None
    days: int | None
    reason: str | None


def held_meeting(conn: sqlite3.Connection, contact_id: int, now: datetime) -> int | None:
    """The latest meeting the contact attended that was held (marked done) by `now`."""
    row = conn.execute(
        "SELECT m.id FROM meetings m JOIN meeting_attendees a ON a.meeting_id = m.id "
        "WHERE a.contact_id = ? AND m.status = 'done' AND m.start_at <= ? "
        "ORDER BY m.start_at DESC LIMIT 1",
        (contact_id, stored_datetime(now)),
    ).fetchone()
    return int(row[0]) if row else None


def rule_follow_up(
    conn: sqlite3.Connection,
    contact_id: int,
    rule: StageRule,
    *,
    today: date,
    now: datetime,
    origin: str | None = None,
) -> int | None:
    """The follow-up of a stage's rule for a contact entering it, or None.

    A nudge is due that many business days later; a thank-you note only exists once a
    meeting was really held (a card dropped into Met before its meeting gets none).
    """
    if not rule.title or rule.days is None:
        return None
    meeting_id = None
    if rule.reason == THANKS:
        meeting_id = held_meeting(conn, contact_id, now)
        open_thanks = conn.execute(
            "SELECT 1 FROM follow_ups WHERE contact_id = ? AND reason = ? AND done_at IS NULL",
            (contact_id, THANKS),
        ).fetchone()
        if meeting_id is None or open_thanks is not None:
            return None
    if rule.reason in NUDGES:
        due = add_business_days(today, rule.days)
    else:
        due = today + timedelta(days=rule.days)
    return insert_follow_up(
        conn,
        contact_id,
        rule.title,
        due,
        now,
        reason=rule.reason,
        origin=origin,
        meeting_id=meeting_id,
    )


def insert_follow_up(
    conn: sqlite3.Connection,
    contact_id: int,
    title: str,
    due: date,
    now: datetime,
    *,
    reason: str | None,
    origin: str | None,
    meeting_id: int | None = None,
) -> int:
    cursor = conn.execute(
        "INSERT INTO follow_ups (contact_id, meeting_id, title, due_date, created_at, reason,"
        " origin) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (contact_id, meeting_id, title, stored_date(due), stored_datetime(now), reason, origin),
    )
    return int(cursor.lastrowid or 0)


def close_nudges(
    conn: sqlite3.Connection, contact_ids: Iterable[int], why: str, key: str, now: datetime
) -> set[int]:
    """Close the open nudges of `contact_ids` (they replied, met, moved on); each closing is
    written into the contact's history. Returns the contacts whose follow-ups closed."""
    wanted = list(dict.fromkeys(contact_ids))
    found: list[tuple[int, int, str]] = []
    for chunk in chunks(wanted):
        found += conn.execute(
            "SELECT id, contact_id, title FROM follow_ups WHERE done_at IS NULL "
            f"AND reason IN ('{NUDGE}', '{SECOND_NUDGE}') "
            f"AND contact_id IN ({placeholders(len(chunk))})",
            chunk,
        ).fetchall()
    return close_follow_ups(conn, found, why, key, now)


def close_follow_ups(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[int, int, str]],
    why: str,
    key: str,
    now: datetime,
    *,
    in_history: bool = True,
) -> set[int]:
    """Close follow-ups given as (id, contact id, title), with a history entry each unless
    the step's own entry already says it (a nudge done by sending the nudge)."""
    when = stored_datetime(now)
    touched: set[int] = set()
    for follow_up_id, contact_id, title in rows:
        entry = None
        if in_history:
            entry = conn.execute(
                "INSERT INTO interactions (contact_id, kind, occurred_at, summary, body) "
                "VALUES (?, 'followup', ?, ?, '')",
                (contact_id, when, f"Closed “{title}”: {why}"),
            ).lastrowid
        conn.execute(
            "UPDATE follow_ups SET done_at = ?, closed_reason = ?, closed_by = ?, "
            "closed_entry_id = ? WHERE id = ?",
            (when, why, key, entry, follow_up_id),
        )
        touched.add(contact_id)
    return touched


def closed_by(conn: sqlite3.Connection, key: str) -> list[tuple[int, int, str, str]]:
    """(id, contact id, title, reason closed) of the follow-ups step `key` closed."""
    return [
        (int(a), int(b), str(c), str(d))
        for a, b, c, d in conn.execute(
            "SELECT id, contact_id, title, closed_reason FROM follow_ups WHERE closed_by = ?",
            (key,),
        )
    ]


def reopen(conn: sqlite3.Connection, key: str) -> set[int]:
    """Undo what step `key` closed: the follow-ups open again, their history entries go."""
    rows = conn.execute(
        "SELECT id, contact_id, closed_entry_id FROM follow_ups WHERE closed_by = ?", (key,)
    ).fetchall()
    for follow_up_id, _contact, entry in rows:
        if entry is not None:
            conn.execute("DELETE FROM interactions WHERE id = ?", (entry,))
        conn.execute(
            "UPDATE follow_ups SET done_at = NULL, closed_reason = NULL, closed_by = NULL, "
            "closed_entry_id = NULL WHERE id = ?",
            (follow_up_id,),
        )
    return {int(r[1]) for r in rows}


def remove_created(conn: sqlite3.Connection, key: str) -> set[int]:
    """Undo what step `key` created: its follow-ups go."""
    contacts = {
        int(r[0])
        for r in conn.execute("SELECT contact_id FROM follow_ups WHERE origin = ?", (key,))
    }
    conn.execute("DELETE FROM follow_ups WHERE origin = ?", (key,))
    return contacts


def close_on_stage_entered(
    conn: sqlite3.Connection, contact_id: int, rule: StageRule, key: str, now: datetime
) -> set[int]:
    """A contact entering a stage other than a nudging one has moved on: its nudges close."""
    if rule.reason in NUDGES:
        return set()
    return close_nudges(conn, [contact_id], f"moved on to {rule.name}", key, now)
