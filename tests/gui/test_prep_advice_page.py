"""The Advice page in the real window: Ctrl+5, the tally, and editing the question bank."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm.changes import Changes
from crm.prep.questions import list_questions, meeting_questions, record_answers
from tests.gui.modal import when_shown
from tests.gui.windows import focus
from tests.prep_data import add_person, prepared_meeting
from ui.main_window import MainWindow
from ui.prep.advice import AdvicePage
from ui.prep.bank_page import QuestionEditor

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def advice_page(window: MainWindow) -> AdvicePage:
    page = window.page("advice")
    assert isinstance(page, AdvicePage)
    return page


def answer_editor_with(qtbot: QtBot, text: str, category: str) -> None:
    """When the question editor opens, fill it in and press OK."""

    def fill(editor: QuestionEditor) -> None:
        editor.text.selectAll()
        qtbot.keyClicks(editor.text, text)
        editor.category.setCurrentText(category)
        qtbot.mouseClick(editor.ok, Qt.MouseButton.LeftButton)

    when_shown(QuestionEditor, fill)


def test_ctrl_5_shows_the_tally_of_recorded_answers(qtbot: QtBot, main_window: MainWindow) -> None:
    db = main_window.ctx.db
    page = advice_page(main_window)
    assert page.empty.isVisibleTo(page)
    for name, answer in (("Ann", "One page."), ("Bo", "one page, maybe two"), ("Cy", "Two")):
        meeting_id = prepared_meeting(db, add_person(db, name, "Test"), questions=2)
        cv = meeting_questions(db, meeting_id)[1]
        record_answers(db, meeting_id, {cv.id: answer})
    main_window.ctx.hub.apply(Changes(questions=True))

    focus(main_window, qtbot)
    qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_id() == "advice"
    qtbot.waitUntil(lambda: page.topics_model.rowCount() == 1)
    assert page.tally.text() == "2 of 3 said “One page”; 1 said “Two”"  # as they wrote it
    assert page.answers_model.rowCount() == 3


def test_bank_add_edit_retire_and_undo(qtbot: QtBot, main_window: MainWindow) -> None:
    db = main_window.ctx.db
    bank = advice_page(main_window).bank
    before = len(list_questions(db))

    answer_editor_with(qtbot, "What would you read first on my CV?", "Reading")
    qtbot.mouseClick(bank.add_button, Qt.MouseButton.LeftButton)
    added = [q for q in list_questions(db) if q.text == "What would you read first on my CV?"]
    assert added and added[0].category == "Reading"
    current = bank.current()
    assert current is not None and current.id == added[0].id

    answer_editor_with(qtbot, "What do you read first on a CV?", "Your application")
    qtbot.mouseClick(bank.edit_button, Qt.MouseButton.LeftButton)
    edited = next(q for q in list_questions(db) if q.id == added[0].id)
    assert (edited.text, edited.category) == ("What do you read first on a CV?", "Your application")

    qtbot.mouseClick(bank.retire_button, Qt.MouseButton.LeftButton)
    assert len(list_questions(db)) == before
    assert main_window.ctx.undo_stack.undoText().startswith("Retire question")
    main_window.ctx.undo_stack.undo()
    assert len(list_questions(db)) == before + 1
    main_window.ctx.undo_stack.undo()
    main_window.ctx.undo_stack.undo()
    assert len(list_questions(db)) == before


def test_an_open_question_lists_answers_as_written(qtbot: QtBot, main_window: MainWindow) -> None:
    db = main_window.ctx.db
    page = advice_page(main_window)
    said = ("Anna Lee on her team", "Ask Ben in sales.", "The CFO, maybe")
    for i, answer in enumerate(said):
        meeting_id = prepared_meeting(db, add_person(db, f"P{i}", "Test"), questions=1)
        first = meeting_questions(db, meeting_id)[0]
        record_answers(db, meeting_id, {first.id: answer})
    main_window.ctx.hub.apply(Changes(questions=True))
    main_window.resize(1280, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.show_page("advice")
    qtbot.waitUntil(lambda: page.topics_model.rowCount() == 1)
    topics = page.topics_model
    assert topics.data(topics.index(0, 2)) == "3 different answers"
    assert page.tally.text() == "3 different answers, each listed below."
    answers = page.answers_model
    assert {answers.data(answers.index(r, 0)) for r in range(3)} == set(said)
    # The question is read in full: it wraps instead of being cut to a few letters.
    question = page.topics.visualRect(topics.index(0, 0))
    line = page.topics.fontMetrics().height()
    assert page.topics.wordWrap() and question.width() > page.topics.columnWidth(2)
    assert question.height() >= line
