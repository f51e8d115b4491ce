"""The CSV layouts Rapport knows: LinkedIn connections, Google and Outlook contacts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from crm.errors import ImportRefused
from crm.importing.csv_contacts import RowReader
from crm.importing.csv_mapping import Target, guess_mapping, is_usable
from crm.importing.csv_table import (
    HEADER_SEARCH_ROWS,
    Table,
    find_table,
    first_row_table,
    read_rows,
)
from crm.importing.records import ImportedContact, ReadProblem, ReadResult

_GOOGLE_GROUP = re.compile(r"^(.+?) (\d+) - (.+)$")


def _norm(headers: Sequence[str]) -> set[str]:
    return {h.strip().lower() for h in headers}


def is_linkedin_header(headers: Sequence[str]) -> bool:
    names = _norm(headers)
    return {"first name", "last name", "url"} <= names and (
        "connected on" in names or "position" in names
    )


def is_google_header(headers: Sequence[str]) -> bool:
    names = _norm(headers)
    return (
        ("given name" in names and "family name" in names)
        or "e-mail 1 - value" in names
        or "organization name" in names
    )


def is_outlook_header(headers: Sequence[str]) -> bool:
    names = _norm(headers)
    return "e-mail address" in names and ("business phone" in names or "job title" in names)


HEADER_TESTS = {
    "linkedin": is_linkedin_header,
    "google": is_google_header,
    "outlook": is_outlook_header,
}


def detect_csv(text: str) -> str:
    """ "linkedin", "google", "outlook" or "csv" for an unknown layout."""
    rows, _problems = read_rows(text, limit=HEADER_SEARCH_ROWS)
    for name, test in HEADER_TESTS.items():
        if any(test(row.values) for row in rows):
            return name
    return "csv"


def mapping_for(fmt: str, headers: Sequence[str]) -> list[Target | None]:
    """The column mapping of a known layout (a guess for an unknown one)."""
    mapping = guess_mapping(headers)
    if fmt == "google":
        mapping = _pair_google_labels(headers, mapping)
    if fmt == "outlook":
        # Outlook's "Title" is Mr./Ms.; the job is "Job Title".
        mapping = [
            None if h.strip().lower() == "title" else t
            for h, t in zip(headers, mapping, strict=True)
        ]
    return mapping


def _pair_google_labels(
    headers: Sequence[str], mapping: list[Target | None]
) -> list[Target | None]:
    """Point "E-mail 1 - Value" at the "E-mail 1 - Label" (or "- Type") column of its row."""
    label_columns: dict[tuple[str, str], int] = {}
    for index, header in enumerate(headers):
        m = _GOOGLE_GROUP.match(header.strip())
        if m and m[3].lower() in ("label", "type"):
            label_columns[(m[1].lower(), m[2])] = index
    paired: list[Target | None] = []
    for header, target in zip(headers, mapping, strict=True):
        m = _GOOGLE_GROUP.match(header.strip())
        if target and m and (m[1].lower(), m[2]) in label_columns:
            target = replace(target, label_column=label_columns[(m[1].lower(), m[2])])
        paired.append(target)
    return paired


def read_table(fmt: str, text: str) -> Table:
    if fmt in HEADER_TESTS:
        return find_table(text, HEADER_TESTS[fmt])
    return first_row_table(text)


def read_csv(
    text: str, fmt: str = "csv", mapping: Sequence[Target | None] | None = None
) -> ReadResult:
    """Contacts of a CSV file in layout `fmt`; an unknown layout uses `mapping` or a guess."""
    table = read_table(fmt, text)
    if mapping is None:
        mapping = mapping_for(fmt, table.headers)
    if not is_usable(mapping):
        raise ImportRefused(
            "None of the columns holds a name, an email, a company or a LinkedIn link "
            f"(columns: {', '.join(table.headers[:8]) or 'none'})."
        )
    contacts: list[ImportedContact] = []
    problems: list[ReadProblem] = list(table.problems)
    reader = RowReader(mapping)
    for row in table.rows:
        record = reader.read(row)
        if isinstance(record, ReadProblem):
            problems.append(record)
        else:
            contacts.append(record)
    problems.sort(key=lambda p: p.line)
    return ReadResult(fmt, tuple(contacts), tuple(problems), tuple(table.headers))
