"""The Calendar page as its tests use it: local time in Berlin, the page shown, meetings
made and dragged as a user would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.windows import shown_at
from tests.meetings import meeting_with
from tests.people import person
from ui.calendar.page import CalendarPage
from ui.main_window import MainWindow

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    # Local time is Berlin's for the app (a zone with DST); the clock is 2026-03-10 14:30 UTC.
    monkeypatch.setenv("TZ", "Europe/Berlin")


@pytest.fixture
def page(berlin: None, main_window: MainWindow, qtbot: QtBot) -> Iterator[CalendarPage]:
    shown_at(main_window, qtbot)
    calendar = main_window.show_page("calendar")
    assert isinstance(calendar, CalendarPage)
    yield calendar
    calendar.notifier.stop()


def meeting(page: CalendarPage, local_start: datetime, *people: int, minutes: int = 30) -> int:
    start = local_start.replace(tzinfo=BERLIN).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    meeting_id, changes = meeting_with(page.ctx.db, "Coffee chat", start, people, BERLIN, minutes)
    page.ctx.hub.apply(changes)
    return meeting_id


def click_meeting(page: CalendarPage, qtbot: QtBot, meeting_id: int) -> None:
    """Click a meeting's chip in the month grid, as a user selects it."""
    chip = page.month.entry_rect("meeting", meeting_id)
    qtbot.mouseClick(page.month, Qt.MouseButton.LeftButton, pos=chip.center())


def anna_meeting(page: CalendarPage, local_start: datetime, stage: str) -> tuple[int, int]:
    """Anna Lee at `stage` and a coffee chat with her at `local_start`: their two ids."""
    anna = person(page.ctx.db, "Anna", stage)
    return anna, meeting(page, local_start, anna)


def local(utc: datetime) -> datetime:
    return utc.replace(tzinfo=ZoneInfo("UTC")).astimezone(BERLIN).replace(tzinfo=None)


def deliver_drop(widget: QWidget, mime: QMimeData, at: QPoint) -> None:
    """What the platform sends the target while a drag passes over it and is dropped."""
    move, buttons, keys = (
        Qt.DropAction.MoveAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    for event in (
        QDragEnterEvent(at, move, mime, buttons, keys),
        QDragMoveEvent(at, move, mime, buttons, keys),
        QDropEvent(QPointF(at), move, mime, buttons, keys),
    ):
        QApplication.sendEvent(widget, event)
        assert event.isAccepted()


SAVE = QMessageBox.StandardButton.Save
