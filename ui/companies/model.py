"""Item models of the Companies page: the companies list and one company's contacts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from crm.companies.service import CompanyContact, CompanyRow
from ui.contacts.model import as_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
COMPANY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class CompaniesModel(QAbstractTableModel):
    """Companies with their contact counts; the name is edited in place to rename."""

    renameRequested = Signal(int, str)  # company id, new name (the page pushes the command)
    HEADERS = ("Company", "Contacts", "Industry", "Location")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CompanyRow] = []

    def set_rows(self, rows: list[CompanyRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def company(self, row: int) -> CompanyRow:
        return self._rows[row]

    def row_of(self, company_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == company_id), -1)

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

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        values = (row.name, row.contact_count, row.industry, row.location)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column != 1:
            return as_tooltip(str(values[column]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == COMPANY_ID_ROLE:
            return row.id
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 0:
            return False
        name = " ".join(str(value).split())
        row = self._rows[index.row()]
        if not name or name == row.name:
            return False
        # The rename happens through an undo command; the reload shows the new name.
        self.renameRequested.emit(row.id, name)
        return False


class CompanyContactsModel(QAbstractTableModel):
    """The contacts at the selected company."""

    HEADERS = ("Name", "Title", "Stage")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CompanyContact] = []

    def set_rows(self, rows: list[CompanyContact]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def contact_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        values = (row.name, row.title, row.stage_name)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(values[index.column()])
        if role == CONTACT_ID_ROLE:
            return row.id
        return None
