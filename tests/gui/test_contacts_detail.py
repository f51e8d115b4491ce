"""The detail panel: every field edited in place, saved without a Save button, undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.companies.service import company_names
from crm.contacts.listing import list_contact_ids
from crm.contacts.service import Channel, ContactFields, create_contact, get_contact
from tests.gui.contacts_page import added_channel
from tests.gui.windows import focus, retype
from ui.contacts.detail import ContactDetailPanel
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow

# Completion popups on the offscreen platform: it cannot raise windows or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(qtbot: QtBot, main_window: MainWindow) -> ContactsPage:
    db = main_window.ctx.db
    create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee", title="Engineer", company="Google"),
        channels=[Channel("email", "anna@example.com", "work")],
        tags=["mentor"],
    )
    create_contact(db, ContactFields(first_name="Ben", last_name="Okafor"))
    main_window.ctx.hub.apply(EVERYTHING)
    focus(main_window, qtbot)
    found = main_window.page("contacts")
    assert isinstance(found, ContactsPage)
    found.view.selectRow(0)
    return found


def anna(page: ContactsPage) -> int:
    return list_contact_ids(page.ctx.db, "anna")[0]


def test_detail_panel_is_found_by_its_name(main_window: MainWindow, page: ContactsPage) -> None:
    panel = main_window.findChild(ContactDetailPanel, "contactDetail")
    assert panel is page.detail
    assert panel.name_label.text() == "Anna Lee"
    assert panel.subtitle.text() == "Engineer at Google · To contact"


def test_editing_a_field_saves_it_and_undo_puts_it_back(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    title = page.detail.lines["title"]
    retype(qtbot, title, "Staff Engineer")
    db = main_window.ctx.db
    assert get_contact(db, anna(page)).title == "Staff Engineer"
    assert main_window.undo_action.text() == "&Undo Edit Anna Lee's title"
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_contact(db, anna(page)).title == "Engineer"
    assert title.text() == "Engineer"


def test_every_plain_field_is_saved(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    values = {
        "first_name": "Anne",
        "last_name": "Lee-Park",
        "location": "Zurich",
        "linkedin_url": "https://www.linkedin.com/in/annelee",
        "source": "Alumni meetup",
    }
    for field, value in values.items():
        retype(qtbot, page.detail.lines[field], value)
    detail = get_contact(main_window.ctx.db, anna(page))
    for field, value in values.items():
        assert getattr(detail, field) == value
    assert page.detail.open_link.isEnabled()
    assert page.detail.name_label.text() == "Anne Lee-Park"


def test_typing_a_new_company_creates_it(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    retype(qtbot, page.detail.company.line(), "Acme Robotics")
    db = main_window.ctx.db
    assert get_contact(db, anna(page)).company == "Acme Robotics"
    assert company_names(db) == ["Acme Robotics", "Google"]
    assert page.detail.company.findText("Acme Robotics") >= 0
    retype(qtbot, page.detail.company.line(), "acme robotics")  # the same, another case
    assert get_contact(db, anna(page)).company == "Acme Robotics"
    retype(qtbot, page.detail.company.line(), "google")  # an existing one, another case
    assert get_contact(db, anna(page)).company == "Google"


def test_channels_are_added_edited_and_removed(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    editor = page.detail.channels
    row = added_channel(page, "phone")
    assert row.value.hasFocus()
    qtbot.keyClicks(row.value, "+44 20 7946 0001")
    qtbot.keyClick(row.value, Qt.Key.Key_Return)
    db = main_window.ctx.db
    assert get_contact(db, anna(page)).channels == (
        Channel("email", "anna@example.com", "work"),
        Channel("phone", "+44 20 7946 0001", "mobile"),
    )
    assert main_window.ctx.undo_stack.undoText() == "Edit Anna Lee's emails, phones and links"
    qtbot.mouseClick(editor._rows[0].remove, Qt.MouseButton.LeftButton)
    assert get_contact(db, anna(page)).channels == (Channel("phone", "+44 20 7946 0001", "mobile"),)
    main_window.ctx.undo_stack.undo()
    assert len(get_contact(db, anna(page)).channels) == 2
    qtbot.waitUntil(lambda: len(editor._rows) == 2)


def test_tags_are_saved_with_completion_of_known_ones(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    retype(qtbot, page.detail.tags, "mentor, design,  Mentor ")
    assert get_contact(main_window.ctx.db, anna(page)).tags == ("design", "mentor")
    model = page.detail.tags.completer().model()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["design", "mentor"]


def test_notes_save_shortly_after_typing_stops(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    notes = page.detail.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Plays cello")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "Ask about the orchestra")
    db = main_window.ctx.db
    qtbot.waitUntil(
        lambda: get_contact(db, anna(page)).notes == "Plays cello\nAsk about the orchestra",
        timeout=3000,
    )
    qtbot.keyClicks(notes, "!")
    page.view.setFocus()  # leaving the field saves at once
    assert get_contact(db, anna(page)).notes.endswith("orchestra!")
    main_window.ctx.undo_stack.undo()  # one burst of typing is one undo step
    assert get_contact(db, anna(page)).notes == ""


def test_referrer_is_picked_by_typing_and_cleared(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    picker = page.detail.referrer
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, "ben")
    popup = picker.edit.completer().popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Ben Okafor"
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    db = main_window.ctx.db
    ben = list_contact_ids(db, "ben")[0]
    assert get_contact(db, anna(page)).referred_by_id == ben
    assert picker.edit.text() == "Ben Okafor"
    qtbot.mouseClick(picker.clear_button, Qt.MouseButton.LeftButton)
    assert get_contact(db, anna(page)).referred_by_id is None


def test_archiving_hides_the_contact_until_asked(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    contact_id = anna(page)
    qtbot.mouseClick(page.detail.archived, Qt.MouseButton.LeftButton)
    assert get_contact(main_window.ctx.db, contact_id).archived
    qtbot.waitUntil(lambda: contact_id not in page.model.ids())
    page.set_show_archived(True)
    assert contact_id in page.model.ids()
    assert main_window.ctx.undo_stack.undoText() == "Archive Anna Lee"


def test_names_with_markup_are_shown_as_typed(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    retype(qtbot, page.detail.lines["first_name"], "<b>Eve</b>")
    assert page.detail.name_label.text() == "<b>Eve</b> Lee"
    assert page.detail.name_label.textFormat() == Qt.TextFormat.PlainText
    row = page.model.row_of(anna(page))
    qtbot.waitUntil(lambda: page.model.index(row, 0).data() == "<b>Eve</b> Lee")
    tooltip = page.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "<qt>&lt;b&gt;Eve&lt;/b&gt; Lee</qt>"


def test_switching_contact_saves_what_is_being_typed(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    location = page.detail.lines["location"]
    location.setFocus()
    qtbot.keyClicks(location, "Lisbon")
    page.detail.show_contact(list_contact_ids(main_window.ctx.db, "ben")[0])
    assert get_contact(main_window.ctx.db, anna(page)).location == "Lisbon"
    assert location.text() == ""


def test_two_changes_made_elsewhere_while_typing_keep_the_words_being_typed(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    db = main_window.ctx.db
    location = page.detail.lines["location"]
    location.setFocus()
    qtbot.waitUntil(location.hasFocus)
    qtbot.keyClicks(location, "Lis")
    for shown, first in enumerate(("Cleo", "Dev"), start=3):  # e.g. a sync while typing
        create_contact(db, ContactFields(first_name=first, last_name="Zed"))
        main_window.ctx.hub.apply(EVERYTHING)
        qtbot.waitUntil(lambda: page.model.rowCount() == shown)  # noqa: B023 (waited on here)
        page.detail.show_contact(anna(page))  # the panel shows the same contact afresh
    assert location.text() == "Lis"
    qtbot.keyClicks(location, "bon")
    page.view.setFocus()  # leaving the field saves it
    assert get_contact(db, anna(page)).location == "Lisbon"
