"""The ranked list of target employers: marking, scoring, reordering."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.store.job_models import POSTING_VALUES, Application, ApplicationContact, Opening
from crm.store.lookups import must_get
from crm.store.models import Company, Contact, Stage, Tag, contact_tags
from crm.targets.advocacy import Advocate, advocacy_level, advocacy_score

if TYPE_CHECKING:
    from crm.store.db import Database

TARGETS_CHANGED = Changes(companies=True)
ACTIVE_STATUSES = ("Interested", "Applied", "Interviewing", "Offer")


@dataclass(frozen=True)
class TargetFields:
    """What the user sets on a target (undo puts the old fields back)."""

    is_target: bool
    motivation: int
    posting: str
    careers_url: str
    rank: float


@dataclass(frozen=True)
class TargetRow:
    """One line of the ranked target list."""

    company_id: int
    name: str
    rank: float
    motivation: int  # 0-3 stars
    posting: str  # yes / no / unknown
    careers_url: str
    contact_count: int
    advocacy: int  # the raw score
    advocacy_level: int  # 0-3 stars
    openings: int
    applications: int

    @property
    def score(self) -> int:
        """Motivation and advocacy (0-3 each) plus one for relevant postings: 0-7."""
        return self.motivation + self.advocacy_level + (1 if self.posting == "yes" else 0)


def _advocates(session: Session, company_ids: list[int]) -> dict[int, list[Advocate]]:
    if not company_ids:
        return {}
    tags: dict[int, set[str]] = defaultdict(set)
    for contact_id, name in session.execute(
        select(contact_tags.c.contact_id, Tag.name)
        .join(Tag, Tag.id == contact_tags.c.tag_id)
        .join(Contact, Contact.id == contact_tags.c.contact_id)
        .where(Contact.company_id.in_(company_ids))
    ):
        tags[contact_id].add(name.lower())
    referrer = select(Contact.referred_by_id).where(Contact.referred_by_id.is_not(None))
    referred_apps = {
        (contact_id, company_id)
        for contact_id, company_id in session.execute(
            select(ApplicationContact.contact_id, Application.company_id)
            .join(Application, Application.id == ApplicationContact.application_id)
            .where(ApplicationContact.role == "referred_by")
        )
    }
    referrers = set(session.scalars(referrer))
    people: dict[int, list[Advocate]] = defaultdict(list)
    for contact_id, company_id, stage_name, closed in session.execute(
        select(Contact.id, Contact.company_id, Stage.name, Stage.is_closed)
        .join(Stage, Stage.id == Contact.stage_id)
        .where(Contact.company_id.in_(company_ids), Contact.archived.is_(False))
    ):
        assert company_id is not None  # the query asks for contacts at these companies
        referred = contact_id in referrers or (contact_id, company_id) in referred_apps
        people[company_id].append(
            Advocate(stage_name, closed, frozenset(tags[contact_id]), referred)
        )
    return people


def _counts(session: Session, column: object, company_ids: list[int]) -> dict[int, int]:
    table = column.table  # type: ignore[attr-defined]
    rows = session.execute(
        select(table.c.company_id, func.count())
        .where(table.c.company_id.in_(company_ids))
        .group_by(table.c.company_id)
    )
    return {company_id: count for company_id, count in rows}


def list_targets(db: Database) -> list[TargetRow]:
    """The target employers in the user's order, each with its advocacy and counts."""
    with db.read() as session:
        companies = session.execute(
            select(
                Company.id,
                Company.name,
                Company.target_rank,
                Company.motivation,
                Company.posting,
                Company.careers_url,
            )
            .where(Company.is_target.is_(True))
            .order_by(Company.target_rank, Company.id)
        ).all()
        ids = [c[0] for c in companies]
        people = _advocates(session, ids)
        openings = _counts(session, Opening.__table__.c.id, ids)
        applications = _counts(session, Application.__table__.c.id, ids)
    rows = []
    for cid, name, rank, motivation, posting, careers in companies:
        score = advocacy_score(people.get(cid, []))
        rows.append(
            TargetRow(
                cid,
                name,
                rank,
                motivation,
                posting,
                careers,
                len(people.get(cid, [])),
                score,
                advocacy_level(score),
                openings.get(cid, 0),
                applications.get(cid, 0),
            )
        )
    return rows


def target_fields(db: Database, company_id: int) -> TargetFields:
    with db.read() as session:
        company = must_get(session, Company, company_id)
        return TargetFields(
            company.is_target,
            company.motivation,
            company.posting,
            company.careers_url,
            company.target_rank,
        )


def set_target_fields(db: Database, company_id: int, fields: TargetFields) -> Changes:
    """Put `fields` on a company (the one setter undo commands use both ways)."""
    if not 0 <= fields.motivation <= 3:
        raise ValueError("Motivation is 0 to 3 stars.")
    if fields.posting not in POSTING_VALUES:
        raise ValueError(f"Posting is one of {', '.join(POSTING_VALUES)}.")
    with db.session() as session:
        company = must_get(session, Company, company_id)
        company.is_target = fields.is_target
        company.motivation = fields.motivation
        company.posting = fields.posting
        company.careers_url = fields.careers_url.strip()
        company.target_rank = fields.rank
        company.updated_at = db.now()
    return TARGETS_CHANGED


def next_rank(db: Database) -> float:
    """The rank that puts a new target at the bottom of the list."""
    with db.read() as session:
        top = session.scalar(select(func.max(Company.target_rank)).where(Company.is_target))
    return float(top or 0) + 1.0


def rank_between(before: float | None, after: float | None) -> float:
    """A rank that sorts between two neighbours (None: the list's start or end)."""
    if before is None and after is None:
        return 1.0
    if before is None:
        assert after is not None
        return after - 1.0
    if after is None:
        return before + 1.0
    return (before + after) / 2.0
