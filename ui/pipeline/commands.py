"""Undo commands of the pipeline: moving cards and managing stages, all through services."""

from __future__ import annotations

from collections.abc import Sequence

from crm.changes import Changes
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
from ui.common.commands import MoveCardsCommand as MoveCardsCommand
from ui.common.undo import AddCommand, Command, RecordCommand, Report, SetCommand
from ui.hub import Hub


class AddStageCommand(AddCommand[DeletedStage]):
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

    def add(self) -> tuple[int, Changes]:
        return add_stage(self.db, self.values, position=self.position)

    def remove(self, new_id: int) -> tuple[DeletedStage, Changes]:
        return delete_stage(self.db, new_id, _neighbour(self.db, new_id))

    def restore(self, removed: DeletedStage) -> Changes:
        return restore_stage(self.db, removed)


class EditStageCommand(SetCommand[int, StageFields]):
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
        super().__init__(db, hub, text, update_stage, stage_id, old, new, report)


class ReorderStagesCommand(Command):
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

    def take_back(self) -> Changes:
        return reorder_stages(self.db, self.old)


class DeleteStageCommand(RecordCommand[DeletedStage]):
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

    def perform(self) -> tuple[DeletedStage, Changes]:
        return delete_stage(self.db, self.stage_id, self.receiver_id)

    def revert(self, record: DeletedStage) -> Changes:
        return restore_stage(self.db, record)


def _neighbour(db: Database, stage_id: int) -> int:
    order = [s for s in stage_order(db) if s != stage_id]
    if not order:
        raise ValueError("The last stage cannot be removed.")
    return order[0]
