"""Carrying out an import plan in one transaction, and the record that undoes it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, partial
from operator import itemgetter
from typing import Any

from crm.contacts.columns import PROFILE_COLUMNS
from crm.errors import ImportCancelled
from crm.importing.existing import LINKEDIN_SUMMARY
from crm.importing.keys import email_key
from crm.importing.plan import Action, ImportPlan, PlanItem
from crm.importing.records import FORMAT_NAMES, ImportedContact
from crm.importing.rows import (
    CHANNEL,
    COLUMNS,
    CONTACT,
    CONTACT_TAG,
    INTERACTION,
    TABLES,
    Row,
    Values,
    insert_batch,
    update_contacts,
)
from crm.importing.writer import CHUNK, Writer
from crm.store.db import Database, write_transaction
from crm.store.gc_paused import collection_paused
from crm.store.id_lists import chunks, placeholders
from crm.store.search_index import IndexSource, indexed_columns, search_index_suspended

# Called with (done, total); returning False cancels the import (rolled back).
Progress = Callable[[int, int], bool]
IMPORT_CACHE_KIB = 64 * 1024


@dataclass(frozen=True)
class ImportOutcome:
    """Every row an import wrote and every value it replaced: enough to undo and redo it."""

    values: dict[str, tuple[Values, ...]]  # the rows written, by table (see COLUMNS)
    updates: tuple[tuple[int, Row, Row], ...]  # (contact id, values before, values after)
    added: int
    merged: int
    skipped: int
    job_changes: int
    tag: str

    @cached_property
    def rows(self) -> dict[str, tuple[Row, ...]]:
        """The rows written as {column: value}, by table (made on first use)."""
        return {
            table: tuple(dict(zip(COLUMNS[table], v, strict=True)) for v in values)
            for table, values in self.values.items()
        }

    @property
    def contact_ids(self) -> frozenset[int]:
        return frozenset(v[0] for v in self.values.get("contacts", ())) | frozenset(
            u[0] for u in self.updates
        )


def source_tag(fmt: str, day: datetime) -> str:
    """The tag every imported contact gets: "LinkedIn 2026-03-10"."""
    return f"{FORMAT_NAMES.get(fmt, fmt)} {day.date().isoformat()}"


def _adder(w: Writer, stage_id: int, tag: str) -> Callable[[ImportedContact, float], None]:
    """A function writing the rows of one new contact into `w` at a stage position.

    It runs once per new contact (thousands): the writer's lists, counters and memos are
    looked up once here, and each contact's fields are unpacked in one step.
    """
    ids, rows, stamp, uids, fresh_uids = w.ids, w.rows, w.stamp, w.uids, w.fresh_uids
    contacts, channels = rows["contacts"], rows["contact_channels"]
    contact_tags, interactions = rows["contact_tags"], rows["interactions"]
    company_ids, stamps = w.company_texts, w.stamps
    source = "LinkedIn" if w.fmt == "linkedin" else ""

    def add(contact: ImportedContact, position: float) -> None:
        (_line, first, last, title, company, location, link, notes, birthday, uid) = contact[:10]
        cid = ids["contacts"]
        ids["contacts"] = cid + 1
        if uid and uid not in uids:
            uids.add(uid)
        else:
            uid = next(fresh_uids)  # random: cannot meet an existing one
        company_id = company_ids[company] if company in company_ids else w.company_id(company)
        contacts.append(
            CONTACT(
                cid,
                uid,
                first,
                last,
                title,
                company_id,
                location,
                link,
                source,
                stage_id,
                position,
                stamp,
                birthday,
                notes,
                stamp,
                stamp,
            )
        )
        if contact.channels:
            channel_id = ids["contact_channels"]
            for position_in_list, ch in enumerate(contact.channels):
                channels.append(
                    CHANNEL(channel_id, cid, ch.kind, ch.label, ch.value, position_in_list)
                )
                channel_id += 1
            ids["contact_channels"] = channel_id
        if contact.tags:
            w.link_tags(cid, [tag, *contact.tags], set())
        elif (tag_id := w.tag_id(tag)) is not None:  # the import's own tag alone (most rows)
            contact_tags.append(CONTACT_TAG(cid, tag_id))
        if day := contact.connected_on:
            when = stamps[day] if day in stamps else w.connected_stamp(day)
            entry = ids["interactions"]
            ids["interactions"] = entry + 1
            interactions.append(INTERACTION(entry, cid, "import", when, LINKEDIN_SUMMARY, ""))

    return add


_MERGE_COLUMNS = (*PROFILE_COLUMNS, "birthday", "notes", "updated_at")


def _merge(w: Writer, item: PlanItem, current: Row, state: dict[str, Any], tag: str) -> None:
    """Fill the gaps of the existing contact; a LinkedIn job change replaces the job."""
    c = item.contact
    cid = current["id"]
    after: Row = {}

    def fill(column: str, value: Any) -> None:
        if value and not current[column]:
            after[column] = value

    fill("first_name", c.first_name)
    fill("last_name", c.last_name)
    fill("title", c.title)
    fill("company_id", w.company_id(c.company) if c.company else None)
    fill("location", c.location)
    fill("linkedin_url", c.linkedin_url)
    fill("birthday", c.birthday)
    if c.notes and c.notes not in current["notes"]:
        after["notes"] = f"{current['notes']}\n\n{c.notes}" if current["notes"] else c.notes
    if item.job_change is not None:
        after["title"] = c.title or current["title"]
        after["company_id"] = w.company_id(c.company) if c.company else current["company_id"]
        w.interaction(cid, w.stamp, item.job_change.describe())
    if after:
        after["updated_at"] = w.stamp
        before = {k: current[k] for k in after}
        w.updates.append((cid, before, after))
        current.update(after)
        if w.indexed is None or not w.indexed.isdisjoint(after):
            w.reindexed.add(cid)
    channels: set[tuple[str, str]] = state["channels"]
    for ch in c.channels:
        key = (ch.kind, email_key(ch.value) or ch.value.casefold())
        if key not in channels:
            channels.add(key)
            w.channel(cid, ch.kind, ch.label, ch.value, state["position"])
            state["position"] += 1
            w.reindexed.add(cid)  # its channels are indexed
    w.link_tags(cid, [tag, *c.tags], state["tags"])
    if c.connected_on and not state["linkedin_logged"]:
        state["linkedin_logged"] = True
        w.interaction(cid, w.connected_stamp(c.connected_on), LINKEDIN_SUMMARY)


def _merge_state(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[Row, dict[str, Any]]]:
    """Current values, channels, tags and LinkedIn entry of the contacts merged into."""
    found: dict[int, tuple[Row, dict[str, Any]]] = {}
    for chunk in chunks(ids):
        marks = placeholders(len(chunk))
        cols = ", ".join(("id", *_MERGE_COLUMNS))
        for values in conn.execute(f"SELECT {cols} FROM contacts WHERE id IN ({marks})", chunk):
            row = dict(zip(("id", *_MERGE_COLUMNS), values, strict=True))
            found[row["id"]] = (
                row,
                {"channels": set(), "tags": set(), "position": 0, "linkedin_logged": False},
            )
        for cid, kind, value, position in conn.execute(
            f"SELECT contact_id, kind, value, position FROM contact_channels "
            f"WHERE contact_id IN ({marks})",
            chunk,
        ):
            state = found[cid][1]
            state["channels"].add((kind, email_key(value) or value.casefold()))
            state["position"] = max(state["position"], position + 1)
        for cid, tid in conn.execute(
            f"SELECT contact_id, tag_id FROM contact_tags WHERE contact_id IN ({marks})", chunk
        ):
            found[cid][1]["tags"].add(tid)
        for (cid,) in conn.execute(
            f"SELECT DISTINCT contact_id FROM interactions WHERE summary = ? "
            f"AND contact_id IN ({marks})",
            [LINKEDIN_SUMMARY, *chunk],
        ):
            found[cid][1]["linkedin_logged"] = True
    return found


def apply_plan(
    db: Database, plan: ImportPlan, stage_id: int, progress: Progress | None = None
) -> ImportOutcome:
    """Write the plan in one transaction; ImportCancelled (nothing written) on cancel."""
    # A big page cache and no checkpoint at commit: see Database.bulk_connection.
    with (
        db.bulk_connection(IMPORT_CACHE_KIB) as conn,
        collection_paused(),
        write_transaction(conn),
    ):
        outcome = _write(conn, db.now(), plan, stage_id, progress)
    return outcome


def _write(
    conn: sqlite3.Connection,
    now: datetime,
    plan: ImportPlan,
    stage_id: int,
    progress: Progress | None,
) -> ImportOutcome:
    if conn.execute("SELECT 1 FROM stages WHERE id = ?", (stage_id,)).fetchone() is None:
        raise LookupError("The chosen pipeline stage no longer exists.")
    w = Writer(conn, now, plan.format, indexed=indexed_columns(conn))
    w.load()
    if any(item.contact.uid for item in plan.items):  # vCards: keep their UIDs unique
        w.uids = {uid for (uid,) in conn.execute("SELECT uid FROM contacts")}
    tag = source_tag(plan.format, now)
    position = float(
        conn.execute(
            "SELECT coalesce(max(stage_position), 0) FROM contacts WHERE stage_id = ?", (stage_id,)
        ).fetchone()[0]
    )
    targets = sorted({i.match_id for i in plan.items if i.action is Action.MERGE and i.match_id})
    merge_state = _merge_state(conn, targets)
    added_ids: list[int] = []
    # Only the contacts merged into whose indexed text changed are indexed again, read
    # on the way out: most merges add a tag or a history entry, which the index leaves out.
    sources = partial(_index_sources, w)
    with search_index_suspended(conn, w.reindexed, fresh=added_ids, fresh_sources=sources):
        counts = _write_items(conn, w, plan, merge_state, stage_id, position, tag, progress)
        added_ids.extend(v[0] for v in w.done["contacts"])
        update_contacts(conn, [(cid, after) for cid, _before, after in w.updates])
    added, merged, skipped, job_changes = counts
    return ImportOutcome(
        values={t: tuple(w.done[t]) for t in TABLES},
        updates=tuple(w.updates),
        added=added,
        merged=merged,
        skipped=skipped,
        job_changes=job_changes,
        tag=tag,
    )


# What the search index reads of a contact's row and of a channel's (see _index_sources).
_INDEXED = itemgetter(
    *map(
        COLUMNS["contacts"].index, ("id", "first_name", "last_name", "company_id", "title", "notes")
    )
)
_CHANNEL_VALUE = itemgetter(*map(COLUMNS["contact_channels"].index, ("contact_id", "value")))


def _index_sources(w: Writer) -> Iterator[IndexSource]:
    """What the search index holds of the contacts added, from the rows written rather than
    read back: their company's name and their channels in id order, as a trigger reads them."""
    contacts = w.done["contacts"]
    if not contacts:
        return
    first_new = contacts[0][0]
    channels: dict[int, list[str]] = {}
    for cid, value in map(_CHANNEL_VALUE, w.done["contact_channels"]):
        if cid >= first_new:  # not one added to a contact merged into
            channels.setdefault(cid, []).append(value)
    names, no_channels = w.company_names, ()
    for cid, first, last, company_id, title, notes in map(_INDEXED, contacts):
        company = "" if company_id is None else names[company_id]
        yield cid, first, last, company, title, channels.get(cid, no_channels), notes


