"""The question bank, the questions chosen for a meeting, their answers and the advice tally."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import Interaction, Meeting, MeetingQuestion, Question
from crm.store.plain_rows import row_values

ANSWERS_KIND = "answers"


@dataclass(frozen=True)
class QuestionRow:
    id: int
    text: str
    category: str
    position: int
    retired: bool


@dataclass(frozen=True)
class ChosenQuestion:
    """A question picked for a meeting: from the bank (`question_id`) or typed for it."""

    text: str
    question_id: int | None = None


@dataclass(frozen=True)
class MeetingQuestionRow:
    id: int
    meeting_id: int
    question_id: int | None
    text: str
    position: int
    answer: str


# -- the bank ---------------------------------------------------------------------------


def list_questions(
    db: Database, *, category: str = "", search: str = "", include_retired: bool = False
) -> list[QuestionRow]:
    """Bank questions in the order they were added; `search` matches words in text or category."""
    query = select(Question).order_by(Question.position, Question.id)
    if not include_retired:
        query = query.where(Question.retired.is_(False))
    if category:
        query = query.where(func.lower(Question.category) == category.strip().lower())
    for word in search.split():
        pattern = f"%{_like_escape(word.lower())}%"
        query = query.where(
            or_(
                func.lower(Question.text).like(pattern, escape="\\"),
                func.lower(Question.category).like(pattern, escape="\\"),
            )
        )
    with db.read() as session:
        return [_question_row(q) for q in session.scalars(query)]


def list_categories(db: Database) -> list[str]:
    """Categories of the questions still in use, alphabetical."""
    with db.read() as session:
        names = session.scalars(
            select(Question.category).where(Question.retired.is_(False)).distinct()
        )
        return sorted({n for n in names if n}, key=str.lower)


def get_question(db: Database, question_id: int) -> QuestionRow:
    with db.read() as session:
        question = must_get(session, Question, question_id)
        return _question_row(question)


def add_question(db: Database, text: str, category: str = "General") -> tuple[int, Changes]:
    """Add a question at the end of the bank; returns its id."""
    text, category = _clean_text(text), _clean_category(category)
    with db.session() as session:
        top = session.scalar(select(func.max(Question.position)))
        question = Question(text=text, category=category, position=(top or 0) + 1)
        session.add(question)
        session.flush()
        new_id = question.id
    return new_id, Changes(questions=True)


def edit_question(
    db: Database, question_id: int, *, text: str | None = None, category: str | None = None
) -> tuple[QuestionRow, Changes]:
    """Change a question's wording and/or category; returns the row as it was (for undo)."""
    with db.session() as session:
        question = must_get(session, Question, question_id)
        before = _question_row(question)
        if text is not None:
            question.text = _clean_text(text)
        if category is not None:
            question.category = _clean_category(category)
    return before, Changes(questions=True)


def set_retired(db: Database, question_id: int, retired: bool) -> Changes:
    """Retire a question (hidden from the picker, kept for past meetings) or bring it back."""
    with db.session() as session:
        must_get(session, Question, question_id).retired = retired
    return Changes(questions=True)


def delete_question(db: Database, question_id: int) -> Changes:
    """Remove a question added by mistake; past meetings keep their copy of the text."""
    with db.session() as session:
        session.execute(delete(Question).where(Question.id == question_id))
    return Changes(questions=True)


def restore_question(db: Database, row: QuestionRow) -> Changes:
    with db.session() as session:
        session.add(Question(**row_values(row)))
    return Changes(questions=True)


# -- questions chosen for a meeting -------------------------------------------------------


def meeting_questions(db: Database, meeting_id: int) -> list[MeetingQuestionRow]:
    """The meeting's questions in the order they will be asked."""
    with db.read() as session:
        return [_mq_row(mq) for mq in _meeting_questions(session, meeting_id)]


def set_meeting_questions(
    db: Database, meeting_id: int, chosen: Sequence[ChosenQuestion]
) -> tuple[list[MeetingQuestionRow], Changes]:
    """Replace the meeting's list of questions with `chosen`, in that order.

    A question kept in the list keeps its answer. Returns the list as it was, so an undo
    can put it back with `restore_meeting_questions`.
    """
    with db.session() as session:
        must_get(session, Meeting, meeting_id)
        existing = _meeting_questions(session, meeting_id)
        before = [_mq_row(mq) for mq in existing]
        answers = {answer_key(mq.question_id, mq.text): mq.answer for mq in existing}
        session.execute(delete(MeetingQuestion).where(MeetingQuestion.meeting_id == meeting_id))
        for position, item in enumerate(c for c in chosen if c.text.strip()):
            session.add(
                MeetingQuestion(
                    meeting_id=meeting_id,
                    question_id=item.question_id,
                    text=item.text.strip(),
                    position=position,
                    answer=answers.get(answer_key(item.question_id, item.text.strip()), ""),
                )
            )
    return before, Changes(meetings=frozenset({meeting_id}))


