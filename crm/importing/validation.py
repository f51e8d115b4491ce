"""Values a file holds that do not look like what their column says: reported per row.

A reader keeps such values as written (the user may know better); the preview lists them
so that "every row could be read" is never said of a file full of odd values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crm.contacts.links import looks_like_email, looks_like_phone
from crm.importing.records import ImportedContact, ReadProblem

# What fields.birthday makes of a date it understood: "YYYY-MM-DD" or "--MM-DD".
_BIRTHDAY = re.compile(r"(?:\d{4}|-)-\d{2}-\d{2}")


def odd_values(contact: ImportedContact) -> list[str]:
    """Why each odd value of `contact` is odd, in the order of its fields."""
    found: list[str] = []
    for channel in contact.channels:
        if channel.kind == "email" and not looks_like_email(channel.value):
            found.append(f"“{channel.value}” is not an email address")
        elif channel.kind == "phone" and not looks_like_phone(channel.value):
            found.append(f"“{channel.value}” is not a phone number")
    if contact.birthday and not _BIRTHDAY.fullmatch(contact.birthday):
        found.append(f"“{contact.birthday}” is not a date")
    return found


def value_warnings(contacts: Iterable[ImportedContact]) -> tuple[ReadProblem, ...]:
    """One warning per row with odd values; those rows are imported with the values as written."""
    warnings: list[ReadProblem] = []
    for contact in contacts:
        odd = odd_values(contact)
        if odd:
            warnings.append(ReadProblem(contact.line, "; ".join(odd) + " (kept as written)"))
    return tuple(warnings)
