"""Item models of the Companies page: the companies list and one company's contacts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal

from crm.companies.service import CompanyContact, CompanyRow
from ui.common.indexes import Index
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel

COMPANY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class CompaniesModel(RowsModel[CompanyRow]):
    """Companies with their contact counts; the name is edited in place to rename."""

    renameRequested = Signal(int, str)  # company id, new name (the page pushes the command)
    HEADERS = ("Company", "Contacts", "Industry", "Location")

    def row_of(self, company_id: int) -> int:
        return self.row_where(lambda company: company.id == company_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def row_data(self, row: CompanyRow, column: int, role: int) -> Any:
        values = (row.name, row.contact_count, row.industry, row.location)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column != 1:
            return as_tooltip(str(values[column]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == COMPANY_ID_ROLE:
            return row.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 0:
            return False
        name = " ".join(str(value).split())
        row = self._rows[index.row()]
        if not name or name == row.name:
            return False
        # The rename happens through an undo command; the reload shows the new name.
        self.renameRequested.emit(row.id, name)
        return False


class CompanyContactsModel(RowsModel[CompanyContact]):
    """The contacts at the selected company."""

    HEADERS = ("Name", "Title", "Stage")

    def contact_id(self, row: int) -> int:
        return self._rows[row].id

    def row_data(self, row: CompanyContact, column: int, role: int) -> Any:
        values = (row.name, row.title, row.stage_name)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(values[column])
        if role == CONTACT_ID_ROLE:
            return row.id
        return None
