"""Restoring a backup under the running window, as an undoable command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication

from crm.changes import EVERYTHING
from crm.errors import DatabaseError
from crm.store.backups import RestoreResult
from crm.store.localtime import local_zone, to_local
from crm.store.restoring import restore_into
from crm.store.schema import bring_up_to_date
from ui.context import AppContext


def swap_in_backup(ctx: AppContext, backup: Path) -> RestoreResult:
    """Restore `backup` into the open data file, bring its schema up to date, tell every view.

    The backup is checked before anything is written, so a bad file changes nothing.
    """
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # about a second at 100k contacts
    try:
        result = restore_into(ctx.paths, ctx.db, backup)
        bring_up_to_date(ctx.db)  # a backup made by an older Rapport
    finally:
        QApplication.restoreOverrideCursor()
    ctx.hub.apply(EVERYTHING)
    return result


def backup_title(created_at: datetime) -> str:
    """A backup's date as the user reads it, in local time: "Tue 10 Mar 2026, 15:30"."""
    return to_local(created_at, local_zone()).strftime("%a %d %b %Y, %H:%M")


class RestoreBackupCommand(QUndoCommand):
    """Restores a backup; undo restores the copy kept of what it replaced.

    The dialog performs the first restore itself (so it can report a failure before
    anything is on the stack) and hands over the result.
    """

    def __init__(
        self,
        ctx: AppContext,
        backup: Path,
        created_at: datetime,
        done: RestoreResult,
        report: Callable[[str], None],
    ) -> None:
        super().__init__(f"Restore backup of {backup_title(created_at)}")
        self._ctx = ctx
        self._backup = backup
        self._kept = done.kept
        self._report = report
        self._skip_first_redo = True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._swap(self._backup)

    def undo(self) -> None:
        if self._kept is None:
            self._report("There was no data file before the restore, so there is nothing to undo.")
            return
        self._swap(self._kept)

    def _swap(self, source: Path) -> None:
        try:
            swap_in_backup(self._ctx, source)
        except (DatabaseError, OSError) as exc:
            self._report(f"Could not restore {source.name}: {exc}")
