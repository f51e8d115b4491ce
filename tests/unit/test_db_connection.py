"""The kept per-thread connection: reused, left clean after a failure, closed on dispose."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from crm.store.db import Database, write_transaction


def count_tags(db: Database) -> int:
    conn = sqlite3.connect(db.path, isolation_level=None)
    try:
        return int(conn.execute("SELECT count(*) FROM tags").fetchone()[0])
    finally:
        conn.close()


def test_one_connection_per_thread(db: Database) -> None:
    with db.connection() as first, db.connection() as nested:
        assert first is nested
    with db.connection() as again:
        assert again is first
    other: list[sqlite3.Connection] = []

    def use() -> None:
        with db.connection() as conn:
            other.append(conn)

    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert other and other[0] is not first


def test_a_failed_write_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(RuntimeError), db.connection() as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO tags (name) VALUES ('half-written')")
        raise RuntimeError("the user's action failed")
    assert count_tags(db) == 0
    # The next user of the connection starts outside any transaction and can write.
    with db.connection() as conn, write_transaction(conn):
        conn.execute("INSERT INTO tags (name) VALUES ('kept')")
    assert count_tags(db) == 1


def test_an_inner_use_does_not_end_the_outer_transaction(db: Database) -> None:
    with db.connection() as outer, write_transaction(outer):
        outer.execute("INSERT INTO tags (name) VALUES ('outer')")
        with db.connection() as inner:
            inner.execute("SELECT count(*) FROM tags").fetchone()
        assert outer.in_transaction
        outer.execute("INSERT INTO tags (name) VALUES ('still outer')")
    assert count_tags(db) == 2


def test_kept_connections_see_other_writers_and_close_on_dispose(db: Database) -> None:
    with db.connection() as conn:
        assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    writer = sqlite3.connect(db.path, isolation_level=None)
    writer.execute("INSERT INTO tags (name) VALUES ('from elsewhere')")
    writer.close()
    with db.connection() as conn:
        assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 1
    db.dispose()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")


def test_an_edit_waits_for_another_process_writing_instead_of_failing(db: Database) -> None:
    from crm.contacts.service import ContactFields, create_contact, get_contact, update_contact

    anna, _ = create_contact(db, ContactFields(first_name="Anna", last_name="Lee"))
    holding = threading.Event()

    def other_process_writes() -> None:
        conn = sqlite3.connect(db.path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE contacts SET notes = 'from the command line' WHERE id = ?", (anna,))
        holding.set()
        threading.Event().wait(0.5)
        conn.execute("COMMIT")
        conn.close()

    writer = threading.Thread(target=other_process_writes)
    writer.start()
    holding.wait(5)
    # The edit reads the contact, then writes: begun deferred, its snapshot went stale
    # while it waited and it failed with "database is locked".
    update_contact(db, anna, title="Engineer")
    writer.join()
    detail = get_contact(db, anna)
    assert (detail.title, detail.notes) == ("Engineer", "from the command line")
