"""Snoozing a keep-in-touch line: the contact's next date waits until a chosen day, while
their interval stays what it was (logging anything still resets the date as usual)."""

from __future__ import annotations

from datetime import date

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.store.db import Database, write_transaction
from crm.store.stored_time import read_date, stored_date, stored_datetime


def snoozed_until(db: Database, contact_id: int) -> date | None:
    with db.connection() as conn:
        row = conn.execute(
            "SELECT until FROM keep_in_touch_snoozes WHERE contact_id = ?", (contact_id,)
        ).fetchone()
    return None if row is None else read_date(row[0])


def snooze_keep_in_touch(
    db: Database, contact_id: int, until: date | None
) -> tuple[date | None, Changes]:
    """Put a contact's keep-in-touch line off until `until` (None: no snooze); returns the
    snooze it replaced, so an undo can put it back."""
    with db.connection() as conn, write_transaction(conn):
        if conn.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is None:
            raise NotFoundError(f"Contact {contact_id} no longer exists.")
        row = conn.execute(
            "SELECT until FROM keep_in_touch_snoozes WHERE contact_id = ?", (contact_id,)
        ).fetchone()
        if until is None:
            conn.execute("DELETE FROM keep_in_touch_snoozes WHERE contact_id = ?", (contact_id,))
        else:
            conn.execute(
                "INSERT INTO keep_in_touch_snoozes(contact_id, until, snoozed_at) "
                "VALUES (?, ?, ?) ON CONFLICT(contact_id) DO UPDATE SET "
                "until = excluded.until, snoozed_at = excluded.snoozed_at",
                (contact_id, stored_date(until), stored_datetime(db.now())),
            )
    before = None if row is None else read_date(row[0])
    return before, Changes(contacts=frozenset({contact_id}), follow_ups=True)
