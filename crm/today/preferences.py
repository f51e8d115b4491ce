"""The Today page's preferences kept with the data: the weekly outreach goal, the name to
sign messages with, and whether the reminder helper was offered."""

from __future__ import annotations

from crm.changes import Changes
from crm.store.db import Database
from crm.store.models import Setting

WEEKLY_GOAL_KEY = "today.weekly_goal"
MY_NAME_KEY = "today.my_name"
TRAY_ASKED_KEY = "today.tray_asked"
DEFAULT_WEEKLY_GOAL = 5


def get_setting(db: Database, key: str) -> str | None:
    with db.read() as session:
        row = session.get(Setting, key)
        return None if row is None else row.value


def set_setting(db: Database, key: str, value: str | None) -> tuple[str | None, Changes]:
    """Set (None: remove) a setting; returns the old value so an undo can put it back."""
    with db.session() as session:
        row = session.get(Setting, key)
        old = None if row is None else row.value
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
    return old, Changes(follow_ups=True)


def weekly_goal(db: Database) -> int:
    value = get_setting(db, WEEKLY_GOAL_KEY)
    try:
        return max(0, int(value)) if value is not None else DEFAULT_WEEKLY_GOAL
    except ValueError:
        return DEFAULT_WEEKLY_GOAL
