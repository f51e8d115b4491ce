"""Undoable company actions: create, edit fields, rename and merge."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from crm.companies.editing import (
    CompanyDetail,
    create_company,
    delete_empty_company,
    update_company,
)
from crm.companies.service import MergeUndo, merge_companies, rename_company, unmerge_companies
from crm.store.db import Database
from ui.hub import Hub


class RenameCompanyCommand(QUndoCommand):
    """Rename a company ("Rename google to Google"); undo gives the old name back."""

    def __init__(self, db: Database, hub: Hub, company_id: int, old: str, new: str) -> None:
        super().__init__(f"Rename {old} to {new}")
        self._db = db
        self._hub = hub
        self._id = company_id
        self._old = old
        self._new = new

    def redo(self) -> None:
        _old, changes = rename_company(self._db, self._id, self._new)
        self._hub.apply(changes)

    def undo(self) -> None:
        _new, changes = rename_company(self._db, self._id, self._old)
        self._hub.apply(changes)


class MergeCompaniesCommand(QUndoCommand):
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
        super().__init__(f"Merge {count} companies into {name}")
        self._db = db
        self._hub = hub
        self.keep_id = keep_id
        self._others = tuple(other_ids)
        self._name = name
        self._undo: MergeUndo | None = None

    def redo(self) -> None:
        self._undo, changes = merge_companies(self._db, self.keep_id, self._others, self._name)
        self._hub.apply(changes)

    def undo(self) -> None:
        if self._undo is not None:
            self._hub.apply(unmerge_companies(self._db, self._undo))


class NewCompanyCommand(QUndoCommand):
    """Add a company; undo removes it, redo brings the same one back (same id)."""

    def __init__(self, db: Database, hub: Hub, name: str) -> None:
        super().__init__(f"New company {name}")
        self._db = db
        self._hub = hub
        self._name = name
        self._removed: CompanyDetail | None = None
        self.company_id: int | None = None
        self.error = ""

    def redo(self) -> None:
        try:
            self.company_id, changes = create_company(self._db, self._name, restore=self._removed)
        except ValueError as exc:  # the name is taken (or empty)
            self.error = str(exc)
            self.setObsolete(True)
            return
        self._hub.apply(changes)

    def undo(self) -> None:
        if self.company_id is not None:
            self._removed, changes = delete_empty_company(self._db, self.company_id)
            self._hub.apply(changes)


COMPANY_FIELD_LABELS = {
    "website": "website",
    "industry": "industry",
    "location": "location",
    "notes": "notes",
}


class EditCompanyCommand(QUndoCommand):
    """Change one field of a company ("Edit Google's industry"); notes typed in bursts merge."""

    def __init__(
        self, db: Database, hub: Hub, company_id: int, name: str, field: str, old: str, new: str
    ) -> None:
        owner = f"{name}'" if name.endswith("s") else f"{name}'s"
        super().__init__(f"Edit {owner} {COMPANY_FIELD_LABELS.get(field, field)}")
        self._db = db
        self._hub = hub
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

    def redo(self) -> None:
        self._hub.apply(update_company(self._db, self.company_id, self.field, self._new))

    def undo(self) -> None:
        self._hub.apply(update_company(self._db, self.company_id, self.field, self._old))
