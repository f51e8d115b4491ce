"""Outreach counted per week: new people contacted (the weekly goal), from the history."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from crm.store.db import Database
from crm.store.localtime import day_bounds_utc
from crm.store.stored_time import stored_datetime

# An outgoing message: the first one to a person makes them "contacted". Entries from before
# directions were recorded (NULL) count as outgoing; a reply ("in") never does. The text is
# the WHERE of the partial indexes ix_interactions_outreach*, word for word (written with
# OR, not IN: see migration 0009).
OUTREACH = (
    "(kind = 'email' OR kind = 'message' OR kind = 'call') "
    "AND (direction IS NULL OR direction = 'out')"
)
_FIRST_OUTREACH = f"""
SELECT count(DISTINCT contact_id) FROM interactions AS w
WHERE {OUTREACH} AND occurred_at >= :start AND occurred_at < :end
AND NOT EXISTS (SELECT 1 FROM interactions WHERE {OUTREACH}
                AND contact_id = w.contact_id AND occurred_at < :start)
"""


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def new_people_contacted(db: Database, first: date, last: date, tz: tzinfo) -> int:
    """How many people were written to for the first time from `first` to `last` (local)."""
    start, end = day_bounds_utc(first, last, tz)
    with db.connection() as conn:
        row = conn.execute(
            _FIRST_OUTREACH, {"start": stored_datetime(start), "end": stored_datetime(end)}
        ).fetchone()
    return int(row[0])


def contacted_this_week(db: Database, today: date, tz: tzinfo) -> int:
    return new_people_contacted(db, week_start(today), today, tz)
