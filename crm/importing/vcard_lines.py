"""Splitting vCard text into cards and cleaning each card's lines before vobject reads it.

vobject stops a whole file at the first card it cannot parse, and several real exporters
write lines it rejects (quoted-printable soft line breaks, unindented base64 photos,
RFC 2425 PROFILE/NAME/SOURCE). So cards are split here, lines are unfolded and decoded
here, and only the properties Rapport uses are handed to vobject, one card at a time.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass

from crm.importing.records import ReadProblem

# Properties Rapport reads; everything else (photos, keys, sounds, vendor data) is dropped.
KEPT = frozenset(
    {
        "VERSION",
        "N",
        "FN",
        "ORG",
        "TITLE",
        "ROLE",
        "EMAIL",
        "TEL",
        "URL",
        "ADR",
        "IMPP",
        "NOTE",
        "CATEGORIES",
        "BDAY",
        "UID",
        "X-ABLABEL",
        "X-SOCIALPROFILE",
        "X-AIM",
        "X-JABBER",
        "X-SKYPE",
        "X-SKYPE-USERNAME",
        "X-GTALK",
        "X-GOOGLE-TALK",
        "X-YAHOO",
        "X-MSN",
        "X-ICQ",
        "X-QQ",
        "X-TWITTER",
        "X-MS-IMADDRESS",
    }
)
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_NAME = re.compile(r"^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)$")


@dataclass(frozen=True)
class RawCard:
    line: int  # of BEGIN:VCARD
    lines: tuple[tuple[int, str], ...]  # physical lines inside the card, numbered


@dataclass(frozen=True)
class Property:
    line: int
    group: str
    name: str  # upper case
    params: tuple[tuple[str, str], ...]  # (NAME, value); a bare 2.1 parameter has NAME ""
    value: str  # as written (still escaped), quoted-printable already decoded


def normalise_newlines(text: str) -> list[str]:
    # iPhone exports end lines with CR CR LF; old Macs with CR alone.
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def split_cards(text: str) -> tuple[list[RawCard], list[ReadProblem]]:
    """Cards in the text (BEGIN..END), and problems for unfinished cards and stray text."""
    cards: list[RawCard] = []
    problems: list[ReadProblem] = []
    start = 0
    body: list[tuple[int, str]] = []
    stray_reported = False
    for number, line in enumerate(normalise_newlines(text), start=1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if start:
                problems.append(ReadProblem(start, "the card has no END:VCARD (it is cut short)"))
            start, body = number, []
        elif upper == "END:VCARD" and start:
            cards.append(RawCard(start, tuple(body)))
            start, body = 0, []
        elif start:
            body.append((number, line))
        elif upper and not stray_reported:
            problems.append(ReadProblem(number, "text outside any BEGIN:VCARD … END:VCARD"))
            stray_reported = True
    if start:
        problems.append(ReadProblem(start, "the card has no END:VCARD (the file is cut short)"))
    return cards, problems


class CardError(ValueError):
    """A card line that cannot be read; carries the line number."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def card_properties(card: RawCard) -> list[Property]:
    """The card's properties, unfolded and decoded; CardError on a line that is no property."""
    logical = _unfold(card.lines)
    props: list[Property] = []
    for number, text in logical:
        prop = parse_line(number, text)
        if prop is not None and prop.name in KEPT:
            props.append(prop)
    return props


def _unfold(lines: tuple[tuple[int, str], ...]) -> list[tuple[int, str]]:
    logical: list[tuple[int, str]] = []
    in_base64 = closed = False
    for number, line in lines:
        if not line.strip():
            # 2.1 ends a base64 value, and sometimes a quoted-printable one, with a blank line.
            in_base64, closed = False, True
            continue
        if line[0] in " \t" and logical:
            n, previous = logical[-1]
            logical[-1] = (n, previous + line[1:])
            continue
        if in_base64 and _BASE64_LINE.match(line.strip()):
            continue  # an unindented 2.1 photo continues: dropped with its property
        if logical and not closed and _soft_break(logical[-1][1]):
            n, previous = logical[-1]
            logical[-1] = (n, previous + "\n" + line)
            continue
        head = line.split(":", 1)[0].upper()
        in_base64 = "BASE64" in head or "ENCODING=B" in head
        closed = False
        logical.append((number, line))
    return logical


def _soft_break(text: str) -> bool:
    """A quoted-printable value ending in '=' continues on the next line."""
    head, _, value = text.partition(":")
    return "QUOTED-PRINTABLE" in head.upper() and value.endswith("=")


def parse_line(number: int, text: str) -> Property | None:
    """One logical line as a Property (None for a property name we cannot use)."""
    head, value = _split_head(number, text)
    parts = _split_params(head)
    match = _NAME.match(parts[0].strip())
    if not match:
        raise CardError(number, f"“{_short(text)}” is not a vCard property")
    group, name = match.group(1) or "", match.group(2).upper()
    params: list[tuple[str, str]] = []
    for part in parts[1:]:
        key, eq, val = part.partition("=")
        if eq:
            params.append((key.strip().upper(), val.strip()))
        elif part.strip():
            params.append(("", part.strip()))
    encoding = {v.upper() for k, v in params if k in ("ENCODING", "")}
    if "QUOTED-PRINTABLE" in encoding:
        charset = next((v for k, v in params if k == "CHARSET"), "utf-8")
        value = _decode_qp(number, value, charset, structured=name in ("N", "ADR", "ORG"))
        params = [(k, v) for k, v in params if v.upper() != "QUOTED-PRINTABLE"]
    params = [(k, v) for k, v in params if k not in ("CHARSET", "ENCODING")]
    return Property(number, group, name, tuple(params), value)


def _split_head(number: int, text: str) -> tuple[str, str]:
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return text[:i], text[i + 1 :]
    # An unbalanced quote in a parameter: fall back to the first colon.
    if ":" in text:
        head, _, value = text.partition(":")
        return head, value
    raise CardError(number, f"“{_short(text)}” is not a vCard property (no colon)")


def _split_params(head: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in head:
        if ch == '"':
            quoted = not quoted
            continue
        if ch == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _decode_qp(number: int, value: str, charset: str, *, structured: bool) -> str:
    raw = quopri.decodestring(value.replace("=\n", "").encode("latin-1", "replace"))
    text = _decode_charset(raw, charset)
    # vobject reads the value as vCard 3.0 text, so escape what 2.1 leaves bare.
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", "\\n")
    if not structured:
        text = text.replace(";", "\\;").replace(",", "\\,")
    return text


def _decode_charset(raw: bytes, charset: str) -> str:
    try:
        return raw.decode(charset)
    except (LookupError, ValueError):  # unknown charset, bad bytes, or a NUL in its name
        pass
    # A stray byte in otherwise good UTF-8 becomes one replacement character; text that is
    # not UTF-8 at all was most likely written by a Windows program.
    text = raw.decode("utf-8", "replace")
    if any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text):
        return text
    return raw.decode("cp1252", "replace")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"
