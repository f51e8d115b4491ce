"""Pipeline stages: list, add, edit, reorder and delete them, keeping what undo needs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.folding import id_named
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import Contact, Stage
from crm.store.plain_rows import plain_row

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_FOLLOWUP_DAYS = 3650
STAGES = cast(Table, Stage.__table__)
CONTACTS = cast(Table, Contact.__table__)


@dataclass(frozen=True)
class StageFields:
    """What a user edits about a stage; the follow-up rule is both title and days, or neither."""

    name: str
    color: str = "#6b7280"
    is_closed: bool = False
    followup_title: str | None = None
    followup_days: int | None = None


@dataclass(frozen=True)
class StageRow:
    id: int
    name: str
    position: int
    color: str
    is_closed: bool
    followup_title: str | None
    followup_days: int | None

    @property
    def fields(self) -> StageFields:
        return StageFields(
            self.name, self.color, self.is_closed, self.followup_title, self.followup_days
        )


@dataclass(frozen=True)
class DeletedStage:
    """A deleted stage and where its contacts were, so an undo puts everything back."""

    stage: dict[str, Any]
    order: tuple[int, ...]  # stage ids in board order before the delete
    contacts: tuple[dict[str, Any], ...]  # id, stage_position, stage_entered_at before


def _row(stage: Stage) -> StageRow:
    return plain_row(StageRow, stage)


def list_stages(db: Database) -> list[StageRow]:
    """Every stage, in board order."""
    with db.read() as session:
        return [_row(s) for s in session.scalars(select(Stage).order_by(Stage.position, Stage.id))]


def get_stage(db: Database, stage_id: int) -> StageRow:
    with db.read() as session:
        stage = must_get(session, Stage, stage_id)
        return _row(stage)


def clean_fields(session: Session, values: StageFields, stage_id: int | None) -> StageFields:
    """`values` tidied; raises ValueError with a message fit for the user when they don't fit."""
    name = " ".join(values.name.split())
    if not name:
        raise ValueError("A stage needs a name.")
    if len(name) > 100:
        raise ValueError("A stage name can be at most 100 characters.")
    clash = id_named(
        session.execute(select(Stage.id, Stage.name).where(Stage.id != (stage_id or 0))), name
    )
    if clash is not None:
        raise ValueError(f"There is already a stage called “{name}”.")
    if not _COLOR.match(values.color):
        raise ValueError(f"“{values.color}” is not a colour like #2563eb.")
    title = " ".join((values.followup_title or "").split()) or None
    days = values.followup_days
    if (title is None) != (days is None):
        raise ValueError("A follow-up rule needs both a title and a number of days.")
    if days is not None and not 0 <= days <= MAX_FOLLOWUP_DAYS:
        raise ValueError(f"A follow-up is due between 0 and {MAX_FOLLOWUP_DAYS} days later.")
    return StageFields(name, values.color.lower(), values.is_closed, title, days)


def add_stage(
    db: Database, values: StageFields, *, position: int | None = None
) -> tuple[int, Changes]:
    """Add a stage at `position` (board order index; default last); returns its id."""
    with db.session() as session:
        clean = clean_fields(session, values, None)
        order = list(session.scalars(select(Stage.id).order_by(Stage.position, Stage.id)))
        stage = Stage(
            name=clean.name,
            position=len(order),
            color=clean.color,
            is_closed=clean.is_closed,
            followup_title=clean.followup_title,
            followup_days=clean.followup_days,
        )
        session.add(stage)
        session.flush()
        at = len(order) if position is None else max(0, min(position, len(order)))
        order.insert(at, stage.id)
        _set_order(session, order)
        new_id = stage.id
    return new_id, Changes(stages=True)


def update_stage(db: Database, stage_id: int, values: StageFields) -> Changes:
    """Rename, recolour, change the follow-up rule or the closed flag of a stage."""
    with db.session() as session:
        must_get(session, Stage, stage_id)
        clean = clean_fields(session, values, stage_id)
        session.execute(
            update(Stage)
            .where(Stage.id == stage_id)
            .values(
                name=clean.name,
                color=clean.color,
                is_closed=clean.is_closed,
                followup_title=clean.followup_title,
                followup_days=clean.followup_days,
            )
        )
    return Changes(stages=True)


def stage_order(db: Database) -> tuple[int, ...]:
    with db.read() as session:
        return tuple(session.scalars(select(Stage.id).order_by(Stage.position, Stage.id)))


def reorder_stages(db: Database, order: Sequence[int]) -> Changes:
    """Put the stages in `order` (every stage id exactly once)."""
    with db.session() as session:
        existing = set(session.scalars(select(Stage.id)))
        if set(order) != existing or len(order) != len(existing):
            raise ValueError("The stages changed meanwhile; reload the board and try again.")
        _set_order(session, order)
    return Changes(stages=True)


def _set_order(session: Session, order: Sequence[int]) -> None:
    for position, stage_id in enumerate(order):
        session.execute(update(Stage).where(Stage.id == stage_id).values(position=position))


def contact_count(db: Database, stage_id: int) -> int:
    """How many contacts (archived ones too) sit in a stage."""
    with db.read() as session:
        return int(session.scalar(select(func.count()).where(Contact.stage_id == stage_id)) or 0)


def delete_stage(db: Database, stage_id: int, receiver_id: int) -> tuple[DeletedStage, Changes]:
    """Delete a stage, moving its contacts to the end of `receiver_id`'s column."""
    if receiver_id == stage_id:
        raise ValueError("Choose another stage to receive the contacts.")
    stages, contacts = STAGES, CONTACTS
    now = db.now()
    with db.session() as session:
        row = session.execute(select(stages).where(stages.c.id == stage_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"Stage {stage_id} no longer exists.")
        must_get(session, Stage, receiver_id)
        order = tuple(session.scalars(select(Stage.id).order_by(Stage.position, Stage.id)))
        moved = tuple(
            dict(r)
            for r in session.execute(
                select(contacts.c.id, contacts.c.stage_position, contacts.c.stage_entered_at)
                .where(contacts.c.stage_id == stage_id)
                .order_by(contacts.c.stage_position, contacts.c.id)
            ).mappings()
        )
        top = session.scalar(
            select(func.max(Contact.stage_position)).where(Contact.stage_id == receiver_id)
        )
        base = (top or 0.0) + 1.0
        for i, contact in enumerate(moved):
            session.execute(
                update(contacts)
                .where(contacts.c.id == contact["id"])
                .values(stage_id=receiver_id, stage_position=base + i, stage_entered_at=now)
            )
        session.execute(delete(stages).where(stages.c.id == stage_id))
        _set_order(session, [s for s in order if s != stage_id])
    snapshot = DeletedStage(dict(row), order, moved)
    return snapshot, Changes(stages=True, contacts=frozenset(c["id"] for c in moved))


def restore_stage(db: Database, snapshot: DeletedStage) -> Changes:
    """Undo `delete_stage`: the stage comes back with its id, place and contacts."""
    contacts = CONTACTS
    with db.session() as session:
        session.execute(insert(STAGES), [snapshot.stage])
        for contact in snapshot.contacts:
            session.execute(
                update(contacts)
                .where(contacts.c.id == contact["id"])
                .values(
                    stage_id=snapshot.stage["id"],
                    stage_position=contact["stage_position"],
                    stage_entered_at=contact["stage_entered_at"],
                )
            )
        existing = set(session.scalars(select(Stage.id)))
        order = [s for s in snapshot.order if s in existing]
        order += sorted(existing - set(order))
        _set_order(session, order)
    return Changes(stages=True, contacts=frozenset(c["id"] for c in snapshot.contacts))
