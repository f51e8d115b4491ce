"""Meeting services: schedule, edit, reschedule, hold, cancel and delete meetings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.contacts.service import display_name
from crm.errors import NotFoundError
from crm.pipeline.board import MoveResult, move_contacts
from crm.pipeline.board import undo_move as undo_stage_move
from crm.pipeline.stage_offers import StageOffer, contacts_behind, stage_named
from crm.store.db import Database
from crm.store.localtime import local_today
from crm.store.models import (
    Contact,
    ContactChannel,
    FollowUp,
    Interaction,
    Meeting,
    MeetingQuestion,
    meeting_attendees,
)
from crm.today import meeting_hooks

DEFAULT_MINUTES = 30
SCHEDULED = "Scheduled"
MET = "Met"
MEETINGS = cast(Table, Meeting.__table__)
QUESTIONS = cast(Table, MeetingQuestion.__table__)


@dataclass(frozen=True)
class MeetingFields:
    """What the meeting dialog edits; times are naive UTC."""

    title: str
    start_at: datetime
    end_at: datetime
    location: str = ""
    goal: str = ""
    notes: str = ""
    attendee_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Attendee:
    contact_id: int
    name: str
    email: str


@dataclass(frozen=True)
class MeetingRow:
    id: int
    uid: str
    title: str
    start_at: datetime  # naive UTC
    end_at: datetime
    location: str
    goal: str
    notes: str
    status: str  # planned / done / cancelled
    attendees: tuple[Attendee, ...] = ()

    @property
    def attendee_ids(self) -> tuple[int, ...]:
        return tuple(a.contact_id for a in self.attendees)

    @property
    def fields(self) -> MeetingFields:
        return MeetingFields(
            self.title,
            self.start_at,
            self.end_at,
            self.location,
            self.goal,
            self.notes,
            self.attendee_ids,
        )


def default_title(names: Sequence[str]) -> str:
    """ "Coffee chat with Anna Lee" (and "…and Ben Ode" for more people)."""
    if not names:
        return "Coffee chat"
    if len(names) == 1:
        return f"Coffee chat with {names[0]}"
    return f"Coffee chat with {', '.join(names[:-1])} and {names[-1]}"


def _changed(meeting_id: int, *contact_sets: Sequence[int]) -> Changes:
    contacts = frozenset(c for ids in contact_sets for c in ids)
    return Changes(meetings=frozenset({meeting_id}), contacts=contacts)


def _validate(values: MeetingFields) -> MeetingFields:
    title = " ".join(values.title.split())
    if not title:
        raise ValueError("A meeting needs a title.")
    if values.end_at <= values.start_at:
        raise ValueError("A meeting must end after it starts.")
    return replace(values, title=title, location=values.location.strip())


def _set_attendees(session: Session, meeting_id: int, ids: Sequence[int]) -> None:
    session.execute(delete(meeting_attendees).where(meeting_attendees.c.meeting_id == meeting_id))
    unique = list(dict.fromkeys(ids))
    known = set(session.scalars(select(Contact.id).where(Contact.id.in_(unique))))
    missing = [i for i in unique if i not in known]
    if missing:
        raise NotFoundError("An attendee no longer exists.")
    if unique:
        session.execute(
            insert(meeting_attendees), [{"meeting_id": meeting_id, "contact_id": c} for c in unique]
        )


def stage_offers(db: Database, contact_ids: Sequence[int], stage_name: str) -> list[StageOffer]:
    """Attendees still in an earlier stage than `stage_name` ([] if it was renamed away)."""
    with db.read() as session:
        return contacts_behind(session, contact_ids, stage_name)


def _move(db: Database, ids: Sequence[int], stage_name: str, tz: tzinfo) -> MoveResult | None:
    """The pipeline's own move of those of `ids` still behind `stage_name` (None: nobody)."""
    with db.read() as session:
        stage = stage_named(session, stage_name)
        eligible = {o.contact_id for o in contacts_behind(session, ids, stage_name)}
        stage_id = stage.id if stage is not None else None
    if stage_id is None or not eligible:
        return None
    today = local_today(db.now(), tz)
    result, _ = move_contacts(db, [i for i in ids if i in eligible], stage_id, today=today)
    return result


def _move_changes(move: MoveResult | None) -> Changes:
    if move is None:
        return Changes()
    follow_ups = any(c.follow_up_id is not None for c in move.cards)
    return Changes(contacts=move.ids, follow_ups=follow_ups)


