"""What meetings do to follow-ups: scheduling one closes the attendees' nudges, holding one
closes them too and brings the thank-you note; deleting or undoing takes that back.

Called from the meeting services with one line each, on the plain connection under the
meeting's own session (`Database.sql`): the meeting and what it does to follow-ups commit
together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime

from crm.changes import Changes
from crm.today.lifecycle import (
    MEETING_SET,
    THANKS,
    THANKS_TITLE,
    THEY_MET,
    close_follow_ups,
    close_nudges,
    insert_follow_up,
    remove_created,
    reopen,
)


def _changed(contacts: set[int]) -> Changes:
    return Changes(contacts=frozenset(contacts), follow_ups=bool(contacts))


def meeting_scheduled(
    conn: sqlite3.Connection, meeting_id: int, attendee_ids: Sequence[int], now: datetime
) -> Changes:
    """A meeting with them is set: "Nudge … if no reply" has done its work."""
    touched = close_nudges(conn, attendee_ids, MEETING_SET, f"meeting:{meeting_id}", now)
    return _changed(touched)


def meeting_removed(conn: sqlite3.Connection, meeting_id: int) -> tuple[int, ...]:
    """The meeting is gone: the nudges it closed open again. Returns their ids."""
    key = f"meeting:{meeting_id}"
    ids = tuple(
        int(r[0]) for r in conn.execute("SELECT id FROM follow_ups WHERE closed_by = ?", (key,))
    )
    reopen(conn, key)
    return ids


def meeting_restored(
    conn: sqlite3.Connection, meeting_id: int, follow_up_ids: Sequence[int], now: datetime
) -> Changes:
    """The meeting is back: the nudges it had closed close again."""
    if not follow_up_ids:
        return Changes()
    marks = ", ".join("?" * len(follow_up_ids))
    rows = conn.execute(
        f"SELECT id, contact_id, title FROM follow_ups WHERE done_at IS NULL AND id IN ({marks})",
        list(follow_up_ids),
    ).fetchall()
    touched = close_follow_ups(conn, rows, MEETING_SET, f"meeting:{meeting_id}", now)
    return _changed(touched)


def meeting_held(
    conn: sqlite3.Connection,
    meeting_id: int,
    attendee_ids: Sequence[int],
    *,
    today: date,
    now: datetime,
) -> Changes:
    """The meeting happened: nudges close, and each attendee without an open thank-you
    note gets one due tomorrow."""
    key = f"held:{meeting_id}"
    touched = close_nudges(conn, attendee_ids, THEY_MET, key, now)
    for contact_id in attendee_ids:
        has = conn.execute(
            "SELECT 1 FROM follow_ups WHERE contact_id = ? AND reason = ? AND done_at IS NULL",
            (contact_id, THANKS),
        ).fetchone()
        if has is None:
            insert_follow_up(
                conn,
                contact_id,
                THANKS_TITLE,
                date.fromordinal(today.toordinal() + 1),
                now,
                reason=THANKS,
                origin=key,
                meeting_id=meeting_id,
            )
            touched.add(contact_id)
    return _changed(touched)


def meeting_held_undone(conn: sqlite3.Connection, meeting_id: int) -> Changes:
    key = f"held:{meeting_id}"
    touched = reopen(conn, key) | remove_created(conn, key)
    return _changed(touched)
