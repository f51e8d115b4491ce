"""The import's writing step, run in a worker thread with its own database connection."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from crm.errors import ImportCancelled
from crm.importing import ImportPlan, apply_plan
from crm.store.db import Database


class ImportWorker(QObject):
    """Writes a plan; never touches widgets. Results come back by signal."""

    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # ImportOutcome
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, db: Database, plan: ImportPlan, stage_id: int) -> None:
        super().__init__()
        self.db = db
        self.plan = plan
        self.stage_id = stage_id
        self._cancel = False

    def cancel(self) -> None:
        # Read by the worker thread between chunks; a plain bool is enough for one writer.
        self._cancel = True

    def _report(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self._cancel

    @Slot()
    def run(self) -> None:
        try:
            outcome = apply_plan(self.db, self.plan, self.stage_id, self._report)
        except ImportCancelled:
            self.cancelled.emit()
        except Exception as exc:  # any failure is rolled back; the user gets one sentence
            self.failed.emit(f"The import failed and nothing was changed ({exc}).")
        else:
            self.finished.emit(outcome)
