"""Scheduling a meeting (with its attendees' move to Scheduled), deleting and restoring one.

Every function here is one user action and one transaction: a meeting is never saved
without the stage move that came with it, and an undo takes both back together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from crm.calendar.attendee_moves import move_behind, move_changes, undo_behind
from crm.calendar.meetings import SCHEDULED, MeetingFields, add_meeting_row, changed, validate
from crm.changes import Changes
from crm.errors import NotFoundError
from crm.pipeline.card_moves import MoveResult
from crm.store.db import Database
from crm.store.models import FollowUp, Interaction, Meeting, MeetingQuestion, meeting_attendees
from crm.today import meeting_hooks

MEETINGS = cast(Table, Meeting.__table__)
QUESTIONS = cast(Table, MeetingQuestion.__table__)


@dataclass(frozen=True)
class MeetingSnapshot:
    meeting: dict[str, Any]
    attendees: tuple[dict[str, Any], ...] = ()
    questions: tuple[dict[str, Any], ...] = ()
    interaction_ids: tuple[int, ...] = ()
    follow_up_ids: tuple[int, ...] = ()
    contact_ids: tuple[int, ...] = field(default=())
    reopened_ids: tuple[int, ...] = ()  # nudges it had closed, opened again by the delete


def create_meeting(
    db: Database, values: MeetingFields, *, move_ids: Sequence[int] = (), tz: tzinfo
) -> tuple[int, MoveResult | None, Changes]:
    """Schedule a meeting; attendees in `move_ids` still before Scheduled move there."""
    values = validate(values)
    now = db.now()
    with db.session() as session:
        new_id = add_meeting_row(session, values, now)
        move = move_behind(db, session, move_ids, SCHEDULED, tz)
        closed = meeting_hooks.meeting_scheduled(db.sql(session), new_id, values.attendee_ids, now)
    return new_id, move, changed(new_id, values.attendee_ids) | move_changes(move) | closed


def unschedule_meeting(
    db: Database, meeting_id: int, move: MoveResult | None
) -> tuple[MeetingSnapshot, Changes]:
    """Undo `create_meeting`: the stage move and the meeting go in one step."""
    with db.session() as session:
        undo_behind(db, session, move)
        snapshot = _delete(session, meeting_id)
        meeting_hooks.meeting_removed(db.sql(session), meeting_id)
    changes = changed(meeting_id, snapshot.contact_ids) | move_changes(move)
    return snapshot, changes | Changes(follow_ups=True)


def schedule_again(
    db: Database, snapshot: MeetingSnapshot, move_ids: Sequence[int], tz: tzinfo
) -> tuple[MoveResult | None, Changes]:
    """Redo `create_meeting` after an undo: the same meeting back, its attendees moved again."""
    meeting_id = int(snapshot.meeting["id"])
    with db.session() as session:
        put_back_meeting(session, snapshot)
        move = move_behind(db, session, move_ids, SCHEDULED, tz)
        closed = meeting_hooks.meeting_scheduled(
            db.sql(session), meeting_id, snapshot.contact_ids, db.now()
        )
    return move, changed(meeting_id, snapshot.contact_ids) | move_changes(move) | closed


def delete_meeting(db: Database, meeting_id: int) -> tuple[MeetingSnapshot, Changes]:
    """Delete a meeting; the snapshot restores it with its attendees and questions."""
    with db.session() as session:
        snapshot = _delete(session, meeting_id)
        reopened = meeting_hooks.meeting_removed(db.sql(session), meeting_id)
    snapshot = replace(snapshot, reopened_ids=reopened)
    return snapshot, changed(meeting_id, snapshot.contact_ids) | Changes(follow_ups=True)


def restore_meeting(db: Database, snapshot: MeetingSnapshot) -> Changes:
    meeting_id = int(snapshot.meeting["id"])
    with db.session() as session:
        put_back_meeting(session, snapshot)
        closed = meeting_hooks.meeting_restored(
            db.sql(session), meeting_id, snapshot.reopened_ids, db.now()
        )
    return changed(meeting_id, snapshot.contact_ids) | closed


def delete_meetings(
    db: Database, meeting_ids: Sequence[int]
) -> tuple[tuple[MeetingSnapshot, ...], Changes]:
    """Delete several meetings in one step (undoing an .ics import)."""
    with db.session() as session:
        snapshots = tuple(_delete(session, meeting_id) for meeting_id in meeting_ids)
    return snapshots, _changed_all(snapshots)


def restore_meetings(db: Database, snapshots: Sequence[MeetingSnapshot]) -> Changes:
    """Put back what `delete_meetings` removed, in one step."""
    with db.session() as session:
        for snapshot in snapshots:
            put_back_meeting(session, snapshot)
    return _changed_all(snapshots)


def _changed_all(snapshots: Sequence[MeetingSnapshot]) -> Changes:
    changes = Changes()
    for snapshot in snapshots:
        changes |= changed(int(snapshot.meeting["id"]), snapshot.contact_ids)
    return changes


def _delete(session: Session, meeting_id: int) -> MeetingSnapshot:
    snapshot = snapshot_meeting(session, meeting_id)
    session.execute(delete(MEETINGS).where(MEETINGS.c.id == meeting_id))
    return snapshot


def snapshot_meeting(session: Session, meeting_id: int) -> MeetingSnapshot:
    """A meeting's rows as they are now, to put back exactly (see `put_back_meeting`)."""
    table = MEETINGS
    found = session.execute(select(table).where(table.c.id == meeting_id)).mappings().first()
    if found is None:
        raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
    attendees = session.execute(
        select(meeting_attendees).where(meeting_attendees.c.meeting_id == meeting_id)
    ).mappings()
    attendee_rows = tuple(dict(r) for r in attendees)
    questions = session.execute(select(QUESTIONS).where(QUESTIONS.c.meeting_id == meeting_id))
    snapshot = MeetingSnapshot(
        meeting=dict(found),
        attendees=attendee_rows,
        questions=tuple(dict(r) for r in questions.mappings()),
        interaction_ids=tuple(
            session.scalars(select(Interaction.id).where(Interaction.meeting_id == meeting_id))
        ),
        follow_up_ids=tuple(
            session.scalars(select(FollowUp.id).where(FollowUp.meeting_id == meeting_id))
        ),
        contact_ids=tuple(int(r["contact_id"]) for r in attendee_rows),
    )
    return snapshot


def put_back_meeting(session: Session, snapshot: MeetingSnapshot) -> None:
    """Insert a snapshot's meeting again, with its id, attendees and questions."""
    meeting_id = int(snapshot.meeting["id"])
    session.execute(insert(MEETINGS), [snapshot.meeting])
    if snapshot.attendees:
        session.execute(insert(meeting_attendees), list(snapshot.attendees))
    if snapshot.questions:
        session.execute(insert(QUESTIONS), list(snapshot.questions))
    if snapshot.interaction_ids:
        session.execute(
            update(Interaction)
            .where(Interaction.id.in_(snapshot.interaction_ids))
            .values(meeting_id=meeting_id)
        )
    if snapshot.follow_up_ids:
        session.execute(
            update(FollowUp)
            .where(FollowUp.id.in_(snapshot.follow_up_ids))
            .values(meeting_id=meeting_id)
        )
