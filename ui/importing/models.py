"""Item models of the import dialog: the preview, the unreadable rows, the first CSV rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from crm.importing import Action, ImportPlan, ReadProblem
from crm.importing.plan import ACTION_NAMES, PlanItem
from crm.wording import plural_word

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole


class TableModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal and role == _DISPLAY
        return self.headers[section] if horizontal and 0 <= section < len(self.headers) else None


class PreviewModel(TableModel):
    """One row per contact read: who, what it matches, what will happen to it."""

    headers = ("Line", "Name", "Company", "Title", "Matches", "What changed", "Action")
    ACTION_COLUMN = 6

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan

    def set_plan(self, plan: ImportPlan) -> None:
        """Take a plan with the same items and other actions (only the action column moves)."""
        self.plan = plan
        if plan.items:
            column = self.ACTION_COLUMN
            self.dataChanged.emit(self.index(0, column), self.index(len(plan.items) - 1, column))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.items)

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.plan.items):
            return None
        item = self.plan.items[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and item.job_change:
            return item.job_change.describe()
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


class ProblemsModel(TableModel):
    """Rows or cards that cannot be read, with their line and the reason."""

    headers = ("Line", "What is wrong")

    def __init__(self, problems: Sequence[ReadProblem]) -> None:
        super().__init__()
        self.problems = tuple(problems)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems)

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or role != _DISPLAY or index.row() >= len(self.problems):
            return None
        problem = self.problems[index.row()]
        return str(problem.line) if index.column() == 0 else problem.reason


class SampleRowsModel(TableModel):
    """The header and first rows of an unknown CSV, shown while mapping its columns."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        super().__init__()
        self.headers = tuple(headers)
        self.rows = [tuple(r) for r in rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or role != _DISPLAY or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""
