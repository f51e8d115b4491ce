"""The undo command for a finished contact import."""

from __future__ import annotations

from crm.changes import EVERYTHING, Changes
from crm.importing import ImportOutcome, redo_import, undo_import
from crm.store.db import Database
from ui.common.undo import Command
from ui.hub import Hub


class ImportCommand(Command):
    """An import already written by a worker; undo removes it whole, redo writes it again."""

    def __init__(self, db: Database, hub: Hub, outcome: ImportOutcome, source: str) -> None:
        count = outcome.added + outcome.merged
        text = f"Import {count} contact{'s' if count != 1 else ''} from {source}"
        super().__init__(db, hub, text)
        self.outcome = outcome

    def do(self) -> Changes:
        return EVERYTHING  # the worker wrote it before the command was pushed

    def do_again(self) -> Changes:
        return redo_import(self.db, self.outcome)

    def take_back(self) -> Changes:
        return undo_import(self.db, self.outcome)
