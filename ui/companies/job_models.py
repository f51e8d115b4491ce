"""Item models of the openings and applications dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from crm.targets.applications import ApplicationRow, OpeningRow
from crm.targets.listing import ROLE_LABELS
from ui.common.dates import date_text
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel

FileRow = tuple[int, str, str]  # (file id, kind, name)


class OpeningsModel(RowsModel[OpeningRow]):
    HEADERS = ("Opening", "Source", "Seen", "Link")

    def row_data(self, row: OpeningRow, column: int, role: int) -> Any:
        values = (
            row.title,
            row.source,
            date_text(row.seen_on) if row.seen_on else "",
            row.url,
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(row.notes if column == 0 and row.notes else values[column])
        return None


class ApplicationsModel(RowsModel[ApplicationRow]):
    HEADERS = ("Application", "Status", "Applied", "Deadline", "Interview", "People")

    def row_data(self, row: ApplicationRow, column: int, role: int) -> Any:
        people = ", ".join(f"{name} ({ROLE_LABELS[role]})" for _i, name, role in row.contacts)
        values = (
            row.title,
            row.status,
            date_text(row.applied_on) if row.applied_on else "",
            date_text(row.deadline) if row.deadline else "",
            date_text(row.interview_on) if row.interview_on else "",
            people,
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return "\n".join(f"{s.status}: {date_text(s.at.date())}" for s in row.history)
            return as_tooltip(values[column])
        return None


class FilesModel(RowsModel[FileRow]):
    HEADERS = ("Sent", "File")

    def row_data(self, row: FileRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row[1], row[2])[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(row[2])
        return None
