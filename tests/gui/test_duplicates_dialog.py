"""Contacts ▸ Find duplicates…: a listed pair is merged with a click and undone with Ctrl+Z."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm.contacts.service import Channel, ContactFields, create_contact, get_contact
from tests.people import person
from ui.duplicates.dialog import DuplicatesDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_merge_from_the_dialog_and_undo(
    qtbot: QtBot, main_window: MainWindow, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    db = main_window.ctx.db
    keep = person(db, "Anna", email="anna@x.org")
    other, _ = create_contact(
        db,
        ContactFields(first_name="Anna", last_name="Lee", title="PM"),
        channels=[Channel("email", "Anna@X.org"), Channel("phone", "+1 5")],
    )
    main_window.duplicates_action.trigger()  # type: ignore[attr-defined]
    dialog = main_window.findChild(DuplicatesDialog)
    assert isinstance(dialog, DuplicatesDialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 4)) == "same email"
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    merged = get_contact(db, keep)
    assert merged.title == "PM" and [c.value for c in merged.channels] == ["anna@x.org", "+1 5"]
    assert dialog.model.rowCount() == 0 and "No likely duplicates" in dialog.info.text()
    assert main_window.undo_action.text() == "&Undo Merge Anna Lee into Anna Lee"
    main_window.undo_action.trigger()  # Edit ▸ Undo
    assert get_contact(db, other).title == "PM"
    assert get_contact(db, keep).title == ""
    assert dialog.model.rowCount() == 1