def create_meeting(
    db: Database, values: MeetingFields, *, move_ids: Sequence[int] = (), tz: tzinfo
) -> tuple[int, MoveResult | None, Changes]:
    """Schedule a meeting; attendees in `move_ids` still before Scheduled move there."""
    values = _validate(values)
    now = db.now()
    with db.session() as session:
        meeting = Meeting(
            title=values.title,
            start_at=values.start_at,
            end_at=values.end_at,
            location=values.location,
            goal=values.goal,
            notes=values.notes,
            created_at=now,
            updated_at=now,
        )
        session.add(meeting)
        session.flush()
        _set_attendees(session, meeting.id, values.attendee_ids)
        new_id = meeting.id
    try:
        move = _move(db, move_ids, SCHEDULED, tz)
    except Exception:
        delete_meeting(db, new_id)  # all or nothing for the user's one action
        raise
    closed = meeting_hooks.meeting_scheduled(db, new_id, values.attendee_ids)
    return new_id, move, _changed(new_id, values.attendee_ids) | _move_changes(move) | closed


def get_meeting(db: Database, meeting_id: int) -> MeetingRow:
    rows = _rows(db, Meeting.id == meeting_id)
    if not rows:
        raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
    return rows[0]


def meetings_between(db: Database, start: datetime, end: datetime) -> list[MeetingRow]:
    """Meetings overlapping [start, end) (naive UTC), by start time."""
    return _rows(db, (Meeting.start_at < end) & (Meeting.end_at > start))


def all_meetings(db: Database) -> list[MeetingRow]:
    return _rows(db, None)


def meetings_of_contact(db: Database, contact_id: int) -> list[MeetingRow]:
    ids = select(meeting_attendees.c.meeting_id).where(meeting_attendees.c.contact_id == contact_id)
    return _rows(db, Meeting.id.in_(ids))


def update_meeting(db: Database, meeting_id: int, values: MeetingFields) -> Changes:
    """Replace the editable fields and attendees of a meeting."""
    values = _validate(values)
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
        before = [a.id for a in meeting.attendees]
        for name in ("title", "start_at", "end_at", "location", "goal", "notes"):
            setattr(meeting, name, getattr(values, name))
        meeting.updated_at = db.now()
        session.flush()
        _set_attendees(session, meeting_id, values.attendee_ids)
    return _changed(meeting_id, before, values.attendee_ids)


def reschedule_meeting(db: Database, meeting_id: int, start: datetime, end: datetime) -> Changes:
    """Move a meeting or change its length (naive UTC)."""
    if end <= start:
        raise ValueError("A meeting must end after it starts.")
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
        meeting.start_at, meeting.end_at = start, end
        meeting.updated_at = db.now()
    return Changes(meetings=frozenset({meeting_id}))


def set_meeting_status(db: Database, meeting_id: int, status: str) -> Changes:
    """Cancel a meeting or plan it again (marking done goes through `mark_done`)."""
    if status not in ("planned", "cancelled"):
        raise ValueError(f"Cannot set a meeting to {status!r} directly.")
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
        meeting.status = status
        meeting.updated_at = db.now()
    return Changes(meetings=frozenset({meeting_id}))


# -- holding a meeting --------------------------------------------------------------------


@dataclass(frozen=True)
class DoneRecord:
    """What marking a meeting done changed, so an undo can take it back."""

    meeting_id: int
    old_status: str
    old_notes: str
    interaction_ids: tuple[int, ...]
    move: MoveResult | None
    contact_ids: tuple[int, ...]


def mark_done(
    db: Database, meeting_id: int, notes: str, *, move_ids: Sequence[int] = (), tz: tzinfo
) -> tuple[DoneRecord, Changes]:
    """Mark a meeting held: a "meeting" entry in each attendee's history with the notes,
    and attendees in `move_ids` still before Met moved there (Met's follow-up rule applies)."""
    with db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
        if meeting.status == "done":
            raise ValueError("This meeting is already marked done.")
        old_status, old_notes = meeting.status, meeting.notes
        meeting.status, meeting.notes, meeting.updated_at = "done", notes, db.now()
        attendees = [a.id for a in meeting.attendees]
        entries = [
            Interaction(
                contact_id=contact_id,
                kind="meeting",
                # Never a last interaction later than now (a future meeting marked done).
                occurred_at=min(meeting.start_at, db.now()),
                summary=meeting.title,
                body=notes,
                meeting_id=meeting_id,
            )
            for contact_id in attendees
        ]
        session.add_all(entries)
        session.flush()
        entry_ids = tuple(e.id for e in entries)
    record = DoneRecord(meeting_id, old_status, old_notes, entry_ids, None, tuple(attendees))
    try:
        move = _move(db, [i for i in move_ids if i in attendees], MET, tz)
    except Exception:
        undo_done(db, record)  # all or nothing for the user's one action
        raise
    record = replace(record, move=move)
    held = meeting_hooks.meeting_held(db, meeting_id, attendees, local_today(db.now(), tz))
    return record, _changed(meeting_id, attendees) | _move_changes(move) | held


