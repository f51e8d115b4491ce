"""Reminders while Rapport is closed: what is due, read from a snapshot of the data file
(opened read-only: the helper never writes and never takes the app's lock), the text of
the notification. Starting it at login is crm.today.autostart's."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Sequence
from datetime import date, tzinfo
from pathlib import Path

from crm.store.backups import read_only_uri
from crm.store.clock import Clock
from crm.store.db import Database
from crm.store.localtime import local_today
from crm.today.day import FOLLOW_UP, KEEP_IN_TOUCH, MEETING, NUDGE, TodayItem, today_items
from crm.today.jobs_day import DEADLINE, INTERVIEW

SHOWN = 3  # items named in a notification's body


def items_due(data_file: Path, clock: Clock, tz: tzinfo) -> tuple[date, list[TodayItem]]:
    """The local day and what is due on it, from a copy made with SQLite's backup API
    (a reader like any other: the app keeps writing meanwhile)."""
    source = sqlite3.connect(read_only_uri(data_file), uri=True)
    with tempfile.TemporaryDirectory(prefix="rapport-reminders-") as folder:
        copy = Path(folder) / "snapshot.sqlite3"
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        db = Database(copy, clock=clock)
        try:
            today = local_today(db.now(), tz)
            items = today_items(db, today, tz)
        finally:
            db.dispose()
    return today, [i for i in items if is_due(i, today)]


def has_follow_ups(db: Database) -> bool:
    """Whether the data file holds any follow-up at all, open or done."""
    with db.connection() as conn:
        return conn.execute("SELECT 1 FROM follow_ups LIMIT 1").fetchone() is not None


def is_due(item: TodayItem, today: date) -> bool:
    if item.kind in (MEETING, INTERVIEW):
        return item.due == today
    return item.kind in (FOLLOW_UP, NUDGE, KEEP_IN_TOUCH, DEADLINE) and item.due <= today


def reminder_text(items: Sequence[TodayItem]) -> tuple[str, str]:
    """(summary, body) of the notification for `items` (not empty)."""
    count = len(items)
    summary = f"Rapport: {count} thing{'s' * (count != 1)} to do today"
    lines = [f"• {i.title}" + (f" ({i.contact})" if i.kind == MEETING else "") for i in items]
    if count > SHOWN:
        lines = [*lines[:SHOWN], f"and {count - SHOWN} more"]
    return summary, "\n".join(lines)
