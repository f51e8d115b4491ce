"""What a failed write to the data folder means, in one line a user can act on.

SQLite and the operating system report a full disk, a read-only folder or a file busy
in another program in their own words ("database or disk is full", EROFS, "database is
locked"); the window and the command line show these sentences instead of a traceback.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from crm.errors import DatabaseError

DISK_FULL = "The disk is full: nothing was changed. Free some space and try again."
READ_ONLY = "The folder is read-only: Rapport cannot save anything in {folder}."
BUSY = "The data file is busy: another program is writing to it. Close it (or wait) and try again."


def explain_os_error(exc: OSError, path: Path) -> DatabaseError:
    """A DatabaseError with one clear sentence for an OSError raised on `path`."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DatabaseError(DISK_FULL)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseError(READ_ONLY.format(folder=path.parent))
    return DatabaseError(f"Cannot write {path.name}: {exc.strerror or exc}.")


def explain_database_error(exc: BaseException, folder: Path) -> DatabaseError | None:
    """One clear sentence for an SQLite failure caused by the disk, the folder or another
    process; None when it is none of these (a bug, to be reported as it is)."""
    inner = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if isinstance(inner, OSError):
        return explain_os_error(inner, folder / "x")
    if not isinstance(inner, sqlite3.Error):
        return None
    code = getattr(inner, "sqlite_errorcode", -1) & 0xFF  # the primary code
    text = str(inner).lower()
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DatabaseError(DISK_FULL)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in text:
        return DatabaseError(BUSY)
    if (
        code == sqlite3.SQLITE_READONLY
        or "readonly database" in text
        or "unable to open database file" in text
    ):
        return DatabaseError(READ_ONLY.format(folder=folder))
    if code == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
        return DatabaseError(
            "The data file could not be written (a disk error; is the disk full?). "
            "Nothing of this action was saved."
        )
    return None
