"""The Contacts page as the first frame shows it, and once its detail panel has come."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QWidget
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact
from crm.store.clock import Clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from tests.gui.windows import focus
from ui.app import create_main_window, finish_first_page
from ui.contacts.detail_slot import EMPTY_TEXT
from ui.contacts.page import ContactsPage


def test_the_detail_panel_comes_after_the_first_frame_without_moving_anything(
    qtbot: QtBot, db: Database, data_paths: DataPaths, clock: Clock
) -> None:
    anna, _ = create_contact(db, ContactFields(first_name="Anna", last_name="Lee", title="CTO"))
    db.dispose()
    window = create_main_window(data_paths.root, clock=clock, first_page_only=True)
    qtbot.addWidget(window)
    try:
        focus(window, qtbot)
        page = window.page("contacts")
        assert isinstance(page, ContactsPage)
        assert window.findChild(QWidget, "contactDetail") is None  # not built yet
        shown = [w.text() for w in page.splitter.findChildren(QLabel) if w.isVisible()]
        assert EMPTY_TEXT in shown
        sizes = page.splitter.sizes()

        finish_first_page(window)
        qtbot.wait(10)
        panel = window.findChild(QWidget, "contactDetail")
        assert panel is not None and panel.isVisible()
        assert page.splitter.sizes() == sizes
        view = window.findChild(QTableView, "contactsView")
        assert view is not None
        rect = view.visualRect(view.model().index(0, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert page.detail.contact_id == anna
        assert page.detail.name_label.text() == "Anna Lee"
    finally:
        window.ctx.db.dispose()
