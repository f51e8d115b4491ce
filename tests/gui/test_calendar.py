"""The Calendar page driven like a user: schedule, drag, resize, mark done, cancel, import."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from crm.calendar.followups import follow_ups_of_contact
from crm.calendar.ics import export_ics
from crm.calendar.meetings import all_meetings, get_meeting
from crm.contacts.history import list_history
from crm.contacts.service import get_contact, update_contact
from tests.gui.calendar_page import (
    BERLIN,
    SAVE,
    anna_meeting,
    berlin,
    click_meeting,
    deliver_drop,
    local,
    meeting,
    page,
)
from tests.gui.modal import answer, click_button, click_standard
from tests.people import person
from ui.calendar.meeting_dialog import DoneDialog, MeetingDialog
from ui.calendar.page import CalendarPage
from ui.main_window import MainWindow

# The offscreen platform cannot resize windows to new size hints (dialogs growing a list).
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
__all__ = ["berlin", "page"]  # fixtures, found by pytest here


def test_page_is_third_with_ctrl_3_named_widgets_and_meetings_menu(
    berlin: None, main_window: MainWindow, qtbot: QtBot
) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    titles = [main_window.navigation.item(i).text() for i in range(main_window.navigation.count())]
    assert titles.index("Calendar") == titles.index("Contacts") + 2
    [go] = [a for a in main_window.menus["view"].actions() if a.shortcut().toString() == "Ctrl+3"]
    assert go.text() == "Calendar"
    go.trigger()
    assert main_window.current_page_id() == "calendar"
    assert main_window.findChild(QWidget, "calendarView") is not None
    assert main_window.findChild(QWidget, "agendaList") is not None
    menu = main_window.menus["meetings"]
    assert "Import .ics…" in [a.text() for a in menu.actions()]


def test_double_click_a_day_schedules_and_offers_the_move_to_scheduled(
    page: CalendarPage, qtbot: QtBot
) -> None:
    db = page.ctx.db
    anna = person(db, "Anna", "Reached out")
    view = page.month
    target = view.day_rect(date(2026, 3, 12)).center() + QPoint(0, 20)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        qtbot.keyClicks(dialog.attendees.search, "Ann")
        qtbot.keyClick(dialog.attendees.search, Qt.Key.Key_Return)
        assert dialog.title.text() == "Coffee chat with Anna Lee"
        assert dialog.duration.value() == 30
        assert dialog.move_box.isVisibleTo(dialog) and dialog.move_box.isChecked()
        assert "Move Anna Lee to Scheduled" in dialog.move_box.text()
        qtbot.keyClicks(dialog.location, "https://meet.example.org/anna")
        click_button(dialog, "Save", qtbot)

    seen = answer(MeetingDialog, fill)
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=target)
    assert seen, "no meeting dialog opened"
    [saved] = all_meetings(db)
    assert local(saved.start_at) == datetime(2026, 3, 12, 10, 0)
    assert saved.end_at - saved.start_at == timedelta(minutes=30)
    assert saved.attendee_ids == (anna,) and saved.location == "https://meet.example.org/anna"
    assert get_contact(db, anna).stage_name == "Scheduled"
    assert list_history(db, anna)[0].summary == "Reached out → Scheduled"
    assert view.entry_rect("meeting", saved.id).isValid()  # painted on the 12th
    assert page.ctx.undo_stack.undoText() == "Schedule Coffee chat with Anna Lee"
    page.ctx.undo_stack.undo()
    assert all_meetings(db) == []
    assert get_contact(db, anna).stage_name == "Reached out"
    page.ctx.undo_stack.redo()
    assert [m.uid for m in all_meetings(db)] == [saved.uid]


def test_double_click_a_week_slot_starts_there(page: CalendarPage, qtbot: QtBot) -> None:
    page.set_mode(1)
    canvas = page.week.canvas
    column = canvas.column_rect(3)  # Thursday 12 March (weeks start on Monday here)
    y = canvas.y_of(15 * 60) + 3
    page.week.scroller.ensureVisible(column.center().x(), y, 0, 200)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        assert dialog.local_start() == datetime(2026, 3, 12, 15, 0)
        # No attendees: saving asks first.
        asked = answer(QMessageBox, lambda box: click_standard(box, SAVE, qtbot))
        click_button(dialog, "Save", qtbot)
        assert asked

    seen = answer(MeetingDialog, fill)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(column.center().x(), y))
    assert seen
    assert [local(m.start_at) for m in all_meetings(page.ctx.db)] == [datetime(2026, 3, 12, 15, 0)]


def test_drag_to_another_day_and_slot_reschedules_undoably(
    page: CalendarPage, qtbot: QtBot
) -> None:
    db = page.ctx.db
    meeting_id = meeting(page, datetime(2026, 3, 11, 9, 0))
    model = page.month_model
    source = model.entry_index("meeting", meeting_id)
    assert source.isValid()
    mime = model.mimeData([source])
    # Drop on Friday 13 in the month view, through the view's own drop handling.
    target = page.month.day_rect(date(2026, 3, 13)).center()
    deliver_drop(page.month, mime, target)
    moved = get_meeting(db, meeting_id)
    assert local(moved.start_at) == datetime(2026, 3, 13, 9, 0)
    assert moved.end_at - moved.start_at == timedelta(minutes=30)
    assert page.ctx.undo_stack.undoText() == "Reschedule Coffee chat"
    # And to 14:00 on Wednesday in the week view.
    page.set_mode(1)
    week, canvas = page.week_model, page.week.canvas
    mime = week.mimeData([week.entry_index("meeting", meeting_id)])
    assert week.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, week.index(28, 2))
    slot = QPoint(canvas.column_rect(2).center().x(), canvas.y_of(14 * 60) + 3)
    deliver_drop(canvas, mime, slot)
    assert local(get_meeting(db, meeting_id).start_at) == datetime(2026, 3, 11, 14, 0)
    page.ctx.undo_stack.undo()
    page.ctx.undo_stack.undo()
    assert local(get_meeting(db, meeting_id).start_at) == datetime(2026, 3, 11, 9, 0)


def test_resize_in_week_view_changes_length(page: CalendarPage, qtbot: QtBot) -> None:
    db = page.ctx.db
    meeting_id = meeting(page, datetime(2026, 3, 10, 9, 0))
    page.set_mode(1)
    canvas = page.week.canvas
    rect = canvas.entry_rect("meeting", meeting_id)
    assert rect.isValid()
    page.week.scroller.ensureVisible(rect.center().x(), rect.bottom(), 0, 200)
    grip = QPoint(rect.center().x(), rect.bottom() - 1)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=grip)
    qtbot.mouseMove(canvas, QPoint(grip.x(), canvas.y_of(10 * 60 + 30)))
    qtbot.mouseRelease(
        canvas, Qt.MouseButton.LeftButton, pos=QPoint(grip.x(), canvas.y_of(10 * 60 + 30))
    )
    resized = get_meeting(db, meeting_id)
    assert local(resized.start_at) == datetime(2026, 3, 10, 9, 0)
    assert resized.end_at - resized.start_at == timedelta(minutes=90)
    assert page.ctx.undo_stack.undoText() == "Change length of Coffee chat"
    page.ctx.undo_stack.undo()
    assert get_meeting(db, meeting_id).end_at - resized.start_at == timedelta(minutes=30)


def test_mark_done_writes_history_moves_to_met_and_adds_the_thank_you(
    page: CalendarPage, qtbot: QtBot
) -> None:
    db = page.ctx.db
    anna, meeting_id = anna_meeting(page, datetime(2026, 3, 10, 9, 0), "Scheduled")
    click_meeting(page, qtbot, meeting_id)
    assert page.selected_meeting_id() == meeting_id

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DoneDialog)
        dialog.notes.clear()
        qtbot.keyClicks(dialog.notes, "Two-page CV is fine")
        assert dialog.move_box.isChecked() and "Move Anna Lee to Met" in dialog.move_box.text()
        click_button(dialog, "Mark done", qtbot)

    seen = answer(DoneDialog, fill)
    qtbot.keyClick(page.month, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert seen
    assert get_meeting(db, meeting_id).status == "done"
    entry = next(e for e in list_history(db, anna) if e.kind == "meeting")
    assert entry.body == "Two-page CV is fine"
    assert get_contact(db, anna).stage_name == "Met"
    [thanks] = follow_ups_of_contact(db, anna)
    assert (thanks.title, thanks.due_date) == ("Send a thank-you note", date(2026, 3, 11))
    agenda = page.agenda_model
    assert agenda.row_of("follow_up", thanks.id) > [r.title for r in agenda.rows].index("Tomorrow")
    assert page.ctx.undo_stack.undoText() == "Mark Coffee chat done"
    page.ctx.undo_stack.undo()
    assert get_meeting(db, meeting_id).status == "planned"
    assert get_contact(db, anna).stage_name == "Scheduled"
    assert follow_ups_of_contact(db, anna) == []


def test_cancel_keeps_the_meeting_visible(page: CalendarPage, qtbot: QtBot) -> None:
    meeting_id = meeting(page, datetime(2026, 3, 12, 9, 0))
    click_meeting(page, qtbot, meeting_id)
    page.calendar_actions.cancel.trigger()
    assert get_meeting(page.ctx.db, meeting_id).status == "cancelled"
    index = page.month_model.entry_index("meeting", meeting_id)
    assert index.isValid() and "(cancelled)" in index.data()
    assert page.calendar_actions.cancel.text() == "Plan meeting again"


def test_follow_up_ticked_in_the_agenda_with_space_and_undone(
    page: CalendarPage, qtbot: QtBot
) -> None:
    db = page.ctx.db
    anna = person(db, "Anna", "Met")

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.contact.search, "Anna")  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.contact.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        dialog.due.setDate(dialog.due.date().addDays(-3))  # type: ignore[attr-defined]
        click_button(dialog, "Save", qtbot)

    seen = answer(QDialog, fill)
    qtbot.mouseClick(page.follow_up_button, Qt.MouseButton.LeftButton)
    assert seen
    [row] = follow_ups_of_contact(db, anna)
    assert row.due_date == date(2026, 3, 8) and row.title == "Check in"
    agenda = page.agenda_model
    assert agenda.rows[0].title == "Overdue"
    n = agenda.row_of("follow_up", row.id)
    assert agenda.index(n).data(Qt.ItemDataRole.ForegroundRole) is not None  # highlighted
    page.agenda.setFocus()
    page.agenda.setCurrentIndex(agenda.index(n))
    qtbot.keyClick(page.agenda, Qt.Key.Key_Space)
    assert follow_ups_of_contact(db, anna)[0].done
    assert agenda.rows[0].title != "Overdue"
    page.ctx.undo_stack.undo()
    assert not follow_ups_of_contact(db, anna)[0].done


def test_agenda_opens_the_contact_of_a_follow_up(page: CalendarPage, qtbot: QtBot) -> None:
    db = page.ctx.db
    anna = person(db, "Anna", "Met")
    from crm.calendar.followups import add_follow_up

    fid, changes = add_follow_up(db, anna, "Check in", date(2026, 3, 10))
    page.ctx.hub.apply(changes)
    n = page.agenda_model.row_of("follow_up", fid)
    with qtbot.waitSignal(page.ctx.hub.openContactRequested) as opened:
        page.agenda.activated.emit(page.agenda_model.index(n))
    assert opened.args == [anna]


def test_prepare_with_ctrl_p_opens_the_prep_sheet(page: CalendarPage, qtbot: QtBot) -> None:
    meeting_id = meeting(page, datetime(2026, 3, 12, 9, 0))
    click_meeting(page, qtbot, meeting_id)
    qtbot.keyClick(page.month, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChild(QDialog, "prepDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_ics_import_is_one_undoable_step(page: CalendarPage, tmp_path: Path) -> None:
    db = page.ctx.db
    anna = person(db, "Anna", "Met", email="anna@example.org")
    meeting_id = meeting(page, datetime(2026, 3, 12, 9, 0), anna)
    target = tmp_path / "mine.ics"
    export_ics(db, target, tz=BERLIN)
    page.calendar_actions.import_file(target)  # same UID: nothing new, nothing to undo
    assert len(all_meetings(db)) == 1
    outside = tmp_path / "outside.ics"
    outside.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:x-1\r\n"
        "SUMMARY:Call with Anna\r\nDTSTART:20260313T090000Z\r\nDTEND:20260313T093000Z\r\n"
        "ATTENDEE;CN=Anna:mailto:ANNA@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    page.calendar_actions.import_file(outside)
    imported = [m for m in all_meetings(db) if m.id != meeting_id]
    assert [(m.title, m.attendee_ids) for m in imported] == [("Call with Anna", (anna,))]
    assert page.month_model.entry_index("meeting", imported[0].id).isValid()
    page.ctx.undo_stack.undo()
    assert [m.id for m in all_meetings(db)] == [meeting_id]


def test_reminders_without_a_system_tray(page: CalendarPage, qtbot: QtBot) -> None:
    db = page.ctx.db
    anna = person(db, "Anna", "Met")
    meeting(page, local(db.now()) + timedelta(minutes=10), anna)
    from crm.calendar.followups import add_follow_up

    add_follow_up(db, anna, "Send a thank-you note", date(2026, 3, 10))
    shown: list[tuple[str, str]] = []
    page.notifier.notified.connect(lambda title, text: shown.append((title, text)))
    page.notifier.check()
    page.notifier.check()  # nothing twice
    assert shown == [
        ("Coffee chat", "15:40 with Anna Lee"),
        ("1 follow-up due", "Send a thank-you note (Anna Lee)"),
    ]
    # No tray offscreen: the reminder goes to the status bar instead (and Qt warned of nothing).
    window = page.window()
    assert isinstance(window, MainWindow)
    assert window.statusBar().currentMessage().startswith("1 follow-up due")


def test_changes_made_elsewhere_show_when_coming_back(
    page: CalendarPage, main_window: MainWindow
) -> None:
    main_window.show_page("contacts")
    meeting_id = meeting(page, datetime(2026, 3, 12, 9, 0))
    main_window.show_page("calendar")
    assert page.month.entry_rect("meeting", meeting_id).isValid()
    assert page.agenda_model.row_of("meeting", meeting_id) >= 0


def test_an_attendee_renamed_while_away_shows_renamed_when_coming_back(
    page: CalendarPage, main_window: MainWindow
) -> None:
    db = page.ctx.db
    anna, meeting_id = anna_meeting(page, datetime(2026, 3, 12, 9, 0), "Scheduled")

    def people() -> str:
        model = page.agenda_model
        entry = model.entry(model.index(model.row_of("meeting", meeting_id), 0))
        assert entry is not None
        return entry.people

    assert people() == "Anna Lee"
    main_window.show_page("contacts")
    page.ctx.hub.apply(update_contact(db, anna, first_name="Annika"))
    main_window.show_page("calendar")
    assert people() == "Annika Lee"
