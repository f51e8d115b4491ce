"""The Today list: what to do today, in the order a job seeker works through it.

Overdue and due follow-ups, meetings today and tomorrow, application deadlines and
interviews, people whose keep-in-touch date has come, people who have not replied (with the
day their nudge is due), people suggested for Not now after two nudges, and the week's
outreach goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from crm.calendar.meetings import meetings_between
from crm.store.db import Database
from crm.store.localtime import day_bounds_utc, to_local
from crm.store.stored_time import read_date, read_datetime, stored_date
from crm.today.business_days import add_business_days
from crm.today.cadence import Cadence, describe, keep_in_touch_due
from crm.today.jobs_day import DEADLINE, INTERVIEW, application_lines
from crm.today.lifecycle import NUDGE_BUSINESS_DAYS, NUDGES, SECOND_NUDGE
from crm.today.outreach import contacted_this_week, week_start
from crm.today.preferences import weekly_goal

FOLLOW_UP = "follow_up"
MEETING = "meeting"
KEEP_IN_TOUCH = "keep_in_touch"
NUDGE = "nudge"
NOT_NOW = "not_now"
GOAL = "goal"
APPLICATION_KINDS = (DEADLINE, INTERVIEW)
KINDS = (FOLLOW_UP, MEETING, DEADLINE, INTERVIEW, KEEP_IN_TOUCH, NUDGE, NOT_NOW, GOAL)
SECTIONS = {
    FOLLOW_UP: "Follow-ups",
    MEETING: "Meetings",
    DEADLINE: "Applications",
    INTERVIEW: "Applications",
    KEEP_IN_TOUCH: "Keep in touch",
    NUDGE: "Not replied yet",
    NOT_NOW: "No reply after two nudges",
    GOAL: "This week",
}


@dataclass(frozen=True, slots=True)
class TodayItem:
    """One line of the Today page."""

    kind: str
    contact_id: int | None
    contact: str
    due: date
    title: str
    follow_up_id: int | None = None
    meeting_id: int | None = None
    at: datetime | None = None  # a meeting's local start
    note: str = ""  # a keep-in-touch line's last contact and interval; an application's company
    application_id: int | None = None
    company_id: int | None = None

    def is_overdue(self, today: date) -> bool:
        return self.kind in (FOLLOW_UP, KEEP_IN_TOUCH, NUDGE, DEADLINE) and self.due < today

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "contact": self.contact or None,
            "contact_id": self.contact_id,
            "due": self.due.isoformat(),
            "title": self.title,
            "follow_up_id": self.follow_up_id,
            "meeting_id": self.meeting_id,
            "application_id": self.application_id,
            "at": self.at.isoformat(timespec="minutes") if self.at else None,
        }


def _name(first: str, last: str) -> str:
    return " ".join(p for p in (first, last) if p) or "(no name)"


def _follow_ups(db: Database, today: date) -> list[TodayItem]:
    reasons = ", ".join(f"'{r}'" for r in NUDGES)
    with db.connection() as conn:
        rows = conn.execute(
            "SELECT f.id, f.contact_id, c.first_name, c.last_name, f.title, f.due_date, f.reason "
            "FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
            "WHERE f.done_at IS NULL AND c.archived = 0 "
            f"AND (f.due_date <= ? OR f.reason IN ({reasons})) "
            "ORDER BY f.due_date, c.last_name, c.first_name, f.id",
            (stored_date(today),),
        ).fetchall()
    items = []
    for fid, cid, first, last, title, due, reason in rows:
        kind = NUDGE if reason in NUDGES else FOLLOW_UP
        items.append(TodayItem(kind, cid, _name(first, last), read_date(due), title, fid))
    return items


def _meetings(db: Database, today: date, tz: tzinfo) -> list[TodayItem]:
    # Today and tomorrow; on a Friday "tomorrow" runs to Monday, so its meetings can be
    # prepared before the weekend.
    start, end = day_bounds_utc(today, add_business_days(today, 1), tz)
    items = []
    for m in meetings_between(db, start, end):
        if m.status != "planned":
            continue
        local = to_local(m.start_at, tz)
        who = m.attendees[0] if m.attendees else None
        names = ", ".join(a.name for a in m.attendees)
        items.append(
            TodayItem(
                MEETING,
                who.contact_id if who else None,
                names,
                local.date(),
                m.title,
                meeting_id=m.id,
                at=local,
            )
        )
    return items


def _not_now(db: Database, today: date, tz: tzinfo) -> list[TodayItem]:
    """Two nudges sent, still no reply, still waiting in a nudging stage."""
    with db.connection() as conn:
        rows = conn.execute(
            "SELECT c.id, c.first_name, c.last_name, max(f.done_at) FROM follow_ups f "
            "JOIN contacts c ON c.id = f.contact_id JOIN stages s ON s.id = c.stage_id "
            "WHERE f.reason = ? AND f.done_at IS NOT NULL "
            "AND (f.closed_reason IS NULL OR f.closed_reason = 'nudge sent') "
            "AND c.archived = 0 AND s.is_closed = 0 AND s.followup_reason = 'nudge' "
            "AND NOT EXISTS (SELECT 1 FROM follow_ups o WHERE o.contact_id = c.id "
            "  AND o.done_at IS NULL AND o.reason IN ('nudge', 'nudge2')) "
            "AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = c.id "
            "  AND i.direction = 'in' AND i.occurred_at >= f.done_at) "
            "GROUP BY c.id",
            (SECOND_NUDGE,),
        ).fetchall()
    items = []
    for cid, first, last, done_at in rows:
        sent = to_local(read_datetime(done_at), tz).date()
        due = add_business_days(sent, NUDGE_BUSINESS_DAYS)
        if due <= today:
            title = f"No reply after two nudges: move {_name(first, last)} to Not now?"
            items.append(TodayItem(NOT_NOW, cid, _name(first, last), due, title))
    return items


def _applications(db: Database, today: date) -> list[TodayItem]:
    return [
        TodayItem(
            kind,
            cid,
            who,
            due,
            title,
            note=company,
            application_id=app_id,
            company_id=company_id,
        )
        for kind, app_id, company_id, company, cid, who, due, title in application_lines(db, today)
    ]


def goal_item(db: Database, today: date, tz: tzinfo) -> TodayItem:
    goal = weekly_goal(db)
    done = contacted_this_week(db, today, tz)
    people = "person" if goal == 1 else "people"
    title = f"{done} of {goal} new {people} contacted this week"
    return TodayItem(GOAL, None, "", week_start(today) + timedelta(days=6), title)


def today_items(db: Database, today: date, tz: tzinfo) -> list[TodayItem]:
    """Everything the Today page shows, section by section (see SECTIONS)."""
    follow_ups = _follow_ups(db, today)
    keep = [
        TodayItem(
            KEEP_IN_TOUCH,
            c.contact_id,
            c.name,
            c.next_date or today,
            _keep_title(c.name),
            note=_keep_note(c, tz),
        )
        for c in keep_in_touch_due(db, today, tz)
    ]
    return [
        *(i for i in follow_ups if i.kind == FOLLOW_UP),
        *_meetings(db, today, tz),
        *_applications(db, today),
        *keep,
        *(i for i in follow_ups if i.kind == NUDGE),
        *_not_now(db, today, tz),
        goal_item(db, today, tz),
    ]


def _keep_note(cadence: Cadence, tz: tzinfo) -> str:
    every = describe(cadence.days).lower()
    if cadence.last is None:
        return f"Never in touch yet ({every})"
    last = to_local(cadence.last, tz)
    return f"Last in touch {last.day} {last:%b %Y} ({every})"


def _keep_title(name: str) -> str:
    return f"Keep in touch with {name}"
