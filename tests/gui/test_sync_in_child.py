"""The window's syncs run in a child process: progress and failures reach the status line,
a child that dies never hangs the window, and what the sync wrote is what the window shows."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact
from crm.samples.bulk import generate_contacts
from crm.sync.accounts import find_account
from crm.sync.child import Failed
from crm.sync.webdav import CardDavClient
from tests.gui.contacts_page import names_shown
from tests.gui.test_sync_window import status
from tests.interop.dav_servers import DavServer, dav_server
from ui.main_window import MainWindow
from ui.sync import controller as controller_module
from ui.sync.controller import SyncController
from ui.sync.worker import SyncJob, SyncRequest

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

ZOE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:0b6c4f7e-zoe\r\nFN:Zoe Quinn\r\n"
    "N:Quinn;Zoe;;;\r\nEMAIL:zoe@example.com\r\nEND:VCARD\r\n"
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DavServer]:
    with dav_server("radicale", tmp_path / "server", password="secret") as running:
        yield running


def controller(window: MainWindow) -> SyncController:
    found = window.sync  # type: ignore[attr-defined]
    assert isinstance(found, SyncController)
    return found


def sync_now(qtbot: QtBot, window: MainWindow, password: str = "secret") -> SyncJob:
    """File ▸ Sync Now with `password` for the account, waited for until the window took
    the outcome."""
    sync = controller(window)
    account = find_account(window.ctx.db, None)
    with qtbot.waitSignal(sync.idle, timeout=60000):
        job = sync.run(SyncRequest(account, password, quiet=False))
    return job


def test_progress_reaches_the_status_line(
    qtbot: QtBot, main_window: MainWindow, server: DavServer
) -> None:
    main_window.show()
    generate_contacts(main_window.ctx.db, 300, seed=4)
    server.add_account(main_window.ctx.db, calendar=False)
    sync = controller(main_window)
    seen: list[str] = []

    def watch() -> bool:
        seen.append(status(main_window))
        return not sync.running

    with qtbot.waitSignal(sync.idle, timeout=60000):
        job = sync.run(SyncRequest(find_account(main_window.ctx.db, None), "secret", quiet=False))
        qtbot.waitUntil(watch, timeout=60000)
    assert job.child is not None and job.child.pid != os.getpid()  # not in the window
    assert {"Syncing contacts… 100 of 300", "Syncing contacts… 200 of 300"} & set(seen)
    assert status(main_window) == "Synced just now · 300 changes"


def test_what_the_sync_process_wrote_is_what_the_list_shows(
    qtbot: QtBot, main_window: MainWindow, server: DavServer
) -> None:
    main_window.show()
    create_contact(main_window.ctx.db, ContactFields("Anna", "Lee"))
    main_window.ctx.hub.apply(EVERYTHING)
    server.add_account(main_window.ctx.db, calendar=False)
    sync_now(qtbot, main_window)
    assert server.put_raw("zoe.vcf", ZOE).status_code == 201  # as a phone adds a card
    assert names_shown(main_window) == ["Anna Lee"]
    sync_now(qtbot, main_window)
    assert status(main_window) == "Synced just now · 1 change"
    # The list refreshes from the event loop, right after the window took the report.
    qtbot.waitUntil(lambda: names_shown(main_window) == ["Anna Lee", "Zoe Quinn"], timeout=1000)
    # Undo takes back what the sync process wrote (its undo steps crossed as bytes).
    main_window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: names_shown(main_window) == ["Anna Lee"], timeout=1000)
    main_window.ctx.undo_stack.redo()
    qtbot.waitUntil(lambda: names_shown(main_window) == ["Anna Lee", "Zoe Quinn"], timeout=1000)


def test_a_wrong_password_is_said_in_the_status_line(
    qtbot: QtBot, main_window: MainWindow, server: DavServer
) -> None:
    create_contact(main_window.ctx.db, ContactFields("Anna", "Lee"))
    server.add_account(main_window.ctx.db, calendar=False)
    sync_now(qtbot, main_window, password="wrong")
    assert status(main_window) == "Sync failed: The server refused the user name or password."


def test_a_server_that_is_gone_is_said_in_the_status_line(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    with dav_server("radicale", tmp_path / "gone") as server:
        server.add_account(main_window.ctx.db, calendar=False)
    sync_now(qtbot, main_window)
    address = server.root.removeprefix("http://").rstrip("/")
    assert status(main_window) == (
        f"Sync failed: The server {address} cannot be reached. Check the address and your "
        "connection."
    )


def test_a_sync_process_that_dies_fails_in_the_status_line_and_the_next_one_works(
    qtbot: QtBot, main_window: MainWindow, server: DavServer
) -> None:
    generate_contacts(main_window.ctx.db, 300, seed=5)
    server.add_account(main_window.ctx.db, calendar=False)
    sync = controller(main_window)
    with qtbot.waitSignal(sync.idle, timeout=60000):
        job = sync.run(SyncRequest(find_account(main_window.ctx.db, None), "secret", quiet=False))
        qtbot.waitUntil(lambda: status(main_window).startswith("Syncing contacts…"))
        assert job.child is not None and job.child.pid is not None
        os.kill(job.child.pid, signal.SIGKILL)
    assert status(main_window) == (
        "Sync failed: The sync stopped unexpectedly (it was ended by signal 9); "
        "the next sync repeats it."
    )
    sync_now(qtbot, main_window)
    assert status(main_window).startswith("Synced just now")


def test_closing_stops_a_long_sync_between_transactions_and_the_next_one_finishes(
    qtbot: QtBot, main_window: MainWindow, server: DavServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_contacts(main_window.ctx.db, 300, seed=6)
    server.add_account(main_window.ctx.db, calendar=False)
    sync = controller(main_window)
    job = sync.run(SyncRequest(find_account(main_window.ctx.db, None), "secret", quiet=False))
    qtbot.waitUntil(lambda: status(main_window).startswith("Syncing contacts…"), timeout=30000)
    monkeypatch.setattr(controller_module, "CLOSE_WAIT_MS", 50)  # the user will not wait
    sync.sync_at_close()
    assert job.child is not None and not job.child.alive  # nothing goes on writing
    assert job.outcome == Failed("The sync was stopped before it finished (Rapport closed).")
    qtbot.waitUntil(lambda: not sync.running)
    # The cards it had sent are matched by UID, after the user agrees as to any first
    # sync against a full address book: nothing is sent or made twice.
    again = SyncRequest(find_account(main_window.ctx.db, None), "secret", accept_first_sync=True)
    with qtbot.waitSignal(sync.idle, timeout=60000):
        sync.run(again)
    assert status(main_window).startswith("Synced just now")
    client = CardDavClient(server.root, "tester", "secret")
    assert len(client.list_etags(server.addressbook).changed) == 300
    client.close()
    with main_window.ctx.db.connection() as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (300,)


def test_a_window_whose_data_cannot_travel_syncs_in_its_own_process(
    qtbot: QtBot, main_window: MainWindow, server: DavServer
) -> None:
    db = main_window.ctx.db
    now = db.now()
    db.clock = lambda: now  # a clock that does not pickle cannot reach a child
    create_contact(db, ContactFields("Anna", "Lee"))
    server.add_account(db, calendar=False)
    job = sync_now(qtbot, main_window)
    assert job.child is None
    assert status(main_window) == "Synced just now · 1 change"
