"""Reading vCard 2.1, 3.0 and 4.0 files card by card with vobject."""

from __future__ import annotations

import re
from typing import Any

from vobject.base import Component, getBehavior

from crm.contacts.channel import Channel
from crm.importing import fields
from crm.importing.fields import LINKEDIN_LABEL
from crm.importing.records import ImportedContact, ReadProblem, ReadResult
from crm.importing.vcard_lines import MAX_VALUE, CardError, RawCard, split_cards
from crm.importing.vcard_values import content_line

_IM_NAMES = {
    "X-AIM": "aim",
    "X-JABBER": "jabber",
    "X-SKYPE": "skype",
    "X-SKYPE-USERNAME": "skype",
    "X-GTALK": "gtalk",
    "X-GOOGLE-TALK": "gtalk",
    "X-YAHOO": "yahoo",
    "X-MSN": "msn",
    "X-ICQ": "icq",
    "X-QQ": "qq",
    "X-TWITTER": "twitter",
    "X-MS-IMADDRESS": "im",
}
# Address book system groups that say nothing about the person.
_NOISE_TAGS = frozenset({"mycontacts", "starred", "starredinandroid"})
_VOBJECT_LINE = re.compile(r"At line (\d+)")


def read_vcards(text: str) -> ReadResult:
    """Every card of `text`; a card that cannot be read is reported and the rest kept."""
    cards, problems = split_cards(text)
    contacts: list[ImportedContact] = []
    for card in cards:
        try:
            contact = read_card(card)
        except CardError as exc:
            problems.append(ReadProblem(exc.line, str(exc)))
            continue
        if contact is None:
            problems.append(ReadProblem(card.line, "the card has no name, email, phone or company"))
        else:
            contacts.append(contact)
    problems.sort(key=lambda p: p.line)
    return ReadResult("vcard", tuple(contacts), tuple(problems))


def read_card(card: RawCard) -> ImportedContact | None:
    """One card as a contact; None when it holds nothing to import, CardError when broken."""
    if card.too_large:
        raise CardError(
            card.too_large, f"a value is larger than {MAX_VALUE // 1024 // 1024} MB (not read)"
        )
    component = Component("VCARD")
    version = None
    try:
        for number, text in card.lines:
            line = content_line(number, text)
            if line.name == "VERSION":
                version = line
            component.add(line)
        if version is not None:
            component.setBehaviorFromVersionLine(version)
        else:
            component.setBehavior(getBehavior("VCARD"))
        component.transformChildrenToNative()
        return _contact(component, card.line)
    except CardError:
        raise
    except Exception as exc:  # vobject raises many types for bad input
        line = getattr(exc, "lineNumber", None) or card.line
        raise CardError(int(line), f"vCard property could not be read ({_reason(exc)})") from exc


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc)[:300].split())
    text = _VOBJECT_LINE.sub("", text).strip(" :")
    return (text[:80] or type(exc).__name__).rstrip(".")


def _text(value: Any, sep: str = " ") -> str:
    """A property value as one string; vobject gives comma-separated parts as lists."""
    if isinstance(value, list):
        return sep.join(t for t in (_text(v, sep) for v in value) if t)
    return value.strip() if isinstance(value, str) else " ".join(str(value or "").split())


def _types(line: Any) -> list[str]:
    types: list[str] = list(line.params.get("TYPE", []))
    types += [s for s in getattr(line, "singletonparams", []) if s.upper() != "QUOTED-PRINTABLE"]
    return types


