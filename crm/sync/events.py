"""A meeting's synced fields, read from iCalendar text and applied back onto it (icalendar).

What syncs: the title, start and end, place, whether it is cancelled, and the attendees'
email addresses (matched to contacts by email). The goal, notes, questions and answers
are Rapport's own and stay on this computer. Everything else in the server's event
(alarms, organiser, recurrence, X- properties) is kept: edits are applied onto it.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from crm.sync.merge import Conflict, merge_fields

SCALARS = ("title", "start", "end", "location", "cancelled")


@dataclass(frozen=True, slots=True)
class EventFields:
    title: str = ""
    start: str = ""  # naive UTC, ISO 8601 to the second
    end: str = ""
    location: str = ""
    cancelled: bool = False
    attendees: frozenset[str] = field(default_factory=frozenset)  # folded email addresses

    def digest(self) -> str:
        data = asdict(self)
        data["attendees"] = sorted(self.attendees)
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def utc_text(moment: datetime | date) -> str:
    """An iCalendar date or date-time as naive UTC text (a whole day starts at midnight)."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    elif moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat()


def _email(address: Any) -> str:
    text = str(address)
    return text[7:].strip().casefold() if text.lower().startswith("mailto:") else ""


def main_component(calendar: Any, name: str) -> Any:
    """The main VEVENT or VTODO: the first one without a RECURRENCE-ID (None: there is none)."""
    found = [c for c in calendar.walk(name) if "RECURRENCE-ID" not in c]
    return found[0] if found else None


def editable_component(base_text: str, uid: str, name: str) -> tuple[Any, Any]:
    """(calendar, component) parsed from the server's text, where Rapport's fields are
    written; a new calendar holding a new component with `uid` when there is none."""
    from icalendar import Calendar, Event, Todo

    calendar = Calendar.from_ical(base_text) if base_text.strip() else None
    component = main_component(calendar, name) if calendar is not None else None
    if calendar is None or component is None:
        calendar = Calendar()
        calendar.add("PRODID", "-//Rapport//Rapport//EN")
        calendar.add("VERSION", "2.0")
        component = Event() if name == "VEVENT" else Todo()
        component.add("UID", uid)
        calendar.add_component(component)
    return calendar, component


def stamped_text(calendar: Any, component: Any) -> str:
    """The calendar's text, with its edited component stamped as written now (DTSTAMP)."""
    component.pop("DTSTAMP", None)
    component.add("DTSTAMP", datetime.now(UTC).replace(microsecond=0))
    return calendar.to_ical().decode()


def read_event(text: str) -> tuple[str, EventFields | None]:
    """(UID, fields) of an event; (UID, None) for a resource holding no event (a task in
    the same calendar), which the event sync leaves alone."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
        event = main_component(calendar, "VEVENT")
    except (ValueError, IndexError, KeyError):
        return "", EventFields()
    if event is None:
        others = [c for c in calendar.walk() if c.name in ("VTODO", "VJOURNAL")]
        if others:
            return str(others[0].get("UID", "")).strip(), None
        return "", EventFields()
    uid = str(event.get("UID", "")).strip()
    start = event.get("DTSTART")
    end = event.get("DTEND")
    start_dt = start.dt if start is not None else None
    if end is not None:
        end_dt = end.dt
    elif start_dt is not None and event.get("DURATION") is not None:
        end_dt = start_dt + event.get("DURATION").dt
    else:
        end_dt = (
            start_dt + (timedelta(days=1) if not isinstance(start_dt, datetime) else timedelta(0))
            if start_dt
            else None
        )
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    return uid, EventFields(
        title=str(event.get("SUMMARY", "")).strip(),
        start=utc_text(start_dt) if start_dt is not None else "",
        end=utc_text(end_dt) if end_dt is not None else "",
        location=str(event.get("LOCATION", "")).strip(),
        cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
        attendees=frozenset(e for e in map(_email, attendees) if e),
    )


def apply_event(base_text: str, uid: str, fields: EventFields, _version: str = "") -> str:
    """`fields` written onto the server's event (or a new one); the rest stays as it was."""
    from icalendar import vCalAddress

    calendar, event = editable_component(base_text, uid, "VEVENT")
    _, current = read_event(calendar.to_ical().decode()) if base_text.strip() else ("", None)

    def changed(name: str) -> bool:
        return current is None or getattr(current, name) != getattr(fields, name)

    if changed("title"):
        event.pop("SUMMARY", None)
        event.add("SUMMARY", fields.title)
    for name, prop in (("start", "DTSTART"), ("end", "DTEND")):
        if changed(name) and getattr(fields, name):
            event.pop(prop, None)
            if prop == "DTEND":
                event.pop("DURATION", None)
            moment = datetime.fromisoformat(getattr(fields, name)).replace(tzinfo=UTC)
            event.add(prop, moment)
    if changed("location"):
        event.pop("LOCATION", None)
        if fields.location:
            event.add("LOCATION", fields.location)
    if changed("cancelled"):
        event.pop("STATUS", None)
        event.add("STATUS", "CANCELLED" if fields.cancelled else "CONFIRMED")
    if changed("attendees"):
        kept = event.get("ATTENDEE", [])
        kept = kept if isinstance(kept, list) else [kept]
        others = [a for a in kept if not _email(a)]  # addresses Rapport cannot match stay
        by_email = {_email(a): a for a in kept if _email(a)}
        event.pop("ATTENDEE", None)
        for address in others:
            event.add("ATTENDEE", address)
        for email in sorted(fields.attendees):
            event.add("ATTENDEE", by_email.get(email) or vCalAddress(f"mailto:{email}"))
    return stamped_text(calendar, event)


def merge_events(
    base: EventFields | None, mine: EventFields, theirs: EventFields
) -> tuple[EventFields, list[Conflict]]:
    return merge_fields(base, mine, theirs, SCALARS, {"attendees": str.casefold})


def pair_events(
    remote: Mapping[str, EventFields], local: Mapping[int, tuple[str, EventFields]]
) -> dict[str, int]:
    """Unsynced events and meetings that are the same: by UID, else by start and title."""
    pairs: dict[str, int] = {}
    by_uid = {uid: mid for mid, (uid, _) in local.items()}
    owners: dict[tuple[str, str], list[int]] = defaultdict(list)
    for mid, (_, fields) in local.items():
        owners[(fields.start, fields.title.casefold())].append(mid)
    taken: set[int] = set()
    for uid, fields in remote.items():
        found = by_uid.get(uid)
        if found is None:
            same = owners.get((fields.start, fields.title.casefold()), [])
            found = same[0] if len(same) == 1 else None
        if found is not None and found not in taken:
            pairs[uid] = found
            taken.add(found)
    return pairs


def new_uid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"
