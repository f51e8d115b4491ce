"""Which column of a CSV holds which contact field: guessing it and reading rows with it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crm.contacts import Channel
from crm.importing import fields
from crm.importing.csv_table import Row
from crm.importing.keys import plain
from crm.importing.records import ImportedContact, ReadProblem

# What a column can hold, with the name shown in the column-mapping step.
FIELDS: dict[str, str] = {
    "ignore": "(ignore)",
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name",
    "company": "Company",
    "title": "Job title",
    "email": "Email",
    "phone": "Phone",
    "url": "Website",
    "social": "Social or chat",
    "linkedin_url": "LinkedIn link",
    "location": "Location",
    "city": "City",
    "region": "Region",
    "country": "Country",
    "address": "Postal address",
    "notes": "Notes",
    "birthday": "Birthday",
    "tags": "Tags",
    "connected_on": "Connected on",
}
CHANNEL_FIELDS = {"email": "email", "phone": "phone", "url": "url", "social": "social"}
IDENTIFYING = ("first_name", "last_name", "full_name", "company", "email", "linkedin_url")
_MULTI = re.compile(r"\s+:::\s+")  # Google joins several values of one cell this way
_NOISE_TAGS = frozenset({"mycontacts", "starred", "*mycontacts", "*starred"})


@dataclass(frozen=True)
class Target:
    """A column's meaning: a field, a fixed label, or the column holding its label."""

    field: str
    label: str = ""
    label_column: int | None = None


# Words in a header, most specific first: (words that must all appear, field, label).
_GUESSES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    *(
        (words, "ignore", "")
        for words in (
            ("type",),
            ("label",),
            ("prefix",),
            ("suffix",),
            ("middle",),
            ("phonetic",),
            ("yomi",),
            ("file", "as"),
            ("nickname",),
            ("additional",),
            ("email", "display"),
            ("assistant",),
            ("manager",),
            ("spouse",),
            ("children",),
            ("department",),
            ("extended",),
            ("organization", "location"),
            ("photo",),
            ("gender",),
        )
    ),
    (("connected",), "connected_on", ""),
    (("linkedin",), "linkedin_url", ""),
    (("profile", "url"), "linkedin_url", ""),
    (("first", "name"), "first_name", ""),
    (("given",), "first_name", ""),
    (("firstname",), "first_name", ""),
    (("forename",), "first_name", ""),
    (("last", "name"), "last_name", ""),
    (("lastname",), "last_name", ""),
    (("surname",), "last_name", ""),
    (("family",), "last_name", ""),
    (("job", "title"), "title", ""),
    (("position",), "title", ""),
    (("role",), "title", ""),
    (("organization", "title"), "title", ""),
    (("company",), "company", ""),
    (("organization",), "company", ""),
    (("organisation",), "company", ""),
    (("employer",), "company", ""),
    (("email",), "email", ""),
    (("e", "mail"), "email", ""),
    (("mail",), "email", ""),
    (("mobile",), "phone", "mobile"),
    (("cell",), "phone", "mobile"),
    (("phone",), "phone", ""),
    (("telephone",), "phone", ""),
    (("tel",), "phone", ""),
    (("fax",), "phone", "fax"),
    (("im",), "social", ""),
    (("social",), "social", ""),
    (("web",), "url", ""),
    (("website",), "url", ""),
    (("url",), "url", ""),
    (("homepage",), "url", ""),
    (("birthday",), "birthday", ""),
    (("birth",), "birthday", ""),
    (("dob",), "birthday", ""),
    (("city",), "city", ""),
    (("town",), "city", ""),
    (("country",), "country", ""),
    (("state",), "region", ""),
    (("region",), "region", ""),
    (("location",), "location", ""),
    (("address",), "address", ""),
    (("note",), "notes", ""),
    (("notes",), "notes", ""),
    (("comment",), "notes", ""),
    (("comments",), "notes", ""),
    (("tags",), "tags", ""),
    (("tag",), "tags", ""),
    (("categories",), "tags", ""),
    (("group",), "tags", ""),
    (("labels",), "tags", ""),
    # A few common French and German headers.
    (("prenom",), "first_name", ""),
    (("vorname",), "first_name", ""),
    (("nachname",), "last_name", ""),
    (("societe",), "company", ""),
    (("entreprise",), "company", ""),
    (("firma",), "company", ""),
    (("courriel",), "email", ""),
    (("poste",), "title", ""),
    (("name",), "full_name", ""),
    (("nom",), "full_name", ""),
)
_LABEL_WORDS = ("work", "business", "home", "mobile", "other", "personal")


