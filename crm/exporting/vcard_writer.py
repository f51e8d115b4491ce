"""Writing contacts as vCard 4.0 (or 3.0 on request), one card per contact."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crm.contacts.service import Channel
from crm.exporting.data import ExportContact

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
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


class _Card:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.groups = 0

    def add(self, name: str, value: str, params: str = "", label: str = "") -> None:
        if label:
            self.groups += 1
            group = f"item{self.groups}"
            self.lines.append(f"{group}.{name}{params}:{value}")
            self.lines.append(f"{group}.X-ABLabel:{escape(label)}")
        else:
            self.lines.append(f"{name}{params}:{value}")


def _types(label: str) -> tuple[str, str]:
    """(TYPE parameter, custom label) for a channel label."""
    words = ["cell" if w == "mobile" else w for w in label.lower().split()]
    if words and all(w in _STANDARD_TYPES for w in words):
        return f";TYPE={','.join(words)}", ""
    return "", label


def _channel(card: _Card, channel: Channel) -> None:
    params, custom = _types(channel.label)
    value = channel.value
    if channel.kind == "email":
        card.add("EMAIL", escape(value), params, custom)
    elif channel.kind == "phone":
        card.add("TEL", escape(value), params, custom)
    elif channel.kind == "url":
        card.add("URL", value, params, custom)
    else:
        # A social handle keeps its label ("aim", "twitter") as the TYPE Rapport reads back.
        label = re.sub(r"[^\w-]", "", channel.label) or "profile"
        card.add("X-SOCIALPROFILE", escape(value), f";TYPE={label}")


def _birthday(card: _Card, text: str, version: str) -> None:
    if m := _FULL_DATE.match(text):
        card.add("BDAY", "".join(m.groups()) if version == "4.0" else text)
    elif m := _NO_YEAR.match(text):
        if version == "4.0":
            card.add("BDAY", f"--{m[1]}{m[2]}")
        else:  # 3.0 has no year-less date; Apple's convention is read by most programs
            card.add("BDAY", f"1604-{m[1]}-{m[2]}", ";X-APPLE-OMIT-YEAR=1604")
    elif text and version == "4.0":
        card.add("BDAY", escape(text), ";VALUE=text")


def contact_card(contact: ExportContact, version: str = "4.0") -> str:
    """One contact as a vCard (CRLF line endings, folded)."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {', '.join(VERSIONS)}")
    card = _Card()
    card.add("VERSION", version)
    card.add("PRODID", "-//Rapport//Rapport//EN")
    card.add("UID", escape(contact.uid))
    card.add("FN", escape(contact.display_name))
    card.add("N", f"{escape(contact.last_name)};{escape(contact.first_name)};;;")
    if contact.company:
        card.add("ORG", escape(contact.company))
    if contact.title:
        card.add("TITLE", escape(contact.title))
    for channel in contact.channels:
        _channel(card, channel)
    if contact.linkedin_url:
        card.add("URL", contact.linkedin_url, label="LinkedIn")
    if contact.location:
        card.add("ADR", f";;;{escape(contact.location)};;;")
    _birthday(card, contact.birthday, version)
    if contact.tags:
        card.add("CATEGORIES", ",".join(escape(t) for t in contact.tags))
    if contact.notes:
        card.add("NOTE", escape(contact.notes))
    card.add("REV", contact.updated_at.strftime("%Y%m%dT%H%M%SZ"))
    body = "\r\n".join(fold(line) for line in card.lines)
    return f"BEGIN:VCARD\r\n{body}\r\nEND:VCARD\r\n"


def vcards(contacts: Iterable[ExportContact], version: str = "4.0") -> str:
    return "".join(contact_card(c, version) for c in contacts)
