"""Undo commands of the pipeline: moving cards and managing stages, all through services.

A command whose service call fails (the contact or stage was deleted meanwhile) makes
itself obsolete, so QUndoStack drops it, and tells the user through `report`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.pipeline.card_moves import MoveResult, move_contacts, undo_move
from crm.pipeline.stages import (
    DeletedStage,
    StageFields,
    add_stage,
    delete_stage,
    reorder_stages,
    restore_stage,
    stage_order,
    update_stage,
)
from crm.store.db import Database
from ui.hub import Hub

Report = Callable[[str], None]


def _ignore(_message: str) -> None:
    return None


class ServiceCommand(QUndoCommand):
    """Base of the commands below: runs a service, announces its changes, survives failures.

    Subclasses define `do` and `undo_action`, each returning the service's Changes.
    """

    def __init__(self, db: Database, hub: Hub, text: str, report: Report | None = None) -> None:
        super().__init__(text)
        self.db = db
        self.hub = hub
        self.report = report or _ignore
        self.error = ""

    def redo(self) -> None:
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_action)

    def do(self) -> Changes:
        return Changes()

    def undo_action(self) -> Changes:
        return Changes()

    def _run(self, action: Callable[[], Changes]) -> None:
        try:
            changes = action()
        except (NotFoundError, LookupError, ValueError) as exc:
            self.error = str(exc)
            self.setObsolete(True)
            self.report(self.error)
            return
        self.error = ""
        self.hub.apply(changes)


class MoveCardsCommand(ServiceCommand):
    """Move cards to a stage (or another place in theirs); undo puts everything back."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        ids: Sequence[int],
        stage_id: int,
        before: int | None,
        text: str,
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, text, report)
        self.ids = list(ids)
        self.stage_id = stage_id
        self.before = before
        self.result: MoveResult | None = None

    def do(self) -> Changes:
        self.result, changes = move_contacts(self.db, self.ids, self.stage_id, before=self.before)
        return changes

    def undo_action(self) -> Changes:
        if self.result is None:
            return Changes()
        return undo_move(self.db, self.result)


class AddStageCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        hub: Hub,
        values: StageFields,
        position: int | None = None,
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, f"Add stage {values.name.strip()}", report)
        self.values = values
        self.position = position
        self.stage_id: int | None = None
        self.snapshot: DeletedStage | None = None

    def do(self) -> Changes:
        if self.snapshot is not None:  # redo: the same stage, same id, comes back
            return restore_stage(self.db, self.snapshot)
        self.stage_id, changes = add_stage(self.db, self.values, position=self.position)
        return changes

    def undo_action(self) -> Changes:
        assert self.stage_id is not None
        receiver = _neighbour(self.db, self.stage_id)
        self.snapshot, changes = delete_stage(self.db, self.stage_id, receiver)
        return changes


class EditStageCommand(ServiceCommand):
    """Rename, recolour, set the follow-up rule or the closed flag (any of them at once)."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        stage_id: int,
        old: StageFields,
        new: StageFields,
        report: Report | None = None,
    ) -> None:
        text = (
            f"Rename stage {old.name} to {new.name}"
            if old.name != new.name
            else (f"Edit stage {old.name}")
        )
        super().__init__(db, hub, text, report)
        self.stage_id, self.old, self.new = stage_id, old, new

    def do(self) -> Changes:
        return update_stage(self.db, self.stage_id, self.new)

    def undo_action(self) -> Changes:
        return update_stage(self.db, self.stage_id, self.old)


class ReorderStagesCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        hub: Hub,
        old: Sequence[int],
        new: Sequence[int],
        text: str = "Reorder stages",
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, text, report)
        self.old, self.new = list(old), list(new)

    def do(self) -> Changes:
        return reorder_stages(self.db, self.new)

    def undo_action(self) -> Changes:
        return reorder_stages(self.db, self.old)


class DeleteStageCommand(ServiceCommand):
    def __init__(
        self,
        db: Database,
        hub: Hub,
        stage_id: int,
        receiver_id: int,
        name: str,
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, f"Delete stage {name}", report)
        self.stage_id, self.receiver_id = stage_id, receiver_id
        self.snapshot: DeletedStage | None = None

    def do(self) -> Changes:
        self.snapshot, changes = delete_stage(self.db, self.stage_id, self.receiver_id)
        return changes

    def undo_action(self) -> Changes:
        if self.snapshot is None:
            return Changes()
        return restore_stage(self.db, self.snapshot)


def _neighbour(db: Database, stage_id: int) -> int:
    order = [s for s in stage_order(db) if s != stage_id]
    if not order:
        raise ValueError("The last stage cannot be removed.")
    return order[0]
