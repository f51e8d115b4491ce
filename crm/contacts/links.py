"""Addresses a user can open: a channel's value, or emails, phones and links inside text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Deliberately simple: what a person types into a note, not the full RFC grammar.
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", re.UNICODE)
WEB = re.compile(r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
# A phone number: an optional +, then at least seven digits with spaces, dots, dashes or
# brackets between them.
PHONE = re.compile(r"(?<![\w+])\+?\(?\d(?:[\d .()/-]{5,}\d)(?!\w)")
_PHONE_CHARS = re.compile(r"[\d\s.()/+-]+")
_DATE = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}")


@dataclass(frozen=True)
class Link:
    """A piece of text that opens something: where it is in the text and its URL."""

    start: int
    end: int
    text: str
    url: str
    kind: str  # "email", "phone" or "url"


def email_url(value: str) -> str:
    return f"mailto:{value.strip()}"


def phone_url(value: str) -> str:
    digits = re.sub(r"[^\d+]", "", value)
    return f"tel:{digits}"


def web_url(value: str) -> str:
    value = value.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        return value
    return f"https://{value}"


def looks_like_email(value: str) -> bool:
    return EMAIL.fullmatch(value.strip()) is not None


def looks_like_phone(value: str) -> bool:
    value = value.strip()
    digits = sum(ch.isdigit() for ch in value)
    return bool(_PHONE_CHARS.fullmatch(value)) and 5 <= digits <= 15 and "+" not in value[1:]


def channel_url(kind: str, value: str) -> str | None:
    """The URL that opens a channel, or None when its value cannot be opened."""
    value = value.strip()
    if not value:
        return None
    if kind == "email":
        return email_url(value) if looks_like_email(value) else None
    if kind == "phone":
        return phone_url(value) if looks_like_phone(value) else None
    if kind == "url" or (kind == "social" and ("." in value and " " not in value)):
        return web_url(value)
    return None


def find_links(text: str) -> list[Link]:
    """Emails, web links and phone numbers in `text`, in order, none overlapping."""
    found: list[Link] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("url", WEB), ("email", EMAIL), ("phone", PHONE)):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            value = match.group()
            if kind == "phone" and (
                sum(ch.isdigit() for ch in value) < 7 or _DATE.fullmatch(value.strip())
            ):
                continue
            url = {"url": web_url, "email": email_url, "phone": phone_url}[kind](value)
            found.append(Link(start, end, value, url, kind))
            taken.append((start, end))
    return sorted(found, key=lambda link: link.start)
