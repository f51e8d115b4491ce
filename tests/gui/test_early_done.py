"""Mark done of a meeting still in the future asks first, and a meeting marked done early
never leaves a last interaction later than now."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from crm.calendar.meetings import get_meeting
from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact
from tests.conftest import NOW
from tests.gui.modal import when_shown
from tests.meetings import meeting_with
from ui.calendar.meeting_dialog import DoneDialog
from ui.calendar.schedule import mark_meeting_done
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
UTC_ZONE = ZoneInfo("UTC")


def future_meeting(window: MainWindow) -> tuple[int, int]:
    db = window.ctx.db
    aiko, _ = create_contact(db, ContactFields("Aiko", "Tanaka"))
    meeting_id, _ = meeting_with(db, "Coffee", NOW + timedelta(days=3), [aiko], UTC_ZONE)
    return aiko, meeting_id


def test_no_keeps_a_future_meeting_planned(main_window: MainWindow, qtbot: QtBot) -> None:
    _, meeting_id = future_meeting(main_window)
    asked: list[str] = []

    def no(widget: object) -> None:
        assert isinstance(widget, QMessageBox)
        asked.append(widget.text())
        widget.button(QMessageBox.StandardButton.No).click()

    when_shown(QWidget, no)
    assert not mark_meeting_done(main_window.ctx, main_window, meeting_id, tz=UTC_ZONE)
    assert asked == ["The meeting with Aiko is on 13 Mar. Mark it done now?"]
    assert get_meeting(main_window.ctx.db, meeting_id).status == "planned"


def test_yes_marks_it_held_now_not_in_the_future(main_window: MainWindow, qtbot: QtBot) -> None:
    aiko, meeting_id = future_meeting(main_window)

    def yes(widget: object) -> None:
        assert isinstance(widget, QMessageBox)
        widget.button(QMessageBox.StandardButton.Yes).click()

        def done(dialog: object) -> None:
            assert isinstance(dialog, DoneDialog)
            dialog.accept()

        when_shown(QWidget, done)

    when_shown(QWidget, yes)
    assert mark_meeting_done(main_window.ctx, main_window, meeting_id, tz=UTC_ZONE)
    assert get_meeting(main_window.ctx.db, meeting_id).status == "done"
    held = [h for h in list_history(main_window.ctx.db, aiko) if h.kind == "meeting"]
    assert [h.occurred_at for h in held] == [NOW]
