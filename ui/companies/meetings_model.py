"""The meetings with the people at the selected company, latest first."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt

from crm.companies.editing import CompanyMeeting
from crm.store.localtime import local_zone, to_local
from ui.common.dates import moment_text
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel

STATUS = {"planned": "Planned", "done": "Done", "cancelled": "Cancelled"}


class CompanyMeetingsModel(RowsModel[CompanyMeeting]):
    HEADERS = ("When", "Meeting", "With", "Status")

    def __init__(self, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()

    def meeting_id(self, row: int) -> int:
        return self._rows[row].id

    def row_data(self, row: CompanyMeeting, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        when = moment_text(to_local(row.start_at, local_zone()), self.today)
        text = (when, row.title, row.people, STATUS.get(row.status, ""))[column]
        return text if role == Qt.ItemDataRole.DisplayRole else as_tooltip(text)
