"""Record answers is offered where a user looks after a meeting: Mark done, the agenda and
the contact's history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QMenu, QPlainTextEdit
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.prep.questions import meeting_questions
from tests.gui.modal import answer, click_button, when_shown
from tests.prep_data import add_person, prepared_meeting
from ui.calendar.meeting_dialog import DoneDialog
from ui.calendar.page import CalendarPage
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow
from ui.prep.answers import RecordAnswersDialog

# The offscreen platform cannot resize, raise or give popups the keyboard; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

# The fixed clock says 10 March 2026, 14:30 UTC: this meeting was held this morning.
HELD = datetime(2026, 3, 10, 9, 0)


def record_dialog(qtbot: QtBot) -> RecordAnswersDialog:
    found: list[RecordAnswersDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, RecordAnswersDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def write_first_answer(qtbot: QtBot, dialog: RecordAnswersDialog, text: str) -> None:
    editor = dialog.findChild(QPlainTextEdit, "answer1")
    assert editor is not None
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    click_button(dialog, "Save", qtbot)


@pytest.fixture
def held(main_window: MainWindow, qtbot: QtBot) -> tuple[int, int]:
    db = main_window.ctx.db
    anna = add_person(db)
    meeting_id = prepared_meeting(db, anna, questions=2, start_at=HELD)
    main_window.ctx.hub.apply(EVERYTHING)
    main_window.resize(1280, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    return anna, meeting_id


def first_answer(main_window: MainWindow, meeting_id: int) -> str:
    return meeting_questions(main_window.ctx.db, meeting_id)[0].answer


def test_mark_done_then_the_agenda_offer_record_answers(
    qtbot: QtBot, main_window: MainWindow, held: tuple[int, int]
) -> None:
    _anna, meeting_id = held
    page = main_window.show_page("calendar")
    assert isinstance(page, CalendarPage)
    row = page.agenda_model.row_of("meeting", meeting_id)
    assert row >= 0
    page.agenda.setCurrentIndex(page.agenda_model.index(row))

    offered: list[bool] = []

    def mark_done(dialog: QDialog) -> None:
        assert isinstance(dialog, DoneDialog)
        box = dialog.findChild(QCheckBox, "recordAnswersAfter")
        assert box is not None
        offered.append(box.isVisible() and box.isChecked())
        assert box.text() == "Then record their answers to the 2 questions"
        click_button(dialog, "Mark done", qtbot)

    answer(DoneDialog, mark_done)
    page.calendar_actions.mark_done.trigger()
    assert offered == [True]
    write_first_answer(qtbot, record_dialog(qtbot), "Ask Ben in sales")
    assert first_answer(main_window, meeting_id) == "Ask Ben in sales"

    # Later, from the meeting in the agenda: its context menu offers the same.
    qtbot.waitUntil(lambda: page.agenda_model.row_of("meeting", meeting_id) >= 0)
    page.agenda.setCurrentIndex(page.agenda_model.index(row))
    menu = page.calendar_actions.context_menu(None)
    [record] = [a for a in menu.actions() if a.text() == "Record answers…"]
    assert record.isEnabled()
    record.trigger()
    write_first_answer(qtbot, record_dialog(qtbot), "Ask Ben in sales, then Cleo")
    assert first_answer(main_window, meeting_id) == "Ask Ben in sales, then Cleo"


def test_a_held_meeting_in_the_history_offers_record_answers(
    qtbot: QtBot, main_window: MainWindow, held: tuple[int, int]
) -> None:
    anna, meeting_id = held
    from crm.calendar.holding import mark_done

    mark_done(main_window.ctx.db, meeting_id, "Good chat", tz=UTC)
    main_window.ctx.hub.apply(EVERYTHING)
    contacts = main_window.show_page("contacts")
    assert isinstance(contacts, ContactsPage)
    contacts.select_contact(anna)
    timeline = contacts.detail.timeline
    contacts.detail.tabs.setCurrentWidget(timeline)
    qtbot.waitUntil(lambda: timeline.list.isVisible() and timeline.model.rowCount() > 0)
    rows = [timeline.model.entry(r) for r in range(timeline.model.rowCount())]
    row = next(r for r, e in enumerate(rows) if e.kind == "meeting")

    def choose(menu: QMenu) -> None:
        action = next(a for a in menu.actions() if a.objectName() == "recordAnswersFromHistory")
        menu.close()
        action.trigger()

    when_shown(QMenu, choose, popup=True)
    spot: QPoint = timeline.list.visualRect(timeline.model.index(row)).center()
    timeline.list.customContextMenuRequested.emit(spot)
    write_first_answer(qtbot, record_dialog(qtbot), "Anna Lee on her team")
    assert first_answer(main_window, meeting_id) == "Anna Lee on her team"
