"""Finding likely duplicates and merging two contacts without losing anything."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert

from crm.calendar.followups import add_follow_up
from crm.contacts.duplicates import find_duplicates, merge_contacts, undo_merge
from crm.contacts.history import list_history, log_interaction
from crm.contacts.service import Channel, ContactFields, create_contact, get_contact, update_contact
from crm.store.db import Database
from crm.store.models import Meeting, meeting_attendees
from tests.data_file import CONTACT_TABLES, table_rows
from tests.people import person


def snapshot(db: Database) -> list[list[tuple[object, ...]]]:
    return table_rows(db.path, (*CONTACT_TABLES, "contact_fts"))


def test_pairs_by_email_link_and_similar_names_at_one_company(db: Database) -> None:
    a = person(db, "Anna", email="anna@x.org")
    b, _ = create_contact(
        db,
        ContactFields(first_name="A.", last_name="Lee"),
        channels=[Channel("email", "ANNA@x.org")],
    )
    c, _ = create_contact(
        db, ContactFields(first_name="Jon", last_name="Smith", company="Acme Inc")
    )
    d, _ = create_contact(db, ContactFields(first_name="John", last_name="Smith", company="ACME"))
    e, _ = create_contact(
        db, ContactFields(first_name="Kim", linkedin_url="https://linkedin.com/in/kim/")
    )
    f, _ = create_contact(
        db, ContactFields(first_name="Kimberly", linkedin_url="https://www.linkedin.com/in/Kim")
    )
    create_contact(db, ContactFields(first_name="John", last_name="Smith", company="Other"))
    pairs = {(p.first_id, p.second_id): p.reason for p in find_duplicates(db)}
    assert pairs == {
        (a, b): "same email",
        (e, f): "same LinkedIn link",
        (c, d): "similar names at Acme Inc",
    }


def test_merge_keeps_everything_and_undo_restores_both(db: Database) -> None:
    keep, _ = create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee", notes="Keep"),
        channels=[Channel("email", "anna@x.org")],
        tags=["A"],
    )
    other, _ = create_contact(
        db,
        ContactFields(first_name="Anna", title="PM", company="Acme", notes="Other"),
        channels=[Channel("email", "anna@x.org"), Channel("phone", "+1 555")],
        tags=["B"],
    )
    friend, _ = create_contact(db, ContactFields(first_name="Friend", referred_by_id=other))
    log_interaction(db, other, "call", datetime(2026, 3, 1, 9), "First call")
    add_follow_up(db, other, "Thank", date(2026, 3, 12))
    with db.session() as s:
        meeting = Meeting(
            title="Coffee",
            start_at=datetime(2026, 3, 20, 9),
            end_at=datetime(2026, 3, 20, 10),
            created_at=datetime(2026, 3, 1),
            updated_at=datetime(2026, 3, 1),
        )
        s.add(meeting)
        s.flush()
        s.execute(insert(meeting_attendees), [{"meeting_id": meeting.id, "contact_id": other}])
    update_contact(db, keep, referred_by_id=friend)
    before = snapshot(db)
    record, changes = merge_contacts(db, keep, other)
    merged = get_contact(db, keep)
    assert [c.value for c in merged.channels] == ["anna@x.org", "+1 555"]
    assert merged.tags == ("A", "B")
    assert (merged.title, merged.company, merged.notes) == ("PM", "Acme", "Keep\n\nOther")
    assert [e.summary for e in list_history(db, keep)] == ["First call"]
    assert get_contact(db, friend).referred_by_id == keep
    after = snapshot(db)
    assert after[4][0][1] == keep and after[5][0][1] == keep  # follow-up and meeting moved
    assert other in changes.contacts and changes.meetings
    undo_merge(db, record)
    assert snapshot(db) == before
