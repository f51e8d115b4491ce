"""Openings and applications per company: adding, status changes with history, removal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from crm.changes import Changes, contacts_changed
from crm.store.job_models import (
    APPLICATION_ROLES,
    APPLICATION_STATUSES,
    Application,
    ApplicationContact,
    ApplicationFile,
    ApplicationStatusChange,
    Opening,
)
from crm.store.lookups import must_get
from crm.store.models import Company
from crm.targets.attachments import remove_copies, write_copies
from crm.targets.snapshots import Snapshot, put_back, take

if TYPE_CHECKING:
    from crm.store.db import Database

OPENING_GONE = "The opening no longer exists."
APPLICATION_GONE = "The application no longer exists."
TABLES = {
    t.name: t
    for t in (
        cast(Table, Opening.__table__),
        cast(Table, Application.__table__),
        cast(Table, ApplicationStatusChange.__table__),
        cast(Table, ApplicationContact.__table__),
        cast(Table, ApplicationFile.__table__),
    )
}


@dataclass(frozen=True)
class OpeningFields:
    title: str
    url: str = ""
    source: str = ""
    seen_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ApplicationFields:
    title: str
    opening_id: int | None = None
    applied_on: date | None = None
    deadline: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ApplicationDates:
    """The dates of an application the user may change after adding it."""

    applied_on: date | None = None
    deadline: date | None = None
    interview_on: date | None = None  # the next interview (status Interviewing)


@dataclass(frozen=True)
class StatusStep:
    status: str
    at: datetime


@dataclass(frozen=True)
class StatusRecord:
    """What `set_status` did, for undo: the status before and the history row it added."""

    application_id: int
    before: str
    history_id: int
    applied_on_before: date | None = None


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    company_id: int
    company: str
    title: str
    status: str
    applied_on: date | None
    deadline: date | None
    notes: str
    contacts: tuple[tuple[int, str, str], ...]  # (contact id, name, role)
    history: tuple[StatusStep, ...]
    files: tuple[tuple[int, str, str], ...]  # (file id, kind, name)
    interview_on: date | None = None

    @property
    def referred(self) -> bool:
        return any(role == "referred_by" for _i, _n, role in self.contacts)


@dataclass(frozen=True)
class OpeningRow:
    id: int
    company_id: int
    title: str
    url: str
    source: str
    seen_on: date | None
    notes: str


def _clean(text: str) -> str:
    return " ".join(text.split())


# -- openings -------------------------------------------------------------------------------


def add_opening(db: Database, company_id: int, fields: OpeningFields) -> tuple[int, Changes]:
    """A job posting seen at a company (the link and the title typed; nothing is fetched)."""
    title = _clean(fields.title)
    if not title:
        raise ValueError("An opening needs a title.")
    with db.session() as session:
        must_get(session, Company, company_id)
        row = Opening(
            company_id=company_id,
            title=title,
            url=fields.url.strip(),
            source=_clean(fields.source),
            seen_on=fields.seen_on or db.now().date(),
            notes=fields.notes,
            created_at=db.now(),
        )
        session.add(row)
        session.flush()
        return row.id, Changes(companies=True)


def list_openings(db: Database, company_id: int) -> list[OpeningRow]:
    with db.read() as session:
        rows = session.scalars(
            select(Opening).where(Opening.company_id == company_id).order_by(Opening.id)
        )
        return [
            OpeningRow(o.id, o.company_id, o.title, o.url, o.source, o.seen_on, o.notes)
            for o in rows
        ]


def update_opening(
    db: Database, opening_id: int, fields: OpeningFields
) -> tuple[OpeningFields, Changes]:
    """Change an opening's title, link, source, date seen and notes; returns the old ones."""
    title = _clean(fields.title)
    if not title:
        raise ValueError("An opening needs a title.")
    with db.session() as session:
        row = must_get(session, Opening, opening_id, OPENING_GONE)
        before = OpeningFields(row.title, row.url, row.source, row.seen_on, row.notes)
        row.title, row.url, row.source = title, fields.url.strip(), _clean(fields.source)
        row.seen_on, row.notes = fields.seen_on, fields.notes
    return before, Changes(companies=True)


def delete_opening(db: Database, opening_id: int) -> tuple[Snapshot, Changes]:
    with db.session() as session:
        must_get(session, Opening, opening_id, OPENING_GONE)
        # Applications keep their own title; only their link to the opening goes.
        snap = take(session, [(TABLES["openings"], Opening.id == opening_id)])
        linked = take(session, [(TABLES["applications"], Application.opening_id == opening_id)])
        session.execute(delete(Opening).where(Opening.id == opening_id))
    return Snapshot(snap.tables + linked.tables), Changes(companies=True)


def restore_opening(db: Database, snapshot: Snapshot) -> Changes:
    """Put back a deleted opening and relink the applications that named it."""
    openings = Snapshot(tuple(t for t in snapshot.tables if t[0] == "openings"))
    with db.session() as session:
        put_back(session, openings, TABLES)
        for name, rows in snapshot.tables:
            for r in rows if name == "applications" else ():
                app = session.get(Application, r["id"])
                if app is not None:
                    app.opening_id = r["opening_id"]
    return Changes(companies=True)