def header_words(header: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", plain(header.replace("-mail", "mail"))))


def guess_target(header: str) -> Target | None:
    """The field a header most likely names, or None."""
    words = header_words(header)
    for needed, field, label in _GUESSES:
        if all(w in words for w in needed):
            if not label and field in CHANNEL_FIELDS:
                label = next((w for w in _LABEL_WORDS if w in words), "")
                label = "work" if label == "business" else label
            return Target(field, label)
    return None


def guess_mapping(headers: Sequence[str]) -> list[Target | None]:
    """A target per column; a name field claimed by an earlier column is not repeated."""
    mapping: list[Target | None] = []
    taken: set[str] = set()
    for header in headers:
        target = guess_target(header)
        if target and target.field not in (*CHANNEL_FIELDS, "tags", "ignore", "address"):
            if target.field in taken:
                target = None
            else:
                taken.add(target.field)
        mapping.append(target)
    return mapping


def is_usable(mapping: Sequence[Target | None]) -> bool:
    """Whether the mapping finds at least a name, a company, an email or a LinkedIn link."""
    return any(t is not None and t.field in IDENTIFYING for t in mapping)


def split_cell(value: str, field: str) -> list[str]:
    if field != "tags" and " ::: " not in value:
        return [value]
    parts = _MULTI.split(value) if " ::: " in value else [value]
    if field == "tags":
        parts = [p for part in parts for p in re.split(r"[;,]", part)]
    return [p.strip() for p in parts if p.strip()]


class RowReader:
    """Reads rows with one mapping; the mapping is compiled once, since a file has many rows."""

    def __init__(self, mapping: Sequence[Target | None]) -> None:
        # (column, field, channel kind or "", fixed label, label column or -1)
        self._columns = [
            (index, t.field, CHANNEL_FIELDS.get(t.field, ""), t.label, t.label_column)
            for index, t in enumerate(mapping)
            if t is not None and t.field != "ignore"
        ]

    def read(self, row: Row) -> ImportedContact | ReadProblem:
        """The contact a row describes, or why it cannot be read."""
        cells = row.values
        width = len(cells)
        values: dict[str, list[str]] = {}
        channels: list[Channel] = []
        for index, field, kind, label, label_column in self._columns:
            if index >= width or not (cell := cells[index]):
                continue
            if kind:
                if label_column is not None and label_column < width:
                    label = cells[label_column].lstrip("* ").strip().lower()
                if " ::: " in cell:
                    channels.extend(Channel(kind, p, label[:50]) for p in split_cell(cell, field))
                else:
                    channels.append(Channel(kind, cell, label[:50]))
            elif field == "tags" or " ::: " in cell:
                values.setdefault(field, []).extend(split_cell(cell, field))
            elif field in values:
                values[field].append(cell)
            else:
                values[field] = [cell]
        return _contact(row.line, values, channels)


def _one(values: dict[str, list[str]], field: str) -> str:
    found = values.get(field)
    return found[0] if found else ""


def _kept_channels(channels: list[Channel]) -> tuple[str, list[Channel]]:
    """(the first LinkedIn link among the web links, the other channels without repeats)."""
    linkedin = ""
    kept: list[Channel] = []
    seen: set[tuple[str, str]] = set()
    for channel in channels:
        if channel.kind == "url" and not linkedin and (link := fields.linkedin_url(channel.value)):
            linkedin = link
            continue
        key = (channel.kind, channel.value.casefold())
        if key not in seen:
            seen.add(key)
            kept.append(channel)
    return linkedin, kept


def _contact(
    line: int, values: dict[str, list[str]], channels: list[Channel]
) -> ImportedContact | ReadProblem:
    first, last = _one(values, "first_name"), _one(values, "last_name")
    if not (first or last) and values.get("full_name"):
        first, last = fields.split_full_name(_one(values, "full_name"))
    linkedin, kept = _kept_channels(channels) if channels else ("", [])
    given_link = _one(values, "linkedin_url")
    if given_link:
        linkedin = fields.linkedin_url(given_link) or given_link
    company = _one(values, "company")
    if not (first or last or company or linkedin or any(c.kind == "email" for c in kept)):
        return ReadProblem(line, "the row has no name, email, company or LinkedIn link")
    location = _one(values, "location")
    if not location and ("city" in values or "region" in values or "country" in values):
        parts = (_one(values, "city"), _one(values, "region"), _one(values, "country"))
        location = ", ".join(v for v in parts if v)
    notes = "\n".join(values["notes"]) if "notes" in values else ""
    if "address" in values:
        addresses = "\n".join(f"Address: {a}" for a in values["address"] if a)
        notes = f"{notes}\n\n{addresses}" if notes else addresses
    tags = values.get("tags")
    return ImportedContact(
        line=line,
        first_name=first,
        last_name=last,
        title=_one(values, "title"),
        company=company,
        location=location[:200],
        linkedin_url=linkedin,
        notes=notes,
        birthday=fields.birthday(values["birthday"][0]) if "birthday" in values else "",
        channels=tuple(kept),
        tags=_tags(tags) if tags else (),
        connected_on=fields.parse_date(values["connected_on"][0])
        if "connected_on" in values
        else None,
    )


def _tags(names: list[str]) -> tuple[str, ...]:
    """The tags without repeats and without Google's system groups ("* myContacts")."""
    return tuple(dict.fromkeys(t for t in names if t.replace(" ", "").lower() not in _NOISE_TAGS))
