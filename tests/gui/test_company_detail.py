"""New company, and its details edited in place (undoable) beside its people and meetings."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.companies.editing import get_company
from crm.companies.service import list_companies
from crm.contacts.service import ContactFields, create_contact
from crm.prep.sheet import build_prep_sheet
from tests.gui.modal import when_shown
from tests.gui.windows import focus, retype
from tests.meetings import meeting_with
from ui.companies.page import CompaniesPage
from ui.main_window import MainWindow

# Qt quirk: the offscreen platform cannot raise windows nor resize them to size hints.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(qtbot: QtBot, main_window: MainWindow) -> CompaniesPage:
    focus(main_window, qtbot)
    found = main_window.show_page("companies")
    assert isinstance(found, CompaniesPage)
    return found


def answer_name(qtbot: QtBot, name: str) -> None:
    def handle(dialog: QInputDialog) -> None:
        line = dialog.findChild(QLineEdit)
        assert line is not None
        qtbot.keyClicks(line, name)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    when_shown(QInputDialog, handle)


def test_new_company_then_every_field_edited_and_undone(qtbot: QtBot, page: CompaniesPage) -> None:
    db = page.ctx.db
    stack = page.ctx.undo_stack
    answer_name(qtbot, "Northwind Robotics")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    [row] = list_companies(db)
    assert row.name == "Northwind Robotics"
    assert page.selected_ids() == [row.id]
    assert stack.undoText() == "New company Northwind Robotics"
    detail = page.detail
    page.window().activateWindow()  # as the window manager does when the name dialog closes
    qtbot.waitUntil(detail.lines["website"].hasFocus)

    retype(qtbot, detail.lines["website"], "https://northwind.example")
    retype(qtbot, detail.lines["industry"], "Robotics")
    retype(qtbot, detail.lines["location"], "Berlin")
    detail.notes.setFocus()
    qtbot.keyClicks(detail.notes, "Hiring juniors")
    detail.lines["name"].setFocus()  # leaving the notes saves them
    saved = get_company(db, row.id)
    assert (saved.website, saved.industry, saved.location, saved.notes) == (
        "https://northwind.example",
        "Robotics",
        "Berlin",
        "Hiring juniors",
    )
    qtbot.waitUntil(lambda: page.model.rows[0].industry == "Robotics")  # the list follows
    assert stack.undoText() == "Edit Northwind Robotics' notes"

    retype(qtbot, detail.lines["name"], "Northwind")
    assert get_company(db, row.id).name == "Northwind"
    for _ in range(5):
        stack.undo()
    assert get_company(db, row.id).website == ""
    assert detail.lines["website"].text() == ""
    stack.undo()
    assert list_companies(db) == []
    stack.redo()
    assert get_company(db, row.id).name == "Northwind Robotics"


def test_a_new_company_that_exists_is_shown_not_copied(qtbot: QtBot, page: CompaniesPage) -> None:
    db = page.ctx.db
    create_contact(db, ContactFields(first_name="Anna", company="Google"))
    page.ctx.hub.apply(EVERYTHING)
    answer_name(qtbot, "google")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert [c.name for c in list_companies(db)] == ["Google"]
    assert page.detail.lines["name"].text() == "Google"


def test_people_and_meetings_are_shown_and_the_prep_sheet_prints_the_company(
    qtbot: QtBot, page: CompaniesPage
) -> None:
    db = page.ctx.db
    anna, _ = create_contact(
        db, ContactFields(first_name="Anna", last_name="Lee", company="Google")
    )
    start = datetime(2026, 3, 12, 9)
    meeting_id, _ = meeting_with(db, "Coffee chat", start, [anna], ZoneInfo("UTC"))
    page.ctx.hub.apply(EVERYTHING)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.select_companies([page.model.rows[0].id])
    assert page.contacts_model.rowCount() == 1
    assert page.meetings_model.rowCount() == 1
    assert page.meetings_model.index(0, 1).data() == "Coffee chat"
    assert page.meetings_model.index(0, 2).data() == "Anna Lee"
    retype(qtbot, page.detail.lines["industry"], "Search")
    sheet = build_prep_sheet(db, meeting_id=meeting_id)
    assert sheet.company is not None and sheet.company.industry == "Search"


def test_a_change_made_elsewhere_keeps_the_words_being_typed_and_switching_saves_them(
    qtbot: QtBot, page: CompaniesPage
) -> None:
    db = page.ctx.db
    create_contact(db, ContactFields(first_name="Anna", company="Acme"))
    create_contact(db, ContactFields(first_name="Ben", company="Globex"))
    page.ctx.hub.apply(EVERYTHING)
    acme, globex = (
        next(c.id for c in list_companies(db) if c.name == n) for n in ("Acme", "Globex")
    )
    detail = page.detail
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.select_companies([acme])
    industry = detail.lines["industry"]
    industry.setFocus()
    qtbot.waitUntil(industry.hasFocus)
    qtbot.keyClicks(industry, "Robot")
    create_contact(db, ContactFields(first_name="Cleo", company="Acme"))
    page.ctx.hub.apply(EVERYTHING)  # a refresh of the panel while the user types
    qtbot.waitUntil(lambda: page.contacts_model.rowCount() == 2)  # the refresh has run
    assert industry.text() == "Robot"
    assert get_company(db, acme).industry == ""  # not saved before the user is done
    qtbot.keyClicks(industry, "ics")
    page.select_companies([globex])  # another company chosen in the list
    assert get_company(db, acme).industry == "Robotics"
    assert industry.text() == ""
    page.select_companies([acme])
    assert industry.text() == "Robotics"
