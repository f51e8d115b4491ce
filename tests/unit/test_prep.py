"""What a prep sheet holds, gathered from the database as plain data."""

from __future__ import annotations

from datetime import datetime

import pytest

from crm.calendar.meetings import set_meeting_status
from crm.contacts.service import ContactFields, create_contact, update_contact
from crm.errors import NotFoundError
from crm.prep.finding import next_planned_meeting
from crm.prep.prep_state import get_prep_state, restore_prep, save_prep
from crm.prep.questions import ChosenQuestion, meeting_questions, record_answers
from crm.prep.sheet import build_prep_sheet
from crm.store.db import Database
from tests.prep_data import (
    add_follow_up,
    add_interactions,
    add_person,
    describe_company,
    prepared_meeting,
)


def test_sheet_for_a_meeting_holds_person_company_history_goal_questions(db: Database) -> None:
    referrer = add_person(db, "Rita", "Moreno", company="Elsewhere Ltd")
    anna = add_person(db)
    update_contact(db, anna, referred_by_id=referrer)
    add_person(db, "Bruno", "Díaz", title="Recruiter")
    describe_company(db)
    add_interactions(db, anna, 12)
    add_follow_up(db, anna, "Send the CV draft")
    meeting_id = prepared_meeting(db, anna, questions=4, goal="Understand hiring")

    sheet = build_prep_sheet(db, meeting_id=meeting_id)

    assert sheet.meeting is not None and sheet.meeting.minutes == 30
    assert sheet.meeting.location == "Café Bellecour, Lyon"
    assert sheet.person is not None
    assert sheet.person.name == "Anna Lee"
    assert sheet.person.referred_by == "Rita Moreno"
    assert sheet.person.source == "Alumni meetup, data track"
    assert sheet.company is not None and sheet.company.industry == "Logistics software"
    assert sheet.company.others == ("Bruno Díaz, Recruiter",)
    assert sheet.history_total == 12
    assert sheet.history[0].summary == "Interaction number 12 about the data platform"
    assert [h.occurred_at for h in sheet.history] == sorted(
        (h.occurred_at for h in sheet.history), reverse=True
    )
    assert sheet.goal == "Understand hiring"
    assert len(sheet.questions) == 4
    assert [f.title for f in sheet.follow_ups] == ["Send the CV draft"]
    assert any("not for a job" in r for r in sheet.reminders)


def test_unsaved_goal_and_questions_replace_the_saved_ones(db: Database) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=3)
    sheet = build_prep_sheet(
        db, meeting_id=meeting_id, goal=" New goal ", questions=["Only this?", "  "]
    )
    assert sheet.goal == "New goal"
    assert sheet.questions == ("Only this?",)


def test_from_a_contact_the_next_planned_meeting_is_prepared(db: Database) -> None:
    anna = add_person(db)
    assert next_planned_meeting(db, anna) is None
    past = prepared_meeting(db, anna, title="Earlier chat", start_at=datetime(2026, 2, 1, 9))
    later = prepared_meeting(db, anna, title="Second chat", start_at=datetime(2026, 4, 1, 9))
    soon = prepared_meeting(db, anna, title="Next chat", start_at=datetime(2026, 3, 12, 9))
    assert past and later
    assert next_planned_meeting(db, anna) == soon
    assert build_prep_sheet(db, contact_id=anna).title == "Next chat"
    set_meeting_status(db, soon, "cancelled")
    assert next_planned_meeting(db, anna) == later


def test_a_contact_without_a_meeting_gets_an_unscheduled_sheet(db: Database) -> None:
    contact_id, _ = create_contact(db, ContactFields(first_name="Zoë"))
    sheet = build_prep_sheet(db, contact_id=contact_id)
    assert sheet.meeting is None
    assert sheet.title == "Meeting with Zoë"
    assert sheet.company is None and sheet.history == () and sheet.questions == ()


def test_what_earlier_conversations_taught_comes_from_them_or_their_company(
    db: Database,
) -> None:
    anna = add_person(db)
    bruno = add_person(db, "Bruno", "Díaz")
    outsider = add_person(db, "Olga", "Other", company="Elsewhere Ltd")
    for person, answer in ((bruno, "Bruno: one page"), (outsider, "Olga: two pages")):
        earlier = prepared_meeting(db, person, questions=2, start_at=datetime(2026, 2, 1, 9))
        record_answers(db, earlier, {meeting_questions(db, earlier)[1].id: answer})
    upcoming = prepared_meeting(db, anna, questions=2)

    learned = build_prep_sheet(db, meeting_id=upcoming).learned
    assert [item.answer for item in learned] == ["Bruno: one page"]
    assert learned[0].who == "Bruno Díaz"
    assert "one-page CV" in learned[0].question


def test_save_prep_and_restore(db: Database) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=2, goal="First goal")
    before, changes = save_prep(
        db, meeting_id, "Second goal", [ChosenQuestion("A typed question?")]
    )
    assert changes.meetings == {meeting_id}
    assert before.goal == "First goal" and len(before.questions) == 2
    state = get_prep_state(db, meeting_id)
    assert state.goal == "Second goal"
    assert [q.text for q in state.questions] == ["A typed question?"]
    restore_prep(db, meeting_id, before)
    assert get_prep_state(db, meeting_id) == before


def test_a_missing_meeting_is_reported(db: Database) -> None:
    with pytest.raises(NotFoundError):
        build_prep_sheet(db, meeting_id=999)
    with pytest.raises(ValueError):
        build_prep_sheet(db)
