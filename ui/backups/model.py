"""The list of backups shown by the Restore backup dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crm.store.backups import BackupInfo
from ui.backups.restore import backup_title
from ui.common.rows_model import RowsModel


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupListModel(RowsModel[BackupInfo]):
    """Backups newest first: date (local time), reason, contact count and size."""

    HEADERS = ("Date", "Reason", "Contacts", "Size")

    def row_data(self, info: BackupInfo, column: int, role: int) -> object:
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
