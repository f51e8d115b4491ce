"""Every user action commits once: a crash can never leave half of it in the data file.

The SQL each connection sends is traced from the moment the data file is opened; an
action that commits twice (the meeting, then its attendees' stage move) fails here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from crm.calendar.holding import mark_done, undo_done
from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import (
    create_meeting,
    delete_meetings,
    restore_meetings,
    schedule_again,
    unschedule_meeting,
)
from crm.contacts.service import ContactFields, create_contact
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database

START = datetime(2026, 3, 12, 9, 0)


class Commits:
    """Counts COMMITs sent by every connection opened after it is installed."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def trace(self, statement: str) -> None:
        if statement.strip().upper().startswith(("COMMIT", "END")):
            with self._lock:
                self.count += 1


@pytest.fixture
def traced(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Database, Commits]]:
    commits = Commits()
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(commits.trace)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # what SQLAlchemy calls
    database = open_database(data_paths, clock=fixed_clock(datetime(2026, 3, 10, 14, 30))).database
    yield database, commits
    database.dispose()


def one_commit(commits: Commits, action: Any, *args: Any, **kwargs: Any) -> Any:
    before = commits.count
    result = action(*args, **kwargs)
    assert commits.count - before == 1, (
        f"{action.__name__} committed {commits.count - before} times"
    )
    return result


def test_meeting_actions_and_their_undos_commit_once(traced: tuple[Database, Commits]) -> None:
    db, commits = traced
    anna, _ = create_contact(db, ContactFields(first_name="Anna", last_name="Lee"))
    values = MeetingFields("Coffee", START, START + timedelta(minutes=30), attendee_ids=(anna,))

    meeting, move, _ = one_commit(commits, create_meeting, db, values, move_ids=[anna], tz=UTC)
    assert move is not None  # the stage move happened, inside that one commit
    snapshot, _ = one_commit(commits, unschedule_meeting, db, meeting, move)
    move, _ = one_commit(commits, schedule_again, db, snapshot, [anna], UTC)
    record, _ = one_commit(commits, mark_done, db, meeting, "Good talk", move_ids=[anna], tz=UTC)
    assert record.move is not None
    one_commit(commits, undo_done, db, record)
    snapshots, _ = one_commit(commits, delete_meetings, db, [meeting])
    one_commit(commits, restore_meetings, db, snapshots)
