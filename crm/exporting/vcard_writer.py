"""Writing contacts as vCard 4.0 (or 3.0 on request), one card per contact, with vobject.

vobject escapes every value (backslash, comma, semicolon, line breaks, a lone CR too) and
folds lines at 75 octets; Rapport only chooses what goes where, so that its own reader gives
every stored field back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import vobject
from vobject.vcard import Address, Name

from crm.contacts.service import Channel
from crm.exporting.data import ExportContact
from crm.importing.fields import LINKEDIN_LABEL, label_from_types

VERSIONS = ("4.0", "3.0")
# Labels vCard knows as TYPE values; any other label goes into an Apple X-ABLabel.
_STANDARD_TYPES = {
    "work",
    "home",
    "cell",
    "fax",
    "pager",
    "voice",
    "text",
    "video",
    "main",
    "other",
}
_SOCIAL_TYPE = re.compile(r"[a-z0-9][a-z0-9-]*")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")
_PROPERTY = {"email": "email", "phone": "tel", "url": "url", "social": "x-socialprofile"}


class _Card:
    def __init__(self, version: str) -> None:
        self.component = vobject.vCard()
        self.groups = 0
        self.add("version", version)

    def add(
        self, name: str, value: Any, params: dict[str, list[str]] | None = None, label: str = ""
    ) -> None:
        group = None
        if label:
            self.groups += 1
            group = f"item{self.groups}"
            self.component.add("x-ablabel", group=group).value = label
        line = self.component.add(name, group=group)
        line.value = value
        for key, values in (params or {}).items():
            line.params[key] = values

    def serialize(self) -> str:
        return str(self.component.serialize())


def _types(channel: Channel) -> list[str] | None:
    """The TYPE values that the reader turns back into exactly this label, if any."""
    label = channel.label
    if channel.kind == "social":
        words = [label] if _SOCIAL_TYPE.fullmatch(label) else []
    else:
        words = ["cell" if w == "mobile" else w for w in label.split(" ")]
        if not all(w in _STANDARD_TYPES for w in words):
            return None
    if words and label_from_types(words) == label:
        return words
    return None


def _channel(card: _Card, channel: Channel) -> None:
    types = _types(channel)
    params = {"TYPE": types} if types else None
    card.add(_PROPERTY[channel.kind], channel.value, params, "" if types else channel.label)


def _birthday(card: _Card, text: str, version: str) -> None:
    if m := _FULL_DATE.match(text):
        card.add("bday", "".join(m.groups()) if version == "4.0" else text)
    elif m := _NO_YEAR.match(text):
        if version == "4.0":
            card.add("bday", f"--{m[1]}{m[2]}")
        else:  # 3.0 has no year-less date; Apple's convention is read by most programs
            card.add("bday", f"1604-{m[1]}-{m[2]}", {"X-APPLE-OMIT-YEAR": ["1604"]})
    elif text and version == "4.0":  # 3.0's BDAY is a date: free text cannot be written
        card.add("bday", text, {"VALUE": ["text"]})


def contact_card(contact: ExportContact, version: str = "4.0") -> str:
    """One contact as a vCard (CRLF line endings, folded)."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {', '.join(VERSIONS)}")
    card = _Card(version)
    card.add("prodid", "-//Rapport//Rapport//EN")
    card.add("uid", contact.uid)
    card.add("fn", contact.display_name)
    card.add("n", Name(family=contact.last_name, given=contact.first_name))
    if contact.company:
        card.add("org", [contact.company])
    if contact.title:
        card.add("title", contact.title)
    if contact.linkedin_url:  # first, so that the reader takes it before any other link
        card.add("url", contact.linkedin_url, label=LINKEDIN_LABEL)
    for channel in contact.channels:
        _channel(card, channel)
    if contact.location:
        card.add("adr", Address(city=contact.location))
    _birthday(card, contact.birthday, version)
    if contact.tags:
        card.add("categories", list(contact.tags))
    if contact.notes:
        card.add("note", contact.notes)
    card.add("rev", contact.updated_at.strftime("%Y%m%dT%H%M%SZ"))
    return card.serialize()


def vcards(contacts: Iterable[ExportContact], version: str = "4.0") -> str:
    return "".join(contact_card(c, version) for c in contacts)
