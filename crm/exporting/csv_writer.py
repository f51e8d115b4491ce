"""Writing contacts as CSV in Google Contacts' layout, which Google and Rapport both read."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from crm.exporting.data import ExportContact

_GROUPS = (("email", "E-mail"), ("phone", "Phone"), ("url", "Website"), ("social", "IM"))
_FIXED = (
    "First Name",
    "Last Name",
    "Organization Name",
    "Organization Title",
    "Location",
    "LinkedIn",
    "Birthday",
    "Labels",
    "Notes",
)


def contacts_csv(contacts: Sequence[ExportContact]) -> str:
    """A CSV with one row per contact; several emails or phones get numbered columns."""
    widths = {
        kind: max((sum(1 for c in p.channels if c.kind == kind) for p in contacts), default=0)
        for kind, _ in _GROUPS
    }
    header = list(_FIXED)
    for kind, title in _GROUPS:
        for n in range(1, widths[kind] + 1):
            header += [f"{title} {n} - Label", f"{title} {n} - Value"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for p in contacts:
        row = [
            p.first_name,
            p.last_name,
            p.company,
            p.title,
            p.location,
            p.linkedin_url,
            p.birthday,
            " ::: ".join(p.tags),
            p.notes,
        ]
        for kind, _ in _GROUPS:
            channels = [c for c in p.channels if c.kind == kind]
            for n in range(widths[kind]):
                row += [channels[n].label, channels[n].value] if n < len(channels) else ["", ""]
        writer.writerow(row)
    return out.getvalue()
