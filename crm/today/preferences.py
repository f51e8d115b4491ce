"""The Today page's preferences kept with the data: the weekly outreach goal, the name to
sign messages with, and whether the reminder helper was offered."""

from __future__ import annotations

from crm.changes import Changes
from crm.store.db import Database, write_transaction

WEEKLY_GOAL_KEY = "today.weekly_goal"
MY_NAME_KEY = "today.my_name"
TRAY_ASKED_KEY = "today.tray_asked"
DEFAULT_WEEKLY_GOAL = 5


def get_setting(db: Database, key: str) -> str | None:
    with db.connection() as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_setting(db: Database, key: str, value: str | None) -> tuple[str | None, Changes]:
    """Set (None: remove) a setting; returns the old value so an undo can put it back."""
    with db.connection() as conn, write_transaction(conn):
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if value is None:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
    return (None if row is None else str(row[0])), Changes(follow_ups=True)


def weekly_goal(db: Database) -> int:
    value = get_setting(db, WEEKLY_GOAL_KEY)
    try:
        return max(0, int(value)) if value is not None else DEFAULT_WEEKLY_GOAL
    except ValueError:
        return DEFAULT_WEEKLY_GOAL
