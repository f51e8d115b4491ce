"""Meetings made the same way by several test modules: a short meeting with some people."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import create_meeting
from crm.changes import Changes
from crm.store.db import Database


def meeting_with(
    db: Database,
    title: str,
    start: datetime,
    people: Sequence[int],
    tz: tzinfo,
    minutes: int = 30,
) -> tuple[int, Changes]:
    """A meeting `title` of `minutes` from `start` (naive UTC) with `people`, planned in the
    local zone `tz`: its id and the change record."""
    end = start + timedelta(minutes=minutes)
    values = MeetingFields(title, start, end, attendee_ids=tuple(people))
    meeting_id, _, changes = create_meeting(db, values, tz=tz)
    return meeting_id, changes
