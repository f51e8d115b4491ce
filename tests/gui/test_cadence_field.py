"""The keep-in-touch interval in the contact's detail: chosen with the keyboard, saved,
shown with the next date, undone; and the contacts table's "Due to reach out" column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.stages import list_stages
from crm.store.localtime import local_zone
from crm.today.cadence import cadences
from ui.contacts.cells import COLUMNS
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow


@pytest.fixture
def page(qtbot: QtBot, main_window: MainWindow) -> ContactsPage:
    main_window.show()
    page = main_window.show_page("contacts")
    assert isinstance(page, ContactsPage)
    return page


def test_choosing_an_interval_saves_it_and_undo_takes_it_back(
    main_window: MainWindow, page: ContactsPage, qtbot: QtBot
) -> None:
    db = main_window.ctx.db
    stage = {s.name: s.id for s in list_stages(db)}["Keep in touch"]
    aiko, changes = create_contact(db, ContactFields("Aiko", "Tanaka"), stage_id=stage)
    main_window.ctx.hub.apply(changes)
    page.select_contact(aiko)
    combo = page.detail.findChild(QComboBox, "cadenceChoice")
    label = page.detail.findChild(QLabel, "cadenceNext")
    assert combo is not None and label is not None
    assert combo.currentText() == "Every 3 months (default)"
    assert label.text() == "From stage Keep in touch · Due to reach out Mon 8 Jun 2026"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "None"
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "Every 2 weeks"
    found = cadences(db, [aiko], local_zone())[aiko]
    assert (found.days, found.source) == (14, "own")
    assert combo.currentText() == "Every 2 weeks"
    assert label.text() == "Due to reach out Tue 24 Mar 2026"
    main_window.undo_action.trigger()
    none = cadences(db, [aiko], local_zone())[aiko]  # back one step: "None"
    assert (none.source, none.days, combo.currentText()) == ("own", None, "None")
    main_window.undo_action.trigger()
    assert cadences(db, [aiko], local_zone())[aiko].source == "stage Keep in touch"
    assert combo.currentText().endswith("(default)")


def test_the_contacts_table_has_a_due_to_reach_out_column() -> None:
    assert [title for title, _ in COLUMNS][-1] == "Due to reach out"
