"""Undo commands for a finished import and for merging two contacts."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from crm.changes import EVERYTHING
from crm.importing import ImportOutcome, redo_import, undo_import
from crm.store.db import Database
from ui.hub import Hub


class ImportCommand(QUndoCommand):
    """An import already written by a worker; undo removes it whole, redo writes it again."""

    def __init__(self, db: Database, hub: Hub, outcome: ImportOutcome, source: str) -> None:
        count = outcome.added + outcome.merged
        super().__init__(f"Import {count} contact{'s' if count != 1 else ''} from {source}")
        self.db = db
        self.hub = hub
        self.outcome = outcome
        self._done = True  # the worker wrote it before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            self.hub.apply(EVERYTHING)
            return
        self.hub.apply(redo_import(self.db, self.outcome))

    def undo(self) -> None:
        self.hub.apply(undo_import(self.db, self.outcome))
