"""Emails, phones and links open from the contact's detail and history; odd values are flagged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QToolButton
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.history import log_interaction
from crm.contacts.service import Channel, ContactFields, create_contact, get_contact
from tests.gui.contacts_page import added_channel, show
from tests.gui.desktop import OpenedUrls, opened_urls
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow

SCHEMES = ("mailto", "tel", "https")


@pytest.fixture
def opened() -> Iterator[OpenedUrls]:
    with opened_urls(*SCHEMES) as recorder:
        yield recorder


@pytest.fixture
def page(qtbot: QtBot, main_window: MainWindow) -> ContactsPage:
    db = main_window.ctx.db
    anna, _ = create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee"),
        channels=[
            Channel("email", "anna@example.com", "work"),
            Channel("phone", "+44 20 7946 0001", "mobile"),
            Channel("url", "www.example.com/anna", "website"),
        ],
    )
    log_interaction(
        db, anna, "email", db.now(), "Wrote back", "Write to ben@example.org about the role."
    )
    create_contact(db, ContactFields(first_name="Ben", last_name="Okafor"))
    main_window.ctx.hub.apply(EVERYTHING)
    main_window.resize(1280, 800)
    found = show(qtbot, main_window)
    # The detail is shown once a contact is open; the second pick fills the shown panel.
    found.view.selectRow(1)
    found.view.selectRow(0)
    assert found.detail.name_label.text() == "Anna Lee"
    return found


def open_button(line: QLineEdit) -> QToolButton:
    """The button Qt makes for the field's trailing open action."""
    buttons = [b for b in line.findChildren(QToolButton) if b.isVisible()]
    return max(buttons, key=lambda b: b.x())


def test_channel_values_open_as_mailto_tel_and_web_links(
    qtbot: QtBot, page: ContactsPage, opened: OpenedUrls
) -> None:
    rows = page.detail.channels._rows
    qtbot.waitUntil(lambda: all(r.value.isVisible() for r in rows))
    for row in rows:
        qtbot.mouseClick(open_button(row.value), Qt.MouseButton.LeftButton)
    assert opened.texts() == [
        "mailto:anna@example.com",
        "tel:+442079460001",
        "https://www.example.com/anna",
    ]


def test_links_in_a_history_entry_open_on_click(
    qtbot: QtBot, page: ContactsPage, opened: OpenedUrls
) -> None:
    page.detail.tabs.setCurrentWidget(page.detail.timeline)
    view = page.detail.timeline.list
    qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() == 1)
    index = view.model().index(0, 0)
    rect = view.visualRect(index)
    # Click along the body's first line until the address is under the pointer.
    spot = None
    for x in range(rect.left(), rect.right(), 4):
        for y in range(rect.top(), rect.bottom(), 3):
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, y))
            if opened.urls:
                spot = (x, y)
                break
        if spot:
            break
    assert opened.texts() == ["mailto:ben@example.org"]


def test_an_odd_email_is_saved_with_a_warning(
    qtbot: QtBot, main_window: MainWindow, page: ContactsPage
) -> None:
    editor = page.detail.channels
    row = added_channel(page, "email")
    qtbot.keyClicks(row.value, "anna at gmail")
    qtbot.keyClick(row.value, Qt.Key.Key_Return)
    channels = get_contact(main_window.ctx.db, 1).channels
    assert Channel("email", "anna at gmail", "work") in channels  # warned, not refused
    assert row.value_actions.warning.isVisible()
    assert "does not look like an email address" in row.value.toolTip()
    assert not row.value_actions.open.isVisible()
    assert not editor._rows[0].value_actions.warning.isVisible()
