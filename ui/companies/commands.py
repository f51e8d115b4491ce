"""Undoable company actions: rename and merge."""

from __future__ import annotations

from collections.abc import Sequence

from crm.changes import Changes
from crm.companies.service import MergeUndo, merge_companies, rename_company, unmerge_companies
from crm.store.db import Database
from ui.common.undo import Command, RecordCommand
from ui.hub import Hub


class RenameCompanyCommand(Command):
    """Rename a company ("Rename google to Google"); undo gives the old name back."""

    def __init__(self, db: Database, hub: Hub, company_id: int, old: str, new: str) -> None:
        super().__init__(db, hub, f"Rename {old} to {new}")
        self._id = company_id
        self._old = old
        self._new = new

    def do(self) -> Changes:
        _old, changes = rename_company(self.db, self._id, self._new)
        return changes

    def take_back(self) -> Changes:
        _new, changes = rename_company(self.db, self._id, self._old)
        return changes


class MergeCompaniesCommand(RecordCommand[MergeUndo]):
    """Merge companies into one; undo brings the others back with their contacts."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        keep_id: int,
        other_ids: Sequence[int],
        name: str,
    ) -> None:
        count = len(other_ids) + 1
        super().__init__(db, hub, f"Merge {count} companies into {name}")
        self.keep_id = keep_id
        self._others = tuple(other_ids)
        self._name = name

    def perform(self) -> tuple[MergeUndo, Changes]:
        return merge_companies(self.db, self.keep_id, self._others, self._name)

    def revert(self, record: MergeUndo) -> Changes:
        return unmerge_companies(self.db, record)
