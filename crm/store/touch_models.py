"""SQLAlchemy model of a snoozed keep-in-touch date: the cadence stays, the line waits."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.models import Base


class KeepInTouchSnooze(Base):
    """A contact's keep-in-touch line put off until `until` (its interval is untouched; the
    next date is the later of the computed one and this)."""

    __tablename__ = "keep_in_touch_snoozes"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    until: Mapped[date] = mapped_column(Date)
    snoozed_at: Mapped[datetime] = mapped_column(DateTime)
