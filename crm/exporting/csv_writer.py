"""Writing contacts as CSV in Google Contacts' layout, which Google and Rapport both read.

This is the only CSV writer of the app (a test checks it): every cell goes through
`safe_cell`, so a spreadsheet never runs a cell as a formula (CSV injection, as OWASP
describes it).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from crm.exporting.data import ExportContact

_GROUPS = (("email", "E-mail"), ("phone", "Phone"), ("url", "Website"), ("social", "IM"))
# Spreadsheets read a cell starting with these as a formula (tab and CR: some strip them first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A phone number or a birthday without a year, which run no function even when a spreadsheet
# reads them as arithmetic: "+1 312 555 0129", "--02-29".
_NUMBERS = re.compile(r"(?:\+|--)[\d ()./-]+")
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
    writer = SafeWriter(out)
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


def safe_cell(value: str) -> str:
    """`value`, with a leading ' when a spreadsheet would read it as a formula."""
    if value.startswith(FORMULA_STARTS) and not _NUMBERS.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose cells are made safe for spreadsheets."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row: Iterable[str]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])
