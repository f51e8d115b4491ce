"""Backups: consistent private copies, listing, thinning, the close-time copy and restoring."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crm.contacts.service import ContactFields, create_contact, delete_contacts
from crm.errors import DatabaseError
from crm.store.backups import (
    BEFORE_RESTORE,
    backup_now,
    backup_on_close,
    folder_in_use,
    list_backups,
    restore_backup,
    restore_into,
    thin_backups,
)
from crm.store.clock import Clock, fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import HEAD_REVISION, bring_up_to_date, open_database
from tests.conftest import NOW


def names(db_path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT first_name FROM contacts ORDER BY id")]
    finally:
        conn.close()


def add(db: Database, *first_names: str) -> None:
    for first in first_names:
        create_contact(db, ContactFields(first, "Lee"))


def test_backup_now_writes_a_private_self_contained_copy(
    db: Database, data_paths: DataPaths
) -> None:
    add(db, "Anna", "Ravi")
    path = backup_now(data_paths, db, "manual")
    add(db, "Zoe")  # later edits are not in the copy
    assert path.parent == data_paths.backups
    assert names(path) == ["Anna", "Ravi"]
    assert not path.with_name(path.name + "-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(data_paths.backups.stat().st_mode) == 0o700


def test_backing_up_a_closed_file_leaves_nothing_beside_it(
    db: Database, data_paths: DataPaths
) -> None:
    add(db, "Anna")
    db.dispose()
    path = backup_now(data_paths, data_paths.database, "manual")
    assert names(path) == ["Anna"]
    assert {p.name for p in data_paths.root.iterdir()} == {"backups", data_paths.database.name}


def test_the_list_shows_date_reason_and_contacts_newest_first(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    times = [datetime(2026, 3, 8, 9), datetime(2026, 3, 9, 18, 5, 7), datetime(2026, 3, 10, 8)]
    for count, when in enumerate(times, start=1):
        database = open_database(data_paths, clock=fixed_clock(when)).database
        add(database, f"Person{count}")
        backup_now(data_paths, database, "auto" if count < 3 else "manual")
        database.dispose()
    (data_paths.backups / "notes.txt").write_text("mine")  # not a backup: not listed
    listed = list_backups(data_paths)
    assert [b.created_at for b in listed] == times[::-1]
    assert [b.contacts for b in listed] == [3, 2, 1]
    assert [b.reason_label for b in listed] == ["Backed up by hand", *["Automatic, on close"] * 2]
    assert all(b.size > 0 for b in listed)


def test_two_backups_in_the_same_second_are_both_kept(db: Database, data_paths: DataPaths) -> None:
    first = backup_now(data_paths, db, "manual")
    second = backup_now(data_paths, db, "manual")
    assert first != second and first.exists() and second.exists()
    assert len(list_backups(data_paths)) == 2


def test_an_unreadable_backup_is_listed_without_a_count(data_paths: DataPaths) -> None:
    (data_paths.backups / "rapport-2026-03-01_100000-auto.sqlite3").write_bytes(b"garbage")
    (only,) = list_backups(data_paths)
    assert only.contacts is None


# -- thinning -------------------------------------------------------------------------------


def fake_backups(folder: Path, first: datetime, last: datetime) -> None:
    day = first
    while day <= last:
        for hour in (3, 20):
            when = day.replace(hour=hour)
            if when < NOW:
                (folder / f"rapport-{when:%Y-%m-%d_%H%M%S}-auto.sqlite3").touch()
        day += timedelta(days=1)


def test_thinning_keeps_7_daily_4_weekly_and_6_monthly_copies(data_paths: DataPaths) -> None:
    # Two backups a day from June 2025 to today, Tuesday 10 March 2026 at 14:30.
    fake_backups(data_paths.backups, datetime(2025, 6, 1), NOW)
    (data_paths.backups / "my own copy.sqlite3").touch()
    total = len(list_backups(data_paths))
    removed = thin_backups(data_paths.backups, NOW)
    kept = {b.created_at for b in list_backups(data_paths)}
    evening = [datetime(2026, 3, d, 20) for d in (9, 8, 7, 6, 5, 4)]
    expected = {
        datetime(2026, 3, 10, 3),  # today: every copy, so today's restores stay undoable
        *evening,  # the newest of each of the 7 days with backups (today is the first)
        datetime(2026, 3, 1, 20),  # newest of ISO week 9 (this week and week 10 are above)
        datetime(2026, 2, 22, 20),  # ... and of week 8: four weeks
        datetime(2026, 2, 28, 20),  # newest of February (March is today)
        datetime(2026, 1, 31, 20),
        datetime(2025, 12, 31, 20),
        datetime(2025, 11, 30, 20),
        datetime(2025, 10, 31, 20),  # six months
    }
    assert kept == expected
    assert len(removed) == total - len(expected)
    assert (data_paths.backups / "my own copy.sqlite3").exists()
    assert thin_backups(data_paths.backups, NOW) == []  # thinning again changes nothing


def test_a_new_backup_thins_the_old_ones(db: Database, data_paths: DataPaths) -> None:
    # Backups all through 2025, then nothing until today's manual copy.
    fake_backups(data_paths.backups, datetime(2025, 1, 1), datetime(2025, 12, 31))
    backup_now(data_paths, db, "manual")
    kept = {b.created_at for b in list_backups(data_paths)}
    assert kept == {
        NOW,  # today, the first of the 7 days, weeks and months
        *(datetime(2025, 12, d, 20) for d in (31, 30, 29, 28, 27, 26)),  # 6 more days
        datetime(2025, 12, 21, 20),  # week 51 (weeks 1 and 52 are among the days)
        *(datetime(2025, m, d, 20) for m, d in ((11, 30), (10, 31), (9, 30), (8, 31))),
    }


# -- the close-time backup ------------------------------------------------------------------


def reopen(paths: DataPaths, when: datetime) -> Database:
    return open_database(paths, clock=fixed_clock(when)).database


def test_closing_backs_up_only_when_data_changed_and_once_a_day(data_paths: DataPaths) -> None:
    day1 = datetime(2026, 3, 10, 9)
    database = reopen(data_paths, day1)
    assert backup_on_close(data_paths, database, changed=False) is None
    add(database, "Anna")
    first = backup_on_close(data_paths, database, changed=True)
    assert first is not None and names(first) == ["Anna"]
    database.dispose()

    # Same day, more edits: no second automatic copy, but the change is remembered...
    database = reopen(data_paths, day1.replace(hour=17))
    add(database, "Ravi")
    assert backup_on_close(data_paths, database, changed=True) is None
    database.dispose()

    # ...so the next day's close backs it up even though that session changed nothing.
    database = reopen(data_paths, day1 + timedelta(days=1))
    second = backup_on_close(data_paths, database, changed=False)
    assert second is not None and names(second) == ["Anna", "Ravi"]
    assert backup_on_close(data_paths, database, changed=False) is None
    database.dispose()
    database = reopen(data_paths, day1 + timedelta(days=2))
    assert backup_on_close(data_paths, database, changed=False) is None
    database.dispose()
    assert [b.reason for b in list_backups(data_paths)] == ["auto", "auto"]


def test_a_manual_backup_does_not_count_as_the_days_automatic_one(
    db: Database, data_paths: DataPaths
) -> None:
    backup_now(data_paths, db, "manual")
    add(db, "Anna")
    assert backup_on_close(data_paths, db, changed=True) is not None


# -- restoring ------------------------------------------------------------------------------


def test_restore_replaces_the_data_and_keeps_what_it_replaced(
    data_paths: DataPaths, clock: Clock
) -> None:
    database = open_database(data_paths, clock=clock).database
    add(database, "Anna")
    old = backup_now(data_paths, database, "manual")
    add(database, "Ravi")
    database.dispose()

    result = restore_backup(data_paths, old, now=NOW)
    assert names(data_paths.database) == ["Anna"]
    assert result.kept is not None and names(result.kept) == ["Anna", "Ravi"]
    assert BEFORE_RESTORE in result.kept.name
    if os.name == "posix":
        assert stat.S_IMODE(data_paths.database.stat().st_mode) == 0o600
    database = open_database(data_paths, clock=clock).database  # a working data file again
    add(database, "Zoe")
    database.dispose()
    assert names(data_paths.database) == ["Anna", "Zoe"]


CRASH = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode=WAL")
with conn:
    conn.execute("UPDATE contacts SET first_name = 'Crashed'")
os._exit(0)  # no close, no checkpoint: the edit lives only in the -wal
"""


