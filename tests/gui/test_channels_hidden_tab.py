"""Emails and phones stay shown after another contact is chosen while the History tab is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING, Changes, contacts_changed
from crm.contacts.service import Channel, ContactFields, create_contact, set_channels
from tests.gui.windows import focus
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow


def click_tab(qtbot: QtBot, page: ContactsPage, title: str) -> None:
    bar = page.detail.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.detail.tabs.currentIndex() == index


def shown_values(page: ContactsPage) -> list[str]:
    edits = page.detail.channels.findChildren(
        QLineEdit, options=Qt.FindChildOption.FindDirectChildrenOnly
    )
    return sorted(e.text() for e in edits if e.accessibleName() == "Value" and e.isVisible())


def test_channels_of_a_contact_chosen_while_history_is_open_are_shown(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    db = main_window.ctx.db
    create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee"),
        channels=[Channel("email", "anna@example.com", "work")],
    )
    create_contact(
        db,
        ContactFields(first_name="Ben", last_name="Okafor"),
        channels=[
            Channel("email", "ben@example.com", "work"),
            Channel("phone", "+1 555 0100", "mobile"),
        ],
    )
    main_window.ctx.hub.apply(EVERYTHING)
    focus(main_window, qtbot)
    page = main_window.page("contacts")
    assert isinstance(page, ContactsPage)
    qtbot.mouseClick(
        page.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.view.visualRect(page.model.index(0, 0)).center(),
    )
    assert shown_values(page) == ["anna@example.com"]

    click_tab(qtbot, page, "History")
    page.search.setFocus()
    qtbot.keyClicks(page.search, "ben")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.detail.name_label.text() == "Ben Okafor")
    click_tab(qtbot, page, "Details")
    qtbot.wait(50)

    assert shown_values(page) == ["+1 555 0100", "ben@example.com"]
    # The button that adds a channel is not the only thing in the Contact row any more.
    assert page.detail.channels.add_button.isVisible()


def test_the_detail_takes_changes_made_while_hidden_when_shown_again(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    db = main_window.ctx.db
    anna, _ = create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee"),
        channels=[Channel("email", "anna@example.com", "work")],
    )
    ben, _ = create_contact(db, ContactFields(first_name="Ben", last_name="Okafor"))
    main_window.ctx.hub.apply(EVERYTHING)
    focus(main_window, qtbot)
    page = main_window.show_page("contacts")
    assert isinstance(page, ContactsPage)
    page.select_contact(anna)
    qtbot.waitUntil(lambda: shown_values(page) == ["anna@example.com"])
    detail = page.detail
    assert detail.concerns(contacts_changed(anna)) and detail.concerns(Changes(tags=True))
    assert not detail.concerns(contacts_changed(ben)) and not detail.concerns(
        Changes(meetings=frozenset({1}))
    )

    # Her email changes while another page is shown (an undo from Today, a sync…).
    main_window.show_page("calendar")
    before = set_channels(db, anna, [Channel("email", "anna.lee@newmail.org", "work")])
    main_window.ctx.hub.apply(before)
    assert [r.value.text() for r in page.detail.channels._rows] == ["anna@example.com"]  # waits…
    main_window.show_page("contacts")
    qtbot.waitUntil(lambda: shown_values(page) == ["anna.lee@newmail.org"])  # …and catches up
