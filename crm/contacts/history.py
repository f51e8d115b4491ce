"""A contact's history: the timeline of interactions, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from crm.changes import Changes, contacts_changed
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import INTERACTION_KINDS, Contact, Interaction
from crm.store.plain_rows import plain_row, row_values


@dataclass(frozen=True)
class InteractionRow:
    id: int
    contact_id: int
    kind: str
    occurred_at: datetime  # naive UTC
    summary: str
    body: str
    meeting_id: int | None


def log_interaction(
    db: Database,
    contact_id: int,
    kind: str,
    occurred_at: datetime,
    summary: str,
    body: str = "",
    meeting_id: int | None = None,
) -> tuple[int, Changes]:
    """Add one entry to a contact's history; returns its id."""
    if kind not in INTERACTION_KINDS:
        raise ValueError(f"Unknown kind of interaction: {kind}")
    with db.session() as session:
        must_get(session, Contact, contact_id)
        entry = Interaction(
            contact_id=contact_id,
            kind=kind,
            occurred_at=occurred_at,
            summary=summary.strip(),
            body=body,
            meeting_id=meeting_id,
        )
        session.add(entry)
        session.flush()
        new_id = entry.id
    return new_id, contacts_changed(contact_id)


def delete_interaction(db: Database, interaction_id: int) -> tuple[InteractionRow | None, Changes]:
    """Remove one history entry; returns it so an undo can put it back."""
    with db.session() as session:
        entry = session.get(Interaction, interaction_id)
        if entry is None:
            return None, Changes()
        row = _row(entry)
        session.execute(delete(Interaction).where(Interaction.id == interaction_id))
    return row, contacts_changed(row.contact_id)


def restore_interaction(db: Database, row: InteractionRow) -> Changes:
    with db.session() as session:
        session.add(Interaction(**row_values(row)))
    return contacts_changed(row.contact_id)


def list_history(db: Database, contact_id: int) -> list[InteractionRow]:
    """The contact's interactions, newest first."""
    with db.read() as session:
        entries = session.scalars(
            select(Interaction)
            .where(Interaction.contact_id == contact_id)
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        )
        return [_row(e) for e in entries]


def _row(entry: Interaction) -> InteractionRow:
    return plain_row(InteractionRow, entry)
