"""Restoring a backup: checked first, the replaced file kept, never half a file."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from crm.errors import DatabaseError
from crm.store.backups import (
    BEFORE_RESTORE,
    RestoreResult,
    backup_file,
    backup_now,
    copy_into,
    create_private_file,
    read_only_uri,
    sidecars,
    target_name,
)
from crm.store.clock import utc_now
from crm.store.db import Database
from crm.store.paths import DataPaths, make_private_file


def keep_current(paths: DataPaths, now: datetime) -> Path | None:
    """Copy the data file before it is replaced; a damaged file is copied byte for byte."""
    db_file = paths.database
    if not db_file.exists() or db_file.stat().st_size == 0:
        return None
    try:
        return backup_file(db_file, paths.backups, BEFORE_RESTORE, now)
    except DatabaseError:
        target = target_name(paths.backups, BEFORE_RESTORE, now)
        create_private_file(target)
        shutil.copyfile(db_file, target)
        wal = db_file.with_name(db_file.name + "-wal")
        if wal.exists():
            raw_wal = target.with_name(target.name + "-wal")
            shutil.copyfile(wal, raw_wal)
            make_private_file(raw_wal)
        return target


def restore_backup(
    paths: DataPaths, backup_path: Path, *, now: datetime | None = None
) -> RestoreResult:
    """Make `backup_path` the data file, keeping a copy of the file it replaces.

    No connection to the data file may be open (the app closes its database first).
    The backup is checked before anything is touched; the new file is written beside
    the old one and renamed over it, so a crash leaves one file or the other, never half.
    """
    from crm.store.integrity import check_backup

    check_backup(backup_path)
    now = now or utc_now()
    paths.ensure()
    kept = keep_current(paths, now)
    db_file = paths.database
    incoming = db_file.with_name(db_file.name + ".restoring")
    incoming.unlink(missing_ok=True)
    src = sqlite3.connect(read_only_uri(backup_path), uri=True)
    try:
        copy_into(src, incoming)
    finally:
        src.close()
    # A -wal left beside the old file would be replayed onto the restored one.
    for sidecar in sidecars(db_file):
        sidecar.unlink(missing_ok=True)
    os.replace(incoming, db_file)
    if os.name == "posix":
        dir_fd = os.open(db_file.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return RestoreResult(backup_path, kept)


def restore_into(paths: DataPaths, database: Database, backup_path: Path) -> RestoreResult:
    """Restore `backup_path` into the open data file, keeping a copy of what it replaces.

    SQLite's backup API writes the pages in one transaction of the live file, so every
    connection the app holds (pooled, or kept open by a list model) stays valid and sees
    the restored data on its next read; swapping the file under them would leave them
    reading the old one. The caller brings an older schema up to date afterwards.
    """
    from crm.store.integrity import check_backup

    check_backup(backup_path)
    kept = backup_now(paths, database, BEFORE_RESTORE, thin=False)
    src = sqlite3.connect(read_only_uri(backup_path), uri=True)
    try:
        with database.connection() as dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Could not restore {backup_path.name}: {exc}.") from exc
    finally:
        src.close()
    return RestoreResult(backup_path, kept)
