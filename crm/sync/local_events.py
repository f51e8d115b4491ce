"""Rapport's side of an event sync: meetings read as synced fields, and written back.

Attendees travel as email addresses: a contact without one stays an attendee here and is
simply not named on the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from crm.calendar.scheduling import MeetingSnapshot, put_back_meeting, snapshot_meeting
from crm.contacts.emails import contacts_with_emails, email_of
from crm.store.models import Contact, ContactChannel, Meeting
from crm.store.sync_models import SyncItem
from crm.sync.events import EventFields, read_event
from crm.sync.local import LOAD_BATCH
from crm.sync.local_records import deleter, updater


def _email_of(contact: Contact) -> str:
    return email_of(contact).casefold()


def _fields(meeting: Meeting) -> EventFields:
    return EventFields(
        title=meeting.title,
        start=meeting.start_at.replace(microsecond=0).isoformat(),
        end=meeting.end_at.replace(microsecond=0).isoformat(),
        location=meeting.location,
        cancelled=meeting.status == "cancelled",
        attendees=frozenset(e for e in map(_email_of, meeting.attendees) if e),
    )


def _uid(meeting_uid: str) -> str:
    bare = meeting_uid.strip()
    return f"urn:uuid:{bare}" if len(bare) == 36 and bare.count("-") == 4 else bare


def local_events(session: Session) -> dict[int, tuple[str, EventFields]]:
    """Every meeting as synced fields. Attendees on the server that are no contact here
    cannot be edited in Rapport, so they pass through as the server last had them."""
    meetings = session.scalars(
        select(Meeting)
        .options(selectinload(Meeting.attendees).selectinload(Contact.channels))
        .execution_options(yield_per=LOAD_BATCH)
    )
    known = {
        e.strip().casefold()
        for e in session.scalars(select(ContactChannel.value).where(ContactChannel.kind == "email"))
    }
    foreign: dict[int, frozenset[str]] = {}
    for local_id, text in session.execute(
        select(SyncItem.local_id, SyncItem.base_text).where(SyncItem.kind == "event")
    ):
        fields = read_event(text)[1] if text else None
        if local_id is not None and fields is not None:
            foreign[local_id] = frozenset(fields.attendees - known)
    out = {}
    for m in meetings:
        fields = _fields(m)
        extra = foreign.get(m.id, frozenset())
        out[m.id] = (_uid(m.uid), replace(fields, attendees=fields.attendees | extra))
    return out


def _contacts_by_email(session: Session, emails: Iterable[str]) -> list[Contact]:
    ids = contacts_with_emails(session, emails)
    return list(session.scalars(select(Contact).where(Contact.id.in_(ids)))) if ids else []


def _write(session: Session, meeting: Meeting, fields: EventFields, now: datetime) -> None:
    meeting.title = fields.title or "Meeting"
    if fields.start:
        meeting.start_at = datetime.fromisoformat(fields.start)
    if fields.end:
        meeting.end_at = max(datetime.fromisoformat(fields.end), meeting.start_at)
    meeting.location = fields.location
    if fields.cancelled:
        meeting.status = "cancelled"
    elif meeting.status == "cancelled":
        meeting.status = "planned"
    no_email = [c for c in meeting.attendees if not _email_of(c)]
    matched = _contacts_by_email(session, fields.attendees)
    meeting.attendees = no_email + [c for c in matched if c not in no_email]
    meeting.updated_at = now


def create_local(session: Session, uid: str, fields: EventFields, now: datetime) -> int:
    bare = uid.removeprefix("urn:uuid:")
    taken = session.scalar(select(Meeting.id).where(Meeting.uid == bare))
    start = datetime.fromisoformat(fields.start) if fields.start else now
    meeting = Meeting(
        uid=bare if taken is None else uid,
        title=fields.title or "Meeting",
        start_at=start,
        end_at=datetime.fromisoformat(fields.end) if fields.end else start,
        created_at=now,
        updated_at=now,
    )
    session.add(meeting)
    session.flush()
    _write(session, meeting, fields, now)
    session.flush()
    return meeting.id


update_local = updater(Meeting, _write)
delete_local = deleter(Meeting)


def snapshot_meetings(session: Session, meeting_ids: Iterable[int]) -> list[MeetingSnapshot]:
    return [snapshot_meeting(session, meeting_id) for meeting_id in meeting_ids]


def put_back_meetings(session: Session, snapshots: Iterable[MeetingSnapshot]) -> None:
    for snapshot in snapshots:
        put_back_meeting(session, snapshot)
