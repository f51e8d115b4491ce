"""Follow-ups and the agenda: due dates, ticking off, overdue across midnight and DST."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm.calendar.agenda import (
    agenda,
    entries_between,
    follow_ups_to_announce,
    meetings_starting_soon,
    reminder_minutes,
    set_reminder_minutes,
)
from crm.calendar.followups import (
    add_follow_up,
    delete_follow_up,
    follow_ups_due_between,
    get_follow_up,
    restore_follow_up,
    set_follow_up_due,
    set_follow_ups_done,
)
from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import create_meeting
from crm.contacts.service import ContactFields, create_contact
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.store.localtime import local_today
from tests.people import half_hour_meeting

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def anna(db: Database) -> int:
    return create_contact(db, ContactFields(first_name="Anna", last_name="Lee"))[0]


def at(db: Database, when: datetime) -> None:
    db.clock = fixed_clock(when)


def test_add_tick_untick_and_delete(db: Database) -> None:
    contact = anna(db)
    fid, changes = add_follow_up(db, contact, "  Send   thanks ", date(2026, 3, 11))
    assert changes.follow_ups and contact in changes.contacts
    row = get_follow_up(db, fid)
    assert (row.title, row.contact_name, row.done) == ("Send thanks", "Anna Lee", False)
    set_follow_ups_done(db, [fid], True)
    assert get_follow_up(db, fid).done_at == db.now()
    set_follow_ups_done(db, [fid], False)
    assert not get_follow_up(db, fid).done
    set_follow_up_due(db, fid, date(2026, 3, 20))
    saved, _ = delete_follow_up(db, fid)
    assert follow_ups_due_between(db, date(2026, 3, 1), date(2026, 3, 31)) == []
    restore_follow_up(db, saved)
    assert get_follow_up(db, fid).due_date == date(2026, 3, 20)
    with pytest.raises(ValueError):
        add_follow_up(db, contact, " ", date(2026, 3, 11))


def test_overdue_turns_at_local_midnight_not_utc_midnight(db: Database) -> None:
    contact = anna(db)
    fid, _ = add_follow_up(db, contact, "Check in", date(2026, 3, 9))
    # 23:30 UTC on the 9th is already 00:30 on the 10th in Berlin.
    at(db, datetime(2026, 3, 9, 23, 30))
    assert local_today(db.now(), BERLIN) == date(2026, 3, 10)
    assert get_follow_up(db, fid).is_overdue(local_today(db.now(), BERLIN))
    assert not get_follow_up(db, fid).is_overdue(local_today(db.now(), NEW_YORK))
    sections = agenda(db, BERLIN)
    assert sections[0].key == "overdue" and [e.id for e in sections[0].entries] == [fid]
    assert agenda(db, NEW_YORK)[0].key == "today"


def test_overdue_across_dst_changes(db: Database) -> None:
    contact = anna(db)
    # New York springs forward on 2026-03-08 at 07:00 UTC; Berlin on 2026-03-29 at 01:00 UTC.
    fid, _ = add_follow_up(db, contact, "Check in", date(2026, 3, 8))
    at(db, datetime(2026, 3, 9, 3, 30))  # 23:30 EDT on the 8th (UTC-4 after the change)
    assert not get_follow_up(db, fid).is_overdue(local_today(db.now(), NEW_YORK))
    at(db, datetime(2026, 3, 9, 4, 0))  # midnight EDT: the 9th begins
    assert get_follow_up(db, fid).is_overdue(local_today(db.now(), NEW_YORK))
    gid, _ = add_follow_up(db, contact, "Send article", date(2026, 3, 29))
    at(db, datetime(2026, 3, 29, 22, 30))  # 00:30 CEST on the 30th (UTC+2 after the change)
    assert get_follow_up(db, gid).is_overdue(local_today(db.now(), BERLIN))
    at(db, datetime(2026, 3, 29, 21, 30))  # 23:30 CEST on the 29th
    assert not get_follow_up(db, gid).is_overdue(local_today(db.now(), BERLIN))


def test_meeting_shown_on_its_local_day_across_dst(db: Database) -> None:
    # 22:30 UTC on 2026-03-28 is 23:30 CET (28th); on the 29th it is 00:30 CEST (30th).
    for start in (datetime(2026, 3, 28, 22, 30), datetime(2026, 3, 29, 22, 30)):
        create_meeting(db, MeetingFields("Chat", start, start + timedelta(minutes=30)), tz=BERLIN)
    days = entries_between(db, date(2026, 3, 27), date(2026, 3, 31), BERLIN)
    assert sorted(days) == [date(2026, 3, 28), date(2026, 3, 30)]
    entry = days[date(2026, 3, 30)][0]
    assert entry.start == datetime(2026, 3, 30, 0, 30)


def test_agenda_orders_overdue_today_and_coming_days(db: Database) -> None:
    contact = anna(db)
    add_follow_up(db, contact, "Late one", date(2026, 3, 5))
    add_follow_up(db, contact, "Today's", date(2026, 3, 10))
    add_follow_up(db, contact, "Far away", date(2026, 4, 30))
    start = datetime(2026, 3, 11, 16, 0)
    half_hour_meeting(db, "Chat with Ben", start, (contact,), BERLIN)
    sections = agenda(db, BERLIN)
    assert [(s.title, [e.title for e in s.entries]) for s in sections] == [
        ("Overdue", ["Late one"]),
        ("Today", ["Today's"]),
        ("Tomorrow", ["Chat with Ben"]),
    ]
    assert sections[2].entries[0].start == datetime(2026, 3, 11, 17, 0)  # local time


def test_reminder_setting_and_meetings_starting_soon(db: Database) -> None:
    assert reminder_minutes(db) == 15
    set_reminder_minutes(db, 10)
    assert reminder_minutes(db) == 10
    with pytest.raises(ValueError):
        set_reminder_minutes(db, -1)
    now = db.now()
    soon, _, _ = create_meeting(
        db,
        MeetingFields("Soon", now + timedelta(minutes=10), now + timedelta(minutes=40)),
        tz=BERLIN,
    )
    create_meeting(
        db,
        MeetingFields("Later", now + timedelta(minutes=11), now + timedelta(minutes=40)),
        tz=BERLIN,
    )
    assert [m.id for m in meetings_starting_soon(db, now, 10)] == [soon]


def test_follow_ups_announced_once_a_day(db: Database) -> None:
    contact = anna(db)
    add_follow_up(db, contact, "Check in", date(2026, 3, 10))
    assert [f.title for f in follow_ups_to_announce(db, BERLIN)] == ["Check in"]
    assert follow_ups_to_announce(db, BERLIN) == []
    at(db, datetime(2026, 3, 11, 8, 0))
    assert [f.title for f in follow_ups_to_announce(db, BERLIN)] == ["Check in"]
