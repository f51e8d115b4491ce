"""The contact each row of a CSV file describes, read with a column mapping."""

from __future__ import annotations

import re
from collections.abc import Sequence

from crm.contacts.channel import Channel
from crm.importing import fields
from crm.importing.csv_mapping import CHANNEL_FIELDS, Target
from crm.importing.csv_table import Row
from crm.importing.records import ImportedContact, ReadProblem

_MULTI = re.compile(r"\s+:::\s+")  # Google joins several values of one cell this way
_NOISE_TAGS = frozenset({"mycontacts", "starred", "*mycontacts", "*starred"})
# A cell a CSV writer prefixed with ' so that spreadsheets do not run it as a formula.
_NEUTRALISED = frozenset("=+-@")
_EVERY_VALUE = frozenset({"notes", "address", "tags"})  # the other fields keep their first


def split_cell(value: str, field: str) -> list[str]:
    if field != "tags" and " ::: " not in value:
        return [value]
    parts = _MULTI.split(value) if " ::: " in value else [value]
    if field == "tags":
        parts = [p for part in parts for p in re.split(r"[;,]", part)]
    return [p.strip() for p in parts if p.strip()]


class RowReader:
    """Reads rows with one mapping; the mapping is compiled once, since a file has many rows.

    The columns are sorted once by what they hold (a field that keeps its first value, a
    channel, a field that keeps every value), so a row is read with one short loop each.
    """

    def __init__(self, mapping: Sequence[Target | None]) -> None:
        # (column, field): the first value is kept
        self._firsts: list[tuple[int, str]] = []
        # (column, channel kind, fixed label, label column or None)
        self._channels: list[tuple[int, str, str, int | None]] = []
        # (column, field): every value is kept (the first one too, as the field's value)
        self._everys: list[tuple[int, str]] = []
        for index, t in enumerate(mapping):
            if t is None or t.field == "ignore":
                continue
            if kind := CHANNEL_FIELDS.get(t.field, ""):
                self._channels.append((index, kind, t.label[:50], t.label_column))
            elif t.field in _EVERY_VALUE:
                self._everys.append((index, t.field))
            else:
                self._firsts.append((index, t.field))

    def read(self, row: Row) -> ImportedContact | ReadProblem:
        """The contact a row describes, or why it cannot be read."""
        cells = row.values
        width = len(cells)
        one: dict[str, str] = {}  # the first value of each field: all most fields keep
        for index, field in self._firsts:
            if index < width and (cell := cells[index]) and field not in one:
                if cell[0] == "'" and cell[1:2] in _NEUTRALISED:
                    cell = cell[1:]  # written safe for spreadsheets, by Rapport or another app
                if " ::: " not in cell:
                    one[field] = cell
                elif parts := split_cell(cell, field):
                    one[field] = parts[0]
        # (kind, value, label): a Channel is made only for those kept (see _kept_channels)
        channels: list[tuple[str, str, str]] = []
        for index, kind, label, label_column in self._channels:
            if index < width and (cell := cells[index]):
                if cell[0] == "'" and cell[1:2] in _NEUTRALISED:
                    cell = cell[1:]
                if label_column is not None and label_column < width:
                    label = cells[label_column].lstrip("* ").strip().lower()[:50]
                if " ::: " in cell:
                    channels.extend((kind, p, label) for p in split_cell(cell, kind))
                else:
                    channels.append((kind, cell, label))
        every: dict[str, list[str]] = {}  # every value of the fields that keep them all
        for index, field in self._everys:
            if index < width and (cell := cells[index]):
                if cell[0] == "'" and cell[1:2] in _NEUTRALISED:
                    cell = cell[1:]
                parts = split_cell(cell, field)
                if parts and field not in one:
                    one[field] = parts[0]
                every.setdefault(field, []).extend(parts)
        return _contact(row.line, one, every, channels)


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
    one: dict[str, str],
    every: dict[str, list[str]],
    channels: list[tuple[str, str, str]],
) -> ImportedContact | ReadProblem:
    first, last = one.get("first_name", ""), one.get("last_name", "")
    if not (first or last) and "full_name" in one:
        first, last = fields.split_full_name(one["full_name"])
    linkedin, kept = _kept_channels(channels) if channels else ("", ())
    if given_link := one.get("linkedin_url"):
        linkedin = fields.linkedin_url(given_link) or given_link
    company = one.get("company", "")
    if not (first or last or company or linkedin or any(c.kind == "email" for c in kept)):
        return ReadProblem(line, "the row has no name, email, company or LinkedIn link")
    location = one.get("location", "")
    if not location and ("city" in one or "region" in one or "country" in one):
        parts = (one.get("city", ""), one.get("region", ""), one.get("country", ""))
        location = ", ".join(v for v in parts if v)
    notes = "\n".join(every["notes"]) if "notes" in every else ""
    if "address" in every:
        addresses = "\n".join(f"Address: {a}" for a in every["address"] if a)
        notes = f"{notes}\n\n{addresses}" if notes else addresses
    tags = every.get("tags")
    # Positional: a named tuple made with keywords costs twice as much, once per row.
    return ImportedContact(
        line,
        first,
        last,
        one.get("title", ""),
        company,
        location[:200],
        linkedin,
        notes,
        fields.birthday(one["birthday"]) if "birthday" in one else "",
        "",  # uid: a CSV file has none
        kept,
        _tags(tags) if tags else (),
        fields.parse_date(one["connected_on"]) if "connected_on" in one else None,
    )


def _tags(names: list[str]) -> tuple[str, ...]:
    """The tags without repeats and without Google's system groups ("* myContacts")."""
    return tuple(dict.fromkeys(t for t in names if t.replace(" ", "").lower() not in _NOISE_TAGS))
