"""Where the user stands with a contact's employer: target score, openings, applications."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from crm.store.models import Company, Contact
from crm.targets.applications import ApplicationRow, OpeningRow, list_openings
from crm.targets.listing import list_applications
from crm.targets.targets import TargetRow, list_targets

if TYPE_CHECKING:
    from crm.store.db import Database


@dataclass(frozen=True)
class EmployerStanding:
    """What a conversation with someone at a company can be steered by."""

    contact_id: int
    company: str
    target: TargetRow | None  # None: the company is not on the target list
    position: int  # its place in the ranked list, from 1 (0: not a target)
    openings: tuple[OpeningRow, ...]
    applications: tuple[ApplicationRow, ...]  # the user's applications at the company
    involved_in: tuple[ApplicationRow, ...]  # applications this contact referred, recruited...


def employer_standing(db: Database, contact_id: int) -> EmployerStanding | None:
    """The standing at the contact's employer, or None for a contact with no company
    and no application they are part of."""
    with db.read() as session:
        row = session.execute(
            select(Company.id, Company.name)
            .join(Contact, Contact.company_id == Company.id)
            .where(Contact.id == contact_id)
        ).first()
    involved = tuple(list_applications(db, contact_id=contact_id))
    if row is None:
        return EmployerStanding(contact_id, "", None, 0, (), (), involved) if involved else None
    company_id, name = row
    targets = list_targets(db)
    at = next((n for n, t in enumerate(targets, start=1) if t.company_id == company_id), 0)
    return EmployerStanding(
        contact_id,
        name,
        targets[at - 1] if at else None,
        at,
        tuple(list_openings(db, company_id)),
        tuple(list_applications(db, company_id=company_id)),
        involved,
    )


def standing_summary(s: EmployerStanding) -> str:
    """One line for the prep sheet: the employer on the target list, openings, applications."""
    parts = []
    if s.target is not None:
        parts.append(f"Target #{s.position}, score {s.target.score}/7")
    if s.openings:
        parts.append("Openings: " + ", ".join(o.title for o in s.openings[:3]))
    if s.applications:
        parts.append(
            "Your applications: " + ", ".join(f"{a.title} ({a.status})" for a in s.applications[:3])
        )
    return "  ·  ".join(parts)
