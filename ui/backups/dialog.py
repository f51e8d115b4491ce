"""File ▸ Restore backup…: pick a backup by date, reason and contact count, and restore it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.store.backups import BackupInfo
from ui.backups.model import BackupListModel
from ui.common.dialogs import Dialog
from ui.common.tables import rows_table, selected_row

EXPLANATION = (
    "Restoring replaces your data with the copy you choose. What you have now is kept "
    "as a backup first, and Edit ▸ Undo brings it back."
)


class RestoreBackupDialog(Dialog):
    """Lists backups newest first; Restore (or Enter, or a double-click) restores one.

    `restore` does the work and returns whether it succeeded; on failure the dialog
    stays open so another copy can be chosen.
    """

    def __init__(
        self,
        backups: Sequence[BackupInfo],
        backups_folder: Path,
        restore: Callable[[BackupInfo], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("restoreBackupDialog", "Restore Backup", parent)
        self._restore = restore
        self._folder = backups_folder
        self.model = BackupListModel(rows=backups)

        intro = QLabel(EXPLANATION if backups else "There are no backups yet.")
        intro.setWordWrap(True)
        self.view = rows_table(
            QTableView(),
            "backupList",
            self.model,
            accessible_name="Backups",
            stretch=(1,),
            fit=(0, 2, 3),
        )
        self.view.doubleClicked.connect(self._restore_selected)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        folder_button = buttons.addButton(
            "Show Backups Folder", QDialogButtonBox.ButtonRole.HelpRole
        )
        folder_button.clicked.connect(self._show_folder)
        buttons.accepted.connect(self._restore_selected)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(640, 380)
        # Qt quirk: setDefault only registers with a dialog the button already belongs to.
        self.restore_button.setDefault(True)

        selection = self.view.selectionModel()
        selection.selectionChanged.connect(self._update_buttons)
        if backups:
            selection.select(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        return selected_row(self.view, self.model)

    @Slot()
    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    @Slot()
    @Slot(QModelIndex)
    def _restore_selected(self, _index: QModelIndex | None = None) -> None:
        chosen = self.selected_backup()
        if chosen is not None and self._restore(chosen):
            self.accept()

    @Slot()
    def _show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))
