"""Item models of the import dialog: the preview, the unreadable rows, the first CSV rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from crm.importing import Action, ImportPlan, ReadProblem
from crm.importing.plan import ACTION_NAMES, PlanItem
from crm.wording import plural_word
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel

_DISPLAY = Qt.ItemDataRole.DisplayRole


class PreviewModel(RowsModel[PlanItem]):
    """One row per contact read: who, what it matches, what will happen to it."""

    HEADERS = ("Line", "Name", "Company", "Title", "Matches", "What changed", "Action")
    ACTION_COLUMN = 6

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(rows=plan.items)
        self.plan = plan

    def set_plan(self, plan: ImportPlan) -> None:
        """Take a plan with the same items and other actions (only the action column moves)."""
        self.plan = plan
        self._rows = list(plan.items)
        if plan.items:
            column = self.ACTION_COLUMN
            self.dataChanged.emit(self.index(0, column), self.index(len(plan.items) - 1, column))

    def row_data(self, item: PlanItem, column: int, role: int) -> object:
        if role == _DISPLAY:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and item.job_change:
            return as_tooltip(item.job_change.describe())
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and item.combined_lines:
            lines = ", ".join(str(n) for n in item.combined_lines)
            word = plural_word(len(item.combined_lines), "line")
            return f"Combined with the same person on {word} {lines}"
        if role == Qt.ItemDataRole.ForegroundRole and item.action is Action.SKIP:
            return QBrush(QColor("#9ca3af"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(item: PlanItem, column: int) -> str:
        c = item.contact
        if column == 0:
            return str(c.line)
        if column == 1:
            return c.name or (c.emails[0] if c.emails else "(no name)")
        if column == 2:
            return c.company
        if column == 3:
            return c.title
        if column == 4:
            return f"{item.match_name} ({item.match_reason})" if item.is_match else "New"
        if column == 5:
            return item.job_change.describe() if item.job_change else ""
        return ACTION_NAMES[item.action]


class ProblemsModel(RowsModel[ReadProblem]):
    """Rows or cards that cannot be read, with their line and the reason."""

    HEADERS = ("Line", "What is wrong")

    def row_data(self, problem: ReadProblem, column: int, role: int) -> object:
        if role != _DISPLAY:
            return None
        return str(problem.line) if column == 0 else problem.reason


class SampleRowsModel(RowsModel[tuple[str, ...]]):
    """The header and first rows of an unknown CSV, shown while mapping its columns."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        super().__init__(rows=[tuple(r) for r in rows])
        self._headers = tuple(headers)

    def headers(self) -> tuple[str, ...]:
        return self._headers

    def row_data(self, row: tuple[str, ...], column: int, role: int) -> object:
        if role != _DISPLAY:
            return None
        return row[column] if column < len(row) else ""
