"""Cutting vCard text into cards of logical lines, in one linear pass, before vobject reads them.

vobject parses each line (name, group, parameters, escaped value) and makes the typed values,
but three things are done here first, and only these:
- cards are cut apart, so one broken card is reported and the others are still read (vobject
  stops a whole file at the first card it cannot parse);
- folded lines are joined (RFC 6350 folding, vCard 2.1 quoted-printable soft line breaks and
  unindented base64 photos), in time linear in the text: vobject's own quoted-printable aware
  unfolder copies the whole line so far for each physical line, which is quadratic;
- properties Rapport does not read (photos, keys, vendor data) are dropped while they are
  joined, and a value over MAX_VALUE marks its card as too large, so a huge value never
  reaches vobject (whose parser needs about 150 bytes of memory per byte of value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crm.importing.records import ReadProblem

# Like csv.field_size_limit on the CSV path: a longer value is no contact's data.
MAX_VALUE = 1024 * 1024
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
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
# The property name at the start of a line (after an optional group), as vobject reads it.
_NAME = re.compile(r"(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)[ \t]*[;:]")
_NEWLINES = re.compile(r"\r\r\n|\r\n|\r")
_UNFINISHED = "the card has no END:VCARD"


@dataclass(frozen=True)
class RawCard:
    line: int  # of BEGIN:VCARD
    lines: tuple[tuple[int, str], ...]  # logical lines Rapport reads, numbered by their start
    too_large: int = 0  # the line of a value over MAX_VALUE, or 0


class _Line:
    """A logical line being joined: its parts, so joining stays linear."""

    __slots__ = ("base64", "kept", "number", "open", "parts", "qp", "size")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.parts = [text]
        self.size = len(text)
        match = _NAME.match(text)
        # A line that is no property is kept, so that vobject reports it.
        self.kept = match is None or match[1].upper().replace("_", "-") in KEPT
        head = text.split(":", 1)[0].upper()
        self.qp = "QUOTED-PRINTABLE" in head
        self.base64 = "BASE64" in head or "ENCODING=B" in head
        self.open = self.qp and text.endswith("=")

    def add(self, text: str) -> None:
        self.open = self.qp and text.endswith("=")
        if self.kept and self.size <= MAX_VALUE:
            self.parts.append(text)
            self.size += len(text)

    def soft_break(self) -> bool:
        """A quoted-printable value ending in '=' continues on the next line."""
        return self.open

    def drop_soft_break(self) -> None:
        if self.parts[-1].endswith("="):  # not so when the value was too large to keep
            self.parts[-1] = self.parts[-1][:-1]
            self.size -= 1


class _Card:
    def __init__(self, number: int) -> None:
        self.number = number
        self.lines: list[tuple[int, str]] = []
        self.too_large = 0
        self.current: _Line | None = None
        self.closed = False  # a blank line ended the previous value

    def feed(self, number: int, line: str) -> None:
        current = self.current
        if not line.strip():
            # 2.1 ends a base64 value, and sometimes a quoted-printable one, with a blank line.
            self.closed = True
            if current is not None:
                current.base64 = False
            return
        if current is not None:
            if line[0] in " \t":
                current.add(line[1:])
                return
            if current.base64 and _BASE64_LINE.fullmatch(line.strip()):
                return  # an unindented 2.1 photo continues: dropped with its property
            if not self.closed and current.soft_break():
                current.drop_soft_break()
                current.add(line)
                return
            self.finish_line()
        self.closed = False
        self.current = _Line(number, line)

    def finish_line(self) -> None:
        current, self.current = self.current, None
        if current is None or not current.kept:
            return
        if current.size > MAX_VALUE:
            self.too_large = self.too_large or current.number
        else:
            self.lines.append((current.number, "".join(current.parts)))

    def done(self) -> RawCard:
        self.finish_line()
        return RawCard(self.number, tuple(self.lines), self.too_large)


def split_cards(text: str) -> tuple[list[RawCard], list[ReadProblem]]:
    """Cards in the text (BEGIN..END), and problems for unfinished cards and stray text."""
    cards: list[RawCard] = []
    problems: list[ReadProblem] = []
    card: _Card | None = None
    stray_reported = False
    # iPhone exports end lines with CR CR LF; old Macs with CR alone.
    for number, line in enumerate(_NEWLINES.sub("\n", text).split("\n"), start=1):
        upper = line.strip().upper() if len(line) < 64 else ""
        if upper == "BEGIN:VCARD":
            if card is not None:
                problems.append(ReadProblem(card.number, f"{_UNFINISHED} (it is cut short)"))
            card = _Card(number)
        elif upper == "END:VCARD" and card is not None:
            cards.append(card.done())
            card = None
        elif card is not None:
            card.feed(number, line)
        elif line.strip() and not stray_reported:
            problems.append(ReadProblem(number, "text outside any BEGIN:VCARD … END:VCARD"))
            stray_reported = True
    if card is not None:
        problems.append(ReadProblem(card.number, f"{_UNFINISHED} (the file is cut short)"))
    return cards, problems


class CardError(ValueError):
    """A card that cannot be read; carries the line number."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def short(text: str) -> str:
    text = " ".join(text[:200].split())
    return text if len(text) <= 40 else text[:39] + "…"