def _write_items(
    conn: sqlite3.Connection,
    w: Writer,
    plan: ImportPlan,
    merge_state: dict[int, tuple[Row, dict[str, Any]]],
    stage_id: int,
    position: float,
    tag: str,
    progress: Progress | None,
) -> tuple[int, int, int, int]:
    added = merged = skipped = job_changes = 0
    total = len(plan.items)
    add = _adder(w, stage_id, tag)
    for start in range(0, total, CHUNK):
        for item in plan.items[start : start + CHUNK]:
            action = item.action
            if action is Action.MERGE and item.match_id not in merge_state:
                action = Action.ADD  # the contact was deleted since the preview
            if action is Action.SKIP:
                skipped += 1
            elif action is Action.ADD:
                position += 1.0
                add(item.contact, position)
                added += 1
            else:
                assert item.match_id is not None
                row, state = merge_state[item.match_id]
                _merge(w, item, row, state, tag)
                merged += 1
                job_changes += item.job_change is not None
        _flush(conn, w)
        if progress is not None and not progress(min(start + CHUNK, total), total):
            raise ImportCancelled("The import was cancelled; nothing was changed.")
    return added, merged, skipped, job_changes


def _flush(conn: sqlite3.Connection, w: Writer) -> None:
    """Insert what the chunk produced."""
    for table in TABLES:
        rows = w.rows[table]
        insert_batch(conn, table, rows)
        w.done[table].extend(rows)
        rows.clear()  # the same list: an adder holds it (see _adder)
