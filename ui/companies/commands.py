"""Undoable company actions: rename and merge."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

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
