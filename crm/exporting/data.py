"""Contacts as plain data for export, read with a few queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crm.contacts.service import Channel
from crm.store.db import Database
from crm.store.stored_time import read_datetime


@dataclass(frozen=True)
class ExportContact:
    id: int
    uid: str
    first_name: str
    last_name: str
    title: str
    company: str
    location: str
    linkedin_url: str
    notes: str
    birthday: str
    updated_at: datetime
    channels: tuple[Channel, ...]
    tags: tuple[str, ...]

    @property
    def display_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        emails = [c.value for c in self.channels if c.kind == "email"]
        return name or self.company or (emails[0] if emails else "") or "(no name)"


def load_contacts(db: Database, ids: Sequence[int] | None = None) -> list[ExportContact]:
    """All contacts (or those with `ids`), sorted by last and first name."""
    with db.connection() as conn:
        where = ""
        args: tuple[int, ...] = ()
        if ids is not None:
            where = f"WHERE c.id IN ({', '.join('?' for _ in ids)})"
            args = tuple(ids)
        rows = conn.execute(
            "SELECT c.id, c.uid, c.first_name, c.last_name, c.title, coalesce(co.name, ''),"
            " c.location, c.linkedin_url, c.notes, c.birthday, c.updated_at"
            f" FROM contacts c LEFT JOIN companies co ON co.id = c.company_id {where}"
            " ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id",
            args,
        ).fetchall()
        wanted = {r[0] for r in rows}
        channels: dict[int, list[Channel]] = {}
        for cid, kind, value, label in conn.execute(
            "SELECT contact_id, kind, value, label FROM contact_channels"
            " ORDER BY contact_id, position, id"
        ):
            if cid in wanted:
                channels.setdefault(cid, []).append(Channel(kind, value, label))
        tags: dict[int, list[str]] = {}
        for cid, name in conn.execute(
            "SELECT ct.contact_id, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id"
            " ORDER BY t.name COLLATE NOCASE"
        ):
            if cid in wanted:
                tags.setdefault(cid, []).append(name)
    return [
        ExportContact(
            id=r[0],
            uid=r[1],
            first_name=r[2],
            last_name=r[3],
            title=r[4],
            company=r[5],
            location=r[6],
            linkedin_url=r[7],
            notes=r[8],
            birthday=r[9],
            updated_at=read_datetime(r[10]),
            channels=tuple(channels.get(r[0], ())),
            tags=tuple(tags.get(r[0], ())),
        )
        for r in rows
    ]
