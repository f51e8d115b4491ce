"""Contact services: create, read, edit, channels, tags, delete and restore."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from crm.calendar.followups import add_follow_up
from crm.contacts.history import list_history, log_interaction
from crm.contacts.service import (
    Channel,
    ContactFields,
    create_contact,
    delete_contacts,
    get_contact,
    restore_contacts,
    set_channels,
    set_tags,
    update_contact,
)
from crm.errors import NotFoundError
from crm.store.db import Database
from crm.store.models import FollowUp
from tests.people import TRICKY


def test_create_then_read_back_every_field(db: Database) -> None:
    referrer, _ = create_contact(db, ContactFields(first_name="Ben", last_name="Okafor"))
    fields = replace(TRICKY, first_name=" Renée ", source="Alumni meetup", referred_by_id=referrer)
    contact_id, changes = create_contact(
        db,
        fields,
        channels=[Channel("email", "anna@example.com", "work"), Channel("phone", "+41 44 555")],
        tags=["mentor", "Design"],
    )
    assert contact_id in changes.contacts and changes.companies and changes.tags
    detail = get_contact(db, contact_id)
    assert detail.name == "Renée O'Neil; Jr, III"
    for name in ("title", "company", "location", "linkedin_url", "source", "notes", "birthday"):
        assert getattr(detail, name) == getattr(fields, name), name
    assert (detail.referred_by_id, detail.referred_by_name) == (referrer, "Ben Okafor")
    assert detail.channels == (
        Channel("email", "anna@example.com", "work"),
        Channel("phone", "+41 44 555", ""),
    )
    assert detail.tags == ("Design", "mentor")
    assert detail.stage_name == "To contact"
    assert detail.created_at == db.now()


def test_update_changes_only_the_fields_given(db: Database) -> None:
    contact_id, _ = create_contact(db, ContactFields(first_name="Anna", title="Engineer"))
    changes = update_contact(db, contact_id, title="Staff Engineer", company="google")
    detail = get_contact(db, contact_id)
    assert (detail.first_name, detail.title, detail.company) == ("Anna", "Staff Engineer", "google")
    assert changes.contacts == {contact_id} and changes.companies


def test_company_typed_in_another_case_reuses_the_company(db: Database) -> None:
    first, _ = create_contact(db, ContactFields(first_name="Anna", company="Google"))
    second, _ = create_contact(db, ContactFields(first_name="Ben", company="  GOOGLE "))
    assert get_contact(db, first).company_id == get_contact(db, second).company_id


def test_unknown_field_and_self_referral_are_refused(db: Database) -> None:
    contact_id, _ = create_contact(db, ContactFields(first_name="Anna"))
    with pytest.raises(ValueError, match="Not editable"):
        update_contact(db, contact_id, stage_id=3)
    with pytest.raises(ValueError, match="referred by themselves"):
        update_contact(db, contact_id, referred_by_id=contact_id)
    assert get_contact(db, contact_id).referred_by_id is None


def test_edit_of_a_deleted_contact_says_so(db: Database) -> None:
    contact_id, _ = create_contact(db, ContactFields(first_name="Anna"))
    delete_contacts(db, [contact_id])
    with pytest.raises(NotFoundError):
        update_contact(db, contact_id, title="x")
    with pytest.raises(NotFoundError):
        get_contact(db, contact_id)


def test_channels_and_tags_are_replaced_in_order(db: Database) -> None:
    contact_id, _ = create_contact(db, ContactFields(first_name="Anna"), tags=["old"])
    set_channels(
        db,
        contact_id,
        [Channel("phone", "555 0100", "mobile"), Channel("email", "  "), Channel("url", "a.dev")],
    )
    set_tags(db, contact_id, ["mentor", "MENTOR", " hiring  manager "])
    detail = get_contact(db, contact_id)
    assert detail.channels == (Channel("phone", "555 0100", "mobile"), Channel("url", "a.dev", ""))
    assert detail.tags == ("hiring manager", "mentor")


def test_delete_and_restore_keep_everything(db: Database) -> None:
    referrer, _ = create_contact(db, ContactFields(first_name="Ben"))
    anna, _ = create_contact(
        db,
        ContactFields(first_name="Anna", company="Google", referred_by_id=referrer),
        channels=[Channel("email", "anna@example.com", "work")],
        tags=["mentor"],
    )
    referred, _ = create_contact(db, ContactFields(first_name="Cleo", referred_by_id=anna))
    log_interaction(db, anna, "call", datetime(2026, 3, 1, 9), "First call", "Went well")
    add_follow_up(db, anna, "Send thanks", date(2026, 3, 11))
    before = get_contact(db, anna)
    history = list_history(db, anna)

    snapshot, changes = delete_contacts(db, [anna])
    assert changes.contacts == {anna, referred} and changes.follow_ups
    assert get_contact(db, referred).referred_by_id is None
    with pytest.raises(NotFoundError):
        get_contact(db, anna)

    restore_contacts(db, snapshot)
    after = get_contact(db, anna)
    assert after == before
    assert list_history(db, anna) == history
    assert get_contact(db, referred).referred_by_id == anna
    with db.read() as session:
        follow_ups = session.query(FollowUp).filter_by(contact_id=anna).all()
        assert [f.title for f in follow_ups] == ["Send thanks"]


def test_delete_several_that_refer_to_each_other(db: Database) -> None:
    ben, _ = create_contact(db, ContactFields(first_name="Ben"))
    anna, _ = create_contact(db, ContactFields(first_name="Anna", referred_by_id=ben))
    snapshot, _ = delete_contacts(db, [anna, ben])
    restore_contacts(db, snapshot)
    assert get_contact(db, anna).referred_by_id == ben
