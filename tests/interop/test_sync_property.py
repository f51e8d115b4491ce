"""Random edits on two Rapport folders and on the server, then syncs: everyone agrees, and
an edit is only ever lost to another edit of the same field that is listed as a conflict."""

from __future__ import annotations

import dataclasses
import json
from typing import Unpack

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from crm.contacts.service import ContactFields, create_contact, update_contact
from crm.store.db import Database
from crm.store.models import Contact
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.store.sync_models import SyncConflict
from crm.sync.accounts import add_account, find_account
from crm.sync.card_writing import apply_card
from crm.sync.cards import read_card
from crm.sync.run import SyncOptions, sync_contacts
from crm.sync.webdav import CardDavClient
from tests.interop.dav_servers import dav_server

AUTH = ("tester", "x")
PEOPLE = ("Anna", "Ben", "Carla")
FIELDS = ("title", "notes", "location")
SIDES = ("a", "b", "server")

edit = st.tuples(
    st.sampled_from(SIDES),
    st.sampled_from(PEOPLE),
    st.sampled_from(FIELDS),
    st.text(alphabet="xyz ,;\\:\n", min_size=1, max_size=6).map(str.strip).filter(bool),
)
rounds = st.lists(st.lists(edit, max_size=5), min_size=1, max_size=3)


def sync(db: Database, url: str, **options: Unpack[SyncOptions]) -> int:
    client = CardDavClient(url, *AUTH)
    try:
        report = sync_contacts(db, find_account(db, None), client, **options)
    finally:
        client.close()
    return report.uploaded + report.downloaded + report.deleted_here + report.deleted_there


def values(db: Database) -> dict[tuple[str, str], str]:
    with db.read() as session:
        rows = session.scalars(select(Contact)).all()
        return {(c.first_name, f): getattr(c, f) for c in rows for f in FIELDS}


def conflict_values(*dbs: Database) -> set[str]:
    found: set[str] = set()
    for db in dbs:
        with db.read() as session:
            for mine, theirs in session.execute(select(SyncConflict.mine, SyncConflict.theirs)):
                found |= {json.loads(mine), json.loads(theirs)}
    return found


def server_values(book: str) -> dict[tuple[str, str], str]:
    client = CardDavClient(book, *AUTH)
    cards = client.fetch(book, client.list_etags(book).changed)
    out = {}
    for _, text in cards.values():
        fields = read_card(text)[1]
        out.update({(fields.first_name, f): getattr(fields, f) for f in FIELDS})
    return out


def server_edit(book: str, person: str, field: str, value: str) -> None:

    client = CardDavClient(book, *AUTH)
    for href, (etag, text) in client.fetch(book, client.list_etags(book).changed).items():
        uid, fields = read_card(text)
        if fields.first_name == person:
            changed = dataclasses.replace(fields, **{field: value})  # type: ignore[arg-type]
            client.put(href, apply_card(text, uid, changed), etag)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(rounds=rounds)
def test_random_edits_converge_and_lose_nothing_silently(
    tmp_path_factory: pytest.TempPathFactory, rounds: list[list[tuple[str, str, str, str]]]
) -> None:
    root = tmp_path_factory.mktemp("prop")
    with dav_server("radicale", root / "server") as server:
        a = open_database(DataPaths(root / "a").ensure()).database
        b = open_database(DataPaths(root / "b").ensure()).database
        for db in (a, b):
            add_account(
                db, "s", url=server.root, username="tester", addressbook_url=server.addressbook
            )
        for person in PEOPLE:
            create_contact(a, ContactFields(person, "Example"))
        sync(a, server.root)
        sync(b, server.root, accept_first_sync=True)
        ids = {db: {first: cid for cid, first in _ids(db)} for db in (a, b)}
        for edits in rounds:
            made: dict[tuple[str, str], set[str]] = {}
            seen: set[tuple[str, str, str]] = set()
            for side, person, field, value in edits:
                if (side, person, field) in seen:
                    continue  # one edit per side and field between syncs
                seen.add((side, person, field))
                made.setdefault((person, field), set()).add(value)
                if side == "server":
                    server_edit(server.addressbook, person, field, value)
                else:
                    db = a if side == "a" else b
                    update_contact(db, ids[db][person], **{field: value})
            for _ in range(3):
                if not (sync(a, server.root) + sync(b, server.root)):
                    break
            final = values(a)
            assert final == values(b) == server_values(server.addressbook)
            listed = conflict_values(a, b)
            for key, written in made.items():
                assert final[key] in written
                assert written - {final[key]} <= listed, (key, written, final[key])
        a.dispose()
        b.dispose()


def _ids(db: Database) -> list[tuple[int, str]]:
    with db.read() as session:
        return [
            (cid, first) for cid, first in session.execute(select(Contact.id, Contact.first_name))
        ]
