"""Item models of the Advice page: questions with how many answered, and the answers to one."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from crm.prep.advice import AdviceAnswer, AdviceTopic
from crm.store.localtime import local_zone, to_local

Index = QModelIndex | QPersistentModelIndex


class _TableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


class AdviceTopicsModel(_TableModel):
    """One row per question that has answers: the question, how many answered, most said."""

    HEADERS = ("Question", "Answers", "Most said")

    def topic_at(self, row: int) -> AdviceTopic | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        return next((i for i, t in enumerate(self._rows) if t.key == key), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        topic = self.topic_at(index.row()) if index.isValid() else None
        if topic is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return topic.text
            if column == 1:
                return topic.count
            return most_said(topic)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{topic.text}\n{topic.category}" if topic.category else topic.text
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return most_said(topic)
        if role == Qt.ItemDataRole.FontRole and column == 2 and topic.is_open:
            return _italic()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AdviceAnswersModel(_TableModel):
    """What each person said to one question, newest meeting first."""

    HEADERS = ("What they said", "Who", "Company", "When")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._zone = local_zone()

    def answer_at(self, row: int) -> AdviceAnswer | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        answer = self.answer_at(index.row()) if index.isValid() else None
        if answer is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            when = to_local(answer.met_at, self._zone)
            return (
                " ".join(answer.answer.split()),
                answer.people,
                answer.companies,
                f"{when.day} {when:%b %Y}",
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{answer.answer}\n\n{answer.meeting_title}"
        return None


def most_said(topic: AdviceTopic) -> str:
    """What most people said, as written, and how many; or that the answers all differ."""
    if topic.is_open:
        return f"{topic.count} different answers"
    text, count = topic.tally[0]
    return f"{text} ({count})" if count > 1 else text


@cache
def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font
