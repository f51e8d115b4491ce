"""The undo command for merging two contacts into one."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from crm.contacts.duplicates import MergeRecord, merge_contacts, undo_merge
from crm.store.db import Database
from ui.hub import Hub


class MergeCommand(QUndoCommand):
    """Merge `other_id` into `keep_id`; undo puts both back exactly."""

    def __init__(
        self, db: Database, hub: Hub, keep_id: int, other_id: int, keep_name: str, other_name: str
    ) -> None:
        super().__init__(f"Merge {other_name} into {keep_name}")
        self.db = db
        self.hub = hub
        self.keep_id = keep_id
        self.other_id = other_id
        self.record: MergeRecord | None = None

    def redo(self) -> None:
        self.record, changes = merge_contacts(self.db, self.keep_id, self.other_id)
        self.hub.apply(changes)

    def undo(self) -> None:
        if self.record is not None:
            self.hub.apply(undo_merge(self.db, self.record))
