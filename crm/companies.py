"""Companies: finding or creating one by name (case-insensitive)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.models import Company


def clean_name(name: str) -> str:
    return " ".join(name.split())


def find_company(session: Session, name: str) -> Company | None:
    """The company called `name`, ignoring case and extra spaces."""
    name = clean_name(name)
    if not name:
        return None
    return session.scalars(select(Company).where(func.lower(Company.name) == name.lower())).first()


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
