"""A contact's emails, phones and links get the room they need in the detail, at any width."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import Channel, ContactFields, create_contact
from ui.common.elided_edit import ElidedLineEdit
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow

LONG = "marcus.johnson@northwind-analytics.example"
VERY_LONG = "someone.with.a.very.long.address@a-company-with-an-unusually-long-name.example"


def open_contact(qtbot: QtBot, window: MainWindow, width: int, *extra: str) -> ContactsPage:
    db = window.ctx.db
    marcus, _ = create_contact(
        db,
        ContactFields("Marcus", "Johnson", title="Director of Data Science"),
        channels=[
            Channel("email", LONG, "work"),
            Channel("phone", "+1 312 555 0129", "mobile"),
            *(Channel("email", value, "home") for value in extra),
        ],
    )
    window.ctx.hub.apply(EVERYTHING)
    window.resize(width, 780)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("contacts")
    assert isinstance(page, ContactsPage)
    page.select_contact(marcus)
    qtbot.waitUntil(lambda: page.detail.name_label.text() == "Marcus Johnson")
    qtbot.wait(20)
    return page


def whole(edit: ElidedLineEdit) -> bool:
    return edit.width() - 60 >= edit.fontMetrics().horizontalAdvance(edit.text())


@pytest.mark.parametrize("width", [1240, 1280])
def test_at_the_default_size_a_value_takes_the_panels_width_and_elides_only_what_cannot_fit(
    qtbot: QtBot, main_window: MainWindow, width: int
) -> None:
    page = open_contact(qtbot, main_window, width, VERY_LONG)
    rows = page.detail.channels._rows
    email, phone, very_long = (row.value for row in rows)
    # The value has a line of its own, as wide as the panel's fields.
    assert email.width() >= page.detail.lines["title"].width() - 2
    assert phone.text() == "+1 312 555 0129" and whole(phone) and not phone.elided()
    # What cannot fit is shortened with "…", and read whole in the tooltip.
    assert very_long.elided() and VERY_LONG in very_long.toolTip()
    assert email.elided() == (not whole(email)) and LONG in email.toolTip()
    # Nothing in the details is pushed past the panel's right edge.
    scroll = page.detail.tabs.widget(0)
    assert isinstance(scroll, QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()


def test_in_a_wide_window_a_value_sits_beside_its_kind_and_shows_whole(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = open_contact(qtbot, main_window, 1920)
    for row in page.detail.channels._rows:
        assert abs(row.value.geometry().center().y() - row.kind.geometry().center().y()) <= 3
        assert whole(row.value) and not row.value.elided()


def test_a_shortened_value_shows_whole_while_edited(qtbot: QtBot, main_window: MainWindow) -> None:
    page = open_contact(qtbot, main_window, 1240, VERY_LONG)
    value = page.detail.channels._rows[2].value
    assert value.elided()
    value.setFocus()
    qtbot.waitUntil(value.hasFocus)
    assert not value.elided()
