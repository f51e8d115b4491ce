"""SQLAlchemy models of sync: the CardDAV/CalDAV accounts, what was synced with each, and
the fields changed on both sides that wait for the user's choice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.store.models import Base


class SyncAccount(Base):
    """A CardDAV/CalDAV account; its password lives in the system keyring, never here."""

    __tablename__ = "sync_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)
    url: Mapped[str] = mapped_column(String(1000))  # as the user gave it
    username: Mapped[str] = mapped_column(String(300), default="")
    addressbook_url: Mapped[str] = mapped_column(String(1000), default="")
    calendar_url: Mapped[str] = mapped_column(String(1000), default="")
    vcard_version: Mapped[str] = mapped_column(String(5), default="3.0")
    sync_token: Mapped[str] = mapped_column(Text, default="")  # the address book's
    calendar_token: Mapped[str] = mapped_column(Text, default="")
    # SHA-256 of a self-signed certificate the user chose to trust ("" = normal checks).
    trusted_certificate: Mapped[str] = mapped_column(String(100), default="")
    last_synced_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_result: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SyncItem(Base):
    """One synced item: the local record, its server resource and the last agreed text.

    `base_text` is the server's vCard/iCalendar text as last synced: the common ancestor
    of a three-way merge, and the card Rapport's edits are applied onto so properties it
    does not understand survive.
    """

    __tablename__ = "sync_items"
    __table_args__ = (
        Index("ix_sync_items_account_uid", "account_id", "kind", "uid", unique=True),
        Index("ix_sync_items_account_local", "account_id", "kind", "local_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("sync_accounts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10), default="contact")  # contact / event / todo
    local_id: Mapped[int | None] = mapped_column(Integer, default=None)
    uid: Mapped[str] = mapped_column(String(500))
    href: Mapped[str] = mapped_column(String(1000))
    etag: Mapped[str] = mapped_column(String(300), default="")
    local_hash: Mapped[str] = mapped_column(String(64), default="")
    remote_hash: Mapped[str] = mapped_column(String(64), default="")
    base_text: Mapped[str] = mapped_column(Text, default="")


class SyncConflict(Base):
    """A field changed on both sides; both values kept until the user picks one."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("sync_accounts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default="contact")
    local_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(50))
    mine: Mapped[str] = mapped_column(Text, default="")  # JSON
    theirs: Mapped[str] = mapped_column(Text, default="")  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime)
