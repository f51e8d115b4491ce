"""Item models of the Advice page: questions with how many answered, and the answers to one."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from crm.prep.advice import AdviceAnswer, AdviceTopic
from crm.store.localtime import local_zone, to_local
from ui.common.dates import date_text
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel


class AdviceTopicsModel(RowsModel[AdviceTopic]):
    """One row per question that has answers: the question, how many answered, most said."""

    HEADERS = ("Question", "Answers", "Most said")

    def topic_at(self, row: int) -> AdviceTopic | None:
        return self.row_at(row)

    def row_of(self, key: str) -> int:
        return self.row_where(lambda topic: topic.key == key)

    def row_data(self, topic: AdviceTopic, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return topic.text
            if column == 1:
                return topic.count
            return most_said(topic)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return as_tooltip(f"{topic.text}\n{topic.category}" if topic.category else topic.text)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return as_tooltip(most_said(topic))
        if role == Qt.ItemDataRole.FontRole and column == 2 and topic.is_open:
            return _italic()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AdviceAnswersModel(RowsModel[AdviceAnswer]):
    """What each person said to one question, newest meeting first."""

    HEADERS = ("What they said", "Who", "Company", "When")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = local_zone()

    def row_data(self, answer: AdviceAnswer, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            when = to_local(answer.met_at, self._zone)
            return (
                " ".join(answer.answer.split()),
                answer.people,
                answer.companies,
                date_text(when.date()),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(f"{answer.answer}\n\n{answer.meeting_title}")
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
