"""Contacts made the same way by several test modules: a Lee at a pipeline stage, and a
contact whose fields hold what every file format must escape, and a half-hour meeting."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlalchemy import select

from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import create_meeting
from crm.contacts.service import Channel, ContactFields, create_contact
from crm.store.db import Database
from crm.store.models import Stage

# Separators, quotes, markup, line breaks, non-ASCII, a long line to fold and a birthday
# without a year: what vCard, CSV and JSON writers must escape and readers must undo.
TRICKY = ContactFields(
    first_name="Renée",
    last_name="O'Neil; Jr, III",
    title="Head of <b>Growth</b>",
    company="Acme, Inc.",
    location="Lyon, France",
    linkedin_url="https://www.linkedin.com/in/renee-oneil",
    notes="Line one\nLine two, with a comma; and a semicolon \\ backslash.\n"
    + "long " * 39
    + "end",
    birthday="--02-29",
)
TRICKY_CHANNELS = [
    Channel("email", "renee@example.com", "work"),
    Channel("email", "r.oneil@example.org", "home"),
    Channel("phone", "+33 4 00 00 00 00", "mobile"),
    Channel("phone", "+33 4 11 11 11 11", "work fax"),
    Channel("phone", "+33 4 22 22 22 22", "assistant"),
    Channel("url", "https://renee.example/blog", "blog"),
    Channel("social", "@renee", "twitter"),
]


def stage_id(db: Database, name: str) -> int:
    """The id of the stage called `name` (a test fails if there is none)."""
    with db.read() as s:
        found = s.scalar(select(Stage.id).where(Stage.name == name))
        assert found is not None
        return found


def person(db: Database, first: str, stage: str = "Reached out", email: str = "") -> int:
    """A new contact `first` Lee at `stage`, with `email` if given; its id."""
    channels = [Channel("email", email)] if email else []
    contact_id, _ = create_contact(
        db,
        ContactFields(first_name=first, last_name="Lee"),
        channels=channels,
        stage_id=stage_id(db, stage),
    )
    return contact_id


def half_hour_meeting(
    db: Database, title: str, start: datetime, attendees: tuple[int, ...], tz: tzinfo
) -> int:
    """A new meeting from `start` (naive UTC) for 30 minutes with `attendees`; its id."""
    values = MeetingFields(title, start, start + timedelta(minutes=30), attendee_ids=attendees)
    meeting_id, _, _ = create_meeting(db, values, tz=tz)
    return meeting_id
