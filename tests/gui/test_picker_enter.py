"""Enter in a picker chooses what it offers, nothing more; Enter elsewhere or Ctrl+Return saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from crm.calendar.followups import follow_ups_of_contact
from crm.calendar.meetings import all_meetings
from crm.contacts.service import ContactFields, create_contact
from tests.gui.modal import when_shown
from tests.gui.windows import retype
from ui.calendar.followup_dialog import FollowUpDialog
from ui.calendar.meeting_dialog import MeetingDialog
from ui.calendar.schedule import add_follow_up, schedule_meeting
from ui.common.prompts import Keep
from ui.main_window import MainWindow
from ui.prep import dialog as prep_dialog
from ui.prep.dialog import PrepDialog, open_prep_dialog

# Qt quirk: the offscreen platform warns on every top-level window it shows.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T = TypeVar("T")
D = TypeVar("D", bound=QDialog)


def answered(qtbot: QtBot, kind: type[D], fill: Callable[[D], bool], run: Callable[[], T]) -> T:
    """What `run` returns, after the `kind` dialog it shows was filled as a user would by
    `fill`, which says whether the dialog was as it should be on the way. A dialog the
    keys left open is closed (the test fails instead of waiting forever)."""
    checks: list[bool] = []

    def handle(dialog: D) -> None:
        dialog.activateWindow()  # shortcuts reach the active window only
        try:
            qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
            checks.append(fill(dialog))
        finally:
            if dialog.isVisible():
                dialog.reject()

    when_shown(kind, handle)
    result = run()
    assert checks == [True]
    return result


def pick_ann(qtbot: QtBot, search: QWidget, *enter: Any) -> None:
    """Type "Ann" in a picker's search and press `enter` (a key and its modifier)."""
    qtbot.keyClicks(search, "Ann")
    qtbot.keyClick(search, *enter)


@pytest.fixture
def anna(main_window: MainWindow) -> int:
    """The contact the pickers find by typing "Ann"."""
    return create_contact(main_window.ctx.db, ContactFields(first_name="Anna", last_name="Lee"))[0]


def test_enter_in_the_attendee_picker_adds_only_then_ctrl_return_saves(
    qtbot: QtBot, main_window: MainWindow, anna: int
) -> None:
    ctx = main_window.ctx

    def fill(dialog: MeetingDialog) -> bool:
        pick_ann(qtbot, dialog.attendees.search, Qt.Key.Key_Return)
        # Chosen, but nothing saved: the user still sets the time, the place and the goal.
        chosen_only = dialog.isVisible() and dialog.result() == 0 and not all_meetings(ctx.db)
        assert dialog.attendees.names() == ["Anna Lee"]
        qtbot.keyClicks(dialog.location, "Cafe Central")
        dialog.goal.setFocus()
        qtbot.keyClicks(dialog.goal, "How the team hires")
        qtbot.keyClick(dialog.goal, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return chosen_only

    meeting_id = answered(qtbot, MeetingDialog, fill, lambda: schedule_meeting(ctx, main_window))
    assert meeting_id is not None
    [saved] = all_meetings(ctx.db)
    assert saved.attendee_ids == (anna,)
    assert (saved.location, saved.goal) == ("Cafe Central", "How the team hires")


def test_enter_in_the_follow_up_picker_chooses_then_enter_in_what_saves(
    qtbot: QtBot, main_window: MainWindow, anna: int
) -> None:
    ctx = main_window.ctx

    def fill(dialog: FollowUpDialog) -> bool:
        keypad_enter = (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
        pick_ann(qtbot, dialog.contact.search, *keypad_enter)
        chosen_only = dialog.isVisible() and not follow_ups_of_contact(ctx.db, anna)
        assert dialog.contact_name() == "Anna Lee"
        line = dialog.title.lineEdit()
        assert line is not None
        retype(qtbot, line, "Coffee again in May")
        return chosen_only

    follow_up_id = answered(qtbot, FollowUpDialog, fill, lambda: add_follow_up(ctx, main_window))
    assert follow_up_id is not None
    assert [f.title for f in follow_ups_of_contact(ctx.db, anna)] == ["Coffee again in May"]


def test_enter_in_the_question_pickers_adds_the_question_and_keeps_the_prep_open(
    qtbot: QtBot, main_window: MainWindow, anna: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Closing asks whether to keep the edits: the user discards them.
    monkeypatch.setattr(prep_dialog, "ask_to_keep", lambda *_args: Keep.DISCARD)
    ctx = main_window.ctx
    dialog = open_prep_dialog(ctx, main_window, contact_id=anna)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PrepDialog)
    picker = dialog.picker
    chosen_before = picker.chosen_model.rowCount()
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "CV")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and not all_meetings(ctx.db)
    assert picker.chosen_model.rowCount() == chosen_before + 1
    picker.new_question.setFocus()
    qtbot.keyClicks(picker.new_question, "What surprised you in your first month?")
    qtbot.keyClick(picker.new_question, Qt.Key.Key_Return)
    assert dialog.isVisible() and not all_meetings(ctx.db)
    assert picker.chosen_model.rowCount() == chosen_before + 2
    dialog.reject()
