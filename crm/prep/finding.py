"""Finding what to prepare: the next planned meeting of a contact, contacts by name."""

from __future__ import annotations

from sqlalchemy import func, select

from crm.contacts.service import display_name
from crm.store.db import Database
from crm.store.models import (
    Contact,
    Meeting,
    meeting_attendees,
)


def next_planned_meeting(db: Database, contact_id: int) -> int | None:
    """The contact's next planned meeting that has not ended yet, if any."""
    with db.read() as session:
        return session.scalar(
            select(Meeting.id)
            .join(meeting_attendees, meeting_attendees.c.meeting_id == Meeting.id)
            .where(
                meeting_attendees.c.contact_id == contact_id,
                Meeting.status == "planned",
                Meeting.end_at >= db.now(),
            )
            .order_by(Meeting.start_at)
            .limit(1)
        )


def find_contacts(db: Database, name: str) -> list[tuple[int, str]]:
    """Contacts called `name` (ignoring case); failing that, whose name contains it."""
    wanted = " ".join(name.split()).lower()
    full = func.lower(func.trim(Contact.first_name + " " + Contact.last_name))
    with db.read() as session:
        for condition in (full == wanted, full.like(f"%{wanted}%")):
            rows = session.execute(
                select(Contact.id, Contact.first_name, Contact.last_name)
                .where(condition, Contact.archived.is_(False))
                .order_by(Contact.id)
            ).all()
            if rows:
                return [(r.id, display_name(r.first_name, r.last_name)) for r in rows]
    return []
