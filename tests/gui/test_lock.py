"""One Rapport per data folder: the QLockFile taken by `ui.launch`."""

from __future__ import annotations

import stat
import subprocess
import sys

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication

from crm.store.paths import DataPaths
from ui.launch import acquire_lock, interactive, run_gui

CRASHED_HOLDER = """
import os, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(100)
os._exit(0)  # dies holding the lock, as a crash would
"""


def test_the_folder_can_be_locked_only_once(data_paths: DataPaths) -> None:
    first = acquire_lock(data_paths)
    assert first is not None
    assert acquire_lock(data_paths) is None
    first.unlock()
    again = acquire_lock(data_paths)
    assert again is not None
    again.unlock()


def test_a_lock_left_by_a_crashed_process_does_not_lock_the_user_out(
    data_paths: DataPaths,
) -> None:
    subprocess.run([sys.executable, "-c", CRASHED_HOLDER, str(data_paths.lock_file)], check=True)
    assert data_paths.lock_file.exists()
    lock = acquire_lock(data_paths)
    assert lock is not None
    lock.unlock()


def test_a_second_launch_in_a_locked_folder_says_so_and_returns_1(
    qapp: QApplication, data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = QLockFile(str(data_paths.lock_file))
    assert holder.tryLock(100)
    try:
        assert not interactive()  # offscreen: no message box to wait on
        assert run_gui(data_paths) == 1
    finally:
        holder.unlock()
    err = capsys.readouterr().err
    assert err.startswith("rapport: Rapport is already open on this data folder")
    assert str(data_paths.root) in err and len(err.strip().splitlines()) == 1


def test_the_window_and_the_command_line_take_the_same_lock(data_paths: DataPaths) -> None:
    from crm.errors import FolderInUseError
    from crm.store.folder_lock import FolderLock, hold_folder

    window = acquire_lock(data_paths)
    assert window is not None
    assert stat.S_IMODE(data_paths.lock_file.stat().st_mode) == 0o600
    with pytest.raises(FolderInUseError):
        FolderLock(data_paths).acquire()
    window.unlock()
    with hold_folder(data_paths):
        assert acquire_lock(data_paths) is None
        # Qt does not take a command's lock for a stale one and remove it.
        probe = QLockFile(str(data_paths.lock_file))
        probe.setStaleLockTime(0)
        assert not probe.removeStaleLockFile()
        assert not probe.tryLock(0)


def test_a_lock_left_by_a_killed_command_does_not_lock_the_window_out(
    data_paths: DataPaths,
) -> None:
    code = (
        "import os, sys, pathlib\n"
        "from crm.store.paths import DataPaths\n"
        "from crm.store.folder_lock import FolderLock\n"
        "FolderLock(DataPaths(pathlib.Path(sys.argv[1]))).acquire()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(data_paths.root)], check=True)
    lock = acquire_lock(data_paths)
    assert lock is not None
    lock.unlock()


def test_a_damaged_file_is_repaired_from_the_backup_the_window_offers(
    qapp: QApplication, data_paths: DataPaths
) -> None:
    from crm.contacts.service import ContactFields, create_contact
    from crm.errors import DamagedFileError
    from crm.store.backups import backup_now
    from crm.store.schema import open_database
    from ui.launch import offer_repair

    database = open_database(data_paths).database
    create_contact(database, ContactFields("Anna", "Lee"))
    good = backup_now(data_paths, database, "manual")
    database.dispose()
    data_paths.database.write_bytes(b"\0" * 4096)  # damaged
    with pytest.raises(DamagedFileError) as refused:
        open_database(data_paths)
    asked: list[str] = []

    def yes(_title: str, question: str) -> bool:
        asked.append(question)
        return True

    assert offer_repair(data_paths, refused.value, yes)
    assert good.name in asked[0]
    reopened = open_database(data_paths).database
    with reopened.read() as session:
        from sqlalchemy import text

        assert session.execute(text("SELECT first_name FROM contacts")).scalars().all() == ["Anna"]
    reopened.dispose()
