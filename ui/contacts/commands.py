"""Undoable contact actions: create, delete, edit fields, channels and tags, log history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from crm.changes import Changes
from crm.contacts.history import (
    InteractionRow,
    delete_interaction,
    log_interaction,
    restore_interaction,
)
from crm.contacts.service import (
    ContactSnapshot,
    delete_contacts,
    restore_contacts,
    set_channels,
    set_tags,
    update_contact,
)
from crm.errors import NotFoundError
from crm.store.db import Database
from ui.common.undo import AddCommand, Command, DeleteCommand, FieldCommand, SetCommand, possessive
from ui.hub import Hub

Item = TypeVar("Item")  # one entry of a list: a Channel, a tag


class DeleteContactsCommand(DeleteCommand[Sequence[int], ContactSnapshot]):
    """Delete contacts with their channels, tags, history and follow-ups; undo restores all."""

    def __init__(self, db: Database, hub: Hub, ids: Sequence[int], names: Sequence[str]) -> None:
        single = len(ids) == 1 and names
        text = f"Delete {names[0]}" if single else f"Delete {len(ids)} contacts"
        super().__init__(db, hub, text, delete_contacts, list(ids), restore_contacts)


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


# What the undo history calls each list of a contact, by the service that replaces it.
LIST_LABELS: dict[Callable[..., Changes], str] = {
    set_channels: "emails, phones and links",
    set_tags: "tags",
}


def _set_field(db: Database, key: tuple[int, str], value: Any) -> Changes:
    contact_id, field = key
    return update_contact(db, contact_id, **{field: value})


class EditFieldCommand(FieldCommand[Any]):
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
        super().__init__(db, hub, text, _set_field, (contact_id, field), old, new)


class SetListCommand(SetCommand[int, Sequence[Item]]):
    """Replace one of a contact's lists (emails/phones/links, tags); undo puts the old list back."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        set_list: Callable[[Database, int, Sequence[Item]], Changes],
        contact_id: int,
        name: str,
        old: Sequence[Item],
        new: Sequence[Item],
    ) -> None:
        text = f"Edit {possessive(name)} {LIST_LABELS[set_list]}"
        super().__init__(db, hub, text, set_list, contact_id, tuple(old), tuple(new))


class LogInteractionCommand(AddCommand[InteractionRow]):
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
        super().__init__(db, hub, f"Log {kind} with {name}")
        self._args = (contact_id, kind, occurred_at, summary, body)

    def add(self) -> tuple[int, Changes]:
        return log_interaction(self.db, *self._args)

    def remove(self, new_id: int) -> tuple[InteractionRow, Changes]:
        row, changes = delete_interaction(self.db, new_id)
        if row is None:
            raise NotFoundError("This history entry no longer exists.")
        return row, changes

    def restore(self, removed: InteractionRow) -> Changes:
        return restore_interaction(self.db, removed)


class DeleteInteractionCommand(Command):
    """Remove one history entry; undo puts the same entry back."""

    def __init__(self, db: Database, hub: Hub, entry: InteractionRow, name: str) -> None:
        super().__init__(db, hub, f"Delete history entry of {name}")
        self._entry = entry

    def do(self) -> Changes:
        _row, changes = delete_interaction(self.db, self._entry.id)
        return changes

    def take_back(self) -> Changes:
        return restore_interaction(self.db, self._entry)
