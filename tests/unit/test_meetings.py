"""Meeting services: schedule, reschedule, hold, cancel, delete, and the stage moves they offer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm.calendar.attendee_moves import undo_move
from crm.calendar.followups import follow_ups_of_contact
from crm.calendar.holding import mark_done, undo_done
from crm.calendar.meetings import (
    MeetingFields,
    get_meeting,
    meetings_between,
    reschedule_meeting,
    set_meeting_status,
    stage_offers,
    update_meeting,
)
from crm.calendar.scheduling import create_meeting, delete_meeting, restore_meeting
from crm.contacts.history import list_history
from crm.contacts.service import get_contact
from crm.store.db import Database
from crm.store.models import Stage
from tests.people import person, stage_id

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 12, 9, 0)  # naive UTC


def fields(*attendees: int, start: datetime = START, minutes: int = 30) -> MeetingFields:
    return MeetingFields(
        "Coffee chat",
        start,
        start + timedelta(minutes=minutes),
        "Café",
        "Learn the job",
        "",
        tuple(attendees),
    )


def test_schedule_lists_meeting_with_attendees_and_emails(db: Database) -> None:
    anna = person(db, "Anna", email="anna@example.org")
    meeting_id, record, changes = create_meeting(db, fields(anna), tz=BERLIN)
    row = get_meeting(db, meeting_id)
    assert row.title == "Coffee chat" and row.status == "planned"
    assert [(a.name, a.email) for a in row.attendees] == [("Anna Lee", "anna@example.org")]
    assert meeting_id in changes.meetings and anna in changes.contacts
    assert record is None  # no move asked for
    assert get_contact(db, anna).stage_name == "Reached out"


def test_schedule_moves_earlier_attendees_to_scheduled_and_undo_puts_them_back(
    db: Database,
) -> None:
    anna = person(db, "Anna", "Reached out")
    ben = person(db, "Ben", "Met")
    offers = stage_offers(db, [anna, ben], "scheduled")
    assert [o.contact_id for o in offers] == [anna]
    _, record, _ = create_meeting(db, fields(anna, ben), move_ids=[anna, ben], tz=BERLIN)
    assert get_contact(db, anna).stage_name == "Scheduled"
    assert get_contact(db, ben).stage_name == "Met"  # never moved backwards
    assert list_history(db, anna)[0].summary == "Reached out → Scheduled"
    undo_move(db, record)
    assert get_contact(db, anna).stage_name == "Reached out"
    assert list_history(db, anna) == []


def test_no_offer_when_scheduled_was_renamed(db: Database) -> None:
    anna = person(db, "Anna")
    with db.session() as s:
        stage = s.get(Stage, stage_id(db, "Scheduled"))
        assert stage is not None
        stage.name = "Booked"
    assert stage_offers(db, [anna], "Scheduled") == []


def test_reschedule_and_edit(db: Database) -> None:
    anna, ben = person(db, "Anna"), person(db, "Ben")
    meeting_id, _, _ = create_meeting(db, fields(anna), tz=BERLIN)
    later = START + timedelta(days=1, hours=2)
    reschedule_meeting(db, meeting_id, later, later + timedelta(minutes=45))
    row = get_meeting(db, meeting_id)
    assert (row.start_at, row.end_at) == (later, later + timedelta(minutes=45))
    update_meeting(db, meeting_id, fields(ben, start=later, minutes=20))
    assert get_meeting(db, meeting_id).attendee_ids == (ben,)
    with pytest.raises(ValueError, match="end after"):
        reschedule_meeting(db, meeting_id, later, later)


def test_meetings_between_uses_overlap(db: Database) -> None:
    meeting_id, _, _ = create_meeting(db, fields(), tz=BERLIN)
    assert [
        m.id
        for m in meetings_between(db, START + timedelta(minutes=10), START + timedelta(hours=1))
    ] == [meeting_id]
    assert meetings_between(db, START + timedelta(minutes=30), START + timedelta(hours=1)) == []


def test_mark_done_writes_history_moves_to_met_and_applies_the_thank_you_rule(db: Database) -> None:
    anna = person(db, "Anna", "Scheduled")
    ben = person(db, "Ben", "Thanked")
    meeting_id, _, _ = create_meeting(db, fields(anna, ben), tz=BERLIN)
    record, changes = mark_done(
        db, meeting_id, "She said: two-page CV", move_ids=[anna, ben], tz=BERLIN
    )
    assert get_meeting(db, meeting_id).status == "done"
    for who in (anna, ben):
        entry = next(e for e in list_history(db, who) if e.kind == "meeting")
        assert entry.body == "She said: two-page CV" and entry.meeting_id == meeting_id
    assert get_contact(db, anna).stage_name == "Met"
    assert get_contact(db, ben).stage_name == "Thanked"
    follow_ups = follow_ups_of_contact(db, anna)
    # The clock says 2026-03-10 14:30 UTC: in Berlin that is the 10th, so due the 11th.
    assert [(f.title, f.due_date) for f in follow_ups] == [
        ("Send a thank-you note", date(2026, 3, 11))
    ]
    assert changes.follow_ups
    undo_done(db, record)
    assert get_meeting(db, meeting_id).status == "planned"
    assert get_contact(db, anna).stage_name == "Scheduled"
    assert follow_ups_of_contact(db, anna) == []
    assert [e for e in list_history(db, anna) if e.kind == "meeting"] == []


def test_cancel_keeps_the_meeting(db: Database) -> None:
    meeting_id, _, _ = create_meeting(db, fields(), tz=BERLIN)
    set_meeting_status(db, meeting_id, "cancelled")
    assert [m.status for m in meetings_between(db, START, START + timedelta(hours=1))] == [
        "cancelled"
    ]
    with pytest.raises(ValueError):
        set_meeting_status(db, meeting_id, "done")


def test_delete_and_restore_keep_id_uid_and_attendees(db: Database) -> None:
    anna = person(db, "Anna")
    meeting_id, _, _ = create_meeting(db, fields(anna), tz=BERLIN)
    before = get_meeting(db, meeting_id)
    snapshot, _ = delete_meeting(db, meeting_id)
    assert meetings_between(db, START, START + timedelta(hours=1)) == []
    restore_meeting(db, snapshot)
    assert get_meeting(db, meeting_id) == before


def test_validation(db: Database) -> None:
    with pytest.raises(ValueError, match="title"):
        create_meeting(db, MeetingFields("  ", START, START + timedelta(minutes=5)), tz=BERLIN)
