"""The sample target list: ranked employers, openings seen there and a few applications."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from crm.store.job_models import (
    Application,
    ApplicationContact,
    ApplicationStatusChange,
    Opening,
)
from crm.store.models import Company

Spec = dict[str, Any]


def company_row(company: Spec, now: datetime) -> dict[str, Any]:
    """The companies table row of a sample company (known employers and targets alike)."""
    return {
        "name": company["name"],
        "website": f"https://{company['domain']}",
        "industry": company["industry"],
        "location": company["location"],
        "notes": company["notes"],
        "created_at": now,
        "updated_at": now,
    }


def insert_targets(
    session: Session,
    spec: Spec,
    companies: dict[str, int],
    contacts: dict[str, int],
    now: datetime,
) -> None:
    """Mark and score the target employers, add their openings and applications.

    `companies` maps the spec's company keys to ids (it gains the target-only companies);
    `contacts` maps people keys to ids.
    """
    for company in spec["companies"]:
        row = company_row(company, now)
        companies[company["key"]] = session.execute(
            insert(Company).returning(Company.id), [row]
        ).scalar_one()
    for rank, target in enumerate(spec["ranked"], start=1):
        session.execute(
            update(Company)
            .where(Company.id == companies[target["company"]])
            .values(
                is_target=True,
                motivation=target["motivation"],
                posting=target["posting"],
                careers_url=target["careers"],
                target_rank=float(rank),
            )
        )
    openings: dict[str, int] = {}
    for opening in spec["openings"]:
        seen = now - timedelta(days=opening["days_ago"])
        openings[opening["key"]] = session.execute(
            insert(Opening).returning(Opening.id),
            [
                {
                    "company_id": companies[opening["company"]],
                    "title": opening["title"],
                    "url": opening["url"],
                    "source": opening["source"],
                    "seen_on": seen.date(),
                    "notes": opening["notes"],
                    "created_at": seen,
                }
            ],
        ).scalar_one()
    for app in spec["applications"]:
        _insert_application(session, app, companies, contacts, openings, now)


def _insert_application(
    session: Session,
    app: Spec,
    companies: dict[str, int],
    contacts: dict[str, int],
    openings: dict[str, int],
    now: datetime,
) -> None:
    steps = [(status, now - timedelta(days=days)) for status, days in app["statuses"]]
    applied = next((at.date() for status, at in steps if status == "Applied"), None)
    deadline = app["deadline_in"]
    interview = app.get("interview_in")
    app_id = session.execute(
        insert(Application).returning(Application.id),
        [
            {
                "company_id": companies[app["company"]],
                "opening_id": openings.get(app["opening"]),
                "title": app["title"],
                "status": steps[-1][0],
                "applied_on": applied,
                "deadline": (now + timedelta(days=deadline)).date() if deadline else None,
                "interview_on": (now + timedelta(days=interview)).date() if interview else None,
                "notes": app["notes"],
                "created_at": steps[0][1],
                "updated_at": steps[-1][1],
            }
        ],
    ).scalar_one()
    session.execute(
        insert(ApplicationStatusChange),
        [{"application_id": app_id, "status": s, "changed_at": at} for s, at in steps],
    )
    if app["contacts"]:
        session.execute(
            insert(ApplicationContact),
            [
                {"application_id": app_id, "contact_id": contacts[key], "role": role}
                for key, role in app["contacts"]
            ],
        )
