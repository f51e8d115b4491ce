"""The backup actions of the File menu and the automatic backup when the window closes."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Slot

from crm.errors import DatabaseError
from crm.store.backups import BackupInfo, backup_now, backup_on_close, list_backups
from ui.backups.dialog import RestoreBackupDialog
from ui.backups.restore import RestoreBackupCommand, backup_title, swap_in_backup
from ui.common.actions import new_action
from ui.common.prompts import warn
from ui.common.undo import push
from ui.context import AppContext
from ui.main_window import MainWindow


class BackupActions(QObject):
    """Owns File ▸ Back up now / Restore backup… and remembers whether data changed."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.data_changed = False
        self.dialog: RestoreBackupDialog | None = None

        self.backup_action = new_action(
            window,
            "backup",
            "&Back Up Now",
            self.back_up_now,
            name="backUpNowAction",
            status_tip="Save a copy of all your data in the backups folder",
        )
        self.restore_action = new_action(
            window,
            "restore",
            "&Restore Backup…",
            self.open_restore_dialog,
            name="restoreBackupAction",
            status_tip="Replace your data with an earlier backup (undoable)",
        )
        menu = window.menus["file"]
        menu.addSeparator()
        menu.addAction(self.backup_action)
        menu.addAction(self.restore_action)

        ctx.hub.changed.connect(self._mark_changed)
        window.closing.connect(self.back_up_on_close)

    @Slot(object)
    def _mark_changed(self, _changes: object) -> None:
        self.data_changed = True

    @Slot()
    def back_up_now(self) -> None:
        try:
            path = backup_now(self._ctx.paths, self._ctx.db, "manual")
        except (DatabaseError, OSError) as exc:
            warn(self._window, "Backup failed", f"Rapport could not back up: {exc}")
            return
        self._ctx.show_status(f"Backed up to {path.name}")

    @Slot()
    def open_restore_dialog(self) -> RestoreBackupDialog:
        dialog = RestoreBackupDialog(
            list_backups(self._ctx.paths), self._ctx.paths.backups, self.restore, self._window
        )
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def restore(self, backup: BackupInfo) -> bool:
        """Restore `backup` now and put an undoable command on the stack."""
        try:
            done = swap_in_backup(self._ctx, backup.path)
        except (DatabaseError, OSError) as exc:
            self._report(f"Could not restore {backup.path.name}: {exc}")
            return False
        push(self._ctx, RestoreBackupCommand(self._ctx, backup.path, backup.created_at, done))
        when = backup_title(backup.created_at)
        self._ctx.show_status(f"Restored the backup of {when}. Undo brings back what you had.")
        return True

    def _report(self, message: str) -> None:
        self._ctx.show_status(message, 10000)
        warn(self._window, "Restore failed", message)

    @Slot()
    def back_up_on_close(self) -> None:
        try:
            backup_on_close(self._ctx.paths, self._ctx.db, changed=self.data_changed)
        except (DatabaseError, OSError) as exc:
            # Closing must not be held up; the data itself is safe in the data file.
            print(f"rapport: the automatic backup failed: {exc}", file=sys.stderr)
        self.data_changed = False


def install(window: MainWindow, ctx: AppContext) -> BackupActions:
    """Add the backup actions to `window` (no page: they live in the File menu)."""
    return BackupActions(window, ctx)  # parented to the window, which keeps it alive
