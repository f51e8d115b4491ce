"""The folder lock the command line shares with the window, and what writing commands do
when another process holds the folder or the data file."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crm.contacts.service import ContactFields, create_contact
from crm.errors import FolderInUseError
from crm.store.backups import backup_now
from crm.store.db import Database
from crm.store.folder_lock import FolderLock, folder_in_use, hold_folder
from crm.store.paths import DataPaths
from tests.e2e.test_cli_maintenance import one_clear_line, rapport

REPO = Path(__file__).resolve().parents[2]
VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nia Obi\r\nN:Obi;Nia;;;\r\nEND:VCARD\r\n"


def test_the_lock_is_held_once_private_and_freed(data_paths: DataPaths) -> None:
    with hold_folder(data_paths):
        assert folder_in_use(data_paths)
        assert stat.S_IMODE(data_paths.lock_file.stat().st_mode) == 0o600
        with pytest.raises(FolderInUseError, match="Rapport is open on this folder"):
            FolderLock(data_paths).acquire()
    assert not data_paths.lock_file.exists()
    assert not folder_in_use(data_paths)


def test_a_lock_left_by_a_killed_command_is_taken_over(data_paths: DataPaths) -> None:
    code = (
        "import os, sys\n"
        "from crm.store.paths import DataPaths\n"
        "from crm.store.folder_lock import FolderLock\n"
        "FolderLock(DataPaths(__import__('pathlib').Path(sys.argv[1]))).acquire()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(data_paths.root)], cwd=REPO, check=True)
    assert data_paths.lock_file.exists()
    with hold_folder(data_paths):
        assert folder_in_use(data_paths)


@pytest.mark.parametrize("command", ["import", "restore", "sample-data"])
def test_writing_commands_refuse_while_rapport_holds_the_folder(
    db: Database, data_paths: DataPaths, tmp_path: Path, command: str
) -> None:
    create_contact(db, ContactFields(first_name="Anna", last_name="Lee"))
    backup = backup_now(data_paths, db, "manual")
    db.dispose()
    card = tmp_path / "nia.vcf"
    card.write_text(VCARD)
    args = {"import": [str(card)], "restore": [str(backup)], "sample-data": []}[command]
    with hold_folder(data_paths):  # as the window (or a long import) holds it
        result = rapport("--data-dir", str(data_paths.root), command, *args)
    assert "Rapport is open on this folder" in one_clear_line(result)
    conn = sqlite3.connect(data_paths.database)
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
    conn.close()


def test_a_command_holds_the_lock_for_its_whole_run(data_paths: DataPaths) -> None:
    import types

    from main import run_command

    seen: list[bool] = []

    def run(_args: object, paths: DataPaths) -> int:
        seen.append(folder_in_use(paths))
        return 0

    module = types.SimpleNamespace(WRITES=True, run=run)
    assert run_command(module, None, data_paths) == 0  # type: ignore[arg-type]
    assert seen == [True] and not folder_in_use(data_paths)


def test_an_import_facing_a_write_lock_held_too_long_says_so_in_one_line(
    db: Database, data_paths: DataPaths, tmp_path: Path
) -> None:
    db.dispose()
    card = tmp_path / "nia.vcf"
    card.write_text(VCARD)
    other = sqlite3.connect(data_paths.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writes, longer than the busy timeout
    try:
        result = rapport("--data-dir", str(data_paths.root), "import", str(card))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "busy" in one_clear_line(result)
