"""Restoring a backup under the running window, as an undoable command."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from crm.changes import EVERYTHING, Changes
from crm.errors import NotFoundError
from crm.store.backups import RestoreResult
from crm.store.clock import utc_now
from crm.store.localtime import local_today, local_zone, to_local
from crm.store.restoring import restore_into
from crm.store.schema import bring_up_to_date
from ui.common.dates import moment_text
from ui.common.undo import Command
from ui.context import AppContext


def swap_in_backup(ctx: AppContext, backup: Path) -> RestoreResult:
    """Restore `backup` into the open data file, bring its schema up to date, tell every view.

    The backup is checked before anything is written, so a bad file changes nothing.
    """
    result = _restore(ctx, backup)
    ctx.hub.apply(EVERYTHING)
    return result


def _restore(ctx: AppContext, backup: Path) -> RestoreResult:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # about a second at 100k contacts
    try:
        result = restore_into(ctx.paths, ctx.db, backup)
        bring_up_to_date(ctx.db)  # a backup made by an older Rapport
    finally:
        QApplication.restoreOverrideCursor()
    return result


def backup_title(created_at: datetime, today: date | None = None) -> str:
    """A backup's date as the user reads it, in local time: "yesterday, 15:30".

    Backups are files made at real times, so "today" is the computer's unless given.
    """
    zone = local_zone()
    day = today if today is not None else local_today(utc_now(), zone)
    return moment_text(to_local(created_at, zone), day)


class RestoreBackupCommand(Command):
    """Restores a backup; undo restores the copy kept of what it replaced.

    The caller performs the first restore itself (so it can report a failure before
    anything is on the stack) and hands over the result.
    """

    def __init__(
        self, ctx: AppContext, backup: Path, created_at: datetime, done: RestoreResult
    ) -> None:
        super().__init__(ctx.db, ctx.hub, f"Restore backup of {backup_title(created_at)}")
        self._ctx = ctx
        self._backup = backup
        self._kept = done.kept

    def do(self) -> Changes:
        return Changes()  # restored and announced by the caller already

    def do_again(self) -> Changes:
        _restore(self._ctx, self._backup)
        return EVERYTHING

    def take_back(self) -> Changes:
        if self._kept is None:
            raise NotFoundError("There was no data file before the restore, so nothing to undo.")
        _restore(self._ctx, self._kept)
        return EVERYTHING
