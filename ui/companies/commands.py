"""Undoable company actions: create, edit fields, rename and merge."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from crm.changes import Changes
from crm.companies.editing import (
    CompanyDetail,
    create_company,
    delete_empty_company,
    update_company,
)
from crm.companies.service import MergeUndo, merge_companies, rename_company, unmerge_companies
from crm.store.db import Database
from ui.common.undo import AddCommand, Command, RecordCommand
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


class NewCompanyCommand(AddCommand[CompanyDetail]):
    """Add a company; undo removes it, redo brings the same one back (same id)."""

    def __init__(self, db: Database, hub: Hub, name: str) -> None:
        super().__init__(db, hub, f"New company {name}")
        self._name = name

    def add(self) -> tuple[int, Changes]:
        return create_company(self.db, self._name)

    def remove(self, new_id: int) -> tuple[CompanyDetail, Changes]:
        return delete_empty_company(self.db, new_id)

    def restore(self, removed: CompanyDetail) -> Changes:
        return create_company(self.db, self._name, restore=removed)[1]


COMPANY_FIELD_LABELS = {
    "website": "website",
    "industry": "industry",
    "location": "location",
    "notes": "notes",
}


class EditCompanyCommand(Command):
    """Change one field of a company ("Edit Google's industry"); notes typed in bursts merge."""

    def __init__(
        self, db: Database, hub: Hub, company_id: int, name: str, field: str, old: str, new: str
    ) -> None:
        owner = f"{name}'" if name.endswith("s") else f"{name}'s"
        super().__init__(db, hub, f"Edit {owner} {COMPANY_FIELD_LABELS.get(field, field)}")
        self.company_id = company_id
        self.field = field
        self._old = old
        self._new = new

    def id(self) -> int:
        return 0x5243

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCompanyCommand) or other.company_id != self.company_id:
            return False
        if self.field != "notes" or other.field != "notes":
            return False
        self._new = other._new
        return True

    def do(self) -> Changes:
        return update_company(self.db, self.company_id, self.field, self._new)

    def take_back(self) -> Changes:
        return update_company(self.db, self.company_id, self.field, self._old)
