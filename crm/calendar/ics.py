"""iCalendar (RFC 5545) export and import of meetings, with the icalendar library."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm.calendar.ics_limits import check_size, check_timezones
from crm.calendar.meetings import (
    DEFAULT_MINUTES,
    MeetingFields,
    MeetingRow,
    add_meeting_row,
    all_meetings,
    get_meeting,
)
from crm.changes import Changes
from crm.contacts.emails import contacts_with_emails
from crm.errors import IcsError
from crm.exporting.atomic import write_atomically
from crm.store.db import Database
from crm.store.localtime import local_zone, to_local, to_utc
from crm.store.models import Contact, Meeting

if TYPE_CHECKING:
    from icalendar import Event

# icalendar is imported where it is used: the calendar page loads this module at start-up,
# and the library costs about 130 ms that no one should wait for before the first paint.

PRODID = "-//Rapport//Rapport meetings//EN"
# Meetings outside these years, or longer than this, are no meetings (a year-9999 start or a
# DURATION of a million days): they are skipped and listed, never stored.
FIRST_YEAR, LAST_YEAR = 1900, 2999
LONGEST = timedelta(days=31)
_STATUS_OUT = {"planned": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"}


# -- export -------------------------------------------------------------------------------


def export_ics(
    db: Database,
    path: Path | str,
    meeting_ids: Sequence[int] | None = None,
    *,
    tz: tzinfo | None = None,
) -> int:
    """Write meetings (all when `meeting_ids` is None) to an .ics file; returns how many."""
    meetings = (
        all_meetings(db) if meeting_ids is None else [get_meeting(db, i) for i in meeting_ids]
    )
    data = calendar_bytes(meetings, tz or local_zone(), stamp=db.now())
    # Private (0600) like every export, and whole or not at all.
    write_atomically(Path(path), data)
    return len(meetings)


def calendar_bytes(meetings: Sequence[MeetingRow], tz: tzinfo, *, stamp: datetime) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for meeting in meetings:
        cal.add_component(_event(meeting, tz, stamp))
    if isinstance(tz, ZoneInfo):
        cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _when(utc: datetime, tz: tzinfo) -> datetime:
    # With a named zone the event keeps its wall-clock time across DST; otherwise UTC.
    if isinstance(tz, ZoneInfo):
        return to_local(utc, tz).replace(tzinfo=tz)
    return utc.replace(tzinfo=UTC)


def _event(meeting: MeetingRow, tz: tzinfo, stamp: datetime) -> Event:
    from icalendar import Event, vCalAddress

    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp.replace(tzinfo=UTC))
    event.add("dtstart", _when(meeting.start_at, tz))
    event.add("dtend", _when(meeting.end_at, tz))
    event.add("summary", meeting.title)
    event.add("status", _STATUS_OUT[meeting.status])
    if meeting.status == "done":
        event.add("x-rapport-status", "done")
    if meeting.location:
        event.add("location", meeting.location)
        if meeting.location.lower().startswith(("http://", "https://")):
            event.add("url", meeting.location)
    if meeting.goal:
        event.add("description", meeting.goal)
    if meeting.notes:
        event.add("x-rapport-notes", meeting.notes)
    for person in meeting.attendees:
        address = vCalAddress(
            f"mailto:{person.email}" if person.email else f"urn:rapport:{person.contact_id}"
        )
        address.params["cn"] = person.name
        address.params["role"] = "REQ-PARTICIPANT"
        event.add("attendee", address, encode=False)
    return event


# -- import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IcsImportSummary:
    created: int
    already_present: int
    skipped: tuple[str, ...] = ()  # "event 3: an all-day event, not a meeting"
    unmatched_attendees: tuple[str, ...] = ()
    meeting_ids: tuple[int, ...] = ()
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class _Parsed:
    uid: str
    title: str
    start: datetime  # naive UTC
    end: datetime
    location: str
    goal: str
    notes: str
    status: str
    attendees: tuple[tuple[str, str], ...]  # (address, common name)


def import_ics(db: Database, path: Path | str, *, tz: tzinfo | None = None) -> IcsImportSummary:
    """Add the events of an .ics file as meetings, in one transaction.

    Attendees are matched to contacts by email. Events whose UID is already known are left
    alone, so importing the same file twice creates nothing new. A file that is not a
    calendar, or an event with unreadable times, raises IcsError and writes nothing.
    """
    zone = tz or local_zone()
    try:
        check_size(Path(path).stat().st_size, Path(path).name)
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise IcsError(f"Cannot read {Path(path).name}: {exc.strerror or exc}") from exc
    events, skipped = _parse(raw, zone)
    now = db.now()
    created: list[int] = []
    unmatched: list[str] = []
    present = 0
    with db.session() as session:
        for item in events:
            if session.scalar(select(Meeting.id).where(Meeting.uid == item.uid)) is not None:
                present += 1
                continue
            attendee_ids = tuple(_match_attendees(session, item.attendees, unmatched))
            values = MeetingFields(
                item.title, item.start, item.end, item.location, item.goal, item.notes, attendee_ids
            )
            created.append(add_meeting_row(session, values, now, uid=item.uid, status=item.status))
    changes = Changes(meetings=frozenset(created))
    return IcsImportSummary(
        len(created),
        present,
        tuple(skipped),
        tuple(dict.fromkeys(unmatched)),
        tuple(created),
        changes,
    )


def _parse(raw: bytes, tz: tzinfo) -> tuple[list[_Parsed], list[str]]:
    from icalendar import Calendar

    check_timezones(raw)
    try:
        calendars = Calendar.from_ical(raw, multiple=True)
    except Exception as exc:  # icalendar raises many types for bad input
        raise IcsError(f"This is not a valid iCalendar file ({_reason(exc)}).") from exc
    if not calendars or any(c.name != "VCALENDAR" for c in calendars):
        raise IcsError("This is not an iCalendar file: it has no VCALENDAR.")
    events: list[_Parsed] = []
    skipped: list[str] = []
    number = 0
    for cal in calendars:
        for component in cal.walk("VEVENT"):
            number += 1
            try:
                parsed = _parse_event(component, tz)
            except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
                raise IcsError(f"Event {number} cannot be read: {_reason(exc)}.") from exc
            if isinstance(parsed, str):
                skipped.append(f"event {number}: {parsed}")
            else:
                events.append(parsed)
    return events, skipped


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def _instant(value: Any, tz: tzinfo) -> datetime:
    if not isinstance(value, datetime):
        raise ValueError(f"not a date and time: {_short(value)}")
    if value.tzinfo is None:  # floating time: the user's own wall clock
        return to_utc(value, tz)
    return value.astimezone(UTC).replace(tzinfo=None)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _parse_event(event: Any, tz: tzinfo) -> _Parsed | str:
    if event.get("DTSTART") is None:
        raise ValueError("it has no start (DTSTART)")
    start_value = event.decoded("DTSTART")
    if isinstance(start_value, date) and not isinstance(start_value, datetime):
        return "an all-day event, not a meeting"
    end_value = event.decoded("DTEND") if event.get("DTEND") is not None else None
    for value in (start_value, end_value):
        # Checked before any arithmetic, which overflows near the years 1 and 9999.
        if isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            return f"its date ({value.year}) is out of range"
    start = _instant(start_value, tz)
    if end_value is not None:
        end = _instant(end_value, tz)
    elif event.get("DURATION") is not None:
        duration = event.decoded("DURATION")
        if not isinstance(duration, timedelta):
            raise ValueError(f"the duration is not a length of time: {_short(duration)}")
        end = start + min(duration, LONGEST + timedelta(days=1))
    else:
        end = start + timedelta(minutes=DEFAULT_MINUTES)
    if end <= start:
        end = start + timedelta(minutes=DEFAULT_MINUTES)
    if end - start > LONGEST:
        return "it lasts longer than a month, not a meeting"
    title = " ".join(str(event.get("SUMMARY", "")).split()) or "Meeting"
    uid = str(event.get("UID", "")).strip() or _content_uid(title, start)
    location = str(event.get("LOCATION", "") or event.get("URL", "")).strip()
    status = "cancelled" if str(event.get("STATUS", "")).upper() == "CANCELLED" else "planned"
    if str(event.get("X-RAPPORT-STATUS", "")).lower() == "done":
        status = "done"
    people = event.get("ATTENDEE", [])
    if not isinstance(people, list):
        people = [people]
    attendees = tuple((str(p), str(getattr(p, "params", {}).get("CN", ""))) for p in people)
    return _Parsed(
        uid=uid,
        title=title,
        start=start,
        end=end,
        location=location,
        goal=str(event.get("DESCRIPTION", "")),
        notes=str(event.get("X-RAPPORT-NOTES", "")),
        status=status,
        attendees=attendees,
    )


def _content_uid(title: str, start: datetime) -> str:
    # An event without a UID still gets the same one each time the file is imported.
    digest = hashlib.sha1(f"{title}|{start.isoformat()}".encode()).hexdigest()[:20]
    return f"{digest}@rapport-import"


def _match_attendees(
    session: Session, attendees: Sequence[tuple[str, str]], unmatched: list[str]
) -> list[int]:
    ids: list[int] = []
    for address, name in attendees:
        contact_id: int | None = None
        lowered = address.strip()
        if lowered.lower().startswith("mailto:"):
            email = lowered[7:].strip().lower()
            contact_id = next(iter(contacts_with_emails(session, [email])), None)
            label = f"{name} <{email}>" if name else email
        else:
            label = name or lowered
        if contact_id is None:
            unmatched.append(label)
        elif contact_id not in ids and session.get(Contact, contact_id) is not None:
            ids.append(contact_id)
    return ids
