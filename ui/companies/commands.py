"""Undoable company actions: create, edit fields, rename and merge."""

from __future__ import annotations

from collections.abc import Sequence

from crm.changes import Changes
from crm.companies.editing import (
    CompanyDetail,
    create_company,
    delete_empty_company,
    update_company,
)
from crm.companies.service import MergeUndo, merge_companies, rename_company, unmerge_companies
from crm.store.db import Database
from ui.common.undo import AddCommand, FieldCommand, RecordCommand, SwapCommand, possessive
from ui.hub import Hub


class RenameCompanyCommand(SwapCommand[int, str]):
    """Rename a company ("Rename google to Google"); undo gives the old name back."""

    def __init__(self, db: Database, hub: Hub, company_id: int, old: str, new: str) -> None:
        super().__init__(db, hub, f"Rename {old} to {new}", rename_company, company_id, new)


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


def _set_field(db: Database, key: tuple[int, str], value: str) -> Changes:
    company_id, field = key
    return update_company(db, company_id, field, value)


class EditCompanyCommand(FieldCommand[str]):
    """Change one field of a company ("Edit Google's industry"); notes typed in bursts merge."""

    def __init__(
        self, db: Database, hub: Hub, company_id: int, name: str, field: str, old: str, new: str
    ) -> None:
        text = f"Edit {possessive(name)} {COMPANY_FIELD_LABELS.get(field, field)}"
        super().__init__(db, hub, text, _set_field, (company_id, field), old, new)
