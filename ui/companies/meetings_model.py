"""The meetings with the people at the selected company, latest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from crm.companies.editing import CompanyMeeting
from crm.store.localtime import local_zone, to_local
from ui.common.plain_text import as_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
STATUS = {"planned": "Planned", "done": "Done", "cancelled": "Cancelled"}


class CompanyMeetingsModel(QAbstractTableModel):
    HEADERS = ("When", "Meeting", "With", "Status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CompanyMeeting] = []

    def set_rows(self, rows: list[CompanyMeeting]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def meeting_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            when = to_local(row.start_at, local_zone())
            values = (f"{when:%d %b %Y %H:%M}", row.title, row.people, STATUS.get(row.status, ""))
            value = values[index.column()]
            # A tooltip reads markup: names like "<b>Eve</b>" are escaped to show as typed.
            return value if role == Qt.ItemDataRole.DisplayRole else as_tooltip(value)
        return None
