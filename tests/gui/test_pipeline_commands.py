"""Pipeline undo commands on a bare QUndoStack: each one does, undoes and redoes its service."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from crm.changes import Changes
from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact, delete_contacts, get_contact
from crm.pipeline.board import card_rows, load_board
from crm.pipeline.stages import StageFields, get_stage, list_stages
from crm.store.db import Database
from ui.common.commands import MoveCardsCommand
from ui.hub import Hub
from ui.pipeline.commands import (
    AddStageCommand,
    DeleteStageCommand,
    EditStageCommand,
    ReorderStagesCommand,
)


def stage(db: Database, name: str) -> int:
    return {s.name: s.id for s in list_stages(db)}[name]


def names(db: Database) -> list[str]:
    return [s.name for s in list_stages(db)]


def test_move_command_undo_redo_and_announces_changes(db: Database, hub: Hub) -> None:
    anna, _ = create_contact(db, ContactFields("Anna"), stage_id=stage(db, "Met"))
    stack = QUndoStack()
    command = MoveCardsCommand(db, hub, [anna], stage(db, "Thanked"), None, "Move Anna to Thanked")
    announced: list[Changes] = []
    hub.changed.connect(announced.append)
    stack.push(command)
    assert announced[-1].contacts == {anna} and announced[-1].follow_ups
    assert get_contact(db, anna).stage_name == "Thanked"
    assert card_rows(db, [anna])[anna].next_follow_up is not None
    assert stack.undoText() == "Move Anna to Thanked"
    stack.undo()
    assert len(announced) == 2 and announced[-1].contacts == {anna}
    assert get_contact(db, anna).stage_name == "Met"
    assert card_rows(db, [anna])[anna].next_follow_up is None
    assert list_history(db, anna) == []
    stack.redo()
    assert get_contact(db, anna).stage_name == "Thanked"
    assert [h.summary for h in list_history(db, anna)] == ["Met → Thanked"]


def test_a_move_of_a_deleted_contact_is_reported_and_dropped(db: Database, hub: Hub) -> None:
    anna, _ = create_contact(db, ContactFields("Anna"))
    delete_contacts(db, [anna])
    reported: list[str] = []
    stack = QUndoStack()
    command = MoveCardsCommand(
        db, hub, [anna], stage(db, "Met"), None, "Move Anna to Met", reported.append
    )
    stack.push(command)
    assert reported == ["The contacts to move no longer exist."]
    assert stack.count() == 0


def test_add_stage_undo_removes_it_and_redo_brings_the_same_stage_back(
    db: Database, hub: Hub
) -> None:
    stack = QUndoStack()
    command = AddStageCommand(db, hub, StageFields("Referred", "#123456"), position=1)
    stack.push(command)
    assert names(db)[1] == "Referred"
    new_id = command.new_id
    stack.undo()
    assert "Referred" not in names(db)
    stack.redo()
    assert names(db)[1] == "Referred"
    assert stage(db, "Referred") == new_id


def test_edit_stage_command(db: Database, hub: Hub) -> None:
    met = stage(db, "Met")
    old = get_stage(db, met).fields
    new = StageFields("Had coffee", "#ff0000", False, "Write notes", 0)
    stack = QUndoStack()
    stack.push(EditStageCommand(db, hub, met, old, new))
    assert stack.undoText() == "Rename stage Met to Had coffee"
    assert get_stage(db, met).fields == new
    stack.undo()
    assert get_stage(db, met).fields == old


def test_invalid_edit_is_reported_not_stacked(db: Database, hub: Hub) -> None:
    met = stage(db, "Met")
    reported: list[str] = []
    stack = QUndoStack()
    old = get_stage(db, met).fields
    stack.push(EditStageCommand(db, hub, met, old, StageFields("Thanked"), reported.append))
    assert reported and "already a stage" in reported[0]
    assert stack.count() == 0
    assert get_stage(db, met).fields == old


def test_reorder_and_delete_stage_commands(db: Database, hub: Hub) -> None:
    stack = QUndoStack()
    order = [s.id for s in list_stages(db)]
    new = order[1:] + order[:1]
    stack.push(ReorderStagesCommand(db, hub, order, new))
    assert names(db)[-1] == "To contact"
    stack.undo()
    assert names(db)[0] == "To contact"

    met, thanked = stage(db, "Met"), stage(db, "Thanked")
    anna, _ = create_contact(db, ContactFields("Anna"), stage_id=met)
    stack.push(DeleteStageCommand(db, hub, met, thanked, "Met"))
    assert "Met" not in names(db)
    assert list(load_board(db).columns[thanked].ids) == [anna]
    stack.undo()
    assert list(load_board(db).columns[met].ids) == [anna]
    assert names(db)[3] == "Met"
