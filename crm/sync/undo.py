"""Undoing a sync: what it changed here is put back as it was, in one transaction.

A sync is one step in the window's history. Undo deletes the records the sync touched and
inserts their rows from before it; redo does the same with the rows from after. The next
sync then sends the undone state to the server like any other local edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crm.changes import Changes
from crm.store.db import Database


@dataclass(frozen=True)
class LocalStep:
    """The records one sync touched here (contacts, meetings or follow-ups), before and after it."""

    kind: str  # the `Kind.name` of what it touched: "contact", "event" or "todo"
    ids: list[int]
    before: Any  # the kind's snapshot of the records that existed before
    after: Any  # ... and of those that exist after


def _swap(db: Database, steps: Sequence[LocalStep], use_after: bool) -> Changes:
    from crm.sync.kinds import contacts_kind, events_kind, todos_kind

    kinds = {kind.name: kind for kind in (contacts_kind(), events_kind(), todos_kind())}
    changes = Changes()
    with db.session() as session:
        for step in steps:
            kind = kinds[step.kind]
            kind.delete_local(session, step.ids)
            kind.put_back(session, step.after if use_after else step.before)
            changes |= kind.changes(set(step.ids))
    return changes


def undo_sync(db: Database, steps: Sequence[LocalStep]) -> Changes:
    """Put back what the sync changed here, as it was before."""
    return _swap(db, list(reversed(steps)), use_after=False)


def redo_sync(db: Database, steps: Sequence[LocalStep]) -> Changes:
    """Apply the sync's changes here again, as they were after it."""
    return _swap(db, steps, use_after=True)
