"""Free time for a new meeting: what a proposed time clashes with, and the next free slot."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from crm.calendar.meetings import MeetingRow, meetings_between
from crm.store.db import Database
from crm.store.localtime import local_today, to_local, to_utc

FIRST_HOUR = 10  # a new meeting is offered from 10:00 local…
LAST_HOUR = 17  # …and must end by 17:00; past that, the next working day
STEP = timedelta(minutes=30)
SEARCH_DAYS = 60


def clashes(
    db: Database, start: datetime, end: datetime, *, exclude_id: int | None = None
) -> list[MeetingRow]:
    """Planned meetings overlapping [start, end) (naive UTC), apart from `exclude_id`."""
    return [
        m for m in meetings_between(db, start, end) if m.status == "planned" and m.id != exclude_id
    ]


def next_free_start(db: Database, tz: tzinfo, minutes: int, *, day: date | None = None) -> datetime:
    """The first free start (local wall-clock time) for a meeting of `minutes`.

    From 10:00 on `day` (by default tomorrow), in half-hour steps through the working day,
    weekends skipped unless `day` is one; never a time already past (`day` may be today);
    10:00 on `day` itself when nothing is free.
    """
    now = to_local(db.now(), tz)
    first_day = day or local_today(db.now(), tz) + timedelta(days=1)
    length = timedelta(minutes=minutes)
    window_start = to_utc(datetime.combine(first_day, time()), tz)
    window_end = window_start + timedelta(days=SEARCH_DAYS)
    busy = [
        (to_local(m.start_at, tz), to_local(m.end_at, tz))
        for m in meetings_between(db, window_start, window_end)
        if m.status == "planned"
    ]
    for offset in range(SEARCH_DAYS):
        current = first_day + timedelta(days=offset)
        if offset and current.weekday() >= 5:
            continue
        start = datetime.combine(current, time(FIRST_HOUR))
        while start + length <= datetime.combine(current, time(LAST_HOUR)):
            end = start + length
            if start >= now and not any(s < end and start < e for s, e in busy):
                return start
            start += STEP
    return datetime.combine(first_day, time(FIRST_HOUR))
