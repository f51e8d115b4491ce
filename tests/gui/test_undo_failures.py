"""The undo-command base: a service that fails under a command is reported, never raised.

Each test changes the data file behind the command's back through a second connection,
as another Rapport window or a sync would, then undoes or redoes on a bare QUndoStack.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QUndoStack

from crm.contacts.service import ContactFields, create_contact, delete_contacts, get_contact
from crm.store import db as store_db
from crm.store.db import Database
from crm.store.paths import DataPaths
from ui.common.commands import NewContactCommand
from ui.common.undo import push
from ui.companies.commands import RenameCompanyCommand
from ui.contacts.commands import EditFieldCommand
from ui.context import AppContext
from ui.hub import Hub
from ui.pipeline.commands import DeleteStageCommand


class Shown:
    """Stands in for the status bar: keeps what it was asked to show."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, text: str, timeout_ms: int = 5000) -> None:
        self.messages.append(text)


@pytest.fixture
def shown() -> Shown:
    return Shown()


@pytest.fixture
def ctx(qapp: object, data_paths: DataPaths, db: Database, shown: Shown) -> AppContext:
    return AppContext(data_paths, db, Hub(), QUndoStack(), shown)


@pytest.fixture
def elsewhere(db: Database) -> Iterator[Database]:
    """A second connection to the same data file."""
    other = Database(db.path, clock=db.clock)
    yield other
    other.dispose()


def edit_title(ctx: AppContext, contact_id: int, new: str) -> EditFieldCommand:
    command = EditFieldCommand(ctx.db, ctx.hub, contact_id, "Anna", "title", "", new)
    assert push(ctx, command)
    return command


def test_undo_of_a_row_deleted_meanwhile_is_reported_and_dropped(
    ctx: AppContext, elsewhere: Database, shown: Shown
) -> None:
    anna, _ = create_contact(ctx.db, ContactFields("Anna"))
    bob, _ = create_contact(ctx.db, ContactFields("Bob"))
    edit_title(ctx, anna, "Engineer")
    delete_contacts(elsewhere, [anna])

    ctx.undo_stack.undo()  # must not raise

    assert shown.messages == [
        f"Could not undo “Edit Anna's title”: Contact {anna} no longer exists."
    ]
    assert ctx.undo_stack.count() == 0
    # The stack is still usable: the next command does, undoes and redoes.
    command = EditFieldCommand(ctx.db, ctx.hub, bob, "Bob", "title", "", "Designer")
    assert push(ctx, command)
    ctx.undo_stack.undo()
    assert get_contact(ctx.db, bob).title == ""
    ctx.undo_stack.redo()
    assert get_contact(ctx.db, bob).title == "Designer"


def test_redo_of_a_row_deleted_meanwhile_is_reported_and_dropped(
    ctx: AppContext, elsewhere: Database, shown: Shown
) -> None:
    new = NewContactCommand(ctx.db, ctx.hub)
    assert push(ctx, new)
    assert new.new_id is not None
    rename = edit_title(ctx, new.new_id, "Engineer")
    ctx.undo_stack.undo()
    delete_contacts(elsewhere, [new.new_id])

    ctx.undo_stack.redo()

    assert "no longer exists" in rename.error  # Qt deleted it: only its Python side is left
    assert shown.messages[-1].startswith("Could not redo “Edit Anna's title”")
    assert ctx.undo_stack.count() == 1  # the new contact's step stays
    assert ctx.undo_stack.undoText() == "New contact"


def test_a_first_run_that_fails_leaves_nothing_on_the_stack(
    ctx: AppContext, elsewhere: Database, shown: Shown
) -> None:
    anna, _ = create_contact(ctx.db, ContactFields("Anna"))
    delete_contacts(elsewhere, [anna])
    command = EditFieldCommand(ctx.db, ctx.hub, anna, "Anna", "title", "", "Engineer")

    assert not push(ctx, command)

    assert shown.messages == [f"Contact {anna} no longer exists."]
    assert ctx.undo_stack.count() == 0
    assert not ctx.undo_stack.canUndo()


def test_a_first_failure_goes_where_the_caller_says(ctx: AppContext, shown: Shown) -> None:
    boxes: list[str] = []
    command = RenameCompanyCommand(ctx.db, ctx.hub, 999, "Gone", "Google")
    assert not push(ctx, command, boxes.append)
    assert boxes and shown.messages == []


def test_a_locked_data_file_is_reported_in_plain_words(
    ctx: AppContext, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    quick = Database(ctx.db.path, clock=ctx.db.clock)  # waits 50 ms for a lock, not 5 s
    ctx.db = quick
    anna, _ = create_contact(quick, ContactFields("Anna"))
    edit_title(ctx, anna, "Engineer")
    blocker = sqlite3.connect(quick.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        ctx.undo_stack.undo()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert shown.messages == [
        "Could not undo “Edit Anna's title”: "
        "The data file is in use by another program; nothing was changed."
    ]
    assert ctx.undo_stack.count() == 0
    assert get_contact(quick, anna).title == "Engineer"
    quick.dispose()


def test_undo_and_redo_that_succeed_report_nothing(
    ctx: AppContext, elsewhere: Database, shown: Shown
) -> None:
    from crm.pipeline.stages import list_stages

    stages = {s.name: s.id for s in list_stages(ctx.db)}
    command = DeleteStageCommand(ctx.db, ctx.hub, stages["Met"], stages["Thanked"], "Met")
    assert push(ctx, command)
    ctx.undo_stack.undo()
    assert "Met" in [s.name for s in list_stages(ctx.db)]
    ctx.undo_stack.redo()
    assert "Met" not in [s.name for s in list_stages(ctx.db)]
    assert shown.messages == []


def test_planning_from_the_prep_sheet_for_a_deleted_contact_leaves_no_step(
    ctx: AppContext, elsewhere: Database, shown: Shown
) -> None:
    from datetime import datetime, timedelta

    from crm.calendar.meetings import MeetingFields, all_meetings
    from ui.prep.planning import plan_and_prepare

    anna, _ = create_contact(ctx.db, ContactFields("Anna"))
    delete_contacts(elsewhere, [anna])
    start = datetime(2026, 3, 12, 9, 0)
    end = start + timedelta(minutes=30)
    fields = MeetingFields("Coffee chat with Anna", start, end, attendee_ids=(anna,))

    meeting_id, error = plan_and_prepare(ctx, anna, fields, "Learn about the team", [])

    assert meeting_id is None and "no longer exist" in error, error
    assert ctx.undo_stack.count() == 0
    assert all_meetings(ctx.db) == []


def test_one_step_of_several_commands_that_all_fail_leaves_no_step(
    ctx: AppContext, elsewhere: Database, shown: Shown
) -> None:
    from ui.common.undo import macro

    anna, _ = create_contact(ctx.db, ContactFields("Anna"))
    delete_contacts(elsewhere, [anna])
    with macro(ctx, "Edit Anna"):
        for field in ("title", "location"):
            push(ctx, EditFieldCommand(ctx.db, ctx.hub, anna, "Anna", field, "", "x"))
    assert ctx.undo_stack.count() == 0
    assert len(shown.messages) == 2
