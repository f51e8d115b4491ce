"""The prep dialog driven like a user: pick, reorder, preview, save, plan, record answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact
from crm.prep.finding import next_planned_meeting
from crm.prep.prep_state import get_prep_state
from crm.prep.questions import list_questions, meeting_questions
from crm.prep.sheet import build_prep_sheet
from crm.store.db import Database
from crm.store.paths import DataPaths
from tests.gui.conftest import MessageBoxes
from tests.prep_data import add_person, prepared_meeting
from ui.context import AppContext
from ui.hub import Hub
from ui.prep.answers import RecordAnswersDialog, open_record_answers
from ui.prep.dialog import PrepDialog, open_prep_dialog
from ui.prep.models import ChosenQuestionsModel

# Qt quirk: the offscreen platform warns on every top-level window it shows.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def discard_on_close(message_boxes: MessageBoxes) -> None:
    """Closing a dialog with unsaved edits asks; tests that do not care discard them."""
    message_boxes.answer = QMessageBox.StandardButton.Discard


@pytest.fixture
def ctx(db: Database, data_paths: DataPaths) -> Iterator[AppContext]:
    yield AppContext(paths=data_paths, db=db, hub=Hub(), undo_stack=QUndoStack())


def open_dialog(qtbot: QtBot, ctx: AppContext, **target: int) -> PrepDialog:
    dialog = open_prep_dialog(ctx, None, **target)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    return dialog


def double_click_row(qtbot: QtBot, view: object, row: int) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    assert isinstance(view, QAbstractItemView)
    index = view.model().index(row, 0)
    view.scrollTo(index)
    point: QPoint = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_pick_search_reorder_and_the_preview_follows(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=2)
    dialog = open_dialog(qtbot, ctx, meeting_id=meeting_id)
    picker = dialog.picker
    assert dialog.preview.objectName() == "prepSheetPreview"
    assert picker.chosen_model.rowCount() == 2

    qtbot.keyClicks(picker.search, "typical day")
    assert picker.bank_model.rowCount() == 1
    double_click_row(qtbot, picker.bank, 0)
    texts = picker.chosen_model.texts()
    assert texts[-1] == "What does a typical day or week look like for you?"
    qtbot.waitUntil(lambda: "What does a typical day" in dialog.preview.plain_text())

    # Alt+Up twice brings it to the top; the preview numbers it first.
    picker.chosen.setFocus()
    picker.chosen.setCurrentIndex(picker.chosen_model.index(2, 0))
    qtbot.keyClick(picker.chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(picker.chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert picker.chosen_model.texts()[0] == texts[-1]
    qtbot.waitUntil(
        lambda: dialog.preview.sheet is not None and dialog.preview.sheet.questions[0] == texts[-1]
    )

    qtbot.keyClick(picker.chosen, Qt.Key.Key_Delete)
    assert texts[-1] not in picker.chosen_model.texts()

    dialog.goal.selectAll()
    qtbot.keyClicks(dialog.goal, "Understand their hiring loop")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    state = get_prep_state(db, meeting_id)
    assert state.goal == "Understand their hiring loop"
    assert [q.text for q in state.questions] == texts[:2]
    assert ctx.undo_stack.undoText().startswith("Prepare “Coffee chat with Anna Lee")
    ctx.undo_stack.undo()
    assert get_prep_state(db, meeting_id).goal.startswith("Learn how the platform team")


def test_drag_and_drop_reorders_through_the_model(qtbot: QtBot) -> None:
    from crm.prep.questions import ChosenQuestion

    model = ChosenQuestionsModel()
    model.set_items([ChosenQuestion(t) for t in ("First?", "Second?", "Third?")])
    data = model.mimeData([model.index(0, 0)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 3, 0, model.index(-1, 0))
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, model.index(-1, 0))
    assert model.texts() == ["Second?", "Third?", "First?"]
    model.dropMimeData(
        model.mimeData([model.index(2, 0)]), Qt.DropAction.MoveAction, 0, 0, model.index(-1, 0)
    )
    assert model.texts() == ["First?", "Second?", "Third?"]


def test_a_typed_question_can_be_saved_to_the_bank(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=1)
    dialog = open_dialog(qtbot, ctx, meeting_id=meeting_id)
    box = dialog.picker.save_to_bank
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    qtbot.keyClicks(dialog.picker.new_question, "Which conferences matter here?")
    qtbot.keyClick(dialog.picker.new_question, Qt.Key.Key_Return)
    assert "Which conferences matter here?" in [q.text for q in list_questions(db)]
    assert dialog.picker.chosen_model.texts()[-1] == "Which conferences matter here?"
    assert dialog.picker.new_question.text() == ""


def test_a_contact_without_a_meeting_gets_one_planned_on_save(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    anna = add_person(db)
    dialog = open_dialog(qtbot, ctx, contact_id=anna)
    assert dialog.schedule.isVisibleTo(dialog)
    assert not dialog.answers_button.isEnabled()
    # A first prep starts from a few good questions.
    assert len(dialog.picker.chosen_model.texts()) == 3
    # The sheet of the meeting being planned follows the time and place as they are picked.
    dialog.when.setDateTime(QDateTime(2026, 3, 12, 10, 15, 0))
    qtbot.keyClicks(dialog.place, "Le Nid, Lyon")
    qtbot.waitUntil(lambda: "10:15" in dialog.preview.plain_text())
    assert "Le Nid, Lyon" in dialog.preview.plain_text()
    assert "to be agreed" not in dialog.preview.plain_text()
    qtbot.keyClicks(dialog.goal, "Hear about the data team")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    meeting_id = next_planned_meeting(db, anna)
    assert meeting_id is not None
    sheet = build_prep_sheet(db, meeting_id=meeting_id)
    assert sheet.goal == "Hear about the data team"
    assert sheet.meeting is not None and sheet.meeting.location == "Le Nid, Lyon"
    assert len(sheet.questions) == 3
    ctx.undo_stack.undo()
    assert next_planned_meeting(db, anna) is None


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, ctx: AppContext, db: Database, message_boxes: MessageBoxes
) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=1)
    dialog = open_dialog(qtbot, ctx, meeting_id=meeting_id)
    qtbot.keyClicks(dialog.goal, " and more")
    message_boxes.answer = QMessageBox.StandardButton.Save
    dialog.close()
    assert [title for title, _text in message_boxes.shown] == ["Keep your preparation?"]
    assert get_prep_state(db, meeting_id).goal.endswith("and more")


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_record_answers_reach_history_next_sheet_and_advice(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    from ui.prep.advice import AdvicePage

    anna = add_person(db)
    first = prepared_meeting(db, anna, questions=2)
    dialog = open_record_answers(ctx, None, first)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, RecordAnswersDialog)
    editor = dialog.findChild(type(dialog.editors[next(iter(dialog.editors))]), "answer2")
    assert editor is not None
    qtbot.keyClicks(editor, "One page. They skim.")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    assert isinstance(save, QPushButton)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    answers = [q.answer for q in meeting_questions(db, first)]
    assert answers == ["", "One page. They skim."]
    history = [e for e in list_history(db, anna) if e.kind == "answers"]
    assert len(history) == 1 and "One page. They skim." in history[0].body

    from datetime import datetime

    second = prepared_meeting(db, anna, questions=1, start_at=datetime(2026, 4, 2, 9))
    prep = open_dialog(qtbot, ctx, meeting_id=second)
    assert "One page. They skim." in prep.preview.plain_text()

    page = AdvicePage(ctx)
    qtbot.addWidget(page)
    assert page.topics_model.rowCount() == 1
    assert "one-page CV" in page.question.text()
    assert page.tally.text() == "1 of 1 said “One page”"
    assert page.answers_model.index(0, 1).data() == "Anna Lee"

    ctx.undo_stack.undo()
    QApplication.processEvents()
    # A page never shown only notes the change; it catches up as it is shown.
    assert page.topics_model.rowCount() == 1
    page.show()
    assert page.topics_model.rowCount() == 0
    assert page.empty.isVisibleTo(page)


def test_models_pass_the_model_tester(qtmodeltester: object, ctx: AppContext, db: Database) -> None:
    from crm.prep.advice import advice_tally
    from crm.prep.questions import ChosenQuestion, QuestionRow, record_answers
    from ui.prep.advice_models import AdviceAnswersModel, AdviceTopicsModel
    from ui.prep.models import QuestionBankModel

    meeting_id = prepared_meeting(db, add_person(db), questions=2)
    rows = meeting_questions(db, meeting_id)
    record_answers(db, meeting_id, {rows[0].id: "Skills first", rows[1].id: "One page"})
    bank = QuestionBankModel()
    bank.set_rows([*list_questions(db), QuestionRow(999, "Old?", "X", 99, True)])
    chosen = ChosenQuestionsModel()
    chosen.set_items([ChosenQuestion("A?"), ChosenQuestion("B?", 1)])
    topics = AdviceTopicsModel()
    topics.set_rows(advice_tally(db))
    answers = AdviceAnswersModel()
    answers.set_rows(advice_tally(db)[0].answers)
    for model in (bank, chosen, topics, answers):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_unicode_and_markup_in_the_dialog_heading_stay_plain(
    qtbot: QtBot, ctx: AppContext, db: Database
) -> None:
    eve, _ = create_contact(db, ContactFields(first_name="<b>Eve</b>", last_name="王"))
    dialog = open_dialog(qtbot, ctx, contact_id=eve)
    assert dialog.heading.text() == "Coffee chat with <b>Eve</b> 王"
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Eve</b> 王" in dialog.preview.plain_text()
