"""Scheduling checks: the default start is free, clashes are shown, no attendees is asked."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from crm.calendar.meetings import all_meetings
from tests.gui.calendar_page import berlin, local, meeting, page
from tests.gui.modal import answer, click_button, click_standard
from tests.people import person
from ui.calendar.meeting_dialog import MeetingDialog
from ui.calendar.page import CalendarPage

__all__ = ["berlin", "page"]  # fixtures used by name
# The offscreen platform cannot resize windows to new size hints.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

LEFT = Qt.MouseButton.LeftButton
CANCEL = QMessageBox.StandardButton.Cancel
SAVE = QMessageBox.StandardButton.Save


def test_new_meeting_starts_in_the_next_free_slot_and_shows_clashes(
    page: CalendarPage, qtbot: QtBot
) -> None:
    # The clock says Tuesday 10 March; tomorrow 10:00 and 10:30 are taken.
    anna = person(page.ctx.db, "Anna", "To contact")
    meeting(page, datetime(2026, 3, 11, 10, 0), anna, minutes=60)
    checked: list[tuple[datetime, bool, str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        checked.append((dialog.local_start(), dialog.clash.isVisible(), dialog.clash.text()))
        dialog.start.setDateTime(QDateTime(2026, 3, 11, 10, 15, 0))
        checked.append((dialog.local_start(), dialog.clash.isVisible(), dialog.clash.text()))
        dialog.reject()

    seen = answer(MeetingDialog, fill)
    qtbot.mouseClick(page.new_button, LEFT)
    assert seen
    assert checked[0] == (datetime(2026, 3, 11, 11, 0), False, "")
    _start, shown, text = checked[1]
    assert shown and "Clashes with “Coffee chat” (Wed 11 Mar, 10:00–11:00)" in text


def test_saving_without_attendees_asks_first(page: CalendarPage, qtbot: QtBot) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        dialog.title.setText("Career fair")
        titles: list[str] = []

        def cancel(box: QDialog) -> None:
            titles.append(box.windowTitle())
            click_standard(box, CANCEL, qtbot)

        answer(QMessageBox, cancel)
        click_button(dialog, "Save", qtbot)
        assert titles == ["No attendees"]
        assert dialog.isVisible() and not all_meetings(page.ctx.db)  # still open, nothing saved
        second = answer(QMessageBox, lambda box: click_standard(box, SAVE, qtbot))
        click_button(dialog, "Save", qtbot)
        assert second

    seen = answer(MeetingDialog, fill)
    qtbot.mouseClick(page.new_button, LEFT)
    assert seen
    [saved] = all_meetings(page.ctx.db)
    assert saved.title == "Career fair" and local(saved.start_at) == datetime(2026, 3, 11, 10, 0)


def test_double_clicking_a_day_of_the_month_proposes_its_first_free_slot(
    page: CalendarPage, qtbot: QtBot
) -> None:
    # Thursday 12 March is taken from 10:00 to 11:00; the clock says 15:30 on 10 March.
    anna = person(page.ctx.db, "Anna", "To contact")
    meeting(page, datetime(2026, 3, 12, 10, 0), anna, minutes=60)
    proposed: list[datetime] = []

    def note(dialog: QDialog) -> None:
        assert isinstance(dialog, MeetingDialog)
        proposed.append(dialog.local_start())
        dialog.reject()

    for day in (date(2026, 3, 12), date(2026, 3, 10)):
        cell = page.month.day_rect(day)
        answer(MeetingDialog, note)
        qtbot.mouseDClick(page.month, LEFT, pos=cell.bottomLeft() + QPoint(12, -6))
    page.month.setFocus()
    page.month.move_to(date(2026, 3, 12))
    answer(MeetingDialog, note)
    qtbot.keyClick(page.month, Qt.Key.Key_Return)
    assert proposed == [
        datetime(2026, 3, 12, 11, 0),
        datetime(2026, 3, 10, 15, 30),  # today: never a time already past
        datetime(2026, 3, 12, 11, 0),
    ]
