"""Follow-ups: things to do for a contact by a date (thank-you notes, check-ins)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, delete, insert, select, update

from crm.changes import Changes
from crm.contacts.service import display_name
from crm.errors import NotFoundError
from crm.store.db import Database
from crm.store.localtime import local_today, local_zone
from crm.store.lookups import must_get
from crm.store.models import Contact, FollowUp
from crm.store.plain_rows import plain_row
from crm.today.nudges import follow_ups_ticked


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    contact_id: int
    contact_name: str
    meeting_id: int | None
    title: str
    due_date: date
    done_at: datetime | None  # naive UTC
    created_at: datetime

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: date) -> bool:
        """Open and due before `today` (the user's local day)."""
        return self.done_at is None and self.due_date < today


CHANGED = Changes(follow_ups=True)
TABLE = cast(Table, FollowUp.__table__)


def add_follow_up(
    db: Database, contact_id: int, title: str, due_date: date, meeting_id: int | None = None
) -> tuple[int, Changes]:
    """Add a follow-up for a contact; returns its id."""
    title = " ".join(title.split())
    if not title:
        raise ValueError("A follow-up needs a title.")
    with db.session() as session:
        must_get(session, Contact, contact_id)
        row = FollowUp(
            contact_id=contact_id,
            meeting_id=meeting_id,
            title=title,
            due_date=due_date,
            created_at=db.now(),
        )
        session.add(row)
        session.flush()
        new_id = row.id
    return new_id, CHANGED | Changes(contacts=frozenset({contact_id}))


def get_follow_up(db: Database, follow_up_id: int) -> FollowUpRow:
    rows = _rows(db, FollowUp.id == follow_up_id)
    if not rows:
        raise NotFoundError(f"Follow-up {follow_up_id} no longer exists.")
    return rows[0]


def set_follow_ups_done(db: Database, ids: Sequence[int], done: bool) -> Changes:
    """Tick (or untick) follow-ups; ticking stamps the current time."""
    now = db.now()
    with db.session() as session:
        contact_ids = set(session.scalars(select(FollowUp.contact_id).where(FollowUp.id.in_(ids))))
        session.execute(
            update(FollowUp).where(FollowUp.id.in_(ids)).values(done_at=now if done else None)
        )
        follow_ups_ticked(db.sql(session), ids, done, local_today(now, local_zone()), now)
    return CHANGED | Changes(contacts=frozenset(contact_ids))


def set_follow_up_due(db: Database, follow_up_id: int, due_date: date) -> Changes:
    """Move a follow-up to another day."""
    with db.session() as session:
        row = must_get(
            session, FollowUp, follow_up_id, f"Follow-up {follow_up_id} no longer exists."
        )
        row.due_date = due_date
        contact_id = row.contact_id
    return CHANGED | Changes(contacts=frozenset({contact_id}))


def delete_follow_up(db: Database, follow_up_id: int) -> tuple[dict[str, object], Changes]:
    """Remove a follow-up; returns its row so an undo can put it back."""
    table = TABLE
    with db.session() as session:
        found = session.execute(select(table).where(table.c.id == follow_up_id)).mappings().first()
        if found is None:
            raise NotFoundError(f"Follow-up {follow_up_id} no longer exists.")
        row = dict(found)
        session.execute(delete(table).where(table.c.id == follow_up_id))
    return row, CHANGED | Changes(contacts=frozenset({int(row["contact_id"])}))


def restore_follow_up(db: Database, row: dict[str, object]) -> Changes:
    with db.session() as session:
        session.execute(insert(TABLE), [row])
    return CHANGED | Changes(contacts=frozenset({int(str(row["contact_id"]))}))


def follow_ups_due_between(
    db: Database, first: date, last: date, *, include_done: bool = True
) -> list[FollowUpRow]:
    """Follow-ups due from `first` to `last` (inclusive), by due date then title."""
    condition = (FollowUp.due_date >= first) & (FollowUp.due_date <= last)
    if not include_done:
        condition = condition & FollowUp.done_at.is_(None)
    return _rows(db, condition)


def open_follow_ups_due_by(db: Database, last: date) -> list[FollowUpRow]:
    """Every open follow-up due on or before `last` (overdue ones first)."""
    return _rows(db, FollowUp.done_at.is_(None) & (FollowUp.due_date <= last))


def follow_ups_of_contact(db: Database, contact_id: int) -> list[FollowUpRow]:
    return _rows(db, FollowUp.contact_id == contact_id)


def _rows(db: Database, condition: object) -> list[FollowUpRow]:
    with db.read() as session:
        result = session.execute(
            select(FollowUp, Contact.first_name, Contact.last_name)
            .join(Contact, Contact.id == FollowUp.contact_id)
            .where(condition)  # type: ignore[arg-type]
            .order_by(FollowUp.due_date, FollowUp.title, FollowUp.id)
        )
        return [
            plain_row(FollowUpRow, f, contact_name=display_name(first, last))
            for f, first, last in result
        ]
