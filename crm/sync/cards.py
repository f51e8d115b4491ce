"""A contact's synced fields, read from vCard text and applied back onto it losslessly.

Rapport understands only some of a vCard. A card edited elsewhere may hold a photo,
grouped labels (`item1.URL` + `item1.X-ABLabel`), IMPP, RELATED and X- properties. So a
card is never rebuilt from Rapport's fields: the lines Rapport manages are compared with
the fields, the unchanged ones kept verbatim, and only what changed is rewritten.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

import vobject
from vobject.base import ContentLine, textLineToContentLine

# (kind, value, label); kind is email / phone / url / social, as in contact_channels.
ChannelTuple = tuple[str, str, str]

SCALARS = (
    "first_name",
    "last_name",
    "company",
    "title",
    "location",
    "notes",
    "birthday",
    "linkedin_url",
)
SETS = ("channels", "tags")


@dataclass(frozen=True, slots=True)  # slotted as the plan's records are (plan.py)
class CardFields:
    """What Rapport keeps of a vCard; everything else stays in the server's text."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    title: str = ""
    location: str = ""
    notes: str = ""
    birthday: str = ""
    linkedin_url: str = ""
    channels: frozenset[ChannelTuple] = field(default_factory=frozenset)
    tags: frozenset[str] = field(default_factory=frozenset)

    def digest(self) -> str:
        """A hash of the fields, blind to the order of channels and tags."""
        data = asdict(self)
        data["channels"] = sorted((*channel_key(c), c[2]) for c in self.channels)
        data["tags"] = sorted(t.casefold() for t in self.tags)
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def channel_key(channel: ChannelTuple) -> tuple[str, str]:
    """What makes two channels the same: kind and a normalised value."""
    kind, value = channel[0], channel[1].strip()
    if kind == "email":
        return kind, value.casefold()
    if kind == "phone":
        return kind, ("+" if value.startswith("+") else "") + re.sub(r"\D", "", value)
    if kind == "url":
        return kind, value.rstrip("/")
    return kind, value.casefold()


_MANAGED = {"N", "FN", "ORG", "TITLE", "NOTE", "BDAY", "CATEGORIES", "ADR"}
_CHANNEL_PROPS = {"EMAIL": "email", "TEL": "phone", "URL": "url", "X-SOCIALPROFILE": "social"}
_STANDARD_TYPES = {"work", "home", "cell", "fax", "pager", "voice", "text", "video", "main"}
_IGNORED_TYPES = {"internet", "pref", "x400"}


def _plain(text: str) -> str:
    """Line breaks as "\n": a lone CR must not split a content line on the way out."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class _Line:
    """One unfolded content line, kept verbatim, with what vobject decodes of it."""

    raw: str
    line: ContentLine | None

    @property
    def name(self) -> str:
        return self.line.name.upper() if self.line is not None else ""

    @property
    def group(self) -> str:
        return (self.line.group or "").lower() if self.line is not None else ""


def _unfold(text: str) -> list[str]:
    return re.sub(r"\r?\n[ \t]", "", text.replace("\r\n", "\n")).split("\n")


def _decode(raw: str, version: str) -> ContentLine | None:
    """The line's value decoded by vobject (escapes, encodings, charsets), or None."""
    try:
        card = vobject.readOne(f"BEGIN:VCARD\r\nVERSION:{version}\r\n{raw}\r\nEND:VCARD\r\n")
    except Exception:  # an unreadable line is kept verbatim, never lost
        return None
    children = [c for c in card.getChildren() if c.name.upper() != "VERSION"]
    return children[0] if children else None


def _lines(text: str) -> tuple[str, list[_Line]]:
    """The card's version and its content lines between BEGIN and END."""
    out: list[_Line] = []
    version = "3.0"
    for raw in _unfold(text):
        if not raw.strip():
            continue
        try:
            head = textLineToContentLine(raw)
        except Exception:  # see _decode
            out.append(_Line(raw, None))
            continue
        name = head.name.upper()
        if name in ("BEGIN", "END"):
            continue
        if name == "VERSION":
            version = str(head.value).strip() or version
            continue
        managed = name in _MANAGED or name in _CHANNEL_PROPS or name == "X-ABLABEL"
        out.append(_Line(raw, _decode(raw, version) if managed else head))
    return version, out


def _labels(lines: list[_Line]) -> dict[str, str]:
    return {
        ln.group: str(ln.line.value)
        for ln in lines
        if ln.name == "X-ABLABEL" and ln.group and ln.line is not None
    }


