"""Rapport's side of a contact sync: contacts read as synced fields, and written back.

These functions take the caller's session, so a whole sync's local changes are one
transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, selectinload

from crm.companies.service import get_or_create_company
from crm.contacts.service import add_contact_row, first_stage_id, tag_ids
from crm.store.models import Contact, ContactChannel, contact_tags
from crm.store.plain_rows import set_from
from crm.sync.cards import CardFields
from crm.sync.local_records import deleter, updater

# Rows loaded at a time. A sync runs beside the window, and every loaded row holds a few
# dozen tracked objects until its batch is read: all 5,000 contacts at once made the
# cycle collector's full passes, which block the window, walk 300,000 objects.
LOAD_BATCH = 500


def card_uid(contact_uid: str) -> str:
    """The vCard UID for a contact: its own, as a `urn:uuid:` URI when it is a bare UUID."""
    bare = contact_uid.strip()
    if len(bare) == 36 and bare.count("-") == 4:
        return f"urn:uuid:{bare}"
    return bare


def _lines(text: str) -> str:
    """Line breaks as vCard carries them: CR LF and a lone CR both arrive as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _fields(contact: Contact) -> CardFields:
    return CardFields(
        first_name=_lines(contact.first_name),
        last_name=_lines(contact.last_name),
        company=contact.company.name if contact.company else "",
        title=_lines(contact.title),
        location=_lines(contact.location),
        notes=_lines(contact.notes),
        birthday=contact.birthday,
        linkedin_url=contact.linkedin_url,
        channels=frozenset((c.kind, c.value, c.label) for c in contact.channels),
        tags=frozenset(t.name for t in contact.tags),
    )


def local_cards(session: Session) -> dict[int, tuple[str, CardFields]]:
    """Every contact: {id: (vCard UID, synced fields)}."""
    contacts = session.scalars(
        select(Contact)
        .options(
            selectinload(Contact.channels),
            selectinload(Contact.tags),
            selectinload(Contact.company),
        )
        .execution_options(yield_per=LOAD_BATCH)
    )
    return {c.id: (card_uid(c.uid), _fields(c)) for c in contacts}


# The card's fields that are columns of the contact as they are.
_PLAIN_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "location",
    "notes",
    "birthday",
    "linkedin_url",
)


def _write(session: Session, contact: Contact, fields: CardFields, now: datetime) -> None:
    set_from(contact, fields, _PLAIN_FIELDS)
    company = get_or_create_company(session, fields.company, now)
    contact.company_id = company.id if company else None
    contact.updated_at = now
    session.flush()
    session.execute(delete(ContactChannel).where(ContactChannel.contact_id == contact.id))
    channels = sorted(
        fields.channels,
        key=lambda c: (
            ("email", "phone", "url").index(c[0]) if c[0] in ("email", "phone", "url") else 3
        ),
    )
    if channels:
        session.execute(
            insert(ContactChannel),
            [
                {"contact_id": contact.id, "kind": k, "label": label, "value": v, "position": i}
                for i, (k, v, label) in enumerate(channels)
            ],
        )
    session.execute(delete(contact_tags).where(contact_tags.c.contact_id == contact.id))
    ids = tag_ids(session, fields.tags)
    if ids:
        session.execute(
            insert(contact_tags), [{"contact_id": contact.id, "tag_id": t} for t in ids]
        )


def create_local(session: Session, uid: str, fields: CardFields, now: datetime) -> int:
    """A new contact from a card, at the end of the first stage; returns its id."""
    stage = first_stage_id(session)
    bare = uid.removeprefix("urn:uuid:")
    taken = session.scalar(select(Contact.id).where(Contact.uid == bare))
    contact = add_contact_row(session, stage, now, uid=bare if taken is None else uid)
    _write(session, contact, fields, now)
    return contact.id


update_local = updater(Contact, _write)
delete_local = deleter(Contact)
