"""The content of a one-page prep sheet, gathered as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from crm.contacts.service import display_name
from crm.prep.finding import next_planned_meeting
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import (
    Company,
    Contact,
    FollowUp,
    Interaction,
    Meeting,
    MeetingQuestion,
    meeting_attendees,
)
from crm.store.plain_rows import plain_row
from crm.targets.standing import employer_standing, standing_summary

# Good practice for informational interviews, printed at the foot of every sheet.
REMINDERS = (
    "You are asking for information and advice, not for a job.",
    "Keep to the time you asked for; offer to stop when it is up.",
    "Ask who else you should talk to, and whether you may mention their name.",
    "Send a thank-you note within a day.",
)
HISTORY_LIMIT = 40  # more than a page can hold; the renderer says "and N earlier" for the rest
LEARNED_LIMIT = 12
HIDDEN_KINDS = ("stage", "answers")  # pipeline moves are noise; answers have their own section


@dataclass(frozen=True)
class MeetingInfo:
    id: int | None  # None for a meeting still being planned in the prep dialog
    title: str
    start_at: datetime  # naive UTC
    end_at: datetime
    location: str  # a place or a video link
    status: str

    @property
    def minutes(self) -> int:
        return max(0, int((self.end_at - self.start_at).total_seconds() // 60))


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    title: str
    company: str
    location: str
    linkedin_url: str
    source: str  # how you are connected
    referred_by: str
    email: str
    phone: str
    notes: str


@dataclass(frozen=True)
class CompanyInfo:
    name: str
    industry: str
    website: str
    location: str
    notes: str
    others: tuple[str, ...]  # other people you know there, "Name, title"
    standing: str = ""  # the job search there: target score, openings, applications


@dataclass(frozen=True)
class HistoryLine:
    occurred_at: datetime  # naive UTC
    kind: str
    summary: str


@dataclass(frozen=True)
class LearnedAnswer:
    met_at: datetime  # naive UTC
    who: str
    question: str
    answer: str


@dataclass(frozen=True)
class FollowUpLine:
    title: str
    due: date
    who: str


@dataclass(frozen=True)
class PrepSheet:
    """Everything printed on a sheet; `meeting` is None for a meeting not yet scheduled."""

    meeting: MeetingInfo | None
    person: PersonInfo | None
    also_attending: tuple[str, ...]
    company: CompanyInfo | None
    history: tuple[HistoryLine, ...]  # newest first, at most HISTORY_LIMIT
    history_total: int
    learned: tuple[LearnedAnswer, ...]
    goal: str
    questions: tuple[str, ...]
    follow_ups: tuple[FollowUpLine, ...]
    reminders: tuple[str, ...] = REMINDERS
    generated_at: datetime | None = None

    @property
    def title(self) -> str:
        if self.meeting is not None:
            return self.meeting.title
        return f"Meeting with {self.person.name}" if self.person else "Meeting"


# -- finding what to prepare ----------------------------------------------------------------


# -- the sheet ----------------------------------------------------------------------------


def build_prep_sheet(
    db: Database,
    *,
    meeting_id: int | None = None,
    contact_id: int | None = None,
    goal: str | None = None,
    questions: Sequence[str] | None = None,
) -> PrepSheet:
    """Gather the sheet for a meeting, or for a contact's next (or unscheduled) meeting.

    `goal` and `questions` replace what the meeting has saved: the prep dialog previews
    its unsaved edits this way.
    """
    if meeting_id is None and contact_id is None:
        raise ValueError("Prepare for a meeting or a contact.")
    if meeting_id is None and contact_id is not None:
        meeting_id = next_planned_meeting(db, contact_id)
    with db.read() as session:
        meeting = must_get(session, Meeting, meeting_id) if meeting_id is not None else None
        attendees = list(meeting.attendees) if meeting else []
        person = _primary(session, attendees, contact_id)
        saved_questions = [mq.text for mq in meeting.questions] if meeting else []
        people_ids = [c.id for c in attendees] or ([person.id] if person else [])
        return PrepSheet(
            meeting=_meeting_info(meeting) if meeting else None,
            person=_person_info(person) if person else None,
            also_attending=tuple(
                display_name(c.first_name, c.last_name)
                for c in attendees
                if person is None or c.id != person.id
            ),
            company=_with_standing(db, _company_info(session, person), person.id)
            if person
            else None,
            history=tuple(_history(session, person.id)) if person else (),
            history_total=_history_count(session, person.id) if person else 0,
            learned=tuple(_learned(session, person, meeting_id)) if person else (),
            goal=(goal if goal is not None else (meeting.goal if meeting else "")).strip(),
            questions=tuple(
                q.strip()
                for q in (saved_questions if questions is None else questions)
                if q.strip()
            ),
            follow_ups=tuple(_follow_ups(session, people_ids)),
            generated_at=db.now(),
        )


def _primary(
    session: Session, attendees: Sequence[Contact], contact_id: int | None
) -> Contact | None:
    if contact_id is not None:
        for contact in attendees:
            if contact.id == contact_id:
                return contact
        return must_get(session, Contact, contact_id)
    return attendees[0] if attendees else None


def _meeting_info(m: Meeting) -> MeetingInfo:
    return MeetingInfo(m.id, m.title, m.start_at, m.end_at, m.location, m.status)


def _person_info(c: Contact) -> PersonInfo:
    def channel(kind: str) -> str:
        return next((ch.value for ch in c.channels if ch.kind == kind), "")

    referrer = c.referred_by
    return PersonInfo(
        id=c.id,
        name=display_name(c.first_name, c.last_name),
        title=c.title,
        company=c.company.name if c.company else "",
        location=c.location,
        linkedin_url=c.linkedin_url,
        source=c.source,
        referred_by=display_name(referrer.first_name, referrer.last_name) if referrer else "",
        email=channel("email"),
        phone=channel("phone"),
        notes=c.notes,
    )


def _company_info(session: Session, person: Contact) -> CompanyInfo | None:
    company: Company | None = person.company
    if company is None:
        return None
    others = session.execute(
        select(Contact.first_name, Contact.last_name, Contact.title)
        .where(Contact.company_id == company.id, Contact.id != person.id)
        .order_by(Contact.last_name, Contact.first_name)
        .limit(8)
    ).all()
    known = tuple(
        ", ".join(p for p in (display_name(o.first_name, o.last_name), o.title) if p)
        for o in others
    )
    return plain_row(CompanyInfo, company, others=known, standing="")


def _with_standing(db: Database, info: CompanyInfo | None, contact_id: int) -> CompanyInfo | None:
    standing = employer_standing(db, contact_id)
    if info is None or standing is None:
        return info
    return replace(info, standing=standing_summary(standing))


def _history(session: Session, contact_id: int) -> list[HistoryLine]:
    rows = session.execute(
        select(Interaction.occurred_at, Interaction.kind, Interaction.summary)
        .where(Interaction.contact_id == contact_id, Interaction.kind.not_in(HIDDEN_KINDS))
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return [HistoryLine(r.occurred_at, r.kind, r.summary) for r in rows]


def _history_count(session: Session, contact_id: int) -> int:
    return int(
        session.scalar(
            select(func.count(Interaction.id)).where(
                Interaction.contact_id == contact_id, Interaction.kind.not_in(HIDDEN_KINDS)
            )
        )
        or 0
    )


def _learned(session: Session, person: Contact, meeting_id: int | None) -> list[LearnedAnswer]:
    """Answers recorded in other meetings with this person or anyone at their company."""
    people = select(Contact.id).where(
        Contact.company_id == person.company_id
        if person.company_id is not None
        else Contact.id == person.id
    )
    meetings = select(meeting_attendees.c.meeting_id).where(
        meeting_attendees.c.contact_id.in_(people)
    )
    rows = session.execute(
        select(MeetingQuestion.text, MeetingQuestion.answer, Meeting)
        .join(Meeting, Meeting.id == MeetingQuestion.meeting_id)
        .where(
            and_(
                MeetingQuestion.answer != "",
                Meeting.id.in_(meetings),
                Meeting.id != (meeting_id if meeting_id is not None else -1),
            )
        )
        .order_by(Meeting.start_at.desc(), MeetingQuestion.position)
        .limit(LEARNED_LIMIT)
    ).all()
    who: dict[int, str] = {}
    learned = []
    for text, answer, meeting in rows:
        if meeting.id not in who:
            who[meeting.id] = ", ".join(
                display_name(c.first_name, c.last_name) for c in meeting.attendees
            )
        learned.append(LearnedAnswer(meeting.start_at, who[meeting.id], text, answer))
    return learned


def _follow_ups(session: Session, contact_ids: Sequence[int]) -> list[FollowUpLine]:
    if not contact_ids:
        return []
    rows = session.execute(
        select(FollowUp.title, FollowUp.due_date, Contact.first_name, Contact.last_name)
        .join(Contact, Contact.id == FollowUp.contact_id)
        .where(FollowUp.contact_id.in_(contact_ids), FollowUp.done_at.is_(None))
        .order_by(FollowUp.due_date, FollowUp.id)
        .limit(8)
    )
    return [
        FollowUpLine(r.title, r.due_date, display_name(r.first_name, r.last_name)) for r in rows
    ]


# -- what a meeting keeps of its preparation ---------------------------------------------------