def undo_done(db: Database, record: DoneRecord) -> Changes:
    meeting_hooks.meeting_held_undone(db, record.meeting_id)
    if record.move is not None:
        undo_stage_move(db, record.move)
    with db.session() as session:
        session.execute(delete(Interaction).where(Interaction.id.in_(record.interaction_ids)))
        session.execute(
            update(Meeting)
            .where(Meeting.id == record.meeting_id)
            .values(status=record.old_status, notes=record.old_notes)
        )
    return _changed(record.meeting_id, record.contact_ids) | _move_changes(record.move)


def move_attendees(
    db: Database, ids: Sequence[int], stage_name: str, tz: tzinfo
) -> tuple[MoveResult | None, Changes]:
    """Move those of `ids` still behind `stage_name` there, as the pipeline moves a card."""
    move = _move(db, ids, stage_name, tz)
    return move, _move_changes(move)


def undo_move(db: Database, move: MoveResult | None) -> Changes:
    """Take back the stage move that came with scheduling a meeting."""
    if move is None:
        return Changes()
    undo_stage_move(db, move)
    return _move_changes(move)


# -- delete and restore -------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingSnapshot:
    meeting: dict[str, Any]
    attendees: tuple[dict[str, Any], ...] = ()
    questions: tuple[dict[str, Any], ...] = ()
    interaction_ids: tuple[int, ...] = ()
    follow_up_ids: tuple[int, ...] = ()
    contact_ids: tuple[int, ...] = field(default=())
    reopened_ids: tuple[int, ...] = ()  # nudges it had closed, opened again by the delete


def delete_meeting(db: Database, meeting_id: int) -> tuple[MeetingSnapshot, Changes]:
    """Delete a meeting; the snapshot restores it with its attendees and questions."""
    table = MEETINGS
    with db.session() as session:
        found = session.execute(select(table).where(table.c.id == meeting_id)).mappings().first()
        if found is None:
            raise NotFoundError(f"Meeting {meeting_id} no longer exists.")
        attendees = session.execute(
            select(meeting_attendees).where(meeting_attendees.c.meeting_id == meeting_id)
        ).mappings()
        attendee_rows = tuple(dict(r) for r in attendees)
        q_table = QUESTIONS
        questions = session.execute(select(q_table).where(q_table.c.meeting_id == meeting_id))
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
        session.execute(delete(table).where(table.c.id == meeting_id))
    snapshot = replace(snapshot, reopened_ids=meeting_hooks.meeting_removed(db, meeting_id))
    return snapshot, _changed(meeting_id, snapshot.contact_ids) | Changes(follow_ups=True)


def restore_meeting(db: Database, snapshot: MeetingSnapshot) -> Changes:
    meeting_id = int(snapshot.meeting["id"])
    with db.session() as session:
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
    closed = meeting_hooks.meeting_restored(db, meeting_id, snapshot.reopened_ids)
    return _changed(meeting_id, snapshot.contact_ids) | closed


def _rows(db: Database, condition: Any) -> list[MeetingRow]:
    with db.read() as session:
        query = select(Meeting).order_by(Meeting.start_at, Meeting.id)
        if condition is not None:
            query = query.where(condition)
        meetings = list(session.scalars(query))
        people = _attendees(session, [m.id for m in meetings])
        return [
            MeetingRow(
                id=m.id,
                uid=m.uid,
                title=m.title,
                start_at=m.start_at,
                end_at=m.end_at,
                location=m.location,
                goal=m.goal,
                notes=m.notes,
                status=m.status,
                attendees=tuple(people.get(m.id, ())),
            )
            for m in meetings
        ]


def _attendees(session: Session, meeting_ids: list[int]) -> dict[int, list[Attendee]]:
    if not meeting_ids:
        return {}
    email = (
        select(ContactChannel.value)
        .where(ContactChannel.contact_id == Contact.id, ContactChannel.kind == "email")
        .order_by(ContactChannel.position)
        .limit(1)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            meeting_attendees.c.meeting_id, Contact.id, Contact.first_name, Contact.last_name, email
        )
        .join(Contact, Contact.id == meeting_attendees.c.contact_id)
        .where(meeting_attendees.c.meeting_id.in_(meeting_ids))
        .order_by(Contact.last_name, Contact.first_name)
    )
    out: dict[int, list[Attendee]] = {}
    for meeting_id, contact_id, first, last, mail in rows:
        out.setdefault(meeting_id, []).append(
            Attendee(contact_id, display_name(first, last), mail or "")
        )
    return out


def default_end(start: datetime) -> datetime:
    return start + timedelta(minutes=DEFAULT_MINUTES)
