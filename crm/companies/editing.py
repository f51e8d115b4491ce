"""One company, created and edited: its fields, and the meetings with the people there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from crm.changes import Changes
from crm.companies.service import clean_name, find_company
from crm.errors import CompanyInUseError, CompanyNameTakenError
from crm.store.lookups import must_get
from crm.store.models import Company, Contact, Meeting, meeting_attendees

if TYPE_CHECKING:
    from crm.store.db import Database

EDITABLE = ("website", "industry", "location", "notes")
CHANGED = Changes(companies=True)


@dataclass(frozen=True)
class CompanyDetail:
    id: int
    name: str
    website: str
    industry: str
    location: str
    notes: str
    created_at: datetime


@dataclass(frozen=True)
class CompanyMeeting:
    """A meeting with someone who works at the company."""

    id: int
    title: str
    start_at: datetime  # naive UTC
    status: str
    people: str  # the attendees from this company, "Anna Lee, Ben Okafor"


def get_company(db: Database, company_id: int) -> CompanyDetail:
    with db.read() as session:
        c = must_get(session, Company, company_id)
        return CompanyDetail(c.id, c.name, c.website, c.industry, c.location, c.notes, c.created_at)


def create_company(
    db: Database, name: str, *, restore: CompanyDetail | None = None
) -> tuple[int, Changes]:
    """A new company called `name` (or `restore`, the one an undo removed, with its id)."""
    name = clean_name(name)
    if not name:
        raise ValueError("A company needs a name.")
    now = db.now()
    with db.session() as session:
        other = find_company(session, name)
        if other is not None:
            raise CompanyNameTakenError(other.name, other.id)
        company = Company(name=name, created_at=now, updated_at=now)
        if restore is not None:
            company.id = restore.id
            company.created_at = restore.created_at
            for field in EDITABLE:
                setattr(company, field, getattr(restore, field))
        session.add(company)
        session.flush()
        return company.id, CHANGED


def delete_empty_company(db: Database, company_id: int) -> tuple[CompanyDetail, Changes]:
    """Remove a company nobody works at (the undo of creating it); returns what it was."""
    detail = get_company(db, company_id)
    with db.session() as session:
        people = session.scalar(
            select(func.count(Contact.id)).where(Contact.company_id == company_id)
        )
        if people:
            raise CompanyInUseError(f"{detail.name} has contacts now; it is kept.")
        session.execute(delete(Company).where(Company.id == company_id))
    return detail, CHANGED


def update_company(db: Database, company_id: int, field: str, value: str) -> Changes:
    """Set one of website, industry, location, notes (rename_company changes the name)."""
    if field not in EDITABLE:
        raise ValueError(f"{field} is not a company field one edits here.")
    with db.session() as session:
        company = must_get(session, Company, company_id)
        setattr(company, field, value if field == "notes" else " ".join(value.split()))
        company.updated_at = db.now()
    return CHANGED


def company_meetings(db: Database, company_id: int) -> list[CompanyMeeting]:
    """Meetings with anyone at the company, the latest first."""
    with db.read() as session:
        rows = session.execute(
            select(
                Meeting.id,
                Meeting.title,
                Meeting.start_at,
                Meeting.status,
                Contact.first_name,
                Contact.last_name,
            )
            .join(meeting_attendees, meeting_attendees.c.meeting_id == Meeting.id)
            .join(Contact, Contact.id == meeting_attendees.c.contact_id)
            .where(Contact.company_id == company_id)
            .order_by(Meeting.start_at.desc(), Meeting.id, Contact.last_name)
        ).all()
    found: dict[int, CompanyMeeting] = {}
    for meeting_id, title, start_at, status, first, last in rows:
        name = f"{first} {last}".strip()
        known = found.get(meeting_id)
        people = f"{known.people}, {name}" if known else name
        found[meeting_id] = CompanyMeeting(meeting_id, title, start_at, status, people)
    return list(found.values())
