"""Marking a meeting held, and taking that back: history entries, notes and the move to Met.

Each is one transaction: the meeting's status, its attendees' history entries, their move
to Met and the follow-up Met's rule creates commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from sqlalchemy import delete, update

from crm.calendar.attendee_moves import move_behind, move_changes, undo_behind
from crm.calendar.meetings import MET, changed
from crm.changes import Changes
from crm.pipeline.card_moves import MoveResult
from crm.store.db import Database
from crm.store.localtime import local_today
from crm.store.lookups import must_get
from crm.store.models import Interaction, Meeting
from crm.today import meeting_hooks


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
        meeting = must_get(session, Meeting, meeting_id)
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
        move = move_behind(db, session, [i for i in move_ids if i in attendees], MET, tz)
        entry_ids = tuple(e.id for e in entries)
        today = local_today(db.now(), tz)
        held = meeting_hooks.meeting_held(
            db.sql(session), meeting_id, attendees, today=today, now=db.now()
        )
    record = DoneRecord(meeting_id, old_status, old_notes, entry_ids, move, tuple(attendees))
    return record, changed(meeting_id, attendees) | move_changes(move) | held


def undo_done(db: Database, record: DoneRecord) -> Changes:
    """Take back `mark_done`: status, notes, history entries and the move, in one step."""
    with db.session() as session:
        unheld = meeting_hooks.meeting_held_undone(db.sql(session), record.meeting_id)
        undo_behind(db, session, record.move)
        session.execute(delete(Interaction).where(Interaction.id.in_(record.interaction_ids)))
        session.execute(
            update(Meeting)
            .where(Meeting.id == record.meeting_id)
            .values(status=record.old_status, notes=record.old_notes)
        )
    return changed(record.meeting_id, record.contact_ids) | move_changes(record.move) | unheld
