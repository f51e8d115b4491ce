"""The Today page driven like a user: first in the navigation, Done, Snooze, Open contact,
Move to Not now, each undoable, and the database checked after each step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialog, QListView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from crm.calendar.followups import get_follow_up
from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact, get_contact
from crm.samples.data import load_sample_data
from crm.store.clock import Clock
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.targets.listing import list_applications
from crm.today.autostart import autostart_command
from crm.today.cadence import cadences
from crm.today.day import FOLLOW_UP, KEEP_IN_TOUCH, NOT_NOW, NUDGE, TodayItem
from crm.today.jobs_day import DEADLINE, INTERVIEW
from crm.today.preferences import TRAY_ASKED_KEY, get_setting
from crm.today.touch_snooze import snoozed_until
from tests.conftest import NOW
from ui.app import create_main_window
from ui.calendar.commands import AddFollowUpCommand
from ui.common.undo import push
from ui.main_window import MainWindow
from ui.today.page import TodayPage

TODAY = NOW.date()
# The offscreen platform says so about every dialog; it is not about this page.
pytestmark = pytest.mark.qt_log_ignore("does not support")


@pytest.fixture
def window(qtbot: QtBot, data_paths: DataPaths, clock: Clock) -> Iterator[MainWindow]:
    db = open_database(data_paths, clock=clock).database
    load_sample_data(db)
    db.dispose()
    main = create_main_window(data_paths.root, clock=clock)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.ctx.db.dispose()


def open_today(window: MainWindow, qtbot: QtBot) -> TodayPage:
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    page = window.page("today")
    assert isinstance(page, TodayPage)
    qtbot.waitUntil(lambda: window.current_page_id() == "today")
    return page


def pick(page: TodayPage, kind: str) -> int:
    row = page.model.row_of(lambda i: i.kind == kind)
    assert row >= 0, kind
    page.select(row)
    return row


def picked(window: MainWindow, qtbot: QtBot, kind: str) -> tuple[TodayPage, TodayItem]:
    """Today opened with the first line of `kind` selected, as a user clicks it."""
    page = open_today(window, qtbot)
    pick(page, kind)
    item = page.current_item()
    assert item is not None and item.kind == kind
    return page, item


def test_today_is_first_in_the_navigation_with_ctrl_0(window: MainWindow, qtbot: QtBot) -> None:
    assert window.navigation.item(0).text() == "Today"
    assert window.current_page_id() == "contacts"  # the window still opens on Contacts
    page = open_today(window, qtbot)
    listing = window.findChild(QListView, "todayList")
    assert listing is page.list and listing.isVisible()
    headings = [r.heading for r in page.model.rows if r.item is None]
    assert headings == [
        "Follow-ups",
        "Meetings",
        "Applications",
        "Keep in touch",
        "Not replied yet",
        "No reply after two nudges",
        "This week",
    ]


def follow_up_ids(page: TodayPage) -> set[int | None]:
    """The follow-ups the Today list shows now."""
    return {i.follow_up_id for i in page.model.items()}


def test_done_ticks_the_follow_up_and_undo_reopens_it(window: MainWindow, qtbot: QtBot) -> None:
    page, item = picked(window, qtbot, FOLLOW_UP)
    assert item.follow_up_id is not None
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert get_follow_up(window.ctx.db, item.follow_up_id).done
    qtbot.waitUntil(lambda: item.follow_up_id not in follow_up_ids(page))
    window.undo_action.trigger()
    assert not get_follow_up(window.ctx.db, item.follow_up_id).done
    qtbot.waitUntil(lambda: item.follow_up_id in follow_up_ids(page))


def test_snooze_until_tomorrow_and_next_week(window: MainWindow, qtbot: QtBot) -> None:
    page, item = picked(window, qtbot, FOLLOW_UP)
    assert item.follow_up_id is not None
    page.snooze_tomorrow.trigger()
    assert get_follow_up(window.ctx.db, item.follow_up_id).due_date == TODAY + timedelta(days=1)
    qtbot.waitUntil(lambda: item.follow_up_id not in follow_up_ids(page))
    window.undo_action.trigger()
    assert get_follow_up(window.ctx.db, item.follow_up_id).due_date == item.due
    qtbot.waitUntil(lambda: item.follow_up_id in follow_up_ids(page))
    page.select(page.model.row_of(lambda i: i.follow_up_id == item.follow_up_id))
    page.snooze_week.trigger()
    assert get_follow_up(window.ctx.db, item.follow_up_id).due_date == date(2026, 3, 16)


def test_snooze_to_a_picked_day(window: MainWindow, qtbot: QtBot) -> None:
    page, item = picked(window, qtbot, NUDGE)
    assert item.follow_up_id is not None

    def choose() -> None:
        dialog = page.picker
        assert isinstance(dialog, QDialog)
        widget = dialog.findChild(QCalendarWidget)
        assert widget is not None
        widget.setSelectedDate(QDate(2026, 3, 20))
        dialog.accept()

    QTimer.singleShot(50, choose)
    page.snooze_pick.trigger()
    assert get_follow_up(window.ctx.db, item.follow_up_id).due_date == date(2026, 3, 20)


def test_keep_in_touch_done_logs_a_note_that_resets_the_date(
    window: MainWindow, qtbot: QtBot
) -> None:
    page, item = picked(window, qtbot, KEEP_IN_TOUCH)
    assert item.contact_id is not None
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert list_history(window.ctx.db, item.contact_id)[0].summary == "Kept in touch"
    qtbot.waitUntil(
        lambda: (
            item.contact_id
            not in {i.contact_id for i in page.model.items() if i.kind == KEEP_IN_TOUCH}
        )
    )
    window.undo_action.trigger()
    assert list_history(window.ctx.db, item.contact_id)[0].summary != "Kept in touch"


def test_move_to_not_now_after_two_nudges_is_the_users_choice(
    window: MainWindow, qtbot: QtBot
) -> None:
    page, item = picked(window, qtbot, NOT_NOW)
    assert item.contact_id is not None
    assert page.done_button.text() == "Move to Not now"
    before = get_contact(window.ctx.db, item.contact_id).stage_name
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert get_contact(window.ctx.db, item.contact_id).stage_name == "Not now"
    window.undo_action.trigger()
    assert get_contact(window.ctx.db, item.contact_id).stage_name == before


def test_open_contact_shows_the_contacts_page(window: MainWindow, qtbot: QtBot) -> None:
    page = open_today(window, qtbot)
    pick(page, NUDGE)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page_id() == "contacts")


def test_the_day_and_the_goal_are_shown(window: MainWindow, qtbot: QtBot) -> None:
    page = open_today(window, qtbot)
    assert page.date_label.text() == "Tuesday 10 March"
    goal = [i for i in page.model.items() if i.kind == "goal"]
    assert len(goal) == 1 and goal[0].title.endswith("new people contacted this week")


def test_reminders_are_asked_once_at_the_first_follow_up_and_turned_on_with_a_click(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ctx = main_window.ctx
    main_window.show()
    page = main_window.page("today")
    assert isinstance(page, TodayPage) and page.reminders_question is not None
    question = page.reminders_question
    aiko, _ = create_contact(ctx.db, ContactFields(first_name="Aiko", last_name="Ito"))
    assert question.bar is None and autostart_command() is None  # off by default
    push(ctx, AddFollowUpCommand(ctx.db, ctx.hub, aiko, "Aiko Ito", "Send the CV", TODAY))
    bar = question.bar
    assert bar is not None and bar.isVisible() and question.yes is not None
    assert main_window.current_page_id() == "contacts"  # asked where the user is
    qtbot.mouseClick(question.yes, Qt.MouseButton.LeftButton)
    assert question.bar is None and not bar.isVisible()
    command = autostart_command()
    assert command is not None and command[-1] == "reminders"
    assert command[command.index("--data-dir") + 1] == str(ctx.paths.root)
    assert get_setting(ctx.db, TRAY_ASKED_KEY) == "on"
    [toggle] = [
        a
        for a in main_window.menus["view"].actions()
        if a.text() == "Reminders when Rapport is closed"
    ]
    assert toggle.isChecked()
    push(ctx, AddFollowUpCommand(ctx.db, ctx.hub, aiko, "Aiko Ito", "Call back", TODAY))
    assert question.bar is None  # asked once
    toggle.trigger()  # off again from the menu
    assert autostart_command() is None and get_setting(ctx.db, TRAY_ASKED_KEY) == "off"


def test_a_file_that_already_has_follow_ups_is_not_asked_at_each_new_one(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = open_today(window, qtbot)
    assert page.reminders_question is not None
    ctx = window.ctx
    push(ctx, AddFollowUpCommand(ctx.db, ctx.hub, 1, "someone", "Send the CV", TODAY))
    assert page.reminders_question.bar is None
    assert get_setting(ctx.db, TRAY_ASKED_KEY) is None


def test_a_keep_in_touch_line_snoozes_to_next_week_and_undo_brings_it_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    page, item = picked(window, qtbot, KEEP_IN_TOUCH)
    assert item.contact_id is not None
    assert page.snooze_button.isEnabled()
    before = cadences(window.ctx.db, [item.contact_id], page.tz)[item.contact_id]
    page.snooze_week.trigger()
    assert snoozed_until(window.ctx.db, item.contact_id) == date(2026, 3, 16)
    qtbot.waitUntil(
        lambda: (
            item.contact_id
            not in {i.contact_id for i in page.model.items() if i.kind == KEEP_IN_TOUCH}
        )
    )
    after = cadences(window.ctx.db, [item.contact_id], page.tz)[item.contact_id]
    assert (after.days, after.source) == (before.days, before.source)
    window.undo_action.trigger()
    assert snoozed_until(window.ctx.db, item.contact_id) is None
    qtbot.waitUntil(
        lambda: (
            item.contact_id in {i.contact_id for i in page.model.items() if i.kind == KEEP_IN_TOUCH}
        )
    )


def test_a_deadline_line_marks_the_application_sent_and_opens_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    page, item = picked(window, qtbot, DEADLINE)
    assert item.application_id is not None
    assert page.done_button.text() == "Applied" and not page.snooze_button.isEnabled()
    assert page.open_button.text() == "Open application"
    dialog = page.open_application(item)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    chosen = dialog.selected_application()
    assert chosen is not None and chosen.id == item.application_id
    dialog.close()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    status = {a.id: a for a in list_applications(window.ctx.db)}[item.application_id]
    assert (status.status, status.applied_on) == ("Applied", TODAY)
    qtbot.waitUntil(
        lambda: item.application_id not in {i.application_id for i in page.model.items()}
    )
    window.undo_action.trigger()
    status = {a.id: a for a in list_applications(window.ctx.db)}[item.application_id]
    assert (status.status, status.applied_on) == ("Interested", None)


def test_the_sample_interview_shows_with_its_interviewer(window: MainWindow, qtbot: QtBot) -> None:
    page = open_today(window, qtbot)
    [interview] = [i for i in page.model.items() if i.kind == INTERVIEW]
    assert interview.title == "Interview for Analytics Engineer at Northwind Analytics"
    assert interview.due == TODAY + timedelta(days=2) and interview.contact_id is not None


def test_the_model_keeps_qts_contracts_while_lines_go(
    window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = open_today(window, qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    qtmodeltester.check(page.model, force_py=True)
    pick(page, KEEP_IN_TOUCH)
    page.snooze_tomorrow.trigger()
    pick(page, FOLLOW_UP)
    item = page.current_item()
    assert item is not None
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.row_of(lambda i: i == item) < 0)
    window.undo_action.trigger()  # the tester stays connected, checking every reset
    qtbot.waitUntil(lambda: page.model.row_of(lambda i: i == item) >= 0)
