"""Nudges done by hand: ticking "Nudge … if no reply" brings a second nudge, once; after
the second one the contact is suggested for Not now (the user decides)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime

from crm.store.id_lists import chunks, placeholders
from crm.today.business_days import add_business_days
from crm.today.lifecycle import (
    NUDGE,
    NUDGE_BUSINESS_DAYS,
    SECOND_NUDGE,
    SECOND_NUDGE_TITLE,
    insert_follow_up,
    remove_created,
)


def follow_ups_ticked(
    conn: sqlite3.Connection, ids: Sequence[int], done: bool, today: date, now: datetime
) -> None:
    """After follow-ups were ticked (or unticked), inside the same transaction: the second
    nudge comes (or goes)."""
    if not done:
        for follow_up_id in ids:
            remove_created(conn, f"done:{follow_up_id}")
        return
    for chunk in chunks(list(ids)):
        rows = conn.execute(
            "SELECT f.id, f.contact_id FROM follow_ups f WHERE f.reason = ? "
            f"AND f.id IN ({placeholders(len(chunk))}) AND NOT EXISTS (SELECT 1 FROM "
            "follow_ups g WHERE g.contact_id = f.contact_id AND g.reason = ?)",
            [NUDGE, *chunk, SECOND_NUDGE],
        ).fetchall()
        for follow_up_id, contact_id in rows:
            insert_follow_up(
                conn,
                contact_id,
                SECOND_NUDGE_TITLE,
                add_business_days(today, NUDGE_BUSINESS_DAYS),
                now,
                reason=SECOND_NUDGE,
                origin=f"done:{follow_up_id}",
            )
