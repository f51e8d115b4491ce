"""What is on the calendar: meetings and follow-ups per local day, the agenda, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from crm.calendar.followups import FollowUpRow, follow_ups_due_between, open_follow_ups_due_by
from crm.calendar.meetings import MeetingRow, meetings_between
from crm.store.db import Database
from crm.store.localtime import day_bounds_utc, local_today, to_local
from crm.store.settings import get_setting, put_setting, whole_number_setting
from crm.wording import day_and_month

REMINDER_KEY = "reminder_minutes"
DEFAULT_REMINDER_MINUTES = 15
FOLLOWUPS_NOTIFIED_KEY = "follow_ups_notified_on"


@dataclass(frozen=True)
class Entry:
    """One thing on the calendar, in the user's local time."""

    kind: str  # "meeting" or "follow_up"
    id: int
    title: str
    day: date  # local day it is shown on
    start: datetime | None  # local wall-clock time (meetings)
    end: datetime | None
    status: str  # planned / done / cancelled for meetings; open / done for follow-ups
    people: str  # attendee names, or the follow-up's contact
    contact_ids: tuple[int, ...]
    overdue: bool = False
    location: str = ""

    @property
    def is_meeting(self) -> bool:
        return self.kind == "meeting"


def meeting_entry(row: MeetingRow, tz: tzinfo) -> Entry:
    start, end = to_local(row.start_at, tz), to_local(row.end_at, tz)
    return Entry(
        kind="meeting",
        id=row.id,
        title=row.title,
        day=start.date(),
        start=start,
        end=end,
        status=row.status,
        people=", ".join(a.name for a in row.attendees),
        contact_ids=row.attendee_ids,
        location=row.location,
    )


def follow_up_entry(row: FollowUpRow, today: date) -> Entry:
    return Entry(
        kind="follow_up",
        id=row.id,
        title=row.title,
        day=row.due_date,
        start=None,
        end=None,
        status="done" if row.done else "open",
        people=row.contact_name,
        contact_ids=(row.contact_id,),
        overdue=row.is_overdue(today),
    )


def entries_between(db: Database, first: date, last: date, tz: tzinfo) -> dict[date, list[Entry]]:
    """Every meeting and follow-up on local days `first`..`last`, follow-ups first per day."""
    today = local_today(db.now(), tz)
    start, end = day_bounds_utc(first, last, tz)
    days: dict[date, list[Entry]] = {}
    for follow_up in follow_ups_due_between(db, first, last):
        days.setdefault(follow_up.due_date, []).append(follow_up_entry(follow_up, today))
    for meeting in meetings_between(db, start, end):
        entry = meeting_entry(meeting, tz)
        if first <= entry.day <= last:
            days.setdefault(entry.day, []).append(entry)
    return days


@dataclass(frozen=True)
class AgendaSection:
    key: str  # "overdue", "today" or an ISO date
    title: str
    entries: tuple[Entry, ...]


def agenda(db: Database, tz: tzinfo, *, days: int = 7) -> list[AgendaSection]:
    """Overdue follow-ups, then today, then each of the coming `days` that has something.

    Done follow-ups and cancelled meetings stay visible on their day (greyed by the view),
    so ticking one off does not make it jump away under the mouse.
    """
    today = local_today(db.now(), tz)
    last = today + timedelta(days=days)
    overdue = [
        follow_up_entry(f, today) for f in open_follow_ups_due_by(db, today) if f.due_date < today
    ]
    sections = [AgendaSection("overdue", "Overdue", tuple(overdue))] if overdue else []
    by_day = entries_between(db, today, last, tz)
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        entries = sorted(by_day.get(day, []), key=_agenda_order)
        if offset == 0:
            sections.append(AgendaSection("today", "Today", tuple(entries)))
        elif entries:
            title = "Tomorrow" if offset == 1 else day_and_month(day, weekday=True)
            sections.append(AgendaSection(day.isoformat(), title, tuple(entries)))
    return sections


def _agenda_order(entry: Entry) -> tuple[int, datetime, str]:
    return (1 if entry.is_meeting else 0, entry.start or datetime.min, entry.title)


# -- reminders ----------------------------------------------------------------------------


def reminder_minutes(db: Database) -> int:
    """How many minutes before a meeting the desktop reminder appears."""
    return whole_number_setting(db, REMINDER_KEY, DEFAULT_REMINDER_MINUTES)


def set_reminder_minutes(db: Database, minutes: int) -> None:
    if not 0 <= minutes <= 24 * 60:
        raise ValueError("The reminder must come between 0 minutes and a day before.")
    put_setting(db, REMINDER_KEY, str(minutes))


def meetings_starting_soon(db: Database, now: datetime, minutes: int) -> list[MeetingRow]:
    """Planned meetings starting within the next `minutes` (naive UTC `now`)."""
    until = now + timedelta(minutes=minutes)
    candidates = meetings_between(db, now, until + timedelta(seconds=1))
    return [m for m in candidates if m.status == "planned" and now < m.start_at <= until]


def follow_ups_to_announce(db: Database, tz: tzinfo) -> list[FollowUpRow]:
    """Open follow-ups due today or earlier, once per local day; [] if already announced.

    Records the day in the settings table, so a restart does not announce them again.
    """
    today = local_today(db.now(), tz)
    if get_setting(db, FOLLOWUPS_NOTIFIED_KEY) == today.isoformat():
        return []
    due = open_follow_ups_due_by(db, today)
    put_setting(db, FOLLOWUPS_NOTIFIED_KEY, today.isoformat())
    return due
