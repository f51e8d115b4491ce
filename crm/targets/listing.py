"""Reading applications back: per company, per contact, or all of them (for CSV export)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import select

from crm.store.job_models import (
    Application,
    ApplicationContact,
    ApplicationFile,
    ApplicationStatusChange,
)
from crm.store.models import Company, Contact
from crm.targets.applications import ApplicationRow, StatusStep

if TYPE_CHECKING:
    from crm.store.db import Database

ROLE_LABELS = {"referred_by": "Referred by", "interviewer": "Interviewer", "recruiter": "Recruiter"}


def list_applications(
    db: Database, *, company_id: int | None = None, contact_id: int | None = None
) -> list[ApplicationRow]:
    """Applications (of one company, or involving one contact), oldest first."""
    query = select(Application, Company.name).join(Company, Company.id == Application.company_id)
    if company_id is not None:
        query = query.where(Application.company_id == company_id)
    if contact_id is not None:
        query = query.where(
            Application.id.in_(
                select(ApplicationContact.application_id).where(
                    ApplicationContact.contact_id == contact_id
                )
            )
        )
    with db.read() as session:
        apps = session.execute(query.order_by(Application.created_at, Application.id)).all()
        ids = [a.id for a, _n in apps]
        people: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for app_id, cid, first, last, role in session.execute(
            select(
                ApplicationContact.application_id,
                Contact.id,
                Contact.first_name,
                Contact.last_name,
                ApplicationContact.role,
            )
            .join(Contact, Contact.id == ApplicationContact.contact_id)
            .where(ApplicationContact.application_id.in_(ids))
            .order_by(ApplicationContact.role, Contact.last_name, Contact.first_name)
        ):
            people[app_id].append((cid, f"{first} {last}".strip() or "(no name)", role))
        history: dict[int, list[StatusStep]] = defaultdict(list)
        for app_id, status, at in session.execute(
            select(
                ApplicationStatusChange.application_id,
                ApplicationStatusChange.status,
                ApplicationStatusChange.changed_at,
            )
            .where(ApplicationStatusChange.application_id.in_(ids))
            .order_by(ApplicationStatusChange.changed_at, ApplicationStatusChange.id)
        ):
            history[app_id].append(StatusStep(status, at))
        files: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for fid, app_id, kind, name in session.execute(
            select(
                ApplicationFile.id,
                ApplicationFile.application_id,
                ApplicationFile.kind,
                ApplicationFile.name,
            )
            .where(ApplicationFile.application_id.in_(ids))
            .order_by(ApplicationFile.id)
        ):
            files[app_id].append((fid, kind, name))
        return [
            ApplicationRow(
                a.id,
                a.company_id,
                company,
                a.title,
                a.status,
                a.applied_on,
                a.deadline,
                a.notes,
                tuple(people[a.id]),
                tuple(history[a.id]),
                tuple(files[a.id]),
                a.interview_on,
            )
            for a, company in apps
        ]


CSV_HEADERS = (
    "Company",
    "Role",
    "Status",
    "Applied on",
    "Deadline",
    "Referred by",
    "Interviewers",
    "Recruiters",
    "Files",
    "Notes",
)


def _people(row: ApplicationRow, role: str) -> str:
    return "; ".join(name for _i, name, r in row.contacts if r == role)


def applications_csv(db: Database, rows: list[ApplicationRow] | None = None) -> str:
    """Every application as CSV text (one header row; cells made safe for spreadsheets by
    the app's one CSV writer)."""
    # Imported here: crm.exporting brings vobject, which start-up must not wait for.
    from crm.exporting.csv_writer import SafeWriter

    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(CSV_HEADERS)
    for row in list_applications(db) if rows is None else rows:
        writer.writerow(
            [
                row.company,
                row.title,
                row.status,
                row.applied_on.isoformat() if row.applied_on else "",
                row.deadline.isoformat() if row.deadline else "",
                _people(row, "referred_by"),
                _people(row, "interviewer"),
                _people(row, "recruiter"),
                "; ".join(name for _i, _k, name in row.files),
                row.notes,
            ]
        )
    return out.getvalue()
