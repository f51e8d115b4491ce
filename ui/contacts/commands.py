"""Undoable contact actions: create, delete, edit fields, channels and tags, log history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtGui import QUndoCommand

from crm.changes import Changes
from crm.contacts.history import (
    InteractionRow,
    delete_interaction,
    log_interaction,
    restore_interaction,
)
from crm.contacts.service import (
    Channel,
    ContactFields,
    ContactSnapshot,
    create_contact,
    delete_contacts,
    restore_contacts,
    set_channels,
    set_tags,
    update_contact,
)
from crm.store.db import Database
from ui.hub import Hub


class NewContactCommand(QUndoCommand):
    """Add a contact; undo deletes it, redo puts the same one back (same id)."""

    def __init__(self, db: Database, hub: Hub, fields: ContactFields | None = None) -> None:
        super().__init__("New contact")
        self._db = db
        self._hub = hub
        self._fields = fields
        self._snapshot: ContactSnapshot | None = None
        self.contact_id: int | None = None
        self._discarding = False

    def discard(self) -> None:
        """The contact was left empty: the next undo removes it and this step from history."""
        self._discarding = True

    def redo(self) -> None:
        if self._snapshot is None:
            self.contact_id, changes = create_contact(self._db, self._fields)
        else:
            changes = restore_contacts(self._db, self._snapshot)
        self._hub.apply(changes)

    def undo(self) -> None:
        if self.contact_id is None:
            return
        self._snapshot, changes = delete_contacts(self._db, [self.contact_id])
        self._hub.apply(changes)
        if self._discarding:
            self.setObsolete(True)  # QUndoStack drops an obsolete command once undone


class DeleteContactsCommand(QUndoCommand):
    """Delete contacts with their channels, tags, history and follow-ups; undo restores all."""

    def __init__(self, db: Database, hub: Hub, ids: Sequence[int], names: Sequence[str]) -> None:
        single = len(ids) == 1 and names
        super().__init__(f"Delete {names[0]}" if single else f"Delete {len(ids)} contacts")
        self._db = db
        self._hub = hub
        self.ids = list(ids)
        self._snapshot: ContactSnapshot | None = None

    def redo(self) -> None:
        self._snapshot, changes = delete_contacts(self._db, self.ids)
        self._hub.apply(changes)

    def undo(self) -> None:
        if self._snapshot is not None:
            self._hub.apply(restore_contacts(self._db, self._snapshot))


FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "title": "title",
    "company": "company",
    "location": "location",
    "linkedin_url": "LinkedIn URL",
    "source": "how we met",
    "referred_by_id": "referrer",
    "notes": "notes",
    "birthday": "birthday",
    "archived": "archived flag",
}


def possessive(name: str) -> str:
    if name == "(no name)":  # a contact just added, before a name is typed
        return "the new contact's"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


class EditFieldCommand(QUndoCommand):
    """Change one field of a contact ("Edit Anna Lee's title")."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        contact_id: int,
        name: str,
        field: str,
        old: Any,
        new: Any,
    ) -> None:
        if field == "archived":
            text = f"{'Archive' if new else 'Unarchive'} {name}"
        else:
            text = f"Edit {possessive(name)} {FIELD_LABELS.get(field, field)}"
        super().__init__(text)
        self._db = db
        self._hub = hub
        self.contact_id = contact_id
        self.field = field
        self._old = old
        self._new = new

    def id(self) -> int:
        return 0x5250  # edits of notes typed in bursts merge into one undo step

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditFieldCommand):
            return False
        if other.contact_id != self.contact_id or other.field != self.field:
            return False
        if self.field != "notes":
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._hub.apply(update_contact(self._db, self.contact_id, **{self.field: self._new}))

    def undo(self) -> None:
        self._hub.apply(update_contact(self._db, self.contact_id, **{self.field: self._old}))


class _ReplaceListCommand(QUndoCommand):
    """Put a contact's new list (channels, tags) in place; undo puts the old one back."""

    def __init__(
        self,
        text: str,
        db: Database,
        hub: Hub,
        contact_id: int,
        old: Sequence[Any],
        new: Sequence[Any],
        service: Callable[[Database, int, Sequence[Any]], Changes],
    ) -> None:
        super().__init__(text)
        self._db = db
        self._hub = hub
        self._id = contact_id
        self._old = tuple(old)
        self._new = tuple(new)
        self._service = service

    def redo(self) -> None:
        self._hub.apply(self._service(self._db, self._id, self._new))

    def undo(self) -> None:
        self._hub.apply(self._service(self._db, self._id, self._old))


class SetChannelsCommand(_ReplaceListCommand):
    def __init__(
        self,
        db: Database,
        hub: Hub,
        contact_id: int,
        name: str,
        old: Sequence[Channel],
        new: Sequence[Channel],
    ) -> None:
        text = f"Edit {possessive(name)} emails, phones and links"
        super().__init__(text, db, hub, contact_id, old, new, set_channels)


class SetTagsCommand(_ReplaceListCommand):
    def __init__(
        self,
        db: Database,
        hub: Hub,
        contact_id: int,
        name: str,
        old: Sequence[str],
        new: Sequence[str],
    ) -> None:
        super().__init__(f"Edit {possessive(name)} tags", db, hub, contact_id, old, new, set_tags)


class LogInteractionCommand(QUndoCommand):
    """Add an entry to a contact's history; undo removes it, redo restores the same entry."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        contact_id: int,
        name: str,
        kind: str,
        occurred_at: datetime,
        summary: str,
        body: str,
    ) -> None:
        super().__init__(f"Log {kind} with {name}")
        self._db = db
        self._hub = hub
        self._args = (contact_id, kind, occurred_at, summary, body)
        self._row: InteractionRow | None = None
        self.interaction_id: int | None = None

    def redo(self) -> None:
        if self._row is None:
            contact_id, kind, occurred_at, summary, body = self._args
            self.interaction_id, changes = log_interaction(
                self._db, contact_id, kind, occurred_at, summary, body
            )
        else:
            changes = restore_interaction(self._db, self._row)
        self._hub.apply(changes)

    def undo(self) -> None:
        if self.interaction_id is None:
            return
        self._row, changes = delete_interaction(self._db, self.interaction_id)
        self._hub.apply(changes)


class DeleteInteractionCommand(QUndoCommand):
    """Remove one history entry; undo puts the same entry back."""

    def __init__(self, db: Database, hub: Hub, entry: InteractionRow, name: str) -> None:
        super().__init__(f"Delete history entry of {name}")
        self._db = db
        self._hub = hub
        self._entry = entry

    def redo(self) -> None:
        _row, changes = delete_interaction(self._db, self._entry.id)
        self._hub.apply(changes)

    def undo(self) -> None:
        self._hub.apply(restore_interaction(self._db, self._entry))
