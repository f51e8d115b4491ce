"""Follow-ups syncing as tasks (VTODO) in the account's calendar, when the user turns it on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import niquests
import pytest
from icalendar import Calendar
from sqlalchemy import select

from crm.calendar.followups import add_follow_up, set_follow_ups_done
from crm.contacts.service import Channel, ContactFields, create_contact
from crm.store.db import Database
from crm.store.models import Contact, FollowUp, Meeting
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.sync.accounts import find_account, set_follow_ups_as_tasks
from crm.sync.report import SyncReport
from crm.sync.run import sync_account
from crm.sync.webdav import CardDavClient
from tests.interop.dav_servers import SERVERS, DavServer, dav_server

AUTH = ("tester", "x")
DUE = date(2026, 12, 10)


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DavServer]:
    with dav_server(request.param, tmp_path / "server") as running:
        yield running


def folder(tmp_path: Path, name: str, server: DavServer, *, tasks: bool = True) -> Database:
    db = open_database(DataPaths(tmp_path / name).ensure()).database
    account = server.add_account(db)
    set_follow_ups_as_tasks(db, account.id, tasks)
    return db


def sync(db: Database, **options: Any) -> SyncReport:
    client = CardDavClient(find_account(db, None).url, *AUTH)
    try:
        return sync_account(db, find_account(db, None), client, accept_first_sync=True, **options)
    finally:
        client.close()


def follow_ups(db: Database) -> list[tuple[str, date, bool, str]]:
    with db.read() as session:
        rows = session.execute(
            select(FollowUp.title, FollowUp.due_date, FollowUp.done_at, Contact.first_name)
            .join(Contact, Contact.id == FollowUp.contact_id)
            .order_by(FollowUp.title)
        )
        return [(t, d, done is not None, who) for t, d, done, who in rows]


def server_tasks(server: DavServer) -> list[Any]:
    listing = (
        niquests.request("PROPFIND", server.calendar, auth=AUTH, headers={"Depth": "1"}).text or ""
    )
    hrefs = [h for h in _hrefs(listing) if h.endswith(".ics")]
    todos = []
    for href in hrefs:
        text = niquests.get(f"{server.root.rstrip('/')}{href}", auth=AUTH).text or ""
        todos += list(Calendar.from_ical(text).walk("VTODO"))
    return todos


def _hrefs(xml: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?href>([^<]+)</(?:\w+:)?href>", xml)


def anna(db: Database) -> int:
    email = Channel("email", "anna@example.com", "work")
    return create_contact(db, ContactFields("Anna", "Lee"), channels=[email])[0]


def test_a_follow_up_reaches_the_other_folder_and_done_comes_back(
    tmp_path: Path, server: DavServer
) -> None:
    a, b = folder(tmp_path, "a", server), folder(tmp_path, "b", server)
    try:
        anna_a = anna(a)
        add_follow_up(a, anna_a, "Send the CV she asked for", DUE)
        assert sync(a).uploaded == 2  # the card and the task
        [todo] = server_tasks(server)
        assert str(todo["SUMMARY"]) == "Send the CV she asked for"
        assert str(todo["CONTACT"]) == "Anna Lee <anna@example.com>"
        sync(b)
        assert follow_ups(b) == [("Send the CV she asked for", DUE, False, "Anna")]
        with b.read() as session:
            [ticked] = session.scalars(select(FollowUp.id)).all()
        set_follow_ups_done(b, [ticked], True)
        sync(b)
        sync(a)
        assert follow_ups(a) == [("Send the CV she asked for", DUE, True, "Anna")]
        assert [str(t["STATUS"]) for t in server_tasks(server)] == ["COMPLETED"]
    finally:
        a.dispose()
        b.dispose()


def test_a_task_from_the_phone_becomes_a_follow_up_and_events_leave_tasks_alone(
    tmp_path: Path, server: DavServer
) -> None:
    phone = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VTODO\r\n"
        "UID:phone-task-1\r\nSUMMARY:Ask Anna about the team\r\nDUE;VALUE=DATE:20261211\r\n"
        "CONTACT:Anna Lee <anna@example.com>\r\nPRIORITY:1\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    groceries = phone.replace("phone-task-1", "phone-task-2").replace(
        "CONTACT:Anna Lee <anna@example.com>\r\n", ""
    )
    for name, text in (("t1.ics", phone), ("t2.ics", groceries)):
        assert server.put_calendar_raw(name, text).status_code in (201, 204)
    without = folder(tmp_path, "without", server, tasks=False)
    a = folder(tmp_path, "a", server)
    try:
        anna(a)
        sync(without)  # events only: the tasks are not meetings and stay as they are
        with without.read() as session:
            assert session.scalars(select(Meeting)).all() == []
        sync(a)
        assert follow_ups(a) == [("Ask Anna about the team", date(2026, 12, 11), False, "Anna")]
        tasks = {str(t["UID"]): t for t in server_tasks(server)}
        assert set(tasks) == {"phone-task-1", "phone-task-2"}  # nothing re-written or lost
        assert int(tasks["phone-task-1"]["PRIORITY"]) == 1
    finally:
        without.dispose()
        a.dispose()


def test_undoing_a_sync_that_brought_a_task_takes_the_follow_up_back_out(
    tmp_path: Path, server: DavServer
) -> None:
    from crm.sync.undo import redo_sync, undo_sync

    task = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VTODO\r\n"
        "UID:phone-task-1\r\nSUMMARY:Ask Anna about the team\r\nDUE;VALUE=DATE:20261211\r\n"
        "CONTACT:Anna Lee <anna@example.com>\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    assert server.put_calendar_raw("t1.ics", task).status_code in (201, 204)
    a = folder(tmp_path, "a", server)
    try:
        anna(a)
        report = sync(a)
        brought = [("Ask Anna about the team", date(2026, 12, 11), False, "Anna")]
        assert follow_ups(a) == brought
        undo_sync(a, report.steps)
        assert follow_ups(a) == []
        redo_sync(a, report.steps)
        assert follow_ups(a) == brought
    finally:
        a.dispose()
