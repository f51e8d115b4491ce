"""The contact page moves a contact on and handles follow-ups: stage field, follow-up boxes,
and the table's right-click menu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from crm.calendar.followups import add_follow_up, follow_ups_of_contact
from crm.changes import EVERYTHING
from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact, get_contact
from tests.gui.modal import when_shown
from tests.gui.windows import focus
from ui.calendar.followup_dialog import FollowUpDialog
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow

# Qt quirk: the offscreen platform cannot raise windows nor resize them to size hints.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(qtbot: QtBot, main_window: MainWindow) -> ContactsPage:
    db = main_window.ctx.db
    create_contact(db, ContactFields(first_name="Anna", last_name="Lee"))
    create_contact(db, ContactFields(first_name="Ben", last_name="Okafor"))
    main_window.ctx.hub.apply(EVERYTHING)
    focus(main_window, qtbot)
    found = main_window.page("contacts")
    assert isinstance(found, ContactsPage)
    return found


def row_of(page: ContactsPage, name: str) -> int:
    for r in range(page.model.rowCount()):
        found = page.model.row(page.model.contact_id(r))
        if found is not None and found.name == name:
            return r
    raise LookupError(name)


def click(qtbot: QtBot, page: ContactsPage, name: str, button: Qt.MouseButton) -> None:
    rect = page.view.visualRect(page.model.index(row_of(page, name), 0))
    qtbot.mouseClick(page.view.viewport(), button, pos=rect.center())


def on_next_popup(handle: Callable[[QMenu], None]) -> list[str]:
    """Run `handle` on the next menu that pops up; returns its entries' texts."""
    texts: list[str] = []

    def look(menu: QMenu) -> None:
        texts.extend(a.text().replace("&", "") for a in menu.actions() if a.text())
        try:
            handle(menu)
        finally:
            menu.close()

    when_shown(QMenu, look, popup=True)
    return texts


def right_click(qtbot: QtBot, page: ContactsPage, name: str) -> None:
    """Qt quirk: QTest's right click sends no context-menu event, so it is sent as the platform
    would after the click."""
    click(qtbot, page, name, Qt.MouseButton.RightButton)
    rect = page.view.visualRect(page.model.index(row_of(page, name), 0))
    page.view.customContextMenuRequested.emit(rect.center())


def test_stage_field_moves_the_contact_as_the_board_does(qtbot: QtBot, page: ContactsPage) -> None:
    click(qtbot, page, "Anna Lee", Qt.MouseButton.LeftButton)
    anna = page.detail.contact_id
    assert anna is not None
    stage = page.detail.stage
    assert stage.currentText() == "To contact"
    stage.setFocus()
    qtbot.keyClick(stage, Qt.Key.Key_Down)
    db = page.ctx.db
    assert get_contact(db, anna).stage_name == "Reached out"
    assert list_history(db, anna)[0].summary == "To contact → Reached out"
    assert page.ctx.undo_stack.undoText() == "Move Anna Lee to Reached out"
    page.ctx.undo_stack.undo()
    assert get_contact(db, anna).stage_name == "To contact"
    assert stage.currentText() == "To contact"


def test_follow_ups_are_ticked_off_and_added_for_this_contact(
    qtbot: QtBot, page: ContactsPage
) -> None:
    db = page.ctx.db
    click(qtbot, page, "Anna Lee", Qt.MouseButton.LeftButton)
    anna = page.detail.contact_id
    assert anna is not None
    _id, changes = add_follow_up(db, anna, "Check in", date(2026, 3, 20))
    page.ctx.hub.apply(changes)
    follow_ups = page.detail.follow_ups
    [box] = follow_ups.boxes
    assert box.text() == "Check in — due 20 Mar"
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert [f.done for f in follow_ups_of_contact(db, anna)] == [True]
    assert follow_ups.boxes == [] and follow_ups.none_label.isVisibleTo(page.detail)
    page.ctx.undo_stack.undo()
    assert [f.done for f in follow_ups_of_contact(db, anna)] == [False]

    prefilled: list[str] = []

    def fill(dialog: FollowUpDialog) -> None:
        prefilled.append(dialog.contact_name())
        dialog.title.setCurrentText("Send the article")
        dialog.accept()

    when_shown(FollowUpDialog, fill)
    qtbot.mouseClick(follow_ups.add_button, Qt.MouseButton.LeftButton)
    assert prefilled == ["Anna Lee"]
    titles = sorted(f.title for f in follow_ups_of_contact(db, anna))
    assert titles == ["Check in", "Send the article"]
    assert len(follow_ups.boxes) == 2


def test_right_click_menu_moves_archives_and_offers_the_rest(
    qtbot: QtBot, page: ContactsPage
) -> None:
    db = page.ctx.db
    texts = on_next_popup(lambda menu: None)
    right_click(qtbot, page, "Ben Okafor")
    ben = page.detail.contact_id
    assert ben is not None and get_contact(db, ben).name == "Ben Okafor"
    assert texts == [
        "Open",
        "Schedule meeting…",
        "Prepare…",
        "Move to stage",
        "Add follow-up…",
        "Archive",
        "Delete selected contacts",
    ]

    def move_to_met(menu: QMenu) -> None:
        sub = menu.findChild(QMenu, "moveToStageMenu")
        assert sub is not None
        next(a for a in sub.actions() if a.text() == "Met").trigger()

    on_next_popup(move_to_met)
    right_click(qtbot, page, "Ben Okafor")
    assert get_contact(db, ben).stage_name == "Met"

    def archive(menu: QMenu) -> None:
        next(a for a in menu.actions() if a.text() == "&Archive").trigger()

    on_next_popup(archive)
    right_click(qtbot, page, "Ben Okafor")
    assert get_contact(db, ben).archived
    assert page.ctx.undo_stack.undoText() == "Archive Ben Okafor"