def test_restore_drops_the_wal_of_the_file_it_replaces(data_paths: DataPaths, clock: Clock) -> None:
    database = open_database(data_paths, clock=clock).database
    add(database, "Anna")
    old = backup_now(data_paths, database, "manual")
    database.dispose()
    subprocess.run([sys.executable, "-c", CRASH, str(data_paths.database)], check=True)
    wal = data_paths.database.with_name(data_paths.database.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    kept = restore_backup(data_paths, old, now=NOW).kept
    assert not wal.exists()
    assert names(data_paths.database) == ["Anna"]
    assert kept is not None and names(kept) == ["Crashed"]  # the -wal's edit was kept


@pytest.mark.parametrize("problem", ["not a database", "damaged", "newer", "missing"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(
    db: Database, data_paths: DataPaths, tmp_path: Path, problem: str
) -> None:
    add(db, "Anna")
    bad = tmp_path / "bad.sqlite3"
    if problem == "not a database":
        bad.write_text("Name,Email\nAnna,anna@example.com\n")
    elif problem in ("damaged", "newer"):
        backup_now(data_paths, db, "manual").rename(bad)
        if problem == "damaged":
            content = bytearray(bad.read_bytes())
            content[4096 * 2 : 4096 * 8] = b"\x5a" * (4096 * 6)
            bad.write_bytes(bytes(content))
        else:
            conn = sqlite3.connect(bad)
            with conn:
                conn.execute("UPDATE alembic_version SET version_num = '0999'")
            conn.close()
    db.dispose()
    before = data_paths.database.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        restore_backup(data_paths, bad, now=NOW)
    assert "\n" not in str(caught.value)
    assert data_paths.database.read_bytes() == before
    assert list_backups(data_paths) == []  # not even a before-restore copy


def test_a_damaged_data_file_is_kept_byte_for_byte_before_a_restore(
    db: Database, data_paths: DataPaths
) -> None:
    add(db, "Anna")
    good = backup_now(data_paths, db, "manual")
    db.dispose()
    data_paths.database.write_bytes(b"this used to be a database")
    result = restore_backup(data_paths, good, now=NOW)
    assert result.kept is not None
    assert result.kept.read_bytes() == b"this used to be a database"
    assert names(data_paths.database) == ["Anna"]


def test_deleted_contacts_come_back_from_a_backup(db: Database, data_paths: DataPaths) -> None:
    add(db, "Anna", "Ravi")
    good = backup_now(data_paths, db, "manual")
    delete_contacts(db, [1, 2])
    db.dispose()
    restore_backup(data_paths, good, now=NOW)
    assert names(data_paths.database) == ["Anna", "Ravi"]


def test_a_folder_is_in_use_while_its_lock_is_held(data_paths: DataPaths) -> None:
    assert not folder_in_use(data_paths)
    data_paths.lock_file.write_text("12345\nrapport\nhost\n")  # left by a crash: stale
    assert not folder_in_use(data_paths)
    fd = os.open(data_paths.lock_file, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what QLockFile holds while running
        assert folder_in_use(data_paths)
    finally:
        os.close(fd)


# -- restoring into the open file (the app's way) ---------------------------------------------


def test_restore_into_the_open_file_reaches_connections_already_open(
    db: Database, data_paths: DataPaths
) -> None:
    add(db, "Anna")
    old = backup_now(data_paths, db, "manual")
    add(db, "Ravi")
    reader = db.raw()  # as a list model keeps one open
    try:
        result = restore_into(data_paths, db, old)
        seen = [r[0] for r in reader.execute("SELECT first_name FROM contacts ORDER BY id")]
    finally:
        reader.close()
    assert seen == ["Anna"]
    assert result.kept is not None and names(result.kept) == ["Anna", "Ravi"]
    add(db, "Zoe")  # the pooled ORM connections write to the restored data
    assert names(data_paths.database) == ["Anna", "Zoe"]


def test_restore_into_refuses_a_bad_file_before_writing(
    db: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    add(db, "Anna")
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    with pytest.raises(DatabaseError, match="not a Rapport data file"):
        restore_into(data_paths, db, bad)
    assert names(data_paths.database) == ["Anna"] and list_backups(data_paths) == []


def test_an_older_backup_restored_into_the_open_file_is_brought_up_to_date(
    data_paths: DataPaths, clock: Clock, tmp_path: Path
) -> None:
    stored = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "0001.sqlite3"
    versions = tmp_path / "v"
    versions.mkdir()
    (versions / "9001_test.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9001'\ndown_revision = '{HEAD_REVISION}'\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade() -> None:\n"
        "    op.add_column('tags', sa.Column('colour', sa.String(9), server_default=''))\n"
    )
    database = open_database(data_paths, clock=clock, extra_version_locations=[versions]).database
    try:
        restore_into(data_paths, database, stored)
        assert bring_up_to_date(database, extra_version_locations=[versions]) == "0001"
        conn = sqlite3.connect(data_paths.database)
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        tag_columns = [row[1] for row in conn.execute("PRAGMA table_info(tags)")]
        conn.close()
    finally:
        database.dispose()
    assert version == ("9001",) and "colour" in tag_columns
    assert names(data_paths.database) == ["Anna", "Ravi", "Zoë"]
