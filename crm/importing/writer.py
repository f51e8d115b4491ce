"""The rows an import writes, built as tuples in the order of their tables' columns.

A writer hands out the new ids, finds or adds the companies and tags the file names (once
per distinct text), and collects the rows of each table until they are inserted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from crm.importing.rows import (
    CHANNEL,
    COMPANY,
    CONTACT_TAG,
    INTERACTION,
    TABLES,
    TAG,
    Row,
    Values,
    next_id,
)
from crm.store.stored_time import stored_datetime
from crm.store.uids import new_uids

CHUNK = 250  # rows between progress reports (and chances to cancel); UIDs made at a time


def _fresh_uids() -> Iterator[str]:
    """Random UIDs for new contacts, made a chunk at a time (faster than one by one)."""
    while True:
        yield from new_uids(CHUNK)


@dataclass
class Writer:
    conn: sqlite3.Connection
    now: datetime
    fmt: str
    # Rows as tuples in the order of COLUMNS: those of this chunk, and those already written
    rows: dict[str, list[Values]] = field(default_factory=lambda: {t: [] for t in TABLES})
    done: dict[str, list[Values]] = field(default_factory=lambda: {t: [] for t in TABLES})
    updates: list[tuple[int, Row, Row]] = field(default_factory=list)
    companies: dict[str, int] = field(default_factory=dict)
    company_names: dict[int, str] = field(default_factory=dict)  # as stored, by id
    tags: dict[str, int] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    uids: set[str] = field(default_factory=set)
    stamp: str = ""  # `now` as stored, formatted once
    # Memos by the text as read: a file names the same companies, tags and dates many times.
    company_texts: dict[str, int | None] = field(default_factory=dict)
    tag_texts: dict[str, int | None] = field(default_factory=dict)
    stamps: dict[date, str] = field(default_factory=dict)
    fresh_uids: Iterator[str] = field(default_factory=_fresh_uids)
    # The contacts' columns the search index is made from (None: all of them), and the
    # existing contacts whose indexed text this import changed (see search_index).
    indexed: frozenset[str] | None = None
    reindexed: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.stamp = stored_datetime(self.now)

    def load(self) -> None:
        for cid, name in self.conn.execute("SELECT id, name FROM companies"):
            self.companies[name.casefold()] = cid
            self.company_names[cid] = name
        for tid, name in self.conn.execute("SELECT id, name FROM tags"):
            self.tags[name.casefold()] = tid
        for table in ("companies", "tags", "contacts", "contact_channels", "interactions"):
            self.ids[table] = next_id(self.conn, table)

    def new_id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def company_id(self, text: str) -> int | None:
        if text not in self.company_texts:
            self.company_texts[text] = self._company_id(text)
        return self.company_texts[text]

    def _company_id(self, name: str) -> int | None:
        name = " ".join(name.split())
        if not name:
            return None
        key = name.casefold()
        if key not in self.companies:
            cid = self.new_id("companies")
            stamp = self.stamp
            self.rows["companies"].append(COMPANY(cid, name, stamp, stamp))
            self.companies[key] = cid
            self.company_names[cid] = name
        return self.companies[key]

    def tag_id(self, text: str) -> int | None:
        if text not in self.tag_texts:
            self.tag_texts[text] = self._tag_id(text)
        return self.tag_texts[text]

    def _tag_id(self, name: str) -> int | None:
        name = " ".join(name.split())[:100]
        if not name:
            return None
        key = name.casefold()
        if key not in self.tags:
            tid = self.new_id("tags")
            self.rows["tags"].append(TAG(tid, name))
            self.tags[key] = tid
        return self.tags[key]

    def channel(self, contact_id: int, kind: str, label: str, value: str, position: int) -> None:
        self.rows["contact_channels"].append(
            CHANNEL(self.new_id("contact_channels"), contact_id, kind, label, value, position)
        )

    def connected_stamp(self, day: date) -> str:
        """When a LinkedIn connection was made, as stored: noon of that day.

        Noon UTC shows the same calendar day in every time zone from UTC-11 to UTC+11.
        """
        if day not in self.stamps:
            self.stamps[day] = stored_datetime(datetime.combine(day, time(12)))
        return self.stamps[day]

    def interaction(self, contact_id: int, stamp: str, summary: str, body: str = "") -> None:
        self.rows["interactions"].append(
            INTERACTION(self.new_id("interactions"), contact_id, "import", stamp, summary, body)
        )

    def link_tags(self, contact_id: int, names: list[str], existing: set[int]) -> None:
        for name in names:
            tid = self.tag_id(name)
            if tid is not None and tid not in existing:
                existing.add(tid)
                self.rows["contact_tags"].append(CONTACT_TAG(contact_id, tid))
