"""Two Rapport data folders syncing contacts through real CardDAV servers.

Radicale and Xandikos run on 127.0.0.1 (see dav_servers.py); every test runs against
both. A third client is plain HTTP writing cards as a phone would.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import niquests
import vobject
from sqlalchemy import select, update

from crm.contacts.service import (
    Channel,
    ContactFields,
    create_contact,
    delete_contacts,
    get_contact,
    set_channels,
    update_contact,
)
from crm.store.db import Database
from crm.store.models import Contact
from crm.store.sync_models import SyncAccount, SyncConflict
from crm.sync.accounts import find_account
from crm.sync.cards import CardFields, read_card
from crm.sync.local import local_cards
from crm.sync.report import SyncReport
from crm.sync.run import sync_contacts
from crm.sync.webdav import VCARD, CardDavClient
from tests.interop.dav_servers import DavServer
from tests.people import TRICKY

AUTH = ("tester", "x")


def sync(db: Database, client: CardDavClient | None = None, **options: Any) -> SyncReport:
    account = find_account(db, None)
    client = client or CardDavClient(account.url, "tester", "x")
    try:
        return sync_contacts(db, account, client, **options)
    finally:
        client.close()


def people(db: Database) -> dict[str, CardFields]:
    with db.read() as session:
        cards = local_cards(session).values()
    return {f"{f.first_name} {f.last_name}": f for _, f in cards}


def server_cards(server: DavServer) -> dict[str, str]:
    client = CardDavClient(server.root, *AUTH)
    listing = client.list_etags(server.addressbook)
    return {
        href: text for href, (_, text) in client.fetch(server.addressbook, listing.changed).items()
    }


def contact_id(db: Database, first: str) -> int:
    with db.read() as session:
        return session.execute(select(Contact.id).where(Contact.first_name == first)).scalar_one()


def start_two(a: Database, b: Database) -> None:
    """Anna made in A, Ben in B; both synced and agreed."""
    create_contact(
        a,
        ContactFields("Anna", "Lee", title="Engineer", company="Acme"),
        channels=[Channel("email", "anna@acme.example", "work")],
        tags=["alumni"],
    )
    create_contact(
        b, ContactFields("Ben", "Okafor"), channels=[Channel("phone", "+1 312 555 0100")]
    )
    assert sync(a).uploaded == 1
    review = sync(b)
    assert review.needs_review and review.review() == (
        "1 on the server, 1 here: 0 match, 1 new here, 1 new there"
    )
    assert len(server_cards_count := people(b)) == 1 and server_cards_count  # nothing pulled yet
    done = sync(b, accept_first_sync=True)
    assert (done.uploaded, done.downloaded) == (1, 1)
    assert sync(a).downloaded == 1


def test_contacts_travel_both_ways_and_a_first_sync_waits_for_agreement(
    a: Database, b: Database, server: DavServer
) -> None:
    start_two(a, b)
    assert people(a) == people(b)
    assert set(people(a)) == {"Anna Lee", "Ben Okafor"}
    assert len(server_cards(server)) == 2
    quiet = sync(a), sync(b)
    assert all(
        r.counts() == "uploaded 0, downloaded 0, merged 0, conflicts 0, deleted 0" for r in quiet
    )


def test_edits_of_different_fields_merge_and_the_same_field_is_a_conflict_losing_nothing(
    a: Database, b: Database, server: DavServer
) -> None:
    start_two(a, b)
    update_contact(a, contact_id(a, "Anna"), title="Staff engineer")
    anna_b = contact_id(b, "Anna")
    update_contact(b, anna_b, company="Globex")
    set_channels(
        b,
        anna_b,
        [
            Channel("email", "anna@acme.example", "work"),
            Channel("email", "anna@home.example", "home"),
        ],
    )
    sync(a), sync(b), sync(a)
    for db in (a, b):
        anna = people(db)["Anna Lee"]
        assert (anna.title, anna.company) == ("Staff engineer", "Globex")
        assert {c[1] for c in anna.channels} == {"anna@acme.example", "anna@home.example"}
    update_contact(a, contact_id(a, "Anna"), notes="Prefers mornings")
    update_contact(b, anna_b, notes="Prefers afternoons")
    sync(a)
    report = sync(b)
    assert report.conflicts == 1
    assert people(b)["Anna Lee"].notes == "Prefers afternoons"
    with b.read() as session:
        conflict = session.execute(select(SyncConflict.field, SyncConflict.theirs)).one()
    assert tuple(conflict) == ("notes", '"Prefers mornings"')


def test_a_delete_travels_and_a_change_beats_a_delete(a: Database, b: Database) -> None:
    start_two(a, b)
    delete_contacts(a, [contact_id(a, "Ben")])
    update_contact(b, contact_id(b, "Ben"), title="Recruiter")
    sync(a)  # the delete reaches the server first
    sync(b)  # B's edit of a deleted card puts it back
    sync(a)
    assert people(a)["Ben Okafor"].title == "Recruiter"
    delete_contacts(b, [contact_id(b, "Anna")])
    sync(b), sync(a)
    assert set(people(a)) == set(people(b)) == {"Ben Okafor"}


THIRD_CLIENT_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Phone//EN\r\nUID:phone-card-1\r\n"
    "N:Nowak;Łukasz;;;\r\nFN:Łukasz Nowak\r\nORG:Initech\r\n"
    "item1.URL:https\\://nowak.example/blog\r\nitem1.X-ABLabel:Blog\r\n"
    "TEL;TYPE=CELL:+48 600 100 200\r\nIMPP:xmpp:lukasz@jabber.example\r\n"
    "RELATED;TYPE=spouse:Ola\r\nX-PHONE-RINGTONE:bells\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgF\r\n"
    " BQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2Q==\r\n"
    "END:VCARD\r\n"
)


def test_a_card_from_another_client_keeps_what_rapport_does_not_understand(
    a: Database, server: DavServer
) -> None:
    assert server.put_raw("phone-card-1.vcf", THIRD_CLIENT_CARD).status_code in (201, 204)
    sync(a, accept_first_sync=True)
    lukasz = people(a)["Łukasz Nowak"]
    assert ("url", "https://nowak.example/blog", "Blog") in lukasz.channels
    update_contact(a, contact_id(a, "Łukasz"), title="Team lead")
    assert sync(a).uploaded == 1
    (text,) = server_cards(server).values()
    for kept in (
        "IMPP:xmpp:lukasz@jabber.example",
        "RELATED;TYPE=spouse:Ola",
        "X-PHONE-RINGTONE:bells",
        "item1.X-ABLabel:Blog",
        "UID:phone-card-1",
    ):
        assert kept.upper() in text.upper()  # servers may change the case of names
    original = vobject.readOne(THIRD_CLIENT_CARD).photo.value
    assert vobject.readOne(text).photo.value == original
    assert read_card(text)[1].title == "Team lead"
    assert ("url", "https://nowak.example/blog", "Blog") in read_card(text)[1].channels


def test_cards_sharing_a_uid_on_the_server_become_two_contacts(
    a: Database, server: DavServer
) -> None:
    for name in ("one", "two"):
        card = THIRD_CLIENT_CARD.replace("Łukasz", name.title()).replace("PHOTO", "X-PHOTO")
        server.plant(f"{name}.vcf", card)
    sync(a, accept_first_sync=True)
    assert {"One Nowak", "Two Nowak"} <= set(people(a))
    uids = {read_card(t)[0] for t in server_cards(server).values()}
    assert len(uids) == 2
    assert sync(a).counts() == "uploaded 0, downloaded 0, merged 0, conflicts 0, deleted 0"


class _ThirdClientWritesFirst(CardDavClient):
    """Another client changes the card between Rapport's read and its write (a 412)."""

    def __init__(self, *args: Any, server: DavServer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.server = server
        self.done = False

    def put(self, href: str, text: str, etag: str | None, content_type: str = VCARD) -> str:
        if etag is not None and not self.done:
            self.done = True
            current = niquests.get(href, auth=AUTH).text or ""
            niquests.put(
                href, data=current.replace("ORG:Acme", "ORG:Acme Robotics").encode(), auth=AUTH
            )
        return super().put(href, text, etag, content_type)


def test_a_stale_write_is_refused_then_merged_and_written_again(
    a: Database, b: Database, server: DavServer
) -> None:
    start_two(a, b)
    update_contact(a, contact_id(a, "Anna"), title="Manager")
    client = _ThirdClientWritesFirst(server.root, *AUTH, server=server)
    report = sync(a, client)
    assert client.done and not report.failed
    anna = people(a)["Anna Lee"]
    assert (anna.title, anna.company) == ("Manager", "Acme Robotics")
    sync(b)
    assert people(b)["Anna Lee"] == anna


class _NoEtagServer(CardDavClient):
    """A server that answers a PUT without an ETag (it rewrote the card on the way in)."""

    def request(self, method: str, url: str, **kwargs: Any) -> niquests.Response:
        response = super().request(method, url, **kwargs)
        if method == "PUT":
            response.headers.pop("ETag", None)
        return response


def test_a_missing_etag_after_a_write_is_fetched_and_nothing_is_sent_twice(
    a: Database, server: DavServer
) -> None:
    create_contact(a, ContactFields("Carla", "Diaz"))
    assert sync(a, _NoEtagServer(server.root, *AUTH)).uploaded == 1
    assert sync(a).counts() == "uploaded 0, downloaded 0, merged 0, conflicts 0, deleted 0"


def test_a_refused_sync_token_falls_back_to_a_full_listing(a: Database, b: Database) -> None:
    start_two(a, b)
    with a.session() as session:
        session.execute(update(SyncAccount).values(sync_token="http://example.invalid/stale-token"))
    update_contact(b, contact_id(b, "Ben"), title="Director")
    sync(b)
    report = sync(a)
    assert report.downloaded == 1 and people(a)["Ben Okafor"].title == "Director"
    assert len(people(a)) == 2


def test_an_address_book_emptied_on_the_server_asks_before_deleting(
    a: Database, server: DavServer
) -> None:
    for i in range(10):
        create_contact(a, ContactFields(f"Person{i}", "Example"))
    sync(a)
    for href in server_cards(server):
        niquests.delete(href, auth=AUTH)
    held = sync(a)
    assert held.held_deletions == 10 and len(people(a)) == 10
    assert sync(a, allow_deletions=True).deleted_here == 10
    assert people(a) == {}


def test_a_dry_run_changes_nothing(a: Database, server: DavServer) -> None:
    create_contact(a, ContactFields("Dana", "Fox"))
    assert sync(a, dry_run=True).uploaded == 1
    assert server_cards(server) == {}
    assert get_contact(a, contact_id(a, "Dana")).first_name == "Dana"


def test_fields_with_separators_and_line_breaks_survive_the_trip(a: Database, b: Database) -> None:
    odd = replace(
        TRICKY,
        title="Head\\of: R&D",
        company="A;B,C",
        location="Line1\nLine2",
        notes="first\r\nsecond\rthird, fourth; fifth\\",
    )
    create_contact(
        a, odd, channels=[Channel("url", "https://x.example/a,b;c", "site")], tags=["a,b", "c"]
    )
    sync(a), sync(b, accept_first_sync=True)
    (mine,) = people(a).values()
    (theirs,) = people(b).values()
    assert theirs == mine
    assert mine.notes == "first\nsecond\nthird, fourth; fifth\\"  # line breaks as LF


def test_a_long_first_sync_reports_its_progress(a: Database) -> None:
    for i in range(60):
        create_contact(a, ContactFields(f"Person{i}", "Example"))
    seen: list[tuple[int, int, str]] = []
    account = find_account(a, None)
    client = CardDavClient(account.url, *AUTH)
    try:
        sync_contacts(a, account, client, progress=lambda *step: seen.append(step))
    finally:
        client.close()
    # Once before Rapport's side is written, then before each write to the server: each a
    # point between transactions where a sync asked to stop can stop.
    assert seen == [(0, 60, "contacts")] + [(done, 60, "contacts") for done in range(60)]


def test_undoing_a_sync_puts_back_what_it_changed_and_the_next_sync_sends_it(
    a: Database, b: Database, server: DavServer
) -> None:
    from crm.sync.undo import redo_sync, undo_sync

    start_two(a, b)
    update_contact(b, contact_id(b, "Anna"), title="Principal")
    delete_contacts(b, [contact_id(b, "Ben")])
    sync(b)
    before = people(a)
    report = sync(a)
    assert people(a)["Anna Lee"].title == "Principal" and "Ben Okafor" not in people(a)
    undo_sync(a, report.steps)
    assert people(a) == before
    redo_sync(a, report.steps)
    assert people(a)["Anna Lee"].title == "Principal" and "Ben Okafor" not in people(a)
    undo_sync(a, report.steps)
    sync(a), sync(b)
    assert people(b) == people(a) == before
