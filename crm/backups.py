"""Consistent copies of the data file through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from crm.paths import make_private_dir, make_private_file

BACKUP_SUFFIX = ".sqlite3"


def backup_file(source: Path, dest_dir: Path, reason: str, now: datetime) -> Path:
    """Copy the database at `source` into `dest_dir` and return the copy's path.

    The online backup API gives a consistent snapshot even while another connection
    writes, which a plain file copy of a WAL database does not.
    """
    make_private_dir(dest_dir)
    stamp = now.strftime("%Y-%m-%d_%H%M%S")
    target = dest_dir / f"rapport-{stamp}-{reason}{BACKUP_SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = dest_dir / f"rapport-{stamp}-{reason}-{counter}{BACKUP_SUFFIX}"
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    make_private_file(target)
    return target
