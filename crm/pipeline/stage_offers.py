"""Which attendees are still behind a named stage, so a meeting can offer to move them on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.contacts.service import display_name
from crm.folding import id_named
from crm.store.models import Contact, Stage


@dataclass(frozen=True)
class StageOffer:
    """A contact still in an earlier stage than the target one."""

    contact_id: int
    name: str
    stage_name: str


def stage_named(session: Session, name: str) -> Stage | None:
    """The stage called `name` (case-insensitive), or None if it was renamed away."""
    found = id_named(session.execute(select(Stage.id, Stage.name).order_by(Stage.position)), name)
    return None if found is None else session.get(Stage, found)


def contacts_behind(
    session: Session, contact_ids: Sequence[int], stage_name: str
) -> list[StageOffer]:
    """Contacts among `contact_ids` in an open stage placed before `stage_name`."""
    target = stage_named(session, stage_name)
    if target is None or not contact_ids:
        return []
    rows = session.execute(
        select(Contact.id, Contact.first_name, Contact.last_name, Stage.name)
        .join(Stage, Stage.id == Contact.stage_id)
        .where(
            Contact.id.in_(contact_ids),
            Stage.position < target.position,
            Stage.is_closed.is_(False),
        )
        .order_by(Contact.last_name, Contact.first_name)
    )
    return [StageOffer(cid, display_name(first, last), stage) for cid, first, last, stage in rows]
