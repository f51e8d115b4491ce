"""A task from the server is about someone: found by email, else by name, else added."""

from __future__ import annotations

from crm.contacts.listing import count_contacts
from crm.contacts.service import Channel, ContactFields, create_contact, get_contact
from crm.store.db import Database
from crm.store.models import FollowUp
from crm.sync.local_todos import create_local
from crm.sync.todos import TodoFields


def task(contact: str) -> TodoFields:
    return TodoFields("Call back", "2026-12-10", False, contact)


def contact_of(db: Database, contact: str) -> int:
    with db.session() as session:
        follow_up_id = create_local(session, "urn:uuid:1", task(contact), db.now())
    with db.read() as session:
        row = session.get(FollowUp, follow_up_id)
        assert row is not None
        return row.contact_id


def test_by_email_then_by_name_then_a_new_contact(db: Database) -> None:
    anna, _ = create_contact(
        db, ContactFields("Anna", "Lee"), channels=[Channel("email", "Anna@Example.com", "")]
    )
    ben, _ = create_contact(db, ContactFields("Ben", "Okafor"))
    assert contact_of(db, "A. Lee <anna@example.com>") == anna
    assert contact_of(db, "ben okafor") == ben
    added = contact_of(db, "Zoë Ødegaard <zoe@example.com>")
    assert count_contacts(db) == 3
    person = get_contact(db, added)
    assert (person.first_name, person.last_name) == ("Zoë", "Ødegaard")
