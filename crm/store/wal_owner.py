"""Whether the write-ahead log beside the data file is the one Rapport wrote for it.

SQLite replays any valid `-wal` file it finds beside a database, even one copied from
another copy of the same file: every note it holds silently overwrites the current ones.
While a data file is open, the identity (device and inode) of its `-wal` is recorded in a
small file beside it; a clean close marks it closed, since SQLite then deletes the log.
A `-wal` found at open is replayed only when it is the one recorded by a session that
did not close (a crash); any other is refused until the user chooses what to do with it.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from crm.errors import ForeignWalError

CLOSED = "closed"


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


def record_path(database: Path) -> Path:
    return database.with_name(database.name + "-wal-owner")


def _identity(path: Path) -> str | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return f"{info.st_dev}:{info.st_ino}"


def _write(database: Path, text: str) -> None:
    record = record_path(database)
    partial = record.with_name(record.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)
    os.replace(partial, record)


def check_wal(database: Path) -> None:
    """Raise ForeignWalError when a non-empty `-wal` beside `database` is not the one a
    crashed Rapport session left. A folder that never had a record is trusted."""
    wal = wal_path(database)
    try:
        if wal.stat().st_size == 0:
            return
    except FileNotFoundError:
        return
    try:
        recorded = record_path(database).read_text().strip()
    except FileNotFoundError:
        return  # written by a Rapport from before these records
    except OSError:
        recorded = ""
    if recorded != CLOSED and recorded == _identity(wal):
        return
    raise ForeignWalError(
        f"{wal.name} beside the data file was not written for it (it may come from a copy); "
        "Rapport did not open the file. Move that file out of the folder to open the data "
        "as last saved.",
        wal,
    )


def claim_wal(database: Path) -> None:
    """Record the identity of the open file's `-wal` (SQLite creates it on first read)."""
    identity = _identity(wal_path(database))
    if identity is not None:
        _write(database, identity)


def release_wal(database: Path) -> None:
    """After a close: when SQLite removed the log, no leftover may claim to be ours."""
    if not wal_path(database).exists():
        _write(database, CLOSED)


def set_wal_aside(database: Path, now: datetime) -> Path:
    """Move a refused `-wal` (and its `-shm`) out of the way; returns where it went."""
    wal = wal_path(database)
    target = wal.with_name(f"{wal.name}.set-aside-{now:%Y%m%d-%H%M%S}")
    os.replace(wal, target)
    shm = database.with_name(database.name + "-shm")
    shm.unlink(missing_ok=True)
    return target
