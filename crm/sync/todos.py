"""A follow-up's synced fields as a task (VTODO) in the account's calendar (icalendar).

What syncs, when the user turns it on for an account: the title, the due day, whether it
is done, and whom it is about (the task's CONTACT: "Anna Lee <anna@example.com>", matched
to a contact by email, else by name). A task without a CONTACT was not made for a
contact (a shopping list on the phone) and is left alone; so is every VEVENT. The rest
of a server's task (alarms, priority, categories, X- properties) is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from crm.sync.events import editable_component, main_component, stamped_text
from crm.sync.merge import Conflict, merge_fields

SCALARS = ("title", "due", "done", "contact")
_EMAIL = re.compile(r"<?(?:mailto:)?([^\s<>@,;]+@[^\s<>,;]+?)>?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TodoFields:
    title: str = ""
    due: str = ""  # ISO date, the follow-up's day
    done: bool = False
    contact: str = ""  # "Name <email>" or "Name": whom the follow-up is about

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()

    def contact_email(self) -> str:
        found = _EMAIL.search(self.contact.strip())
        return found.group(1).casefold() if found else ""

    def contact_name(self) -> str:
        return _EMAIL.sub("", self.contact).strip().strip(",")


def contact_text(name: str, email: str) -> str:
    """The task's CONTACT for a contact: "Anna Lee <anna@example.com>", or the name alone."""
    return f"{name} <{email}>" if email else name


def _day(value: Any) -> str:
    moment = value.dt
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        return moment.date().isoformat()
    return moment.isoformat() if isinstance(moment, date) else ""


def read_todo(text: str) -> tuple[str, TodoFields | None]:
    """(UID, fields) of a task made for a contact; (UID, None) for anything else."""
    from icalendar import Calendar

    try:
        todo = main_component(Calendar.from_ical(text), "VTODO")
    except (ValueError, IndexError, KeyError):
        return "", None
    if todo is None:
        return "", None
    uid = str(todo.get("UID", "")).strip()
    contact = todo.get("CONTACT")
    if isinstance(contact, list):
        contact = contact[0] if contact else None
    if contact is None or not str(contact).strip():
        return uid, None
    due = todo.get("DUE") or todo.get("DTSTART")
    status = str(todo.get("STATUS", "")).upper()
    return uid, TodoFields(
        title=str(todo.get("SUMMARY", "")).strip(),
        due=_day(due) if due is not None else "",
        done=status == "COMPLETED" or todo.get("COMPLETED") is not None,
        contact=" ".join(str(contact).split()),
    )


def apply_todo(base_text: str, uid: str, fields: TodoFields, _version: str = "") -> str:
    """`fields` written onto the server's task (or a new one); the rest stays as it was."""
    calendar, todo = editable_component(base_text, uid, "VTODO")
    current = read_todo(calendar.to_ical().decode())[1] if base_text.strip() else None

    def changed(name: str) -> bool:
        return current is None or getattr(current, name) != getattr(fields, name)

    if changed("title"):
        todo.pop("SUMMARY", None)
        todo.add("SUMMARY", fields.title)
    if changed("due") and fields.due:
        todo.pop("DUE", None)
        todo.add("DUE", date.fromisoformat(fields.due))
    if changed("contact"):
        todo.pop("CONTACT", None)
        todo.add("CONTACT", fields.contact)
    if changed("done"):
        for name in ("STATUS", "COMPLETED", "PERCENT-COMPLETE"):
            todo.pop(name, None)
        if fields.done:
            todo.add("STATUS", "COMPLETED")
            todo.add("COMPLETED", datetime.now(UTC).replace(microsecond=0))
            todo.add("PERCENT-COMPLETE", 100)
        else:
            todo.add("STATUS", "NEEDS-ACTION")
    return stamped_text(calendar, todo)


def merge_todos(
    base: TodoFields | None, mine: TodoFields, theirs: TodoFields
) -> tuple[TodoFields, list[Conflict]]:
    return merge_fields(base, mine, theirs, SCALARS, {})


def pair_todos(
    remote: Mapping[str, TodoFields], local: Mapping[int, tuple[str, TodoFields]]
) -> dict[str, int]:
    """Unsynced tasks and follow-ups that are the same: by UID, else by title, day and
    contact (a follow-up already on the server from an earlier sync of another folder)."""
    pairs: dict[str, int] = {}
    by_uid = {uid: fid for fid, (uid, _) in local.items()}
    owners: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for fid, (_, fields) in local.items():
        owners[_key(fields)].append(fid)
    taken: set[int] = set()
    for uid, fields in remote.items():
        found = by_uid.get(uid)
        if found is None:
            same = owners.get(_key(fields), [])
            found = same[0] if len(same) == 1 else None
        if found is not None and found not in taken:
            pairs[uid] = found
            taken.add(found)
    return pairs


def _key(fields: TodoFields) -> tuple[str, str, str]:
    who = fields.contact_email() or fields.contact_name().casefold()
    return (fields.title.casefold(), fields.due, who)
