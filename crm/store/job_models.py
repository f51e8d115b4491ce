"""SQLAlchemy models of the job search: openings at companies and the user's applications."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.models import Base

APPLICATION_STATUSES = (
    "Interested",
    "Applied",
    "Interviewing",
    "Offer",
    "Accepted",
    "Rejected",
    "Withdrawn",
)
APPLICATION_ROLES = ("referred_by", "interviewer", "recruiter")
POSTING_VALUES = ("unknown", "yes", "no")


class Opening(Base):
    __tablename__ = "openings"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(1000), default="")
    source: Mapped[str] = mapped_column(String(200), default="")
    seen_on: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    opening_id: Mapped[int | None] = mapped_column(
        ForeignKey("openings.id", ondelete="SET NULL"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="Interested")
    applied_on: Mapped[date | None] = mapped_column(Date, default=None)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    interview_on: Mapped[date | None] = mapped_column(Date, default=None)  # the next one


class ApplicationStatusChange(Base):
    """One step of an application's history (the first row is its creation)."""

    __tablename__ = "application_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(DateTime)


class ApplicationContact(Base):
    """A contact involved in an application: who referred, interviewed or recruited."""

    __tablename__ = "application_contacts"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class ApplicationFile(Base):
    """A CV or cover letter sent with an application.

    The bytes are kept in the database, so backups, restore and undo carry them with no
    second mechanism; a copy under the data folder's `attachments/` is what the system
    viewer opens (written again from the bytes whenever it is missing).
    """

    __tablename__ = "application_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="CV")  # CV / cover letter / other
    name: Mapped[str] = mapped_column(String(200))  # sanitised: a plain file name
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(DateTime)


__all__ = [
    "APPLICATION_ROLES",
    "APPLICATION_STATUSES",
    "POSTING_VALUES",
    "Application",
    "ApplicationContact",
    "ApplicationFile",
    "ApplicationStatusChange",
    "Opening",
]
