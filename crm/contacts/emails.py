"""A contact's email addresses as other features look them up: the first one of a
contact (what a meeting invitation or a message template uses), and the contacts that
have one of some addresses (what a calendar file or a synced task names people by)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm.store.models import Contact, ContactChannel


def first_email() -> Any:
    """A subquery for the contact's first email address, to select beside `Contact`."""
    return (
        select(ContactChannel.value)
        .where(ContactChannel.contact_id == Contact.id, ContactChannel.kind == "email")
        .order_by(ContactChannel.position)
        .limit(1)
        .scalar_subquery()
    )


def email_of(contact: Contact) -> str:
    """The first email address of a contact whose channels are loaded; "" if none."""
    for channel in contact.channels:
        if channel.kind == "email" and channel.value.strip():
            return channel.value.strip()
    return ""


def contacts_with_emails(session: Session, emails: Iterable[str]) -> list[int]:
    """The ids of the contacts having any of `emails` (case ignored), lowest first."""
    wanted = {e.strip().lower() for e in emails}
    if not wanted:
        return []
    return list(
        session.scalars(
            select(ContactChannel.contact_id)
            .where(ContactChannel.kind == "email", func.lower(ContactChannel.value).in_(wanted))
            .distinct()
            .order_by(ContactChannel.contact_id)
        )
    )
