"""The Help menu (shortcuts, guide, data folder, About) and File ▸ Quit with the platform's key."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact
from crm.store.backups import list_backups
from crm.version import __version__
from tests.gui.desktop import opened_urls
from tests.gui.windows import focus
from ui.help.about import AboutDialog
from ui.help.guide import GuideDialog
from ui.help.shortcuts import ShortcutsDialog
from ui.main_window import DEMO_TITLE, MainWindow

# Qt quirk: the offscreen platform cannot raise windows nor resize them to size hints.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def texts(window: MainWindow, menu: str) -> list[str]:
    return [a.text().replace("&", "") for a in window.menus[menu].actions() if a.text()]


D = TypeVar("D", bound=QDialog)


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert isinstance(found, QAction)
    return found


def shown_by(window: MainWindow, action_name: str, kind: type[D]) -> D:
    """The dialog of `kind` that triggering the action `action_name` shows."""
    action(window, action_name).trigger()
    dialog = window.findChild(kind)
    assert isinstance(dialog, kind) and dialog.isVisible()
    return dialog


def quit_keys() -> QKeySequence:
    """The platform's Quit key; Ctrl+Q where the platform names none (Windows, offscreen)."""
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
    return keys[0] if keys else QKeySequence("Ctrl+Q")


def test_help_menu_offers_guide_shortcuts_data_folder_and_about(main_window: MainWindow) -> None:
    assert texts(main_window, "help") == [
        "How Rapport works",
        "Keyboard shortcuts",
        "Open data folder",
        "About Rapport",
    ]


def test_shortcuts_window_lists_every_action_with_a_key(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    dialog = shown_by(main_window, "shortcutsAction", ShortcutsDialog)
    listed = set()
    for g in range(dialog.tree.topLevelItemCount()):
        group = dialog.tree.topLevelItem(g)
        assert group is not None
        for i in range(group.childCount()):
            item = group.child(i)
            assert item is not None
            listed.add((item.text(0), item.text(1)))
    native = QKeySequence.SequenceFormat.NativeText
    assert ("Quit", quit_keys().toString(native)) in listed
    assert ("New contact", QKeySequence("Ctrl+N").toString(native)) in listed
    assert ("Prepare", QKeySequence("Ctrl+P").toString(native)) in listed
    assert ("Calendar", QKeySequence("Ctrl+3").toString(native)) in listed
    # Generated from the actions: every one with a key is there, none forgotten.
    with_keys = {
        a.text().replace("&", "").rstrip(".…")
        for a in main_window.findChildren(QAction)
        if a.shortcuts() and a.text()
    }
    assert with_keys <= {name for name, _keys in listed}
    dialog.close()


def test_guide_explains_the_method(main_window: MainWindow) -> None:
    guide = shown_by(main_window, "guideAction", GuideDialog)
    text = guide.text.toPlainText()
    for words in ("30 minutes", "never a job", "Prepare", "notes", "Thank", "Keep in touch"):
        assert words.lower() in text.lower()
    assert "referred" in text.lower()
    guide.close()


def test_about_names_version_data_file_licence_and_libraries(main_window: MainWindow) -> None:
    about = shown_by(main_window, "aboutAction", AboutDialog)
    import sqlalchemy

    text = about.text.text()
    assert f"Rapport {__version__}" in text
    assert str(main_window.ctx.paths.database) in text
    assert "MIT" in text
    assert "SQLAlchemy" in text and sqlalchemy.__version__ in text
    about.close()


def test_open_data_folder_opens_the_folder_of_the_data_file(main_window: MainWindow) -> None:
    with opened_urls("file") as opened:
        action(main_window, "openDataFolderAction").trigger()
    assert [u.toLocalFile() for u in opened.urls] == [str(main_window.ctx.paths.root)]


def test_ctrl_q_quits_through_the_backup_on_close(qtbot: QtBot, main_window: MainWindow) -> None:
    file_menu = main_window.menus["file"].actions()
    assert file_menu[-1].text().replace("&", "") == "Quit"
    assert file_menu[-1].shortcut() == quit_keys()
    focus(main_window, qtbot)
    assert list_backups(main_window.ctx.paths) == []
    db = main_window.ctx.db
    _id, changes = create_contact(db, ContactFields(first_name="Anna"))
    main_window.ctx.hub.apply(changes)
    qtbot.keyClick(main_window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not main_window.isVisible())
    assert len(list_backups(main_window.ctx.paths)) == 1


def test_a_demo_window_says_so(main_window: MainWindow) -> None:
    main_window.mark_demo()
    try:
        assert main_window.windowTitle() == DEMO_TITLE == "Rapport — demo"
        assert QApplication.applicationDisplayName() == DEMO_TITLE
    finally:
        QApplication.setApplicationDisplayName("Rapport")
