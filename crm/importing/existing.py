"""The contacts already in the database, indexed by the keys an import matches on."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from crm.db import Database
from crm.importing.keys import email_key, linkedin_key, person_key

LINKEDIN_SUMMARY = "Connected on LinkedIn"


@dataclass(frozen=True)
class ExistingContact:
    id: int
    first_name: str
    last_name: str
    title: str
    company: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or "(no name)"


@dataclass
class ExistingIndex:
    """Lookup dicts over every contact, built with a few plain queries."""

    contacts: dict[int, ExistingContact] = field(default_factory=dict)
    by_uid: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_linkedin: dict[str, int] = field(default_factory=dict)
    by_person: dict[tuple[str, str], int] = field(default_factory=dict)


def load_index(db: Database) -> ExistingIndex:
    """Index every contact by UID, email, LinkedIn link and name with company."""
    conn = db.raw()
    try:
        return index_from(conn)
    finally:
        conn.close()


def index_from(conn: sqlite3.Connection) -> ExistingIndex:
    index = ExistingIndex()
    rows = conn.execute(
        "SELECT c.id, c.uid, c.first_name, c.last_name, c.title, coalesce(co.name, ''),"
        " c.linkedin_url FROM contacts c LEFT JOIN companies co ON co.id = c.company_id"
        " ORDER BY c.id"
    )
    for cid, uid, first, last, title, company, link in rows:
        index.contacts[cid] = ExistingContact(cid, first, last, title, company)
        index.by_uid.setdefault(uid, cid)
        if key := linkedin_key(link):
            index.by_linkedin.setdefault(key, cid)
        if person := person_key(first, last, company):
            index.by_person.setdefault(person, cid)
    for cid, value in conn.execute(
        "SELECT contact_id, value FROM contact_channels WHERE kind = 'email' ORDER BY id"
    ):
        if key := email_key(value):
            index.by_email.setdefault(key, cid)
    return index
