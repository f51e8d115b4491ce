"""The row reader compiled for a mapping reads every row as the general loop over the
columns did (kept here as it was), whatever the mapping and the cells."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crm.importing import fields
from crm.importing.csv_contacts import (
    _NEUTRALISED,
    RowReader,
    _kept_channels,
    _tags,
    split_cell,
)
from crm.importing.csv_mapping import CHANNEL_FIELDS, FIELDS, Target
from crm.importing.csv_table import Row
from crm.importing.records import ImportedContact, ReadProblem

_EVERY_VALUE = frozenset({"notes", "address", "tags"})


def general_read(mapping: Sequence[Target | None], row: Row) -> ImportedContact | ReadProblem:
    """RowReader.read before it was compiled: one loop over the columns of each kind."""
    firsts, channels_of, everys = [], [], []
    for index, t in enumerate(mapping):
        if t is None or t.field == "ignore":
            continue
        if kind := CHANNEL_FIELDS.get(t.field, ""):
            channels_of.append((index, kind, t.label[:50], t.label_column))
        elif t.field in _EVERY_VALUE:
            everys.append((index, t.field))
        else:
            firsts.append((index, t.field))
    cells = row.values
    width = len(cells)
    one: dict[str, str] = {}
    for index, field in firsts:
        if index < width and (cell := cells[index]) and field not in one:
            if cell[0] == "'" and cell[1:2] in _NEUTRALISED:
                cell = cell[1:]
            if " ::: " not in cell:
                one[field] = cell
            elif parts := split_cell(cell, field):
                one[field] = parts[0]
    channels: list[tuple[str, str, str]] = []
    for index, kind, label, label_column in channels_of:
        if index < width and (cell := cells[index]):
            if cell[0] == "'" and cell[1:2] in _NEUTRALISED:
                cell = cell[1:]
            if label_column is not None and label_column < width:
                label = cells[label_column].lstrip("* ").strip().lower()[:50]
            if " ::: " in cell:
                channels.extend((kind, p, label) for p in split_cell(cell, kind))
            else:
                channels.append((kind, cell, label))
    every: dict[str, list[str]] = {}
    for index, field in everys:
        if index < width and (cell := cells[index]):
            if cell[0] == "'" and cell[1:2] in _NEUTRALISED:
                cell = cell[1:]
            parts = split_cell(cell, field)
            if parts and field not in one:
                one[field] = parts[0]
            every.setdefault(field, []).extend(parts)
    return general_contact(row.line, one, every, channels)


def general_contact(
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
        "",
        kept,
        _tags(tags) if tags else (),
        fields.parse_date(one["connected_on"]) if "connected_on" in one else None,
    )


TARGETS = st.none() | st.builds(
    Target,
    st.sampled_from([*FIELDS, "unknown"]),
    st.sampled_from(["", "work", "Home ", "x" * 60, "'quote\"", "\\"]),
    st.none() | st.integers(0, 7),
)
PIECES = [
    "Anna",
    "lee",
    "'=1+1",
    "'-",
    "'",
    "a ::: b",
    " ::: ",
    "x ::: ",
    ";",
    "a;b,c",
    "* myContacts ::: Friends",
    "anna@example.com",
    "https://www.linkedin.com/in/anna-lee",
    "linkedin.com/in/Anna",
    "12 Mar 2024",
    "1990-02-03",
    "Zürich",
    "",
]
CELLS = st.lists(st.sampled_from(PIECES), max_size=3).map(lambda p: "".join(p).strip())


@settings(max_examples=500, deadline=None)
@given(
    st.lists(TARGETS, min_size=1, max_size=8),
    st.lists(st.lists(CELLS, max_size=9).map(tuple), min_size=1, max_size=4),
)
@example(
    [Target("first_name"), Target("first_name"), Target("email", "home", 3), Target("notes")],
    [("", "Anna", "a@b.c ::: c@d.e", " Work*", "x ::: y")],
)
def test_the_compiled_reader_reads_rows_as_the_general_loop(
    mapping: list[Target | None], rows: list[tuple[str, ...]]
) -> None:
    reader = RowReader(mapping)
    for line, cells in enumerate(rows, 2):
        row = Row(line, cells)
        assert reader.read(row) == general_read(mapping, row)
