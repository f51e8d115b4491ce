"""The contacts already in the database, indexed by the keys an import matches on."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from crm.importing.keys import email_key, linkedin_key, person_key
from crm.store.db import Database

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

    # id -> (first name, last name, title, company); see `contact`
    rows: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)
    by_uid: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_linkedin: dict[str, int] = field(default_factory=dict)
    by_person: dict[tuple[str, str], int] = field(default_factory=dict)

    def contact(self, contact_id: int) -> ExistingContact:
        return ExistingContact(contact_id, *self.rows[contact_id])


def load_index(db: Database, *, with_uids: bool = True) -> ExistingIndex:
    """Index every contact by UID, email, LinkedIn link and name with company.

    Without `with_uids` the UID lookup stays empty (a CSV file has no UIDs to match).
    """
    with db.connection() as conn:
        return index_from(conn, with_uids=with_uids)


def index_from(conn: sqlite3.Connection, *, with_uids: bool = True) -> ExistingIndex:
    # This runs over every contact before each import preview, so it stays lean: plain
    # tuples, the cached key functions, and only the lookups the file can use.
    index = ExistingIndex()
    rows, by_linkedin, by_person = index.rows, index.by_linkedin, index.by_person
    for cid, first, last, title, company, link in conn.execute(
        "SELECT c.id, c.first_name, c.last_name, c.title, coalesce(co.name, ''),"
        " c.linkedin_url FROM contacts c LEFT JOIN companies co ON co.id = c.company_id"
        " ORDER BY c.id"
    ):
        rows[cid] = (first, last, title, company)
        if link and (key := linkedin_key(link)) and key not in by_linkedin:
            by_linkedin[key] = cid
        if company and (first or last) and (person := person_key(first, last, company)):
            by_person.setdefault(person, cid)
    if with_uids:
        for cid, uid in conn.execute("SELECT id, uid FROM contacts ORDER BY id"):
            index.by_uid.setdefault(uid, cid)
    for cid, value in conn.execute(
        "SELECT contact_id, value FROM contact_channels WHERE kind = 'email' ORDER BY id"
    ):
        if key := email_key(value):
            index.by_email.setdefault(key, cid)
    return index
