"""Undoable target actions: mark or unmark a target, score it, move it in the ranked list."""

from __future__ import annotations

from crm.store.db import Database
from crm.targets.targets import TargetFields, set_target_fields
from ui.common.undo import SetCommand
from ui.hub import Hub


class SetTargetCommand(SetCommand[int, TargetFields]):
    """Put new target fields on a company; undo puts the old ones back."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        text: str,
        company_id: int,
        old: TargetFields,
        new: TargetFields,
    ) -> None:
        super().__init__(db, hub, text, set_target_fields, company_id, old, new)
