"""Contacts made the same way by several test modules: a Lee at a pipeline stage."""

from __future__ import annotations

from sqlalchemy import select

from crm.contacts.service import Channel, ContactFields, create_contact
from crm.store.db import Database
from crm.store.models import Stage


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
