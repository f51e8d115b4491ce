"""Limits checked on an .ics file before icalendar reads it, so no file can hang the import.

icalendar expands each VTIMEZONE's recurrence rules into every transition as soon as it
parses the component, with no bound: a rule repeating every second (`FREQ=SECONDLY` and a
huge COUNT) runs for minutes and takes gigabytes. Real time zones change at most a few times
a year, with yearly rules, so a calendar whose time zones say otherwise is refused.
"""

from __future__ import annotations

import re

from crm.errors import IcsError

# The largest calendar exports we know of stay far under the limit of contact files.
MAX_BYTES = 32 * 1024 * 1024
MAX_TIMEZONES = 50
MAX_DATES = 2000  # RDATE values of all time zones together
# Occurrences a yearly rule may produce per year: the product of its BY… lists (the old US
# rule "BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU" counts 7).
MAX_PER_YEAR = 31
_UNFOLD = re.compile(rb"\r?\n[ \t]")
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")


def check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise IcsError(
            f"{name} is {size / 1024 / 1024:.0f} MB; Rapport imports calendars up to "
            f"{MAX_BYTES // 1024 // 1024} MB."
        )


def check_timezones(raw: bytes) -> None:
    """IcsError when a VTIMEZONE's rules would expand into more transitions than real ones."""
    if b"VTIMEZONE" not in raw.upper():
        return
    zones = dates = 0
    inside = False
    for line in _UNFOLD.sub(b"", raw).splitlines():
        upper = line.strip().upper()
        if upper == b"BEGIN:VTIMEZONE":
            zones += 1
            inside = True
            if zones > MAX_TIMEZONES:
                raise IcsError(f"The calendar defines more than {MAX_TIMEZONES} time zones.")
        elif upper == b"END:VTIMEZONE":
            inside = False
        elif inside and upper.startswith(b"RRULE"):
            _check_rule(upper.partition(b":")[2].decode("ascii", "replace"))
        elif inside and upper.startswith(b"RDATE"):
            dates += upper.count(b",") + 1
            if dates > MAX_DATES:
                raise IcsError(f"The calendar's time zones list more than {MAX_DATES} changes.")


def _check_rule(rule: str) -> None:
    parts = dict(part.partition("=")[::2] for part in rule.split(";") if part)
    if parts.get("FREQ") != "YEARLY":
        raise IcsError(
            f"A time zone of the calendar changes {parts.get('FREQ', 'without a frequency')}"
            " (real ones change yearly); Rapport cannot read it."
        )
    per_year = 1
    for key, value in parts.items():
        if key.startswith("BY"):
            count = value.count(",") + 1
            if key in _TIME_PARTS and count > 1:
                per_year = MAX_PER_YEAR + 1
            per_year *= count if key not in _TIME_PARTS else 1
    if per_year > MAX_PER_YEAR:
        raise IcsError("A time zone of the calendar changes too often; Rapport cannot read it.")
