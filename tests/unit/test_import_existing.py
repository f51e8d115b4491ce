"""Matching a file against the stored contacts finds what keying every contact finds.

The import asks the database only for the keys its file has, and plans a file without
repeated rows without the loop that combines them. Both are held here to the general
rules they replaced, over contacts stored with every spelling a user or an older import
may have left: capitals, accents, spaces, "mailto:", links with queries or slashes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Set
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crm.contacts.channel import Channel
from crm.importing.existing import ExistingIndex, load_index
from crm.importing.keys import email_key, linkedin_key, person_key
from crm.importing.plan import _plan_with_repeats, build_plan, file_keys
from crm.importing.records import ImportedContact, ReadResult
from crm.importing.rows import CHANNEL, COMPANY, CONTACT, Values, insert_values
from crm.store.db import Database

FIRST = ["Anna", "anna", "ANNA", "Renée", "Renee", "Jean-Paul", "jean paul", "Łukasz", ""]
LAST = ["Lee", "lee", "O'Neil", "o neil", "Müller", "Muller", "Lee2", ""]
COMPANIES = ["Acme", "Acme Inc.", "ACME, Inc", "The Acme Company", "Ünïcorn", "Unicorn GmbH", ""]
EMAILS = [
    "anna@example.com",
    "Anna@Example.com",
    " anna@example.com ",
    "mailto:anna@example.com",
    "MAILTO:Anna@example.com",
    "ánna@example.com",
    "anna\t@example.com",
    "not an email",
]
LINKS = [
    "https://www.linkedin.com/in/anna-lee",
    "https://www.linkedin.com/in/Anna-Lee",
    "http://linkedin.com/in/anna-lee/",
    "https://www.linkedin.com/in/anna-lee?trk=x",
    "linkedin.com/pub/anna-lee",
    "https://www.linkedin.com/pub/anna-lee",
    "https://www.linkedin.com/in/renée",
    "https://www.linkedin.com/in/",
    "https://www.linkedin.com/company/acme",
    "",
]
UIDS = ["card-1", "card-2", "CARD-1", ""]

PERSON = st.tuples(
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
    st.sampled_from(COMPANIES),
    st.sampled_from(LINKS),
    st.lists(st.sampled_from(EMAILS), max_size=2),
    st.sampled_from(UIDS),
)
People = list[tuple[str, str, str, str, list[str], str]]


STAMP = "2026-03-10 14:30:00.000000"


def store(conn: sqlite3.Connection, people: People) -> None:
    """The people as contacts (ids 1, 2, …), with their companies and email addresses."""
    companies: dict[str, int] = {}
    uids: set[str] = set()
    contacts: list[Values] = []
    channels: list[Values] = []
    for cid, (first, last, company, link, emails, uid) in enumerate(people, 1):
        if company and company not in companies:
            companies[company] = len(companies) + 1
        uid = uid if uid and uid not in uids else f"uid-{cid}"  # UIDs are unique
        uids.add(uid)
        contacts.append(
            CONTACT(
                *(cid, uid, first, last, "Engineer", companies.get(company), "", link, ""),
                *(1, float(cid), STAMP, "", "", STAMP, STAMP),
            )
        )
        for position, email in enumerate(emails):
            channels.append(CHANNEL(len(channels) + 1, cid, "email", "", email, position))
    insert_values(conn, "companies", [COMPANY(i, n, STAMP, STAMP) for n, i in companies.items()])
    insert_values(conn, "contacts", contacts)
    insert_values(conn, "contact_channels", channels)


def every_contact_keyed(conn: sqlite3.Connection) -> dict[str, dict[Any, int]]:
    """The lookups as they were made before: every stored contact keyed in Python."""
    by: dict[str, dict[Any, int]] = {"uid": {}, "email": {}, "linkedin": {}, "person": {}}
    for cid, first, last, company, link, uid in conn.execute(
        "SELECT c.id, c.first_name, c.last_name, coalesce(co.name, ''), c.linkedin_url, c.uid"
        " FROM contacts c LEFT JOIN companies co ON co.id = c.company_id ORDER BY c.id"
    ):
        by["uid"].setdefault(uid, cid)
        if link and (key := linkedin_key(link)):
            by["linkedin"].setdefault(key, cid)
        if company and (first or last) and (person := person_key(first, last, company)):
            by["person"].setdefault(person, cid)
    for cid, value in conn.execute(
        "SELECT contact_id, value FROM contact_channels WHERE kind = 'email' ORDER BY id"
    ):
        if key := email_key(value):
            by["email"].setdefault(key, cid)
    return by


def read(people: People) -> ReadResult:
    """The people as a LinkedIn file would give them (a job, so job changes are seen)."""
    contacts = tuple(
        ImportedContact(
            *(line, first, last, "Designer", company, "", link, "", "", uid),
            tuple(Channel("email", e) for e in emails),
        )
        for line, (first, last, company, link, emails, uid) in enumerate(people, 2)
    )
    return ReadResult("linkedin", contacts)


def lookups(index: ExistingIndex) -> dict[str, dict[Any, int]]:
    return {
        "uid": index.by_uid,
        "email": index.by_email,
        "linkedin": index.by_linkedin,
        "person": index.by_person,
    }


def matched(db: Database, stored: People, in_file: People) -> None:
    with db.connection() as conn:
        conn.execute("BEGIN")
        try:
            store(conn, stored)
            reference = every_contact_keyed(conn)
            result = read(in_file)
            keys, wanted = file_keys(result.contacts)
            index = load_index(db, wanted)
            details = {
                cid: (first, last, title, company)
                for cid, first, last, title, company in conn.execute(
                    "SELECT c.id, c.first_name, c.last_name, c.title, coalesce(co.name, '')"
                    " FROM contacts c LEFT JOIN companies co ON co.id = c.company_id"
                )
            }
        finally:
            conn.execute("ROLLBACK")
    by_kind: dict[str, Set[Any]] = {
        "uid": wanted.uids,
        "email": wanted.emails,
        "linkedin": wanted.linkedin,
        "person": wanted.people,
    }
    found = lookups(index)
    for kind, asked in by_kind.items():
        assert found[kind] == {k: reference[kind][k] for k in asked if k in reference[kind]}
    ids = {cid for lookup in found.values() for cid in lookup.values()}
    assert index.rows == {cid: details[cid] for cid in ids}
    # Without rows sharing a key, the plan skips the loop that combines them: the same plan.
    assert build_plan(result, index, keys) == _plan_with_repeats(result, index, keys)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(PERSON, max_size=8), st.lists(PERSON, min_size=1, max_size=6))
@example(
    [
        (
            "Anna",
            "Lee",
            "Acme Inc.",
            "https://www.linkedin.com/in/Anna-Lee",
            ["Anna@Example.com"],
            "",
        )
    ],
    [("ANNA", "lee", "The Acme Company", "", [], "")],
)
@example(
    [("Renée", "O'Neil", "", "http://linkedin.com/in/anna-lee/", [" mailto:anna@example.com"], "")],
    [("Renee", "o neil", "Acme", "https://www.linkedin.com/in/anna-lee", ["anna@example.com"], "")],
)
def test_the_contacts_found_are_those_every_contact_keyed_finds(
    db: Database, stored: People, in_file: People
) -> None:
    matched(db, stored, in_file)


def test_a_file_of_distinct_people_is_planned_as_the_general_loop_plans_it(
    db: Database,
) -> None:
    people: People = [
        (
            FIRST[i % 8] or "Kim",
            f"{LAST[i % 7]}{i}",
            COMPANIES[i % 6],
            f"https://www.linkedin.com/in/p-{i}" if i % 2 else "",
            [f"p{i}@example.com"] if i % 3 else [],
            "",
        )
        for i in range(60)
    ]
    stored = [*people[::4], ("Other", "Person", "Acme", "", ["someone@example.com"], "")]
    matched(db, stored, people[1:])
