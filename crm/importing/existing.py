"""The contacts already in the database that a file's keys match, by key.

Only the lookups the file can use are made, each from one narrow query, and a stored
value is kept only when the file has its key: the preview of a 10,000-row file no longer
builds dicts over every stored contact, nor reads the names, titles and companies of
contacts it does not match. Stored values are keyed by the same functions as the file's
rows, so a match is found whatever spelling the contact was saved with.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from typing import Any

from crm.importing.keys import company_key, email_key, linkedin_key, name_key
from crm.store.db import Database
from crm.store.id_lists import chunks, placeholders

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


@dataclass(frozen=True)
class FileKeys:
    """Every key the rows of a file are matched on, by kind."""

    uids: Set[str] = frozenset()
    emails: Set[str] = frozenset()
    linkedin: Set[str] = frozenset()
    people: Set[tuple[str, str]] = frozenset()  # (name key, company key)


@dataclass
class ExistingIndex:
    """The stored contacts that match some key of a file, by that key."""

    # id -> (first name, last name, title, company), for the matched ids; see `contact`
    rows: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)
    by_uid: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_linkedin: dict[str, int] = field(default_factory=dict)
    by_person: dict[tuple[str, str], int] = field(default_factory=dict)

    def contact(self, contact_id: int) -> ExistingContact:
        return ExistingContact(contact_id, *self.rows[contact_id])


def load_index(db: Database, keys: FileKeys) -> ExistingIndex:
    """The stored contacts matching `keys`: by UID, email, LinkedIn link, name and company."""
    with db.connection() as conn:
        return index_from(conn, keys)


def index_from(conn: sqlite3.Connection, keys: FileKeys) -> ExistingIndex:
    # This runs over every contact before each import preview, so it stays lean: one
    # narrow query per kind of key the file has, each stored value keyed in a
    # comprehension and kept only when the file has its key; the company's key is made
    # only for a name the file has, and details are fetched only for the contacts matched.
    # Each lookup keeps the first stored row (lowest id) with the key.
    index = ExistingIndex()
    if keys.uids:
        import json  # only vCards have UIDs: a CSV import does without loading it

        rows = conn.execute(
            "SELECT uid, id FROM contacts WHERE uid IN (SELECT value FROM json_each(?))"
            " ORDER BY id",
            (json.dumps(sorted(keys.uids)),),
        )
        _first_ids(index.by_uid, rows)
    if emails := keys.emails:
        rows = conn.execute(
            "SELECT contact_id, value FROM contact_channels WHERE kind = 'email' ORDER BY id"
        )
        _first_ids(index.by_email, [(k, cid) for cid, v in rows if (k := email_key(v)) in emails])
    links, people = keys.linkedin, keys.people
    if links or people:
        # One pass over the contacts for both kinds: each row read costs more than keying it.
        names = {name for name, _company in people}
        by_link: list[tuple[str, int]] = []
        named: list[tuple[str, int, int]] = []
        for cid, link, first, last, co in conn.execute(
            "SELECT id, linkedin_url, first_name, last_name, company_id FROM contacts ORDER BY id"
        ):
            if link and links and (k := linkedin_key(link)) in links:
                by_link.append((k, cid))
            if co is not None and (first or last) and (n := name_key(first, last)) in names:
                named.append((n, co, cid))
        _first_ids(index.by_linkedin, by_link)
        if named:
            companies = dict(conn.execute("SELECT id, name FROM companies WHERE name <> ''"))
            _first_ids(
                index.by_person,
                [
                    (person, cid)
                    for name, co, cid in named
                    if co in companies and (person := (name, company_key(companies[co]))) in people
                ],
            )
    _details(conn, index)
    return index


def _first_ids(lookup: dict[Any, int], pairs: Iterable[tuple[Any, int]]) -> None:
    """Add (key, id) pairs given in id order, keeping the first id of each key."""
    for key, cid in pairs:
        if key not in lookup:
            lookup[key] = cid


def _details(conn: sqlite3.Connection, index: ExistingIndex) -> None:
    """Name, title and company of every contact matched (shown in the preview)."""
    ids = sorted(
        {
            *index.by_uid.values(),
            *index.by_email.values(),
            *index.by_linkedin.values(),
            *index.by_person.values(),
        }
    )
    for chunk in chunks(ids):
        for cid, *row in conn.execute(
            "SELECT c.id, c.first_name, c.last_name, c.title, coalesce(co.name, '')"
            " FROM contacts AS c LEFT JOIN companies AS co ON co.id = c.company_id"
            f" WHERE c.id IN ({placeholders(len(chunk))})",
            chunk,
        ):
            index.rows[cid] = (row[0], row[1], row[2], row[3])
