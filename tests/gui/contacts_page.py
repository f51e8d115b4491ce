"""The Contacts page as its tests use it: the page shown and focused, a few people or many."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.history import log_interaction
from crm.contacts.service import Channel, ContactFields, create_contact
from tests.gui.windows import focus
from ui.contacts.channels import ChannelRow
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow


def page_of(window: MainWindow) -> ContactsPage:
    page = window.page("contacts")
    assert isinstance(page, ContactsPage)
    return page


def show(qtbot: QtBot, window: MainWindow) -> ContactsPage:
    focus(window, qtbot)
    return page_of(window)


def first_row_focused(qtbot: QtBot, window: MainWindow) -> ContactsPage:
    """The contacts page with the keyboard in the list and its first row selected."""
    page = show(qtbot, window)
    page.view.setFocus()
    page.view.selectRow(0)
    return page


def added_channel(page: ContactsPage, kind: str) -> ChannelRow:
    """A new row of `kind` in the contact's emails, phones and links, as + adds it."""
    editor = page.detail.channels
    editor.add_row(kind)
    return editor._rows[-1]


def names_shown(window: MainWindow) -> list[str]:
    view = window.findChild(QTableView, "contactsView")
    assert view is not None
    model = view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


@pytest.fixture
def people(main_window: MainWindow) -> dict[str, int]:
    db = main_window.ctx.db
    anna, _ = create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee", company="Google", notes="cellist"),
        channels=[Channel("email", "anna@example.com", "work")],
        tags=["mentor"],
    )
    annie, _ = create_contact(
        db, ContactFields(first_name="Annie", last_name="Ng", company="Figma")
    )
    ben, _ = create_contact(db, ContactFields(first_name="Ben", last_name="Okafor"))
    log_interaction(db, anna, "call", db.now(), "First call")
    main_window.ctx.hub.apply(EVERYTHING)
    return {"anna": anna, "annie": annie, "ben": ben}


def add_people(main_window: MainWindow, count: int) -> None:
    from crm.contacts.service import first_stage_id
    from crm.store.models import Contact

    db = main_window.ctx.db
    with db.session() as session:
        stage = first_stage_id(session)
        session.add_all(
            Contact(
                first_name=f"Person{i:03d}",
                last_name="Test",
                stage_id=stage,
                stage_position=i,
                stage_entered_at=db.now(),
                created_at=db.now(),
                updated_at=db.now(),
            )
            for i in range(count)
        )
    main_window.ctx.hub.apply(EVERYTHING)
