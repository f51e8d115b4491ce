"""Sync conflicts as the user sees them, and settling one: keep mine or keep theirs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from crm.changes import Changes, contacts_changed
from crm.contacts.service import display_name
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import Contact
from crm.store.sync_models import SyncConflict

CONTACT_GONE = "The contact of that conflict was deleted."
FIELD_TITLES = {
    "first_name": "First name",
    "last_name": "Last name",
    "company": "Company",
    "title": "Job title",
    "location": "Location",
    "notes": "Notes",
    "birthday": "Birthday",
    "linkedin_url": "LinkedIn",
}


@dataclass(frozen=True)
class ConflictRow:
    id: int
    account_id: int
    contact_id: int
    contact_name: str
    field: str
    mine: str
    theirs: str

    @property
    def field_title(self) -> str:
        return FIELD_TITLES.get(self.field, self.field)


def _text(value: str) -> str:
    loaded: Any = json.loads(value) if value else ""
    return loaded if isinstance(loaded, str) else json.dumps(loaded, ensure_ascii=False)


def list_conflicts(db: Database) -> list[ConflictRow]:
    with db.read() as session:
        rows = session.execute(
            select(SyncConflict, Contact.first_name, Contact.last_name)
            .join(Contact, Contact.id == SyncConflict.local_id)
            .order_by(Contact.last_name, Contact.first_name, SyncConflict.field)
        ).all()
        return [
            ConflictRow(
                c.id,
                c.account_id,
                c.local_id,
                display_name(first, last),
                c.field,
                _text(c.mine),
                _text(c.theirs),
            )
            for c, first, last in rows
        ]


@dataclass(frozen=True)
class Settled:
    """What settling a conflict changed, so undo can put it back exactly."""

    conflict: ConflictRow
    before: str  # the contact's value before


def settle(db: Database, conflict_id: int, keep_theirs: bool) -> tuple[Settled, Changes]:
    """Keep one value: theirs is written into the contact (and reaches the server with
    the next sync); the conflict is closed either way."""
    with db.session() as session:
        row = must_get(session, SyncConflict, conflict_id, "That conflict was already settled.")
        contact = must_get(session, Contact, row.local_id, CONTACT_GONE)
        conflict = ConflictRow(
            row.id,
            row.account_id,
            row.local_id,
            display_name(contact.first_name, contact.last_name),
            row.field,
            _text(row.mine),
            _text(row.theirs),
        )
        before = _get(session, contact, row.field)
        if keep_theirs:
            _set(session, contact, row.field, conflict.theirs, db)
        session.delete(row)
    return Settled(conflict, before), contacts_changed(conflict.contact_id) | Changes(
        companies=True
    )


def unsettle(db: Database, settled: Settled) -> Changes:
    """Undo `settle`: the contact's value and the open conflict come back."""
    c = settled.conflict
    with db.session() as session:
        contact = must_get(session, Contact, c.contact_id, CONTACT_GONE)
        _set(session, contact, c.field, settled.before, db)
        session.add(
            SyncConflict(
                id=c.id,
                account_id=c.account_id,
                kind="contact",
                local_id=c.contact_id,
                field=c.field,
                mine=json.dumps(c.mine),
                theirs=json.dumps(c.theirs),
                created_at=db.now(),
            )
        )
    return contacts_changed(c.contact_id) | Changes(companies=True)


def _get(session: Any, contact: Contact, field: str) -> str:
    if field == "company":
        return contact.company.name if contact.company else ""
    return str(getattr(contact, field))


def _set(session: Any, contact: Contact, field: str, value: str, db: Database) -> None:
    from crm.companies.service import get_or_create_company

    if field == "company":
        company = get_or_create_company(session, value, db.now())
        contact.company_id = company.id if company else None
    elif field in FIELD_TITLES:
        setattr(contact, field, value)
    contact.updated_at = db.now()
