"""Opening a data file: new, newer than us, damaged, not a database, and private on disk."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from crm.contacts.service import ContactFields, create_contact
from crm.errors import DamagedFileError, DatabaseError, SchemaTooNewError
from crm.store.backups import list_backups
from crm.store.clock import Clock
from crm.store.paths import DataPaths
from crm.store.schema import HEAD_REVISION, open_database, script_directory

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def make_rapport_file(paths: DataPaths, clock: Clock) -> None:
    database = open_database(paths, clock=clock).database
    create_contact(database, ContactFields("Anna", "Lee"))
    database.dispose()


def siblings(paths: DataPaths) -> set[str]:
    return {p.name for p in paths.root.iterdir()}


def test_a_file_from_a_newer_rapport_is_refused_and_left_byte_identical(
    data_paths: DataPaths, clock: Clock
) -> None:
    make_rapport_file(data_paths, clock)
    conn = sqlite3.connect(data_paths.database)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before, files = data_paths.database.read_bytes(), siblings(data_paths)
    with pytest.raises(SchemaTooNewError, match="newer version of Rapport") as caught:
        open_database(data_paths, clock=clock)
    assert "0999" in str(caught.value) and "\n" not in str(caught.value)
    assert data_paths.database.read_bytes() == before
    assert siblings(data_paths) == files  # no -wal or -shm left beside it either
    assert list_backups(data_paths) == []


@pytest.mark.parametrize(
    "content",
    [b"BEGIN:VCARD\nFN:Anna Lee\nEND:VCARD\n", b"\x00" * 4096, b"SQLite"],
    ids=["text", "zeros", "short"],
)
def test_a_file_that_is_not_a_database_gives_one_clear_error_and_is_kept(
    data_paths: DataPaths, clock: Clock, content: bytes
) -> None:
    data_paths.database.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a Rapport data file") as caught:
        open_database(data_paths, clock=clock)
    assert "\n" not in str(caught.value)
    assert data_paths.database.read_bytes() == content


def test_a_damaged_database_gives_one_clear_error_and_is_not_overwritten(
    data_paths: DataPaths, clock: Clock
) -> None:
    make_rapport_file(data_paths, clock)
    damaged = bytearray(data_paths.database.read_bytes())
    damaged[4096 * 2 : 4096 * 6] = b"\xff" * (4096 * 4)  # scribble over some pages
    data_paths.database.write_bytes(bytes(damaged))
    with pytest.raises(DatabaseError, match="damaged"):
        open_database(data_paths, clock=clock)
    assert data_paths.database.read_bytes() == bytes(damaged)


def test_an_sqlite_file_of_another_program_is_refused(data_paths: DataPaths, clock: Clock) -> None:
    conn = sqlite3.connect(data_paths.database)
    conn.execute("CREATE TABLE moz_places(id INTEGER PRIMARY KEY)")
    conn.close()
    before = data_paths.database.read_bytes()
    with pytest.raises(DatabaseError, match="not a Rapport data file"):
        open_database(data_paths, clock=clock)
    assert data_paths.database.read_bytes() == before


def test_an_empty_file_is_damaged_not_set_up_again(data_paths: DataPaths, clock: Clock) -> None:
    # A zero-length data file lost its data (Rapport writes the header as it creates one):
    # set up afresh, it passed for an empty address book.
    data_paths.database.touch()
    with pytest.raises(DamagedFileError, match="empty"):
        open_database(data_paths, clock=clock)
    assert data_paths.database.stat().st_size == 0


@posix_only
def test_the_data_folder_database_and_its_journal_files_are_private(
    tmp_path: Path, clock: Clock
) -> None:
    old_umask = os.umask(0o022)  # a typical desktop umask: everything readable by others
    try:
        paths = DataPaths(tmp_path / "fresh" / "Rapport")
        database = open_database(paths, clock=clock).database
        create_contact(database, ContactFields("Anna", "Lee"))
        journal = [paths.root / (paths.database.name + s) for s in ("-wal", "-shm")]
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [paths.database, *journal]}
        database.dispose()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.backups.stat().st_mode) == 0o700
    assert set(modes.values()) == {0o600}, modes


def test_the_known_head_revision_is_the_newest_migration() -> None:
    # A current file opens without Alembic only if this constant follows the scripts.
    assert script_directory().get_heads() == [HEAD_REVISION]


def test_a_current_file_opens_without_importing_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    paths = DataPaths(tmp_path / "data").ensure()
    open_database(paths).database.dispose()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from crm.store.paths import DataPaths\n"
        "from crm.store.schema import open_database\n"
        f"open_database(DataPaths(Path({str(paths.root)!r}))).database.dispose()\n"
        "assert 'alembic' not in sys.modules, 'alembic was imported'\n"
    )
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
