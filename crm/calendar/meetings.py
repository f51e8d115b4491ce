"""Meetings: what the calendar lists, and editing, rescheduling and cancelling one.

Scheduling (with its stage move), deleting and restoring live in `scheduling`; marking a
meeting held in `holding`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.contacts.emails import first_email
from crm.contacts.service import display_name
from crm.errors import NotFoundError
from crm.pipeline.stage_offers import StageOffer, contacts_behind
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import Contact, Meeting, meeting_attendees
from crm.store.plain_rows import plain_row, row_values

DEFAULT_MINUTES = 30
SCHEDULED = "Scheduled"
MET = "Met"


@dataclass(frozen=True)
class MeetingFields:
    """What the meeting dialog edits; times are naive UTC."""

    title: str
    start_at: datetime
    end_at: datetime
    location: str = ""
    goal: str = ""
    notes: str = ""
    attendee_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Attendee:
    contact_id: int
    name: str
    email: str


@dataclass(frozen=True)
class MeetingRow:
    id: int
    uid: str
    title: str
    start_at: datetime  # naive UTC
    end_at: datetime
    location: str
    goal: str
    notes: str
    status: str  # planned / done / cancelled
    attendees: tuple[Attendee, ...] = ()

    @property
    def attendee_ids(self) -> tuple[int, ...]:
        return tuple(a.contact_id for a in self.attendees)

    @property
    def fields(self) -> MeetingFields:
        return MeetingFields(
            self.title,
            self.start_at,
            self.end_at,
            self.location,
            self.goal,
            self.notes,
            self.attendee_ids,
        )


def default_title(names: Sequence[str]) -> str:
    """ "Coffee chat with Anna Lee" (and "…and Ben Ode" for more people)."""
    if not names:
        return "Coffee chat"
    if len(names) == 1:
        return f"Coffee chat with {names[0]}"
    return f"Coffee chat with {', '.join(names[:-1])} and {names[-1]}"


def changed(meeting_id: int, *contact_sets: Sequence[int]) -> Changes:
    contacts = frozenset(c for ids in contact_sets for c in ids)
    return Changes(meetings=frozenset({meeting_id}), contacts=contacts)


def validate(values: MeetingFields) -> MeetingFields:
    title = " ".join(values.title.split())
    if not title:
        raise ValueError("A meeting needs a title.")
    if values.end_at <= values.start_at:
        raise ValueError("A meeting must end after it starts.")
    return replace(values, title=title, location=values.location.strip())


def add_meeting_row(session: Session, values: MeetingFields, now: datetime, **columns: Any) -> int:
    """A new meeting with `values` and their attendees, stamped `now`; its id. `columns`
    sets the others, such as an imported event's UID and status."""
    fields = row_values(values)
    attendee_ids = fields.pop("attendee_ids")
    meeting = Meeting(**fields, **columns, created_at=now, updated_at=now)
    session.add(meeting)
    session.flush()
    set_attendees(session, meeting.id, attendee_ids)
    return meeting.id


def set_attendees(session: Session, meeting_id: int, ids: Sequence[int]) -> None:
    session.execute(delete(meeting_attendees).where(meeting_attendees.c.meeting_id == meeting_id))
    unique = list(dict.fromkeys(ids))
    known = set(session.scalars(select(Contact.id).where(Contact.id.in_(unique))))
    missing = [i for i in unique if i not in known]
    if missing:
        raise NotFoundError("An attendee no longer exists.")
    if unique:
        session.execute(
            insert(meeting_attendees), [{"meeting_id": meeting_id, "contact_id": c} for c in unique]
        )


def stage_offers(db: Database, contact_ids: Sequence[int], stage_name: str) -> list[StageOffer]:
    """Attendees still in an earlier stage than `stage_name` ([] if it was renamed away)."""
    with db.read() as session:
        return contacts_behind(session, contact_ids, stage_name)


def get_meeting(db: Database, meeting_id: int) -> MeetingRow:
    rows = _rows(db, Meeting.id == meeting_id)
    if not rows:
        raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
    return rows[0]


def meetings_between(db: Database, start: datetime, end: datetime) -> list[MeetingRow]:
    """Meetings overlapping [start, end) (naive UTC), by start time."""
    return _rows(db, (Meeting.start_at < end) & (Meeting.end_at > start))


def all_meetings(db: Database) -> list[MeetingRow]:
    return _rows(db, None)


def update_meeting(db: Database, meeting_id: int, values: MeetingFields) -> Changes:
    """Replace the editable fields and attendees of a meeting."""
    values = validate(values)
    with db.session() as session:
        meeting = must_get(session, Meeting, meeting_id)
        before = [a.id for a in meeting.attendees]
        for name in ("title", "start_at", "end_at", "location", "goal", "notes"):
            setattr(meeting, name, getattr(values, name))
        meeting.updated_at = db.now()
        session.flush()
        set_attendees(session, meeting_id, values.attendee_ids)
    return changed(meeting_id, before, values.attendee_ids)


def reschedule_meeting(db: Database, meeting_id: int, start: datetime, end: datetime) -> Changes:
    """Move a meeting or change its length (naive UTC)."""
    if end <= start:
        raise ValueError("A meeting must end after it starts.")
    with db.session() as session:
        meeting = must_get(session, Meeting, meeting_id)
        meeting.start_at, meeting.end_at = start, end
        meeting.updated_at = db.now()
    return Changes(meetings=frozenset({meeting_id}))


def set_meeting_status(db: Database, meeting_id: int, status: str) -> Changes:
    """Cancel a meeting or plan it again (marking done goes through `mark_done`)."""
    if status not in ("planned", "cancelled"):
        raise ValueError(f"Cannot set a meeting to {status!r} directly.")
    with db.session() as session:
        meeting = must_get(session, Meeting, meeting_id)
        meeting.status = status
        meeting.updated_at = db.now()
    return Changes(meetings=frozenset({meeting_id}))


def _rows(db: Database, condition: Any) -> list[MeetingRow]:
    with db.read() as session:
        query = select(Meeting).order_by(Meeting.start_at, Meeting.id)
        if condition is not None:
            query = query.where(condition)
        meetings = list(session.scalars(query))
        people = _attendees(session, [m.id for m in meetings])
        return [plain_row(MeetingRow, m, attendees=tuple(people.get(m.id, ()))) for m in meetings]


def _attendees(session: Session, meeting_ids: list[int]) -> dict[int, list[Attendee]]:
    if not meeting_ids:
        return {}
    email = first_email()
    rows = session.execute(
        select(
            meeting_attendees.c.meeting_id, Contact.id, Contact.first_name, Contact.last_name, email
        )
        .join(Contact, Contact.id == meeting_attendees.c.contact_id)
        .where(meeting_attendees.c.meeting_id.in_(meeting_ids))
        .order_by(Contact.last_name, Contact.first_name)
    )
    out: dict[int, list[Attendee]] = {}
    for meeting_id, contact_id, first, last, mail in rows:
        out.setdefault(meeting_id, []).append(
            Attendee(contact_id, display_name(first, last), mail or "")
        )
    return out
