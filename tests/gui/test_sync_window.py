"""Sync in the real window against a real Radicale: add an account, F5, the status line,
and settling a conflict (undoable)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import niquests
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPlainTextEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from crm.calendar.followups import add_follow_up
from crm.contacts.service import Channel, ContactFields, create_contact, update_contact
from crm.sync.accounts import find_account
from crm.sync.webdav import CardDavClient
from tests.interop.dav_servers import DavServer, dav_server
from tests.meetings import meeting_with
from ui.main_window import MainWindow
from ui.sync.accounts_dialog import AccountsDialog
from ui.sync.conflicts_dialog import ConflictsDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DavServer]:
    with dav_server("radicale", tmp_path / "server") as running:
        yield running


def action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None
    return found


def status(window: MainWindow) -> str:
    label = window.findChild(QLabel, "syncStatus")
    assert label is not None
    return label.text()


def titles(window: MainWindow) -> dict[str, str]:
    with sqlite3.connect(window.ctx.db.path) as conn:
        return dict(conn.execute("SELECT first_name, title FROM contacts"))


def only_card(server: DavServer) -> str:
    (href,) = CardDavClient(server.root, "tester", "x").list_etags(server.addressbook).changed
    return href


def add_account_by_hand(
    qtbot: QtBot, window: MainWindow, server: DavServer, *, tasks: bool = False
) -> None:
    action(window, "syncAccountsAction").trigger()
    dialog = window.findChild(AccountsDialog)
    assert dialog is not None
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Radicale")
    qtbot.keyClicks(dialog.url, server.root)
    qtbot.keyClicks(dialog.username, "tester")
    qtbot.keyClicks(dialog.password, "secret")
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=20000)
    assert server.addressbook in dialog.books.currentText()
    assert dialog.calendars.currentData() == server.calendar  # the only calendar, by default
    if tasks:
        qtbot.mouseClick(dialog.tasks, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status(window).startswith("Synced"), timeout=20000)
    dialog.reject()


def test_an_account_added_in_the_window_syncs_and_f5_brings_changes(
    qtbot: QtBot, main_window: MainWindow, server: DavServer
) -> None:
    main_window.show()
    create_contact(main_window.ctx.db, ContactFields("Anna", "Lee", title="Engineer"))
    add_account_by_hand(qtbot, main_window, server)
    assert status(main_window) == "Synced just now · 1 change"
    card_url = only_card(server)
    card = niquests.get(card_url, auth=("tester", "x")).text or ""
    niquests.put(
        card_url,
        data=card.replace("TITLE:Engineer", "TITLE:Director").encode(),
        auth=("tester", "x"),
    )
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    QTest.keySequence(main_window, "F5")
    qtbot.waitUntil(lambda: titles(main_window).get("Anna") == "Director", timeout=20000)
    qtbot.waitUntil(lambda: status(main_window).startswith("Synced"), timeout=20000)
    assert status(main_window) == "Synced just now · 1 change"
    # The sync is one step in history: undo puts Anna's title back, the next sync sends it.
    stack = main_window.ctx.undo_stack
    assert stack.undoText().startswith("Sync with Radicale (uploaded 0, downloaded 1,")
    stack.undo()
    assert titles(main_window)["Anna"] == "Engineer"
    QTest.keySequence(main_window, "F5")
    qtbot.waitUntil(
        lambda: "TITLE:Engineer" in (niquests.get(card_url, auth=("tester", "x")).text or ""),
        timeout=20000,
    )
    qtbot.waitUntil(lambda: len(main_window.sync.log) == 3, timeout=20000)  # type: ignore[attr-defined]
    # File ▸ Sync Log says what each sync changed, and from which side, newest first.
    action(main_window, "syncLogAction").trigger()
    log = main_window.findChild(QPlainTextEdit, "syncLog")
    assert log is not None
    said = [line.strip() for line in log.toPlainText().splitlines() if line.startswith("    ")]
    assert said == [
        "Anna Lee (contact) — changed on the server",
        "Anna Lee (contact) — changed here, from the server",
        "Anna Lee (contact) — added on the server",
    ]


def test_a_conflict_is_settled_in_the_window_and_undo_brings_it_back(
    qtbot: QtBot,
    main_window: MainWindow,
    server: DavServer,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    db = main_window.ctx.db
    anna, _ = create_contact(db, ContactFields("Anna", "Lee", title="Engineer"))
    add_account_by_hand(qtbot, main_window, server)
    card_url = only_card(server)
    card = niquests.get(card_url, auth=("tester", "x")).text or ""
    niquests.put(
        card_url, data=card.replace("TITLE:Engineer", "TITLE:Lead").encode(), auth=("tester", "x")
    )
    update_contact(db, anna, title="Manager")
    main_window.sync.sync_all()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: status(main_window).startswith("Synced"), timeout=20000)
    assert titles(main_window)["Anna"] == "Manager"  # mine kept while the conflict waits
    action(main_window, "syncConflictsAction").trigger()
    dialog = main_window.findChild(ConflictsDialog)
    assert dialog is not None and dialog.model.rowCount() == 1
    qtmodeltester.check(dialog.model)
    row = [dialog.model.index(0, c).data() for c in range(4)]
    assert row == ["Anna Lee", "Job title", "Manager", "Lead"]
    qtbot.mouseClick(dialog.theirs, Qt.MouseButton.LeftButton)
    assert titles(main_window)["Anna"] == "Lead"
    assert dialog.model.rowCount() == 0
    main_window.ctx.undo_stack.undo()
    assert titles(main_window)["Anna"] == "Manager"
    assert dialog.model.rowCount() == 1
    assert find_account(db, None).name == "Radicale"


def test_meetings_and_follow_ups_travel_when_the_account_has_a_calendar(
    qtbot: QtBot, main_window: MainWindow, server: DavServer
) -> None:
    db = main_window.ctx.db
    anna, _ = create_contact(
        db, ContactFields("Anna", "Lee"), channels=[Channel("email", "anna@example.com", "")]
    )
    meeting_with(db, "Coffee with Anna", datetime(2026, 12, 8, 15, 0), [anna], UTC)
    add_follow_up(db, anna, "Send the CV she asked for", date(2026, 12, 10))
    main_window.show()
    add_account_by_hand(qtbot, main_window, server, tasks=True)
    assert find_account(db, None).calendar_url == server.calendar
    listing = CardDavClient(server.root, "tester", "x").list_etags(server.calendar).changed
    texts = [niquests.get(href, auth=("tester", "x")).text or "" for href in listing]
    assert sum("BEGIN:VEVENT" in t for t in texts) == 1
    assert sum("SUMMARY:Send the CV she asked for" in t for t in texts) == 1
