"""Creating and editing one company, and the meetings with its people."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crm.companies.editing import (
    company_meetings,
    create_company,
    delete_empty_company,
    get_company,
    update_company,
)
from crm.companies.service import list_companies
from crm.contacts.service import ContactFields, create_contact
from crm.errors import CompanyInUseError, CompanyNameTakenError
from crm.prep.sheet import build_prep_sheet
from crm.store.db import Database
from tests.people import half_hour_meeting


def test_create_edit_delete_and_restore_with_the_same_id(db: Database) -> None:
    company_id, changes = create_company(db, "  Northwind   Robotics ")
    assert changes.companies
    update_company(db, company_id, "industry", "Robotics")
    update_company(db, company_id, "website", " https://northwind.example ")
    update_company(db, company_id, "notes", "Hiring in Berlin.\nAsk about the lab.")
    detail = get_company(db, company_id)
    assert (detail.name, detail.industry, detail.website) == (
        "Northwind Robotics",
        "Robotics",
        "https://northwind.example",
    )
    assert detail.notes == "Hiring in Berlin.\nAsk about the lab."
    with pytest.raises(CompanyNameTakenError):
        create_company(db, "northwind robotics")
    removed, _ = delete_empty_company(db, company_id)
    assert list_companies(db) == []
    again, _ = create_company(db, removed.name, restore=removed)
    assert again == company_id and get_company(db, again) == detail


def test_a_company_with_people_is_not_removed_by_undoing_its_creation(db: Database) -> None:
    company_id, _ = create_company(db, "Google")
    create_contact(db, ContactFields(first_name="Anna", company="Google"))
    with pytest.raises(CompanyInUseError):
        delete_empty_company(db, company_id)


def test_meetings_with_people_there_and_the_prep_sheet_prints_the_fields(db: Database) -> None:
    company_id, _ = create_company(db, "Google")
    update_company(db, company_id, "industry", "Search")
    update_company(db, company_id, "location", "Zürich")
    anna, _ = create_contact(
        db, ContactFields(first_name="Anna", last_name="Lee", company="Google")
    )
    ben, _ = create_contact(db, ContactFields(first_name="Ben", last_name="Okafor"))
    start = datetime(2026, 3, 12, 9)
    meeting_id = half_hour_meeting(db, "Coffee chat", start, (anna, ben), ZoneInfo("UTC"))
    [meeting] = company_meetings(db, company_id)
    assert (meeting.id, meeting.title, meeting.people) == (meeting_id, "Coffee chat", "Anna Lee")
    sheet = build_prep_sheet(db, meeting_id=meeting_id)
    assert sheet.company is not None
    assert (sheet.company.industry, sheet.company.location) == ("Search", "Zürich")
