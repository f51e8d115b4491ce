"""The Today page's preferences kept with the data: the weekly outreach goal, the name to
sign messages with, and whether the reminder helper was offered."""

from __future__ import annotations

from crm.changes import Changes
from crm.store.db import Database
from crm.store.settings import get_setting as get_setting  # the Today page reads it here
from crm.store.settings import put_setting, whole_number_setting

WEEKLY_GOAL_KEY = "today.weekly_goal"
MY_NAME_KEY = "today.my_name"
TRAY_ASKED_KEY = "today.tray_asked"
DEFAULT_WEEKLY_GOAL = 5


def set_setting(db: Database, key: str, value: str | None) -> tuple[str | None, Changes]:
    """Set (None: remove) a setting; returns the old value so an undo can put it back."""
    return put_setting(db, key, value), Changes(follow_ups=True)


def weekly_goal(db: Database) -> int:
    return whole_number_setting(db, WEEKLY_GOAL_KEY, DEFAULT_WEEKLY_GOAL)
