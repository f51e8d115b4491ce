"""iCalendar export and import: round trip, stable UIDs, no duplicates, malformed files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from crm.calendar.ics import export_ics, import_ics
from crm.calendar.meetings import MeetingFields, all_meetings, set_meeting_status
from crm.calendar.scheduling import create_meeting
from crm.contacts.service import Channel, ContactFields, create_contact
from crm.errors import IcsError
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.conftest import NOW

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 12, 9, 0)


def add_people(db: Database) -> tuple[int, int]:
    anna, _ = create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee"),
        channels=[Channel("email", "Anna@Example.org")],
    )
    ben, _ = create_contact(db, ContactFields(first_name="Ben", last_name="Ode"))
    return anna, ben


def add_meetings(db: Database) -> list[int]:
    anna, ben = add_people(db)
    first, _, _ = create_meeting(
        db,
        MeetingFields(
            "Coffee chat with Anna Lee",
            START,
            START + timedelta(minutes=30),
            "https://meet.example.org/abc",
            "Learn how she moved into UX",
            "Bring the CV",
            (anna, ben),
        ),
        tz=BERLIN,
    )
    # After Berlin's DST change: the local time must survive it.
    later = datetime(2026, 4, 2, 7, 0)
    second, _, _ = create_meeting(
        db,
        MeetingFields("Lunch <b>Ben</b>", later, later + timedelta(hours=1), "Canteen"),
        tz=BERLIN,
    )
    set_meeting_status(db, second, "cancelled")
    return [first, second]


def fresh_db(tmp_path: Path, name: str) -> Database:
    return open_database(DataPaths(tmp_path / name).ensure(), clock=fixed_clock(NOW)).database


def test_export_is_valid_rfc5545_with_zone_attendees_and_goal(db: Database, tmp_path: Path) -> None:
    first, _ = add_meetings(db)
    target = tmp_path / "all.ics"
    assert export_ics(db, target, tz=BERLIN) == 2
    cal = Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Coffee chat with Anna Lee", "Lunch <b>Ben</b>"]
    event = events[0]
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=1)
    assert start.replace(tzinfo=None) == datetime(2026, 3, 12, 10, 0)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTEND") - start == timedelta(minutes=30)
    assert str(event["URL"]) == "https://meet.example.org/abc"
    assert str(event["DESCRIPTION"]) == "Learn how she moved into UX"
    attendees: list[Any] = list(event["ATTENDEE"])  # type: ignore[arg-type]
    assert "mailto:Anna@Example.org" in [str(a) for a in attendees]
    assert [a.params["CN"] for a in attendees] == ["Anna Lee", "Ben Ode"]
    assert any(c.name == "VTIMEZONE" for c in cal.walk())
    assert str(events[1]["STATUS"]) == "CANCELLED"
    assert events[1].decoded("DTSTART").utcoffset() == timedelta(hours=2)  # CEST
    # The UID is the meeting's own: exporting again gives the same one.
    again = tmp_path / "one.ics"
    export_ics(db, again, [first], tz=BERLIN)
    assert Calendar.from_ical(again.read_bytes()).walk("VEVENT")[0]["UID"] == event["UID"]


def test_round_trip_into_a_fresh_folder_and_reimport_creates_nothing(
    db: Database, tmp_path: Path
) -> None:
    add_meetings(db)
    target = tmp_path / "all.ics"
    export_ics(db, target, tz=BERLIN)
    other = fresh_db(tmp_path, "other")
    anna, _ = add_people(other)
    summary = import_ics(other, target, tz=BERLIN)
    assert (summary.created, summary.already_present) == (2, 0)
    assert summary.unmatched_attendees == ("Ben Ode",)  # no email: cannot be matched
    before = [
        (m.uid, m.title, m.start_at, m.end_at, m.location, m.goal, m.notes, m.status)
        for m in all_meetings(db)
    ]
    after = all_meetings(other)
    assert [
        (m.uid, m.title, m.start_at, m.end_at, m.location, m.goal, m.notes, m.status) for m in after
    ] == before
    assert after[0].attendee_ids == (anna,)
    again = import_ics(other, target, tz=BERLIN)
    assert (again.created, again.already_present) == (0, 2)
    assert len(all_meetings(other)) == 2
    other.dispose()


def test_floating_times_events_without_uid_and_all_day_events(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "outside.ics"
    target.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:Call with Dana\r\nDTSTART:20260315T150000\r\n"
        "DURATION:PT45M\r\nATTENDEE;CN=Dana:mailto:dana@example.org\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:holiday\r\nSUMMARY:Holiday\r\nDTSTART;VALUE=DATE:20260316\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    summary = import_ics(db, target, tz=BERLIN)
    assert summary.created == 1 and len(summary.skipped) == 1 and "all-day" in summary.skipped[0]
    assert summary.unmatched_attendees == ("Dana <dana@example.org>",)
    meeting = all_meetings(db)[0]
    assert (meeting.start_at, meeting.end_at) == (
        datetime(2026, 3, 15, 14, 0),
        datetime(2026, 3, 15, 14, 45),
    )
    assert import_ics(db, target, tz=BERLIN).created == 0  # same content, same made-up UID


@pytest.mark.parametrize(
    "text",
    [
        "this is not a calendar",
        "BEGIN:VCARD\r\nFN:Anna\r\nEND:VCARD\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260315T150000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:not-a-date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:c\r\nSUMMARY:No start\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
    ],
)
def test_malformed_file_gets_a_clear_error_and_writes_nothing(
    db: Database, tmp_path: Path, text: str
) -> None:
    target = tmp_path / "bad.ics"
    target.write_text(text)
    with pytest.raises(IcsError) as caught:
        import_ics(db, target, tz=BERLIN)
    assert str(caught.value)[0].isupper() and "\n" not in str(caught.value)
    assert all_meetings(db) == []


def test_missing_file(db: Database, tmp_path: Path) -> None:
    with pytest.raises(IcsError, match="Cannot read"):
        import_ics(db, tmp_path / "nope.ics")


def test_the_exported_calendar_is_private_whatever_the_umask(db: Database, tmp_path: Path) -> None:
    import os
    import stat

    create_meeting(
        db, MeetingFields("Coffee", datetime(2026, 3, 12, 9), datetime(2026, 3, 12, 10)), tz=UTC
    )
    old = os.umask(0o022)
    try:
        target = tmp_path / "meetings.ics"
        assert export_ics(db, target) == 1
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def calendar(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Other//EN", *lines, ""])


def event(*lines: str) -> list[str]:
    return ["BEGIN:VEVENT", "UID:odd", "SUMMARY:Odd", *lines, "END:VEVENT"]


def zone(tzid: str, *rule: str) -> list[str]:
    return [
        "BEGIN:VTIMEZONE",
        f"TZID:{tzid}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        *rule,
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


SECONDLY = "RRULE:FREQ=SECONDLY;COUNT=999999999"
HOSTILE = {
    "two TZIDs in one VTIMEZONE": calendar(
        *zone("A\r\nTZID:B"), *event("DTSTART;TZID=A:20260312T090000"), "END:VCALENDAR"
    ),
    "a PERIOD start": calendar(
        *event("DTSTART;VALUE=PERIOD:20260312T090000Z/20260312T100000Z"), "END:VCALENDAR"
    ),
    "a huge DURATION": calendar(
        *event("DTSTART:20260312T090000Z", "DURATION:P999999W"), "END:VCALENDAR"
    ),
    "a DURATION that is no duration": calendar(
        *event("DTSTART:20260312T090000Z", "DURATION:P99999999999D"), "END:VCALENDAR"
    ),
    "a year-9999 start": calendar(*event("DTSTART:99991231T235959Z"), "END:VCALENDAR"),
    "a year-1 start": calendar(*event("DTSTART:00010101T000000"), "END:VCALENDAR"),
    "a time zone changing every second": calendar(
        *zone("S", SECONDLY), *event("DTSTART;TZID=S:20260312T090000"), "END:VCALENDAR"
    ),
    "a yearly time zone changing every second of the day": calendar(
        *zone("S", "RRULE:FREQ=YEARLY;BYHOUR=1,2;BYMINUTE=1,2,3;BYSECOND=1,2"),
        *event("DTSTART;TZID=S:20260312T090000"),
        "END:VCALENDAR",
    ),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_event_is_refused_or_skipped_with_a_reason(
    db: Database, tmp_path: Path, case: str
) -> None:
    target = tmp_path / "odd.ics"
    target.write_text(HOSTILE[case])
    try:
        summary = import_ics(db, target, tz=BERLIN)
    except IcsError as exc:
        assert str(exc)[0].isupper() and "\n" not in str(exc)
    else:
        assert summary.created == 0 and len(summary.skipped) == 1, summary
    assert all_meetings(db) == []
