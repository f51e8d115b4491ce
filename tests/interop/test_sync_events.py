"""Meetings syncing as calendar events through real CalDAV servers (Radicale, Xandikos)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import niquests
import pytest
from icalendar import Calendar
from sqlalchemy import select

from crm.calendar.meetings import MeetingFields, reschedule_meeting
from crm.calendar.scheduling import create_meeting, delete_meeting
from crm.contacts.service import Channel, ContactFields, create_contact
from crm.store.db import Database
from crm.store.models import Meeting
from crm.sync.accounts import find_account
from crm.sync.report import SyncReport
from crm.sync.run import sync_account
from crm.sync.webdav import CardDavClient
from tests.interop.dav_servers import DavServer

AUTH = ("tester", "x")
START = datetime(2026, 12, 8, 15, 0)
END = datetime(2026, 12, 8, 15, 30)


@pytest.fixture
def with_calendar() -> bool:
    return True


def sync(db: Database, **options: Any) -> SyncReport:
    client = CardDavClient(find_account(db, None).url, *AUTH)
    try:
        return sync_account(db, find_account(db, None), client, **options)
    finally:
        client.close()


def meetings(db: Database) -> list[tuple[str, datetime, datetime, str, str, list[str]]]:
    with db.read() as session:
        return [
            (
                m.title,
                m.start_at,
                m.end_at,
                m.location,
                m.status,
                sorted(c.first_name for c in m.attendees),
            )
            for m in session.scalars(select(Meeting).order_by(Meeting.start_at))
        ]


def events(server: DavServer) -> dict[str, str]:
    client = CardDavClient(server.root, *AUTH)
    listing = client.list_etags(server.calendar)
    return {
        h: t for h, (_, t) in client.fetch(server.calendar, listing.changed, "calendar").items()
    }


def anna(db: Database) -> int:
    cid, _ = create_contact(
        db, ContactFields("Anna", "Lee"), channels=[Channel("email", "Anna@Acme.example", "work")]
    )
    return cid


def test_a_meeting_reaches_the_other_folder_with_its_attendee(
    a: Database, b: Database, server: DavServer
) -> None:
    anna_a = anna(a)
    create_meeting(
        a,
        MeetingFields(
            "Coffee with Anna",
            START,
            END,
            "Café Central",
            goal="Ask about CVs",
            attendee_ids=(anna_a,),
        ),
        tz=UTC,
    )
    sync(a)
    (text,) = events(server).values()
    event: Any = Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Coffee with Anna"
    assert "anna@acme.example" in str(event["ATTENDEE"]).lower()
    assert "Ask about CVs" not in text  # the goal is Rapport's own
    sync(b, accept_first_sync=True)
    assert meetings(b) == [("Coffee with Anna", START, END, "Café Central", "planned", ["Anna"])]


PHONE_EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//EN\r\nBEGIN:VEVENT\r\n"
    "UID:phone-event-1\r\nDTSTAMP:20261201T090000Z\r\nDTSTART:20261210T100000Z\r\n"
    "DTEND:20261210T104500Z\r\nSUMMARY:Chat about the data team\r\nLOCATION:Video call\r\n"
    "ATTENDEE;CN=Anna Lee;PARTSTAT=ACCEPTED:mailto:anna@acme.example\r\n"
    "ATTENDEE;CN=Someone Else:mailto:someone@else.example\r\n"
    "X-PHONE-COLOUR:teal\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Soon\r\n"
    "TRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_an_event_accepted_elsewhere_becomes_a_meeting_and_keeps_its_alarm(
    a: Database, server: DavServer
) -> None:
    anna(a)
    assert server.put_calendar_raw("phone-event-1.ics", PHONE_EVENT).status_code in (201, 204)
    sync(a, accept_first_sync=True)
    ((title, start, end, place, _status, people),) = meetings(a)
    assert (title, start, end, place, people) == (
        "Chat about the data team",
        datetime(2026, 12, 10, 10),
        datetime(2026, 12, 10, 10, 45),
        "Video call",
        ["Anna"],
    )
    with a.read() as session:
        meeting_id = session.scalars(select(Meeting.id)).one()
    reschedule_meeting(a, meeting_id, datetime(2026, 12, 11, 9), datetime(2026, 12, 11, 9, 45))
    assert sync(a).uploaded == 1
    (text,) = events(server).values()
    event: Any = Calendar.from_ical(text).walk("VEVENT")[0]
    assert event["DTSTART"].dt == datetime(2026, 12, 11, 9, tzinfo=UTC)
    assert "VALARM" in text and "X-PHONE-COLOUR:teal" in text
    assert "someone@else.example" in text.lower()  # an attendee Rapport cannot match stays


def test_cancelled_and_deleted_events_travel(a: Database, b: Database, server: DavServer) -> None:
    first, _, _ = create_meeting(a, MeetingFields("Call", START, END), tz=UTC)
    create_meeting(a, MeetingFields("Lunch", END, datetime(2026, 12, 8, 16, 30)), tz=UTC)
    sync(a)
    sync(b, accept_first_sync=True)
    href, text = next((h, t) for h, t in events(server).items() if "SUMMARY:Lunch" in t)
    niquests.put(
        href,
        data=text.replace("STATUS:CONFIRMED", "STATUS:CANCELLED").encode(),
        auth=AUTH,
        headers={"Content-Type": "text/calendar"},
    )
    delete_meeting(a, first)
    sync(a), sync(b)
    assert [(m[0], m[4]) for m in meetings(a)] == [("Lunch", "cancelled")]
    assert [(m[0], m[4]) for m in meetings(b)] == [("Lunch", "cancelled")]
    assert len(events(server)) == 1
