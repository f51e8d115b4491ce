"""File ▸ Back Up Now, File ▸ Restore Backup… and the close-time backup, in the real window."""

from __future__ import annotations

import re
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact, delete_contacts
from crm.store.backups import backup_now, list_backups
from tests.gui.conftest import MessageBoxes
from ui.backups.actions import BackupActions
from ui.backups.dialog import RestoreBackupDialog
from ui.main_window import MainWindow

# Qt quirk: the offscreen platform warns that it cannot propagate a dialog's size hints.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def names(window: MainWindow) -> list[str]:
    conn = sqlite3.connect(window.ctx.db.path)
    try:
        return [r[0] for r in conn.execute("SELECT first_name FROM contacts ORDER BY id")]
    finally:
        conn.close()


def shown_names(window: MainWindow) -> list[str]:
    """The names in the Contacts page's table, as the user sees them."""
    view = window.findChild(QTableView, "contactsView")
    assert view is not None
    model = view.model()
    return sorted(str(model.index(r, 0).data()) for r in range(model.rowCount()))


def file_action(window: MainWindow, name: str) -> QAction:
    for action in window.menus["file"].actions():
        if action.objectName() == name:
            return action
    raise AssertionError(f"no {name} in the File menu")


def add(window: MainWindow, *first_names: str) -> None:
    for first in first_names:
        _id, changes = create_contact(window.ctx.db, ContactFields(first, "Lee"))
        window.ctx.hub.apply(changes)


def open_dialog(window: MainWindow, qtbot: QtBot) -> RestoreBackupDialog:
    file_action(window, "restoreBackupAction").trigger()
    dialog = window.findChild(RestoreBackupDialog)
    assert isinstance(dialog, RestoreBackupDialog)
    qtbot.waitExposed(dialog)
    return dialog


def click_row(view: QTableView, row: int, qtbot: QtBot) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_back_up_now_writes_a_copy_and_says_where(main_window: MainWindow) -> None:
    add(main_window, "Anna")
    file_action(main_window, "backUpNowAction").trigger()
    (backup,) = list_backups(main_window.ctx.paths)
    assert backup.contacts == 1 and backup.reason == "manual"
    assert backup.path.name in main_window.statusBar().currentMessage()


def test_the_dialog_lists_backups_with_date_reason_and_contacts(
    main_window: MainWindow, qtbot: QtBot, qtmodeltester: object
) -> None:
    ctx = main_window.ctx
    add(main_window, "Anna")
    backup_now(ctx.paths, ctx.db, "auto")
    add(main_window, "Ravi", "Zoe")
    backup_now(ctx.paths, ctx.db, "manual")
    dialog = open_dialog(main_window, qtbot)
    model = dialog.view.model()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert [row[1:3] for row in rows] == [
        ["Backed up by hand", "3"],
        ["Automatic, on close", "1"],
    ]
    assert re.fullmatch(r".+, \d\d:\d\d", rows[0][0])  # date and time
    assert dialog.restore_button.isEnabled()
    dialog.reject()


def test_restoring_replaces_the_data_and_undo_brings_it_back(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    ctx = main_window.ctx
    add(main_window, "Anna")
    backup_now(ctx.paths, ctx.db, "manual")
    add(main_window, "Ravi")
    dialog = open_dialog(main_window, qtbot)
    click_row(dialog.view, 0, qtbot)
    with qtbot.waitSignal(ctx.hub.everythingChanged):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert names(main_window) == ["Anna"]
    # The open table reads the restored file.
    qtbot.waitUntil(lambda: shown_names(main_window) == ["Anna Lee"])
    assert main_window.undo_action.text().startswith("&Undo Restore backup of")

    with qtbot.waitSignal(ctx.hub.everythingChanged):
        main_window.undo_action.trigger()
    assert names(main_window) == ["Anna", "Ravi"]
    qtbot.waitUntil(lambda: shown_names(main_window) == ["Anna Lee", "Ravi Lee"])
    with qtbot.waitSignal(ctx.hub.everythingChanged):
        main_window.redo_action.trigger()
    assert names(main_window) == ["Anna"]
    # The reopened database is the one every service now writes to.
    add(main_window, "Zoe")
    assert names(main_window) == ["Anna", "Zoe"]


def test_deleted_contacts_come_back_through_the_dialog(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    ctx = main_window.ctx
    add(main_window, "Anna", "Ravi")
    backup_now(ctx.paths, ctx.db, "manual")
    _snapshot, changes = delete_contacts(ctx.db, [1, 2])
    ctx.hub.apply(changes)
    dialog = open_dialog(main_window, qtbot)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)  # Enter restores the selected copy
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert names(main_window) == ["Anna", "Ravi"]
    assert ctx.undo_stack.count() == 1  # restored once, not once per key handler


def test_a_damaged_backup_is_refused_and_nothing_changes(
    main_window: MainWindow, qtbot: QtBot, message_boxes: MessageBoxes
) -> None:
    ctx = main_window.ctx
    add(main_window, "Anna")
    bad = backup_now(ctx.paths, ctx.db, "manual")
    bad.write_bytes(b"SQLite format 3\x00" + b"\xee" * 8000)
    warnings = message_boxes.texts()
    dialog = open_dialog(main_window, qtbot)
    assert dialog.model.index(0, 2).data() == "unreadable"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # still open: choose another copy
    warnings = message_boxes.texts()
    assert len(warnings) == 1 and bad.name in warnings[0]
    assert names(main_window) == ["Anna"]
    assert ctx.undo_stack.count() == 0
    dialog.reject()


def test_with_no_backups_the_dialog_says_so(main_window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_dialog(main_window, qtbot)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    dialog.reject()


def test_closing_after_a_change_makes_the_days_automatic_backup(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    add(main_window, "Anna")
    main_window.close()
    (backup,) = list_backups(main_window.ctx.paths)
    assert backup.reason == "auto" and backup.contacts == 1


def test_closing_without_changes_makes_no_backup(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.close()
    assert list_backups(main_window.ctx.paths) == []


def test_the_actions_are_in_the_file_menu(main_window: MainWindow) -> None:
    texts = [a.text() for a in main_window.menus["file"].actions()]
    assert "&Back Up Now" in texts and "&Restore Backup…" in texts
    assert main_window.findChild(BackupActions) is not None
