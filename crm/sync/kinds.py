"""What differs between syncing contacts (vCards) and meetings (iCalendar events).

The sync itself (plan, merge, conditional writes, state) is the same for both; a `Kind`
names the format's reader and writer, the merge, the matching of unsynced items and
Rapport's side of the records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.sync.merge import Conflict
from crm.sync.state import AccountInfo


@dataclass(frozen=True)
class Collection:
    """The kind of server collection a kind's items live in, and how they travel."""

    multiget: str  # "addressbook" or "calendar": which REPORT fetches the texts
    content_type: str
    suffix: str  # of new resources' names
    url: Callable[[AccountInfo], str]  # the account's collection of this kind


ADDRESS_BOOK = Collection(
    "addressbook", "text/vcard; charset=utf-8", ".vcf", lambda account: account.addressbook_url
)
CALENDAR = Collection(
    "calendar", "text/calendar; charset=utf-8", ".ics", lambda account: account.calendar_url
)


@dataclass(frozen=True)
class Kind:
    name: str  # "contact", "event" or "todo": the sync_items kind
    item: str  # one of them in words ("meeting"), for the sync's review
    label: str  # many of them in words ("meetings"), for reports and progress
    collection: Collection
    read: Callable[[str], tuple[str, Any]]  # text -> (UID, fields)
    apply: Callable[[str, str, Any, str], str]  # (base text, UID, fields, version) -> text
    merge: Callable[[Any, Any, Any], tuple[Any, list[Conflict]]]
    pair: Callable[[Mapping[str, Any], Mapping[int, tuple[str, Any]]], dict[str, int]]
    local_items: Callable[[Session], dict[int, tuple[str, Any]]]
    create_local: Callable[[Session, str, Any, datetime], int]
    update_local: Callable[[Session, int, Any, datetime], None]
    delete_local: Callable[[Session, Iterable[int]], None]
    changes: Callable[[set[int]], Changes]
    # For undo of a sync: the touched records' rows as they are, and putting them back.
    snapshot: Callable[[Session, list[int]], Any]
    put_back: Callable[[Session, Any], None]
    describe: Callable[[Any], str]  # an item's fields in a few words, for the sync's review


def contacts_kind() -> Kind:
    from crm.changes import contacts_changed
    from crm.contacts.service import put_back_contacts, snapshot_contacts
    from crm.sync import local
    from crm.sync.card_writing import apply_card
    from crm.sync.cards import read_card
    from crm.sync.merge import merge
    from crm.sync.pairing import pair

    return Kind(
        name="contact",
        item="contact",
        label="contacts",
        collection=ADDRESS_BOOK,
        read=read_card,
        apply=apply_card,
        merge=merge,
        pair=pair,
        local_items=local.local_cards,
        create_local=local.create_local,
        update_local=local.update_local,
        delete_local=local.delete_local,
        changes=lambda ids: contacts_changed(*ids) | Changes(companies=True, tags=True),
        snapshot=snapshot_contacts,
        put_back=put_back_contacts,
        describe=lambda f: f"{f.first_name} {f.last_name}".strip() or "(no name)",
    )


def todos_kind() -> Kind:
    """Follow-ups as tasks (VTODO) in the account's calendar, when the user chose so."""
    from crm.sync.local_todos import (
        create_local,
        delete_local,
        local_todos,
        put_back_follow_ups,
        snapshot_follow_ups,
        update_local,
    )
    from crm.sync.todos import apply_todo, merge_todos, pair_todos, read_todo

    return Kind(
        name="todo",
        item="follow-up",
        label="follow-ups",
        collection=CALENDAR,
        read=read_todo,
        apply=apply_todo,
        merge=merge_todos,
        pair=pair_todos,
        local_items=local_todos,
        create_local=create_local,
        update_local=update_local,
        delete_local=delete_local,
        changes=lambda ids: Changes(follow_ups=True, contacts=frozenset()),
        snapshot=snapshot_follow_ups,
        put_back=put_back_follow_ups,
        describe=lambda f: f"{f.title} for {f.contact_name()}" if f.contact_name() else f.title,
    )


def events_kind() -> Kind:
    from crm.sync.events import apply_event, merge_events, pair_events, read_event
    from crm.sync.local_events import (
        create_local,
        delete_local,
        local_events,
        put_back_meetings,
        snapshot_meetings,
        update_local,
    )

    return Kind(
        name="event",
        item="meeting",
        label="meetings",
        collection=CALENDAR,
        read=read_event,
        apply=apply_event,
        merge=merge_events,
        pair=pair_events,
        local_items=local_events,
        create_local=create_local,
        update_local=update_local,
        delete_local=delete_local,
        changes=lambda ids: Changes(meetings=frozenset(ids)),
        snapshot=snapshot_meetings,
        put_back=put_back_meetings,
        describe=lambda f: f"{f.title} on {f.start[:10]}" if f.start else f.title,
    )
