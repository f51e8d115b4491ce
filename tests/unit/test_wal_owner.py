"""A write-ahead log beside the data file is replayed only when Rapport wrote it for that
file (a crash); one copied from another copy of the file is refused, not replayed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crm.contacts.service import ContactFields, create_contact, get_contact, update_contact
from crm.errors import ForeignWalError
from crm.store.clock import Clock
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.store.wal_owner import set_wal_aside, wal_path
from tests.conftest import NOW

REPO = Path(__file__).resolve().parents[2]


def test_a_wal_copied_from_another_copy_is_refused_until_set_aside(
    data_paths: DataPaths, clock: Clock, tmp_path: Path
) -> None:
    db = open_database(data_paths, clock=clock).database
    anna, _ = create_contact(db, ContactFields("Anna", "Lee", notes="old notes"))
    # Someone copies the folder while Rapport has it open: the log holds the old notes.
    db.dispose()
    db = open_database(data_paths, clock=clock).database
    update_contact(db, anna, notes="notes from the copy")
    stray = tmp_path / "stray-wal"
    shutil.copyfile(wal_path(data_paths.database), stray)
    update_contact(db, anna, notes="today's notes")
    db.dispose()  # a clean close: the log is checkpointed and removed
    assert not wal_path(data_paths.database).exists()

    shutil.copyfile(stray, wal_path(data_paths.database))  # the copy's log put beside it
    with pytest.raises(ForeignWalError, match="was not written for it"):
        open_database(data_paths, clock=clock)

    set_wal_aside(data_paths.database, NOW)
    db = open_database(data_paths, clock=clock).database
    assert get_contact(db, anna).notes == "today's notes"
    db.dispose()


CRASH = """
import os, sys, pathlib
from crm.contacts.service import ContactFields, create_contact
from crm.store.paths import DataPaths
from crm.store.schema import open_database
db = open_database(DataPaths(pathlib.Path(sys.argv[1]))).database
create_contact(db, ContactFields("Ravi", "Shah"))
os._exit(0)  # killed: the log stays beside the file
"""


def test_the_log_left_by_a_crash_is_replayed(data_paths: DataPaths, clock: Clock) -> None:
    subprocess.run([sys.executable, "-c", CRASH, str(data_paths.root)], cwd=REPO, check=True)
    assert wal_path(data_paths.database).stat().st_size > 0
    db = open_database(data_paths, clock=clock).database
    with db.read() as session:
        from sqlalchemy import text

        assert session.execute(text("SELECT first_name FROM contacts")).scalars().all() == ["Ravi"]
    db.dispose()
