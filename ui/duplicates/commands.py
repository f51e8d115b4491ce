"""The undo command for merging two contacts into one."""

from __future__ import annotations

from crm.changes import Changes
from crm.contacts.duplicates import MergeRecord, merge_contacts, undo_merge
from crm.store.db import Database
from ui.common.undo import RecordCommand
from ui.hub import Hub


class MergeCommand(RecordCommand[MergeRecord]):
    """Merge `other_id` into `keep_id`; undo puts both back exactly."""

    def __init__(
        self, db: Database, hub: Hub, keep_id: int, other_id: int, keep_name: str, other_name: str
    ) -> None:
        super().__init__(db, hub, f"Merge {other_name} into {keep_name}")
        self.keep_id = keep_id
        self.other_id = other_id

    def perform(self) -> tuple[MergeRecord, Changes]:
        return merge_contacts(self.db, self.keep_id, self.other_id)

    def revert(self, record: MergeRecord) -> Changes:
        return undo_merge(self.db, record)