def restore_application(db: Database, snapshot: Snapshot) -> Changes:
    """Put back a deleted application with its history, contacts and files."""
    with db.session() as session:
        put_back(session, snapshot, TABLES)
    for name, rows in snapshot.tables:
        for r in rows if name == "applications" else ():
            write_copies(db, r["id"])
    return Changes(companies=True) | contacts_changed(*_contact_ids(snapshot))


def _contact_ids(snapshot: Snapshot) -> list[int]:
    return [
        r["contact_id"]
        for name, rows in snapshot.tables
        if name == "application_contacts"
        for r in rows
    ]


# -- applications ---------------------------------------------------------------------------


def add_application(
    db: Database,
    company_id: int,
    fields: ApplicationFields,
    contacts: tuple[tuple[int, str], ...] = (),
    status: str = "Interested",
) -> tuple[int, Changes]:
    """An application at a company, with the contacts involved as (contact id, role)."""
    title = _clean(fields.title)
    if not title:
        raise ValueError("An application needs a title (the role applied for).")
    if status not in APPLICATION_STATUSES:
        raise ValueError(f"Unknown status {status}.")
    for _cid, role in contacts:
        if role not in APPLICATION_ROLES:
            raise ValueError(f"Unknown role {role}.")
    now = db.now()
    with db.session() as session:
        must_get(session, Company, company_id)
        row = Application(
            company_id=company_id,
            opening_id=fields.opening_id,
            title=title,
            status=status,
            applied_on=fields.applied_on,
            deadline=fields.deadline,
            notes=fields.notes,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        session.flush()
        session.add(ApplicationStatusChange(application_id=row.id, status=status, changed_at=now))
        for contact_id, role in dict.fromkeys(contacts):
            session.add(ApplicationContact(application_id=row.id, contact_id=contact_id, role=role))
        new_id = row.id
    return new_id, Changes(companies=True) | contacts_changed(*(c for c, _r in contacts))


def set_status(db: Database, application_id: int, status: str) -> tuple[StatusRecord, Changes]:
    """Move an application to `status`, written into its history."""
    if status not in APPLICATION_STATUSES:
        raise ValueError(f"Unknown status {status}.")
    now = db.now()
    with db.session() as session:
        app = must_get(session, Application, application_id, APPLICATION_GONE)
        before, applied_on_before = app.status, app.applied_on
        app.status = status
        app.updated_at = now
        if status == "Applied" and app.applied_on is None:
            app.applied_on = now.date()
        step = ApplicationStatusChange(application_id=app.id, status=status, changed_at=now)
        session.add(step)
        session.flush()
        record = StatusRecord(app.id, before, step.id, applied_on_before)
        contact_ids = _involved(session, app.id)
    return record, Changes(companies=True) | contacts_changed(*contact_ids)


def undo_status(db: Database, record: StatusRecord) -> Changes:
    """Take back a status change: the old status, and the history step removed."""
    with db.session() as session:
        app = must_get(session, Application, record.application_id, APPLICATION_GONE)
        app.status = record.before
        app.applied_on = record.applied_on_before  # the day "Applied" filled in goes too
        session.execute(
            delete(ApplicationStatusChange).where(ApplicationStatusChange.id == record.history_id)
        )
        contact_ids = _involved(session, app.id)
    return Changes(companies=True) | contacts_changed(*contact_ids)


def set_dates(
    db: Database, application_id: int, dates: ApplicationDates
) -> tuple[ApplicationDates, Changes]:
    """Change when the user applied, the deadline and the next interview; returns the old
    dates so an undo can put them back."""
    with db.session() as session:
        app = must_get(session, Application, application_id, APPLICATION_GONE)
        before = ApplicationDates(app.applied_on, app.deadline, app.interview_on)
        app.applied_on, app.deadline = dates.applied_on, dates.deadline
        app.interview_on = dates.interview_on
        app.updated_at = db.now()
        contact_ids = _involved(session, app.id)
    return before, Changes(companies=True, follow_ups=True) | contacts_changed(*contact_ids)


def _involved(session: Session, application_id: int) -> list[int]:
    return list(
        session.scalars(
            select(ApplicationContact.contact_id).where(
                ApplicationContact.application_id == application_id
            )
        )
    )


def delete_application(db: Database, application_id: int) -> tuple[Snapshot, Changes]:
    """Remove an application with its history, contacts and files (their copies too)."""
    with db.session() as session:
        must_get(session, Application, application_id, APPLICATION_GONE)
        snap = take(
            session,
            [
                (TABLES["applications"], Application.id == application_id),
                (
                    TABLES["application_status_changes"],
                    ApplicationStatusChange.application_id == application_id,
                ),
                (
                    TABLES["application_contacts"],
                    ApplicationContact.application_id == application_id,
                ),
                (TABLES["application_files"], ApplicationFile.application_id == application_id),
            ],
        )
        session.execute(delete(Application).where(Application.id == application_id))
    remove_copies(db, application_id)
    return snap, Changes(companies=True) | contacts_changed(*_contact_ids(snap))
