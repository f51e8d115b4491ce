"""Contact services: create, read, edit, delete and restore people with their channels and tags."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from crm.changes import Changes, contacts_changed
from crm.companies.service import get_or_create_company
from crm.contacts.channel import Channel
from crm.folding import id_named
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import (
    Contact,
    ContactChannel,
    FollowUp,
    Interaction,
    Stage,
    Tag,
    contact_tags,
    meeting_attendees,
)
from crm.store.plain_rows import plain_row

T = TypeVar("T")


@dataclass(frozen=True)
class ContactFields:
    """The plain editable fields of a contact; `company` is a company name."""

    first_name: str = ""
    last_name: str = ""
    title: str = ""
    company: str = ""
    location: str = ""
    linkedin_url: str = ""
    source: str = ""
    referred_by_id: int | None = None
    notes: str = ""
    birthday: str = ""
    archived: bool = False


EDITABLE = frozenset(f.name for f in fields(ContactFields))


@dataclass(frozen=True)
class ContactDetail:
    id: int
    uid: str
    first_name: str
    last_name: str
    title: str
    company_id: int | None
    company: str
    location: str
    linkedin_url: str
    source: str
    referred_by_id: int | None
    referred_by_name: str
    stage_id: int
    stage_name: str
    notes: str
    birthday: str
    archived: bool
    created_at: datetime
    updated_at: datetime
    channels: tuple[Channel, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)


def display_name(first: str, last: str) -> str:
    name = f"{first} {last}".strip()
    return name or "(no name)"


def first_stage_id(session: Session) -> int:
    stage_id = session.scalar(select(Stage.id).order_by(Stage.position).limit(1))
    if stage_id is None:
        raise LookupError("There are no pipeline stages.")
    return stage_id


def next_position(session: Session, stage_id: int) -> float:
    """A position after the last card of the stage's column."""
    top = session.scalar(
        select(func.max(Contact.stage_position)).where(Contact.stage_id == stage_id)
    )
    return (top or 0.0) + 1.0


def _apply_fields(
    session: Session, contact: Contact, values: dict[str, Any], now: datetime
) -> None:
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        if name == "company":
            company = get_or_create_company(session, str(value or ""), now)
            contact.company_id = company.id if company else None
        elif name in ("referred_by_id", "archived"):
            setattr(contact, name, value)
        else:
            setattr(contact, name, (value or "").strip() if name != "notes" else value or "")
    if contact.referred_by_id is not None and contact.referred_by_id == contact.id:
        raise ValueError("A contact cannot be referred by themselves.")


def _replace_channels(session: Session, contact_id: int, channels: Iterable[Channel]) -> None:
    session.execute(delete(ContactChannel).where(ContactChannel.contact_id == contact_id))
    rows = [
        {
            "contact_id": contact_id,
            "kind": ch.kind,
            "label": ch.label.strip(),
            "value": ch.value.strip(),
            "position": i,
        }
        for i, ch in enumerate(c for c in channels if c.value.strip())
    ]
    if rows:
        session.execute(insert(ContactChannel), rows)


def tag_ids(session: Session, names: Iterable[str]) -> list[int]:
    """Ids of the tags called `names` (case-insensitive), creating missing ones."""
    ids: list[int] = []
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            continue
        tag_id = id_named(session.execute(select(Tag.id, Tag.name).order_by(Tag.id)), name)
        if tag_id is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            tag_id = tag.id
        if tag_id not in ids:
            ids.append(tag_id)
    return ids


def _replace_tags(session: Session, contact_id: int, names: Iterable[str]) -> None:
    session.execute(delete(contact_tags).where(contact_tags.c.contact_id == contact_id))
    ids = tag_ids(session, names)
    if ids:
        session.execute(
            insert(contact_tags), [{"contact_id": contact_id, "tag_id": t} for t in ids]
        )


def add_contact_row(session: Session, stage_id: int, now: datetime, uid: str = "") -> Contact:
    """A new, empty contact at the end of a stage's column, flushed so that it has its id."""
    contact = Contact(
        stage_id=stage_id,
        stage_position=next_position(session, stage_id),
        stage_entered_at=now,
        created_at=now,
        updated_at=now,
    )
    if uid:
        contact.uid = uid
    session.add(contact)
    session.flush()
    return contact


def create_contact(
    db: Database,
    contact_fields: ContactFields | None = None,
    *,
    channels: Sequence[Channel] = (),
    tags: Sequence[str] = (),
    stage_id: int | None = None,
) -> tuple[int, Changes]:
    """Add a contact (at the end of `stage_id`, default the first stage); returns its id."""
    values = {
        f.name: getattr(contact_fields or ContactFields(), f.name) for f in fields(ContactFields)
    }
    now = db.now()
    with db.session() as session:
        stage = stage_id if stage_id is not None else first_stage_id(session)
        contact = add_contact_row(session, stage, now)
        _apply_fields(session, contact, values, now)
        session.flush()
        _replace_channels(session, contact.id, channels)
        _replace_tags(session, contact.id, tags)
        new_id = contact.id
    return new_id, contacts_changed(new_id) | Changes(
        companies=bool(values["company"]), tags=bool(tags)
    )