def _type_label(line: ContentLine) -> str:
    types = [
        t.lower()
        for value in line.params.get("TYPE", [])
        for t in str(value).split(",")
        if t.lower() not in _IGNORED_TYPES
    ]
    return " ".join("mobile" if t == "cell" else t for t in types)


def _channel(ln: _Line, labels: dict[str, str]) -> ChannelTuple | None:
    if ln.line is None or ln.name not in _CHANNEL_PROPS:
        return None
    value = _plain(str(ln.line.value)).strip()
    if ln.name == "URL":
        # URIs are not text values, so vobject leaves Apple's `https\://` escapes in.
        value = re.sub(r"\\([\\:,;])", r"\1", value)
    if not value:
        return None
    label = labels.get(ln.group, "") if ln.group else ""
    label = label or _type_label(ln.line)
    return _CHANNEL_PROPS[ln.name], value, label.strip()


def _is_linkedin(channel: ChannelTuple) -> bool:
    kind, value, label = channel
    return kind in ("url", "social") and (
        label.casefold() == "linkedin" or "linkedin.com/in/" in value.casefold()
    )


def _text(ln: _Line) -> str:
    value = ln.line.value if ln.line is not None else ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return _plain(str(value)).strip()


def _location(ln: _Line) -> str:
    adr = ln.line.value if ln.line is not None else None
    if adr is None or isinstance(adr, str):
        return _plain(str(adr or "")).strip()
    parts = [adr.street, adr.city, adr.region, adr.code, adr.country]
    flat = [" ".join(p) if isinstance(p, list) else str(p) for p in parts]
    return ", ".join(_plain(p).strip() for p in flat if p and p.strip())


def _birthday(ln: _Line) -> str:
    if ln.line is None:
        return ""
    value = str(ln.line.value).strip()
    if "X-APPLE-OMIT-YEAR" in ln.line.params or value.startswith("1604"):
        digits = re.sub(r"\D", "", value)
        return f"--{digits[4:6]}-{digits[6:8]}" if len(digits) >= 8 else value
    if m := re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(T.*)?", value):
        return f"{m[1]}-{m[2]}-{m[3]}"
    if m := re.fullmatch(r"--(\d{2})-?(\d{2})", value):
        return f"--{m[1]}-{m[2]}"
    return value


def _names(lines: list[_Line]) -> tuple[str, str]:
    for ln in lines:
        if ln.name == "N" and ln.line is not None and not isinstance(ln.line.value, str):
            n = ln.line.value
            given = " ".join(n.given) if isinstance(n.given, list) else n.given
            family = " ".join(n.family) if isinstance(n.family, list) else n.family
            if given.strip() or family.strip():
                return _plain(given).strip(), _plain(family).strip()
    for ln in lines:
        if ln.name == "FN":
            first, _, last = _text(ln).partition(" ")
            return first, last
    return "", ""


def read_card(text: str) -> tuple[str, CardFields]:
    """The card's UID and synced fields."""
    _, lines = _lines(text)
    labels = _labels(lines)
    uid = next((_text(ln) for ln in lines if ln.name == "UID"), "")
    if not uid:
        uid = next(
            (str(textLineToContentLine(ln.raw).value).strip() for ln in lines if ln.name == "UID"),
            "",
        )
    first, last = _names(lines)
    values: dict[str, str] = {"first_name": first, "last_name": last}
    channels: list[ChannelTuple] = []
    linkedin = ""
    tags: list[str] = []
    for ln in lines:
        name = ln.name
        if name == "ORG" and "company" not in values:
            values["company"] = _text(ln)
        elif name == "TITLE" and "title" not in values:
            values["title"] = _text(ln)
        elif name == "NOTE" and "notes" not in values:
            values["notes"] = _plain(str(ln.line.value if ln.line else "")).strip("\n")
        elif name == "BDAY" and "birthday" not in values:
            values["birthday"] = _birthday(ln)
        elif name == "ADR" and "location" not in values:
            values["location"] = _location(ln)
        elif name == "CATEGORIES" and ln.line is not None:
            raw = ln.line.value
            tags.extend(str(t).strip() for t in (raw if isinstance(raw, list) else [raw]))
        elif (channel := _channel(ln, labels)) is not None:
            if not linkedin and _is_linkedin(channel):
                linkedin = channel[1]
            else:
                channels.append(channel)
    return uid, CardFields(
        **values,
        linkedin_url=linkedin,
        channels=frozenset(channels),
        tags=frozenset(t for t in tags if t),
    )
