"""Which column of a CSV holds which contact field: guessing it from the headers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crm.importing.keys import plain

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