def get_contact(db: Database, contact_id: int) -> ContactDetail:
    """Everything about one contact, as plain data."""
    with db.read() as session:
        contact = must_get(session, Contact, contact_id)
        referrer = contact.referred_by
        return plain_row(
            ContactDetail,
            contact,
            company=contact.company.name if contact.company else "",
            referred_by_name=display_name(referrer.first_name, referrer.last_name)
            if referrer
            else "",
            stage_name=contact.stage.name,
            channels=tuple(Channel(c.kind, c.value, c.label) for c in contact.channels),
            tags=tuple(t.name for t in contact.tags),
        )


def update_contact(db: Database, contact_id: int, **values: Any) -> Changes:
    """Change some fields of a contact (names as in ContactFields)."""
    now = db.now()
    with db.session() as session:
        contact = must_get(session, Contact, contact_id)
        _apply_fields(session, contact, values, now)
        contact.updated_at = now
    return contacts_changed(contact_id) | Changes(companies="company" in values)


def _replace_on_contact(
    db: Database, contact_id: int, replace: Callable[[Session, int, T], None], values: T
) -> None:
    """Replace a list a contact holds (its channels, its tags) in one unit of work."""
    with db.session() as session:
        must_get(session, Contact, contact_id)
        replace(session, contact_id, values)
        session.execute(update(Contact).where(Contact.id == contact_id).values(updated_at=db.now()))


def set_channels(db: Database, contact_id: int, channels: Sequence[Channel]) -> Changes:
    """Replace all emails, phones and links of a contact, keeping the given order."""
    _replace_on_contact(db, contact_id, _replace_channels, channels)
    return contacts_changed(contact_id)


def set_tags(db: Database, contact_id: int, tags: Sequence[str]) -> Changes:
    """Replace the tags of a contact (created as needed)."""
    _replace_on_contact(db, contact_id, _replace_tags, tags)
    return contacts_changed(contact_id) | Changes(tags=True)


# -- delete and restore ------------------------------------------------------------------


@dataclass(frozen=True)
class ContactSnapshot:
    """Every row that belongs to deleted contacts, to put back exactly on undo."""

    contacts: tuple[dict[str, Any], ...]
    rows: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    referrals: tuple[tuple[int, int], ...] = ()  # (contact id, referred_by id) cut by delete


CONTACTS = cast(Table, Contact.__table__)
_CHILD_TABLES = tuple(
    (table, table.c.contact_id)
    for table in (
        cast(Table, ContactChannel.__table__),
        contact_tags,
        cast(Table, Interaction.__table__),
        cast(Table, FollowUp.__table__),
        meeting_attendees,
    )
)


def snapshot_contacts(session: Session, ids: Sequence[int]) -> ContactSnapshot:
    """Every row of these contacts and what hangs off them, as they are now."""
    ids = list(dict.fromkeys(ids))
    contacts = session.execute(select(CONTACTS).where(CONTACTS.c.id.in_(ids))).mappings()
    rows = {
        table.name: tuple(
            dict(r) for r in session.execute(select(table).where(column.in_(ids))).mappings()
        )
        for table, column in _CHILD_TABLES
    }
    referrals = tuple(
        (r.id, r.referred_by_id)
        for r in session.execute(
            select(Contact.id, Contact.referred_by_id).where(
                Contact.referred_by_id.in_(ids), Contact.id.not_in(ids)
            )
        )
    )
    return ContactSnapshot(tuple(dict(r) for r in contacts), rows, referrals)


def snapshot_changes(snapshot: ContactSnapshot) -> Changes:
    """What deleting or putting back the snapshot's contacts changes."""
    ids = [r["id"] for r in snapshot.contacts] + [r[0] for r in snapshot.referrals]
    return contacts_changed(*ids) | Changes(
        follow_ups=bool(snapshot.rows.get("follow_ups")),
        meetings=frozenset(r["meeting_id"] for r in snapshot.rows.get("meeting_attendees", ())),
    )


def delete_contacts(db: Database, ids: Sequence[int]) -> tuple[ContactSnapshot, Changes]:
    """Delete contacts with everything that hangs off them; the snapshot restores them."""
    with db.session() as session:
        snapshot = snapshot_contacts(session, ids)
        session.execute(delete(Contact).where(Contact.id.in_(ids)))
    return snapshot, snapshot_changes(snapshot)


def restore_contacts(db: Database, snapshot: ContactSnapshot) -> Changes:
    """Put back contacts removed by `delete_contacts`, with the same ids and rows."""
    with db.session() as session:
        put_back_contacts(session, snapshot)
    return snapshot_changes(snapshot)


def put_back_contacts(session: Session, snapshot: ContactSnapshot) -> None:
    """Insert a snapshot's rows again, with their ids."""
    contacts_table = CONTACTS
    # Referrals among the restored contacts point at rows not yet inserted.
    contact_rows = [dict(r, referred_by_id=None) for r in snapshot.contacts]
    if contact_rows:
        session.execute(insert(contacts_table), contact_rows)
    for row in snapshot.contacts:
        if row["referred_by_id"] is not None:
            session.execute(
                update(contacts_table)
                .where(contacts_table.c.id == row["id"])
                .values(referred_by_id=row["referred_by_id"])
            )
    for table, _column in _CHILD_TABLES:
        table_rows = snapshot.rows.get(table.name, ())
        if table_rows:
            session.execute(insert(table), list(table_rows))
    for contact_id, referrer_id in snapshot.referrals:
        session.execute(
            update(contacts_table)
            .where(contacts_table.c.id == contact_id)
            .values(referred_by_id=referrer_id)
        )
