"""The contact each row of a CSV file describes, read with a column mapping."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from crm.contacts.channel import Channel
from crm.importing import fields
from crm.importing.csv_mapping import CHANNEL_FIELDS, Target
from crm.importing.csv_table import Row
from crm.importing.records import ImportedContact, ReadProblem

_MULTI = re.compile(r"\s+:::\s+")  # Google joins several values of one cell this way
_NOISE_TAGS = frozenset({"mycontacts", "starred", "*mycontacts", "*starred"})
# A cell a CSV writer prefixed with ' so that spreadsheets do not run it as a formula.
_NEUTRALISED = frozenset("=+-@")


def split_cell(value: str, field: str) -> list[str]:
    if field != "tags" and " ::: " not in value:
        return [value]
    parts = _MULTI.split(value) if " ::: " in value else [value]
    if field == "tags":
        parts = [p for part in parts for p in re.split(r"[;,]", part)]
    return [p.strip() for p in parts if p.strip()]


# The fields _contact reads: those keeping their first value, and those keeping every one.
_FIRST_FIELDS = (
    "first_name",
    "last_name",
    "full_name",
    "linkedin_url",
    "company",
    "location",
    "city",
    "region",
    "country",
    "title",
    "birthday",
    "connected_on",
)
_EVERY_FIELDS = ("notes", "address", "tags")
_UNQUOTE = """\
        if c[0] == "'" and c[1:2] in NEUTRALISED:
            c = c[1:]  # written safe for spreadsheets, by Rapport or another app"""


class RowReader:
    """Reads rows with one mapping, compiled once into a function, since a file has many
    rows (as rows.row_maker compiles a table's rows).

    The function holds one step per column, in the order of the columns: a field keeps the
    first value its columns give, a channel column adds a channel, a notes, address or
    tags column adds every value. Written out for the mapping, a row takes about 30 % less
    time than a loop over the columns that looked each one's kind up (measured on 10,000
    LinkedIn rows: 80 against 110 ms). Field names, kinds and labels enter the source as
    literals only (repr), never as names.
    """

    def __init__(self, mapping: Sequence[Target | None]) -> None:
        firsts: dict[str, list[int]] = {f: [] for f in _FIRST_FIELDS}
        everys: dict[str, list[int]] = {f: [] for f in _EVERY_FIELDS}
        channel_steps: list[str] = []
        for index, t in enumerate(mapping):
            if t is None or t.field == "ignore":
                continue
            if kind := CHANNEL_FIELDS.get(t.field, ""):
                channel_steps.append(_channel_step(index, kind, t.label[:50], t.label_column))
            elif t.field in everys:
                everys[t.field].append(index)
            elif t.field in firsts:
                firsts[t.field].append(index)
        lines = ["def read(row):", "    line, cells = row", "    width = len(cells)"]
        for number, field in enumerate(_FIRST_FIELDS):
            lines.append(f"    f{number} = ''")
            for index in firsts[field]:
                lines += [
                    f"    if not f{number} and {index} < width and (c := cells[{index}]):",
                    _UNQUOTE,
                    "        if ' ::: ' not in c:",
                    f"            f{number} = c",
                    f"        elif parts := split_cell(c, {field!r}):",
                    f"            f{number} = parts[0]",
                ]
        lines.append("    channels = []")
        lines += channel_steps
        for number, field in enumerate(_EVERY_FIELDS):
            lines.append(f"    e{number} = None")
            for index in everys[field]:
                lines += [
                    f"    if {index} < width and (c := cells[{index}]):",
                    _UNQUOTE,
                    f"        parts = split_cell(c, {field!r})",
                    f"        e{number} = parts if e{number} is None else e{number} + parts",
                ]
        values = [f"f{n}" for n in range(len(_FIRST_FIELDS))]
        values += [f"e{n}" for n in range(len(_EVERY_FIELDS))]
        lines.append(f"    return contact(line, {', '.join(values)}, channels)")
        scope: dict[str, Any] = {
            "split_cell": split_cell,
            "NEUTRALISED": _NEUTRALISED,
            "contact": _contact,
        }
        exec("\n".join(lines), scope)
        self.read: Callable[[Row], ImportedContact | ReadProblem] = scope["read"]


def _channel_step(index: int, kind: str, label: str, label_column: int | None) -> str:
    """The source that adds the channel (kind, value, label) of column `index`."""
    lines = [f"    if {index} < width and (c := cells[{index}]):", _UNQUOTE]
    lines.append(f"        label = {label!r}")
    if label_column is not None:
        lines += [
            f"        if {int(label_column)} < width:",
            f"            label = cells[{int(label_column)}].lstrip('* ').strip().lower()[:50]",
        ]
    lines += [
        "        if ' ::: ' in c:",
        f"            channels.extend(({kind!r}, p, label) for p in split_cell(c, {kind!r}))",
        "        else:",
        f"            channels.append(({kind!r}, c, label))",
    ]
    return "\n".join(lines)


def _kept_channels(channels: list[tuple[str, str, str]]) -> tuple[str, tuple[Channel, ...]]:
    """(the first LinkedIn link among the web links, the other channels without repeats)."""
    linkedin = ""
    kept: list[Channel] = []
    seen: set[tuple[str, str]] = set()
    for kind, value, label in channels:
        if kind == "url" and not linkedin and (link := fields.linkedin_url(value)):
            linkedin = link
            continue
        if kept:  # only a second channel can repeat one (most rows have one email)
            if not seen:
                seen = {(c.kind, c.value.casefold()) for c in kept}
            key = (kind, value.casefold())
            if key in seen:
                continue
            seen.add(key)
        kept.append(Channel(kind, value, label))
    return linkedin, tuple(kept)


def _contact(
    line: int,
    first: str,
    last: str,
    full_name: str,
    given_link: str,
    company: str,
    location: str,
    city: str,
    region: str,
    country: str,
    title: str,
    birthday: str,
    connected_on: str,
    notes: list[str] | None,
    addresses: list[str] | None,
    tags: list[str] | None,
    channels: list[tuple[str, str, str]],
) -> ImportedContact | ReadProblem:
    """The contact of a row: the first value of each field ("" for none), every value of
    the notes, address and tags (None when no column of theirs had one), the channels."""
    if not (first or last) and full_name:
        first, last = fields.split_full_name(full_name)
    linkedin, kept = _kept_channels(channels) if channels else ("", ())
    if given_link:
        linkedin = fields.linkedin_url(given_link) or given_link
    if not (first or last or company or linkedin or any(c.kind == "email" for c in kept)):
        return ReadProblem(line, "the row has no name, email, company or LinkedIn link")
    if not location and (city or region or country):
        location = ", ".join(v for v in (city, region, country) if v)
    text = "\n".join(notes) if notes is not None else ""
    if addresses is not None:
        written = "\n".join(f"Address: {a}" for a in addresses if a)
        text = f"{text}\n\n{written}" if text else written
    # Positional: a named tuple made with keywords costs twice as much, once per row.
    return ImportedContact(
        line,
        first,
        last,
        title,
        company,
        location[:200],
        linkedin,
        text,
        fields.birthday(birthday) if birthday else "",
        "",  # uid: a CSV file has none
        kept,
        _tags(tags) if tags else (),
        fields.parse_date(connected_on) if connected_on else None,
    )


def _tags(names: list[str]) -> tuple[str, ...]:
    """The tags without repeats and without Google's system groups ("* myContacts")."""
    return tuple(dict.fromkeys(t for t in names if t.replace(" ", "").lower() not in _NOISE_TAGS))
