"""A sync run in a child process against real servers: what travels back pickles, the
child reports progress and its outcome, and one stopped or killed midway leaves nothing
the next sync cannot finish."""

from __future__ import annotations

import os
import pickle
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crm.contacts.service import Channel, ContactFields, create_contact
from crm.samples.bulk import generate_contacts
from crm.store.db import Database
from crm.sync.accounts import find_account
from crm.sync.child import Failed, Finished, Message, Progressed, SyncChild, SyncOrder
from crm.sync.run import sync_account
from crm.sync.webdav import CardDavClient
from tests.interop.dav_servers import DavServer
from tests.meetings import meeting_with


@pytest.fixture
def with_calendar() -> bool:
    return True


def order(db: Database, **options: bool) -> SyncOrder:
    return SyncOrder(db.path, db.clock, find_account(db, None), "x", **options)


def cards_on(server: DavServer) -> int:
    client = CardDavClient(server.root, "tester", "x")
    try:
        return len(client.list_etags(server.addressbook).changed)
    finally:
        client.close()


def contacts_in(db: Database) -> int:
    with db.connection() as conn:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])


def test_a_real_report_travels_through_pickle_unchanged(
    a: Database, b: Database, server: DavServer
) -> None:
    anna, _ = create_contact(
        a, ContactFields("Anna", "Lee"), channels=[Channel("email", "anna@example.com", "")]
    )
    meeting_with(a, "Coffee with Anna", datetime(2026, 12, 8, 15, 0), [anna], UTC)
    client = CardDavClient(server.root, "tester", "x")
    assert sync_account(a, find_account(a, None), client).uploaded == 2
    create_contact(b, ContactFields("Ben", "Okafor"))
    report = sync_account(b, find_account(b, None), client, accept_first_sync=True)
    client.close()
    # Downloaded and uploaded both ways: changes, undo steps with rows, lines, parts.
    assert report.downloaded == 2 and report.uploaded == 1
    assert report.changes and report.steps and report.log and report.parts
    assert pickle.loads(pickle.dumps(report)) == report
    finished = Finished(report, 12, 0.5)
    assert pickle.loads(pickle.dumps(finished)) == finished
    # The undo steps cross as bytes and are the same steps once unpacked.
    packed = pickle.loads(pickle.dumps(report.with_steps_packed()))
    assert packed.steps == [] and packed.has_steps and packed.log == report.log
    assert packed.undo_steps() == report.steps


def test_the_child_syncs_and_tells_its_progress(a: Database, server: DavServer) -> None:
    generate_contacts(a, 60, seed=1)
    child = SyncChild(order(a))
    told: list[Message] = []
    child.run(told.append)
    assert child.pid is not None and child.pid != os.getpid()
    *progress, outcome = told
    assert isinstance(outcome, Finished), outcome
    assert outcome.report.uploaded == 60 and outcome.requests > 0
    assert Progressed(25, 60, "contacts") in progress
    assert cards_on(server) == 60


def test_a_child_stopped_midway_leaves_a_sync_the_next_one_finishes(
    a: Database, server: DavServer
) -> None:
    generate_contacts(a, 150, seed=2)
    child = SyncChild(order(a))
    told: list[Message] = []

    def stop_at_first_progress(message: Message) -> None:
        told.append(message)
        if isinstance(message, Progressed) and message.total:
            child.stop()

    child.run(stop_at_first_progress)
    assert told[-1] == Failed("The sync was stopped before it finished (Rapport closed).")
    assert cards_on(server) < 150
    again: list[Message] = []
    SyncChild(order(a, accept_first_sync=True)).run(again.append)  # cards it sent match by UID
    assert isinstance(again[-1], Finished), again[-1]
    assert cards_on(server) == 150
    assert contacts_in(a) == 150  # nothing came back twice


def test_a_child_killed_midway_is_an_outcome_not_a_hang(a: Database, server: DavServer) -> None:
    generate_contacts(a, 150, seed=3)
    child = SyncChild(order(a))
    told: list[Message] = []

    def kill_at_first_progress(message: Message) -> None:
        told.append(message)
        if isinstance(message, Progressed) and child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)

    child.run(kill_at_first_progress)
    assert told[-1] == Failed(
        "The sync stopped unexpectedly (it was ended by signal 9); the next sync repeats it."
    )
    again: list[Message] = []
    SyncChild(order(a, accept_first_sync=True)).run(again.append)  # cards it sent match by UID
    assert isinstance(again[-1], Finished), again[-1]
    assert cards_on(server) == 150 and contacts_in(a) == 150


def test_a_data_file_gone_is_said_not_made_anew(a: Database, tmp_path: Path) -> None:
    gone = tmp_path / "elsewhere" / "rapport.db"
    told: list[Message] = []
    SyncChild(SyncOrder(gone, a.clock, find_account(a, None), "x")).run(told.append)
    assert told == [Failed("The data file rapport.db is gone.")]
    assert not gone.exists()