def _contact(card: Any, start: int) -> ImportedContact | None:
    contents: dict[str, list[Any]] = card.contents
    labels = {
        line.group.lower(): fields.apple_label(_text(line.value))
        for line in contents.get("x-ablabel", [])
        if line.group
    }

    def label(line: Any) -> str:
        if line.group and line.group.lower() in labels:
            return labels[line.group.lower()]
        return fields.label_from_types(_types(line))

    first, last = _names(contents)
    company = ""
    if contents.get("org"):
        org = contents["org"][0].value
        # A comma inside ORG is part of the name ("Company, The"), not a list separator.
        company = _text(org[0] if isinstance(org, list) and org else org, ", ")
    title = _first_text(contents, "title") or _first_text(contents, "role")
    channels: list[Channel] = []
    linkedin = ""
    for line in contents.get("email", []):
        channels.append(Channel("email", _text(line.value), label(line)))
    for line in contents.get("tel", []):
        value = _text(line.value)
        channels.append(
            Channel("phone", value[4:] if value.lower().startswith("tel:") else value, label(line))
        )
    for line in contents.get("url", []) + contents.get("x-socialprofile", []):
        value = _text(line.value)
        if not linkedin and label(line) == LINKEDIN_LABEL:
            linkedin = value  # Rapport's own profile link, as it was stored
        elif fields.linkedin_key(value) and not linkedin:
            linkedin = fields.linkedin_url(value)
        elif line.name.upper() == "URL":
            channels.append(Channel("url", value, label(line)))
        else:
            channels.append(Channel("social", value, label(line)))
    for line in contents.get("impp", []):
        value = _text(line.value)
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        channels.append(Channel("social", value, label(line) or scheme))
    for name, im in _IM_NAMES.items():
        for line in contents.get(name.lower(), []):
            channels.append(Channel("social", _text(line.value), im))
    channels = _unique(channels)
    location, address_notes = _addresses(contents.get("adr", []), label)
    # Notes keep their spacing: the reader gives back what Rapport exported.
    notes = "\n\n".join(
        str(line.value) for line in contents.get("note", []) if str(line.value).strip()
    )
    if address_notes:
        notes = f"{notes}\n\n{address_notes}" if notes else address_notes
    tags: list[str] = []
    for line in contents.get("categories", []):
        # vobject splits the list at unescaped commas; an escaped one belongs to the tag.
        values = line.value if isinstance(line.value, list) else str(line.value).split(",")
        for value in values:
            tag = " ".join(str(value).split())
            if tag and tag.replace(" ", "").lower() not in _NOISE_TAGS and tag not in tags:
                tags.append(tag)
    bday = ""
    if contents.get("bday"):
        bday = fields.birthday(_text(contents["bday"][0].value))
    uid = _first_text(contents, "uid")[:200]
    if not (first or last or company or channels or linkedin):
        return None
    return ImportedContact(
        line=start,
        first_name=first,
        last_name=last,
        title=title,
        company=company,
        location=location,
        linkedin_url=linkedin,
        notes=notes,
        birthday=bday,
        uid=uid,
        channels=tuple(channels),
        tags=tuple(tags),
    )


def _first_text(contents: dict[str, list[Any]], name: str) -> str:
    lines = contents.get(name, [])
    return _text(lines[0].value) if lines else ""


def _names(contents: dict[str, list[Any]]) -> tuple[str, str]:
    first = last = ""
    if contents.get("n"):
        n = contents["n"][0].value
        first, last = _text(getattr(n, "given", "")), _text(getattr(n, "family", ""))
    if not (first or last):
        full = _first_text(contents, "fn")
        if full:
            first, last = fields.split_full_name(full)
    return first, last


def _addresses(lines: list[Any], label: Any) -> tuple[str, str]:
    """The location (city, region, country of the preferred address) and full addresses."""
    if not lines:
        return "", ""
    ranked = sorted(lines, key=lambda line: "pref" not in " ".join(_types(line)).lower())
    location = ""
    notes: list[str] = []
    for line in ranked:
        adr = line.value
        parts = {k: _text(getattr(adr, k, ""), ", ") for k in ("city", "region", "country")}
        parts |= {
            k: _text(getattr(adr, k, ""), ", ").replace("\n", ", ")
            for k in ("street", "code", "box", "extended")
        }
        place = ", ".join(p for p in (parts["city"], parts["region"], parts["country"]) if p)
        if not location:
            location = place
        street = " ".join(p for p in (parts["box"], parts["extended"], parts["street"]) if p)
        if street or parts["code"]:
            full = ", ".join(
                p
                for p in (street, parts["city"], parts["region"], parts["code"], parts["country"])
                if p
            )
            name = label(line)
            notes.append(f"Address ({name}): {full}" if name else f"Address: {full}")
    return location[:200], "\n".join(notes)


def _unique(channels: list[Channel]) -> list[Channel]:
    seen: set[tuple[str, str]] = set()
    kept: list[Channel] = []
    for channel in channels:
        key = (channel.kind, channel.value.casefold())
        if channel.value and key not in seen:
            seen.add(key)
            kept.append(channel)
    return kept