def restore_meeting_questions(
    db: Database, meeting_id: int, rows: Sequence[MeetingQuestionRow]
) -> Changes:
    """Put back a list returned by `set_meeting_questions`, answers included."""
    with db.session() as session:
        session.execute(delete(MeetingQuestion).where(MeetingQuestion.meeting_id == meeting_id))
        for row in rows:
            session.add(
                MeetingQuestion(
                    id=row.id,
                    meeting_id=meeting_id,
                    question_id=row.question_id,
                    text=row.text,
                    position=row.position,
                    answer=row.answer,
                )
            )
    return Changes(meetings=frozenset({meeting_id}))


def record_answers(
    db: Database, meeting_id: int, answers: Mapping[int, str]
) -> tuple[dict[int, str], Changes]:
    """Write what was said (meeting question id -> answer) and keep the history in step.

    Each attendee gets one history entry of kind "answers" for the meeting, rewritten when
    the answers change and removed when they are all cleared. Returns the answers as they
    were, so calling this again with them undoes the change.
    """
    with db.session() as session:
        meeting = must_get(session, Meeting, meeting_id)
        rows = _meeting_questions(session, meeting_id)
        before = {mq.id: mq.answer for mq in rows}
        for mq in rows:
            if mq.id in answers:
                mq.answer = answers[mq.id].strip()
        session.flush()
        contact_ids = _sync_answers_history(session, meeting, rows, db.now())
    return before, Changes(
        meetings=frozenset({meeting_id}), contacts=frozenset(contact_ids), questions=True
    )


def answers_text(pairs: Sequence[tuple[str, str]]) -> str:
    """The body of an "answers" history entry: each question, then what was said."""
    return "\n\n".join(f"Q: {q}\nA: {a}" for q, a in pairs if a)


def _sync_answers_history(
    session: Session, meeting: Meeting, rows: Sequence[MeetingQuestion], now: datetime
) -> list[int]:
    pairs = [(mq.text, mq.answer) for mq in rows]
    answered = sum(1 for _, a in pairs if a)
    contact_ids = [c.id for c in meeting.attendees]
    existing = {
        e.contact_id: e
        for e in session.scalars(
            select(Interaction).where(
                Interaction.meeting_id == meeting.id, Interaction.kind == ANSWERS_KIND
            )
        )
    }
    summary = f"Answers from “{meeting.title}” ({answered} of {len(pairs)} questions)"
    for contact_id in contact_ids:
        entry = existing.pop(contact_id, None)
        if not answered:
            if entry is not None:
                session.delete(entry)
            continue
        if entry is None:
            entry = Interaction(
                contact_id=contact_id,
                kind=ANSWERS_KIND,
                meeting_id=meeting.id,
                occurred_at=min(meeting.end_at, now) if meeting.end_at else now,
            )
            session.add(entry)
        entry.summary = summary
        entry.body = answers_text(pairs)
    for stale in existing.values():  # attendees removed since the answers were written
        session.delete(stale)
    return contact_ids


# -- helpers ----------------------------------------------------------------------------


def answer_key(question_id: int | None, text: str) -> str:
    # A bank question is the same question even if reworded later; a typed one is its text.
    return f"q{question_id}" if question_id is not None else "t:" + " ".join(text.lower().split())


def _meeting_questions(session: Session, meeting_id: int) -> list[MeetingQuestion]:
    return list(
        session.scalars(
            select(MeetingQuestion)
            .where(MeetingQuestion.meeting_id == meeting_id)
            .order_by(MeetingQuestion.position, MeetingQuestion.id)
        )
    )


def _question_row(q: Question) -> QuestionRow:
    return QuestionRow(q.id, q.text, q.category, q.position, q.retired)


def _mq_row(mq: MeetingQuestion) -> MeetingQuestionRow:
    return MeetingQuestionRow(mq.id, mq.meeting_id, mq.question_id, mq.text, mq.position, mq.answer)


def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValueError("A question needs some words.")
    return text


def _clean_category(category: str) -> str:
    return " ".join(category.split()) or "General"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
