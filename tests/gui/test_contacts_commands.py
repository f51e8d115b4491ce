"""Contact undo commands on a bare QUndoStack: each redo and undo changes the database."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QUndoStack

from crm.contacts.history import list_history
from crm.contacts.listing import list_contact_ids
from crm.contacts.service import (
    Channel,
    ContactFields,
    create_contact,
    get_contact,
    set_channels,
    set_tags,
)
from crm.errors import NotFoundError
from crm.store.db import Database
from ui.common.commands import NewContactCommand
from ui.contacts.commands import (
    DeleteContactsCommand,
    DeleteInteractionCommand,
    EditFieldCommand,
    LogInteractionCommand,
    SetListCommand,
)
from ui.hub import Hub


def test_new_contact_undo_and_redo_keep_the_same_id(
    db: Database, hub: Hub, stack: QUndoStack
) -> None:
    announced: list[list[int]] = []
    hub.contactsChanged.connect(announced.append)
    command = NewContactCommand(db, hub)
    stack.push(command)
    contact_id = command.new_id
    assert contact_id is not None and list_contact_ids(db) == [contact_id]
    stack.undo()
    assert list_contact_ids(db) == []
    stack.redo()
    assert list_contact_ids(db) == [contact_id]
    assert announced == [[contact_id]] * 3
    assert stack.undoText() == "New contact"


def test_delete_and_undo(db: Database, hub: Hub, stack: QUndoStack) -> None:
    anna, _ = create_contact(
        db, ContactFields(first_name="Anna", last_name="Lee"), channels=[Channel("email", "a@b.c")]
    )
    stack.push(DeleteContactsCommand(db, hub, [anna], ["Anna Lee"]))
    assert stack.undoText() == "Delete Anna Lee"
    with pytest.raises(NotFoundError):
        get_contact(db, anna)
    stack.undo()
    assert get_contact(db, anna).channels == (Channel("email", "a@b.c"),)
    stack.redo()
    assert list_contact_ids(db) == []


def test_edit_field_text_and_undo(db: Database, hub: Hub, stack: QUndoStack) -> None:
    anna, _ = create_contact(db, ContactFields(first_name="Anna", last_name="Lee", title="Eng"))
    stack.push(EditFieldCommand(db, hub, anna, "Anna Lee", "title", "Eng", "Staff Engineer"))
    assert stack.undoText() == "Edit Anna Lee's title"
    assert get_contact(db, anna).title == "Staff Engineer"
    stack.undo()
    assert get_contact(db, anna).title == "Eng"


def test_notes_typed_in_bursts_are_one_undo_step(db: Database, hub: Hub, stack: QUndoStack) -> None:
    anna, _ = create_contact(db, ContactFields(first_name="Anna"))
    stack.push(EditFieldCommand(db, hub, anna, "Anna", "notes", "", "Plays"))
    stack.push(EditFieldCommand(db, hub, anna, "Anna", "notes", "Plays", "Plays cello"))
    stack.push(EditFieldCommand(db, hub, anna, "Anna", "title", "", "Eng"))
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert get_contact(db, anna).notes == ""


def test_channels_tags_and_history_commands(db: Database, hub: Hub, stack: QUndoStack) -> None:
    anna, _ = create_contact(db, ContactFields(first_name="Anna"), tags=["old"])
    new = (Channel("phone", "555", "mobile"),)
    stack.push(SetListCommand(db, hub, set_channels, anna, "Anna", (), new))
    stack.push(SetListCommand(db, hub, set_tags, anna, "Anna", ("old",), ("mentor",)))
    log = LogInteractionCommand(db, hub, anna, "Anna", "call", datetime(2026, 3, 1), "Hi", "")
    stack.push(log)
    assert stack.undoText() == "Log call with Anna"
    detail = get_contact(db, anna)
    assert (detail.channels, detail.tags) == (new, ("mentor",))
    entry = list_history(db, anna)[0]
    stack.push(DeleteInteractionCommand(db, hub, entry, "Anna"))
    assert list_history(db, anna) == []
    stack.undo()
    assert list_history(db, anna) == [entry]
    stack.undo()
    assert list_history(db, anna) == []
    stack.redo()
    assert list_history(db, anna) == [entry]  # the same entry, same id
    stack.setIndex(0)
    detail = get_contact(db, anna)
    assert (detail.channels, detail.tags) == ((), ("old",))
