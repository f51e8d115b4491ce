"""Sample people, meetings and questions for the prep-sheet and question-bank tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import create_meeting
from crm.contacts.service import ContactFields, create_contact, update_contact
from crm.prep.prep_state import save_prep
from crm.prep.questions import ChosenQuestion, list_questions
from crm.store.db import Database
from crm.store.models import Company, FollowUp, Interaction

MEETING_START = datetime(2026, 3, 17, 9, 0)  # a week after the fixed clock, naive UTC


def add_person(
    db: Database,
    first: str = "Anna",
    last: str = "Lee",
    *,
    company: str = "Northwind Analytics",
    title: str = "Data Engineering Manager",
) -> int:
    contact_id, _ = create_contact(
        db,
        ContactFields(
            first_name=first,
            last_name=last,
            title=title,
            company=company,
            location="Lyon, France",
            linkedin_url="https://www.linkedin.com/in/anna-lee-data",
            source="Alumni meetup, data track",
            notes="Moved from consulting two years ago; runs the platform team.",
        ),
    )
    return contact_id


def describe_company(db: Database, name: str = "Northwind Analytics") -> None:
    with db.session() as s:
        company = s.query(Company).filter(Company.name == name).one()
        company.industry = "Logistics software"
        company.website = "northwind.example"
        company.notes = "Series C; hiring for the data platform; remote-friendly in Europe."


def add_interactions(db: Database, contact_id: int, count: int) -> None:
    base = datetime(2025, 1, 1, 12, 0)
    kinds = ("email", "call", "message", "note")
    with db.session() as s:
        s.execute(
            insert(Interaction),
            [
                {
                    "contact_id": contact_id,
                    "kind": kinds[i % len(kinds)],
                    "occurred_at": base + timedelta(days=i),
                    "summary": f"Interaction number {i + 1} about the data platform",
                    "body": "",
                }
                for i in range(count)
            ],
        )


def add_follow_up(db: Database, contact_id: int, title: str, due_days: int = 2) -> None:
    with db.session() as s:
        s.add(
            FollowUp(
                contact_id=contact_id,
                title=title,
                due_date=(MEETING_START + timedelta(days=due_days)).date(),
                created_at=db.now(),
            )
        )


def bank_questions(db: Database, count: int) -> list[ChosenQuestion]:
    """The first `count` questions of the seeded bank, topped up with typed ones."""
    rows = list_questions(db)
    chosen = [ChosenQuestion(q.text, q.id) for q in rows[:count]]
    while len(chosen) < count:
        chosen.append(ChosenQuestion(f"Extra question number {len(chosen) + 1}?"))
    return chosen


def prepared_meeting(
    db: Database,
    contact_id: int,
    *,
    questions: int = 5,
    goal: str = "Learn how the platform team hires and who else to talk to.",
    title: str = "Coffee chat with Anna Lee",
    start_at: datetime = MEETING_START,
) -> int:
    meeting_id, _, _ = create_meeting(
        db,
        MeetingFields(
            title=title,
            start_at=start_at,
            end_at=start_at + timedelta(minutes=30),
            location="Café Bellecour, Lyon",
            attendee_ids=(contact_id,),
        ),
        tz=UTC,
    )
    save_prep(db, meeting_id, goal, bank_questions(db, questions))
    return meeting_id


def set_notes(db: Database, contact_id: int, notes: str) -> None:
    update_contact(db, contact_id, notes=notes)


def person_with_long_history(db: Database, notes: str) -> int:
    """Anna Lee of a described company: `notes`, 200 interactions and 6 follow-ups (a big sheet)."""
    anna = add_person(db)
    describe_company(db)
    set_notes(db, anna, notes)
    add_interactions(db, anna, 200)
    for i in range(6):
        add_follow_up(db, anna, f"Follow-up number {i + 1}", due_days=i)
    return anna
