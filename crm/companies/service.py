"""Companies: finding or creating one by name (case-insensitive), listing, rename and merge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from crm.changes import Changes, contacts_changed
from crm.errors import CompanyNameTakenError
from crm.folding import id_named
from crm.store.lookups import must_get
from crm.store.models import Company, Contact, Stage

if TYPE_CHECKING:
    from crm.store.db import Database


def clean_name(name: str) -> str:
    return " ".join(name.split())


def find_company(session: Session, name: str) -> Company | None:
    """The company called `name`, ignoring case and extra spaces."""
    name = clean_name(name)
    if not name:
        return None
    # SQLite's lower() folds only ASCII: the few company names are compared folded here.
    found = id_named(session.execute(select(Company.id, Company.name).order_by(Company.id)), name)
    return None if found is None else session.get(Company, found)


def get_or_create_company(session: Session, name: str, now: datetime) -> Company | None:
    """The company called `name`, created when new; None for an empty name."""
    name = clean_name(name)
    if not name:
        return None
    company = find_company(session, name)
    if company is None:
        company = Company(name=name, created_at=now, updated_at=now)
        session.add(company)
        session.flush()
    return company


# -- listing, renaming and merging ---------------------------------------------------------


@dataclass(frozen=True)
class CompanyRow:
    """One line of the companies list."""

    id: int
    name: str
    contact_count: int
    industry: str
    location: str


@dataclass(frozen=True)
class CompanyContact:
    """A contact of a company, as listed beside it."""

    id: int
    name: str
    title: str
    stage_name: str


@dataclass(frozen=True)
class MergeUndo:
    """What `merge_companies` did, so `unmerge` can put it back exactly."""

    kept_id: int
    kept_name_before: str
    kept_fields_before: dict[str, str]
    removed: tuple[dict[str, Any], ...]  # the merged-away company rows
    moved: tuple[tuple[int, int], ...]  # (contact id, original company id)


def company_names(db: Database) -> list[str]:
    """Every company name, alphabetically (for completion)."""
    with db.read() as session:
        return list(session.scalars(select(Company.name).order_by(Company.name)))


def list_companies(db: Database) -> list[CompanyRow]:
    """Every company with how many contacts work there, by name."""
    count = (
        select(func.count(Contact.id))
        .where(Contact.company_id == Company.id)
        .correlate(Company)
        .scalar_subquery()
    )
    with db.read() as session:
        rows = session.execute(
            select(Company.id, Company.name, count, Company.industry, Company.location).order_by(
                Company.name
            )
        )
        return [CompanyRow(*r) for r in rows]


def company_contacts(db: Database, company_id: int) -> list[CompanyContact]:
    """The contacts at a company, by name."""
    with db.read() as session:
        rows = session.execute(
            select(Contact.id, Contact.first_name, Contact.last_name, Contact.title, Stage.name)
            .join(Stage, Stage.id == Contact.stage_id)
            .where(Contact.company_id == company_id)
            .order_by(func.lower(Contact.last_name), func.lower(Contact.first_name), Contact.id)
        )
        return [
            CompanyContact(r[0], f"{r[1]} {r[2]}".strip() or "(no name)", r[3], r[4]) for r in rows
        ]


def _contacts_of(session: Session, company_ids: list[int]) -> list[int]:
    return list(session.scalars(select(Contact.id).where(Contact.company_id.in_(company_ids))))


def rename_company(db: Database, company_id: int, name: str) -> tuple[str, Changes]:
    """Rename a company; returns the old name. A name taken by another company raises
    CompanyNameTakenError (the caller offers to merge); a change of case alone is fine."""
    name = clean_name(name)
    if not name:
        raise ValueError("A company needs a name.")
    with db.session() as session:
        company = must_get(session, Company, company_id)
        other = find_company(session, name)
        if other is not None and other.id != company_id:
            raise CompanyNameTakenError(other.name, other.id)
        old = company.name
        company.name = name
        company.updated_at = db.now()
        contact_ids = _contacts_of(session, [company_id])
    return old, contacts_changed(*contact_ids) | Changes(companies=True)


_MERGED_FIELDS = ("website", "industry", "location", "notes")


def merge_companies(
    db: Database, keep_id: int, other_ids: Sequence[int], name: str | None = None
) -> tuple[MergeUndo, Changes]:
    """Move the contacts of `other_ids` to `keep_id`, delete the others, optionally rename.

    Empty website/industry/location/notes of the kept company are filled from the others.
    """
    others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
    companies = Company.__table__
    with db.session() as session:
        kept = must_get(session, Company, keep_id)
        removed = tuple(
            dict(r)
            for r in session.execute(
                select(companies).where(companies.c.id.in_(others)).order_by(companies.c.id)
            ).mappings()
        )
        before = {f: getattr(kept, f) for f in _MERGED_FIELDS}
        moved = tuple(
            (r[0], r[1] or 0)
            for r in session.execute(
                select(Contact.id, Contact.company_id).where(Contact.company_id.in_(others))
            )
        )
        session.execute(
            update(Contact).where(Contact.company_id.in_(others)).values(company_id=keep_id)
        )
        for row in removed:
            for f in _MERGED_FIELDS:
                if not getattr(kept, f) and row[f]:
                    setattr(kept, f, row[f])
        session.execute(delete(Company).where(Company.id.in_(others)))
        session.flush()
        old_name = kept.name
        if name is not None and clean_name(name):
            kept.name = clean_name(name)
        kept.updated_at = db.now()
        contact_ids = _contacts_of(session, [keep_id])
    undo = MergeUndo(keep_id, old_name, before, removed, moved)
    return undo, contacts_changed(*contact_ids) | Changes(companies=True)


def unmerge_companies(db: Database, undo: MergeUndo) -> Changes:
    """Undo `merge_companies`: bring back the merged companies and their contacts."""
    with db.session() as session:
        kept = must_get(session, Company, undo.kept_id)
        kept.name = undo.kept_name_before
        for f, value in undo.kept_fields_before.items():
            setattr(kept, f, value)
        session.flush()
        if undo.removed:
            session.execute(insert(Company), [dict(r) for r in undo.removed])
        for contact_id, company_id in undo.moved:
            session.execute(
                update(Contact).where(Contact.id == contact_id).values(company_id=company_id)
            )
        contact_ids = _contacts_of(session, [undo.kept_id, *(r["id"] for r in undo.removed)])
    return contacts_changed(*contact_ids) | Changes(companies=True)
