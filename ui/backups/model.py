"""The list of backups shown by the Restore backup dialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from crm.store.backups import BackupInfo
from ui.backups.restore import backup_title

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Date", "Reason", "Contacts", "Size")


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupListModel(QAbstractTableModel):
    """Backups newest first: date (local time), reason, contact count and size."""

    def __init__(self, backups: Sequence[BackupInfo] = ()) -> None:
        super().__init__()
        self._backups = list(backups)

    def backup(self, row: int) -> BackupInfo:
        return self._backups[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        info = self._backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return backup_title(info.created_at)
            if column == 1:
                return info.reason_label
            if column == 2:
                return "unreadable" if info.contacts is None else str(info.contacts)
            return _size(info.size)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.path.name
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None
