"""The Advice page: what people told you, tallied by question, and the question bank."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.prep.advice import AdviceTopic, advice_tally
from crm.wording import plural
from ui.common.fields import named
from ui.common.tables import rows_table
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.prep.advice_models import AdviceAnswersModel, AdviceTopicsModel
from ui.prep.bank_page import QuestionBankPage
from ui.refresh import refresh_page

EMPTY_TEXT = (
    "Nothing recorded yet. After a meeting, choose Record answers… in its prep dialog: "
    "what people said to each question is tallied here, so you can see for example how "
    "many said a one-page CV."
)


def tally_sentence(topic: AdviceTopic) -> str:
    """'3 of 4 said “One page”; 1 said “Two pages”' for a question's answers; for an open
    question, whose answers all differ, a pointer to the list of them."""
    if topic.is_open:
        return f"{topic.count} different answers, each listed below."
    parts = []
    for i, (gist, count) in enumerate(topic.tally[:4]):
        lead = f"{count} of {topic.count}" if i == 0 else f"{count}"
        parts.append(f"{lead} said “{gist}”")
    more = len(topic.tally) - 4
    return "; ".join(parts) + (f"; {plural(more, 'other answer')}" if more > 0 else "")


def _table(name: str, model: QAbstractItemModel, accessible_name: str) -> QTableView:
    """A table of the page: the question (or the person) stretched, the counts fitted."""
    fit = range(1, model.columnCount())
    return rows_table(
        QTableView(), name, model, accessible_name=accessible_name, grid=True, stretch=(0,), fit=fit
    )


class AdvicePage(QWidget):
    """Questions with answers on the left; on the right, the tally and each answer."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("advicePage")
        self.topics_model = AdviceTopicsModel(self)
        self.answers_model = AdviceAnswersModel(self)

        self.topics = _table("adviceTopics", self.topics_model, "Questions people answered")
        self.answers = _table("adviceAnswers", self.answers_model, "What each person said")
        # Questions are long: they wrap in full, and what was most said gets a fixed share
        # (elided, the whole of it in the tooltip) instead of crowding the question out.
        for view in (self.topics, self.answers):  # answers are read in full, too
            view.setWordWrap(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        topics_header = self.topics.horizontalHeader()
        topics_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        topics_header.resizeSection(2, self.fontMetrics().horizontalAdvance("x" * 26))
        self.question = named(QLabel(), "adviceQuestion")
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        font = self.question.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.question.setFont(font)
        self.tally = named(QLabel(), "adviceTally")
        self.tally.setWordWrap(True)
        self.tally.setTextFormat(Qt.TextFormat.PlainText)
        self.empty = named(QLabel(EMPTY_TEXT), "adviceEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.question)
        detail_layout.addWidget(self.tally)
        detail_layout.addWidget(self.answers, 1)
        splitter = named(QSplitter(Qt.Orientation.Horizontal), "adviceSplitter")
        splitter.addWidget(self.topics)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        tally_tab = QWidget()
        tab_layout = QVBoxLayout(tally_tab)
        tab_layout.addWidget(self.empty)
        tab_layout.addWidget(splitter, 1)
        self.splitter = splitter

        self.bank = QuestionBankPage(ctx)
        self.tabs = named(QTabWidget(), "adviceTabs")
        self.tabs.addTab(tally_tab, "What people told you")
        self.tabs.addTab(self.bank, "Question bank")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.tabs)

        self._refresher = refresh_page(self, ctx.hub, self.reload, _about_answers)
        self.topics.selectionModel().currentRowChanged.connect(self._show_topic)
        self.reload()

    def reload(self, *_changes: object) -> None:
        current = self.topics_model.topic_at(self.topics.currentIndex().row())
        self.topics_model.set_rows(advice_tally(self.ctx.db))
        has_topics = self.topics_model.rowCount() > 0
        self.empty.setVisible(not has_topics)
        self.splitter.setVisible(has_topics)
        row = self.topics_model.row_of(current.key) if current else -1
        if has_topics:
            self.topics.setCurrentIndex(self.topics_model.index(max(row, 0), 0))
        self._show_topic(self.topics.currentIndex())

    @Slot(QModelIndex)
    def _show_topic(self, index: QModelIndex) -> None:
        topic = self.topics_model.topic_at(index.row()) if index.isValid() else None
        self.question.setText(topic.text if topic else "")
        self.tally.setText(tally_sentence(topic) if topic else "")
        self.answers_model.set_rows(topic.answers if topic else ())


def _about_answers(changes: Changes) -> bool:
    """Answers, the questions, the meetings or the people who gave them changed."""
    return changes.questions or bool(changes.meetings) or bool(changes.contacts)


def install(window: MainWindow, ctx: AppContext) -> AdvicePage:
    """Add the Advice page (Ctrl+5) to the main window."""
    page = AdvicePage(ctx)
    window.add_page("advice", "Advice", "advice", page, "Ctrl+5")
    window.window_state.restore_splitter("advice", page.splitter)
    window.closing.connect(lambda: window.window_state.save_splitter("advice", page.splitter))
    return page
