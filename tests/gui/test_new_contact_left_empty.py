"""New contact leaves no "(no name)" contact behind when the user types nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.listing import count_contacts
from crm.contacts.service import ContactFields, create_contact, get_contact
from tests.gui.windows import focus
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow


def open_page(qtbot: QtBot, window: MainWindow) -> ContactsPage:
    create_contact(window.ctx.db, ContactFields(first_name="Anna", last_name="Lee"))
    window.ctx.hub.apply(EVERYTHING)
    focus(window, qtbot)
    page = window.page("contacts")
    assert isinstance(page, ContactsPage)
    return page


def click_row(qtbot: QtBot, page: ContactsPage, name: str) -> None:
    names = [page.model.row(page.model.contact_id(r)) for r in range(page.model.rowCount())]
    row = next(r for r, found in enumerate(names) if found is not None and found.name == name)
    rect = page.view.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_new_contact_left_empty_is_removed_with_its_undo_step(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = open_page(qtbot, main_window)
    stack = main_window.ctx.undo_stack
    steps = stack.count()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert count_contacts(main_window.ctx.db, include_archived=True) == 2
    assert page.detail.name_label.text() == "(no name)"

    click_row(qtbot, page, "Anna Lee")
    assert page.detail.name_label.text() == "Anna Lee"
    qtbot.waitUntil(lambda: count_contacts(main_window.ctx.db, include_archived=True) == 1)
    assert stack.count() == steps  # no "New contact" to undo or redo
    assert not stack.canRedo()


def test_leaving_for_another_page_removes_it_too(qtbot: QtBot, main_window: MainWindow) -> None:
    page = open_page(qtbot, main_window)
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_id() == "pipeline"
    qtbot.waitUntil(lambda: count_contacts(main_window.ctx.db, include_archived=True) == 1)


def test_a_new_contact_given_a_name_stays_and_undoes_in_steps(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = open_page(qtbot, main_window)
    stack = main_window.ctx.undo_stack
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new_id = page.detail.contact_id
    assert new_id is not None
    first = page.detail.lines["first_name"]
    assert first.hasFocus()
    qtbot.keyClicks(first, "Zoe")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    click_row(qtbot, page, "Anna Lee")
    qtbot.wait(20)
    assert get_contact(main_window.ctx.db, new_id).name == "Zoe"
    assert stack.undoText() == "Edit the new contact's first name"
    stack.undo()
    assert stack.undoText() == "New contact"
    stack.undo()
    assert count_contacts(main_window.ctx.db, include_archived=True) == 1
