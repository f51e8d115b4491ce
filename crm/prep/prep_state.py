"""What a meeting keeps of its preparation (goal, chosen questions), and putting it back on undo."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from crm.changes import Changes
from crm.prep.questions import (
    ChosenQuestion,
    MeetingQuestionRow,
    restore_meeting_questions,
    set_meeting_questions,
)
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import Meeting


@dataclass(frozen=True)
class PrepState:
    """What a meeting keeps of its preparation: the goal and the questions (for undo)."""

    goal: str
    questions: tuple[MeetingQuestionRow, ...] = field(default=())


def get_prep_state(db: Database, meeting_id: int) -> PrepState:
    with db.read() as session:
        meeting = must_get(session, Meeting, meeting_id)
        return PrepState(
            goal=meeting.goal,
            questions=tuple(
                MeetingQuestionRow(
                    mq.id, mq.meeting_id, mq.question_id, mq.text, mq.position, mq.answer
                )
                for mq in meeting.questions
            ),
        )


def save_prep(
    db: Database, meeting_id: int, goal: str, chosen: Sequence[ChosenQuestion]
) -> tuple[PrepState, Changes]:
    """Keep the goal and the chosen questions with the meeting; returns the state before."""
    before = get_prep_state(db, meeting_id)
    with db.session() as session:
        meeting = must_get(session, Meeting, meeting_id)
        meeting.goal = goal.strip()
        meeting.updated_at = db.now()
    _, changes = set_meeting_questions(db, meeting_id, chosen)
    return before, changes


def restore_prep(db: Database, meeting_id: int, state: PrepState) -> Changes:
    with db.session() as session:
        meeting = must_get(session, Meeting, meeting_id)
        meeting.goal = state.goal
    return restore_meeting_questions(db, meeting_id, state.questions)
