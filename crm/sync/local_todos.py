"""Rapport's side of a task sync: follow-ups read as synced fields, and written back.

A follow-up is about one contact: a task from the server names them in its CONTACT and
is matched by email, else by name; a task naming someone Rapport does not know brings
that person in as a new contact, so nothing from the server is dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, selectinload

from crm.contacts.emails import contacts_with_emails, email_of
from crm.contacts.service import display_name
from crm.store.models import Contact, ContactChannel, FollowUp
from crm.store.sync_models import SyncItem
from crm.sync.local_records import deleter, updater
from crm.sync.todos import TodoFields, contact_text

TABLE = cast(Table, FollowUp.__table__)


def _fields(follow_up: FollowUp, contact: Contact) -> TodoFields:
    name = display_name(contact.first_name, contact.last_name)
    return TodoFields(
        title=follow_up.title,
        due=follow_up.due_date.isoformat(),
        done=follow_up.done_at is not None,
        contact=contact_text(name, email_of(contact)),
    )


def local_todos(session: Session) -> dict[int, tuple[str, TodoFields]]:
    """Every follow-up as synced fields; one never synced gets a fresh UID."""
    synced = dict(
        session.execute(
            select(SyncItem.local_id, SyncItem.uid).where(SyncItem.kind == "todo")
        ).all()
    )
    # Only the people follow-ups are about: loading every contact would hold thousands of
    # rows' objects while the window waits on the cycle collector walking them.
    about = select(FollowUp.contact_id)
    contacts = {
        c.id: c
        for c in session.scalars(
            select(Contact).where(Contact.id.in_(about)).options(selectinload(Contact.channels))
        )
    }
    out = {}
    for follow_up in session.scalars(select(FollowUp)):
        contact = contacts.get(follow_up.contact_id)
        if contact is None:
            continue
        uid = synced.get(follow_up.id) or f"urn:uuid:{uuid.uuid4()}"
        out[follow_up.id] = (uid, _fields(follow_up, contact))
    return out


def _contact_for(session: Session, fields: TodoFields, now: datetime) -> int:
    """The contact a task is about; a person Rapport does not know yet is added."""
    email = fields.contact_email()
    with_email = contacts_with_emails(session, [email]) if email else []
    if with_email:
        return with_email[0]
    name = fields.contact_name() or email or "Someone"
    wanted = " ".join(name.split()).casefold()
    named = [
        c.id
        for c in session.scalars(select(Contact))
        if display_name(c.first_name, c.last_name).casefold() == wanted
    ]
    if len(named) == 1:
        return named[0]
    from crm.store.models import Stage

    first, _, last = name.partition(" ")
    stage_id = session.scalar(select(Stage.id).order_by(Stage.position).limit(1))
    contact = Contact(
        first_name=first,
        last_name=last,
        stage_id=stage_id,
        stage_position=0.0,
        stage_entered_at=now,
        created_at=now,
        updated_at=now,
    )
    if email:
        contact.channels.append(ContactChannel(kind="email", label="", value=email, position=0))
    session.add(contact)
    session.flush()
    return contact.id


def _write(session: Session, follow_up: FollowUp, fields: TodoFields, now: datetime) -> None:
    follow_up.title = fields.title or "Follow up"
    if fields.due:
        follow_up.due_date = date.fromisoformat(fields.due)
    if fields.done and follow_up.done_at is None:
        follow_up.done_at = now
    elif not fields.done:
        follow_up.done_at = None
    follow_up.contact_id = _contact_for(session, fields, now)


def create_local(session: Session, _uid: str, fields: TodoFields, now: datetime) -> int:
    follow_up = FollowUp(
        contact_id=_contact_for(session, fields, now),
        title=fields.title or "Follow up",
        due_date=date.fromisoformat(fields.due) if fields.due else now.date(),
        created_at=now,
    )
    session.add(follow_up)
    session.flush()
    _write(session, follow_up, fields, now)
    return follow_up.id


update_local = updater(FollowUp, _write)
delete_local = deleter(FollowUp)


def snapshot_follow_ups(session: Session, follow_up_ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = list(follow_up_ids)
    if not ids:
        return []
    rows = session.execute(select(TABLE).where(TABLE.c.id.in_(ids))).mappings()
    return [dict(r) for r in rows]


def put_back_follow_ups(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    if rows:
        session.execute(insert(TABLE), rows)
