"""Consistent copies of the data file: making, listing, thinning and restoring backups."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crm.errors import DatabaseError
from crm.store.clock import utc_now
from crm.store.db import BUSY_TIMEOUT_MS, Database
from crm.store.paths import DataPaths, make_private_dir, make_private_file

BACKUP_SUFFIX = ".sqlite3"
# rapport-2026-03-10_143000-auto.sqlite3 (UTC, like every time Rapport stores); a second
# copy in the same second gets ".2" before the suffix.
_NAME = re.compile(
    r"^rapport-(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})-(?P<reason>[a-z0-9-]+?)(?:\.(?P<n>\d+))?"
    + re.escape(BACKUP_SUFFIX)
    + "$"
)
STAMP = "%Y-%m-%d_%H%M%S"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
AUTO = "auto"
BEFORE_RESTORE = "before-restore"
PENDING_KEY = "backup.pending"  # data changed after the day's automatic backup was made


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the Restore dialog and `main.py restore` describe it."""

    path: Path
    created_at: datetime  # naive UTC, read from the file name
    reason: str
    contacts: int | None  # None when the copy cannot be read
    size: int

    @property
    def reason_label(self) -> str:
        return reason_label(self.reason)


@dataclass(frozen=True)
class RestoreResult:
    restored: Path  # the backup that is now the data file
    kept: Path | None  # the copy of what it replaced (None when there was no data file)


def reason_label(reason: str) -> str:
    """Words for a backup's reason, as the Restore dialog shows it."""
    labels = {
        AUTO: "Automatic, on close",
        "manual": "Backed up by hand",
        BEFORE_RESTORE: "Before a restore",
        "before-import": "Before an import",
    }
    if reason in labels:
        return labels[reason]
    if reason.startswith("before-upgrade-"):
        return "Before updating the data file for a new Rapport"
    return reason.replace("-", " ").capitalize()


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` without leaving -wal/-shm files beside a closed database.

    With no -wal file nobody has the database open and nothing is pending, so SQLite may
    treat it as immutable; otherwise it must read the WAL like any other reader.
    """
    wal = path.with_name(path.name + "-wal")
    return f"file:{path}?mode=ro" + ("" if wal.exists() else "&immutable=1")


def read_only(path: Path) -> contextlib.closing[sqlite3.Connection]:
    """A read-only connection to the file at `path` (see `read_only_uri`), for a `with`
    block that closes it."""
    return contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True))


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, so no copy is ever briefly public."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def target_name(dest_dir: Path, reason: str, now: datetime) -> Path:
    reason = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    stem = f"rapport-{now.strftime(STAMP)}-{reason}"
    target = dest_dir / f"{stem}{BACKUP_SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = dest_dir / f"{stem}.{counter}{BACKUP_SUFFIX}"
    return target


def copy_into(src: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of `src` to `target` (created private, replaced atomically)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A backup is one self-contained file: no -wal beside it, readable read-only.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    make_private_file(target)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_file(source: Path, dest_dir: Path, reason: str, now: datetime) -> Path:
    """Copy the database at `source` into `dest_dir` and return the copy's path.

    The online backup API gives a consistent snapshot even while another connection
    writes, which a plain file copy of a WAL database does not.
    """
    make_private_dir(dest_dir)
    target = target_name(dest_dir, reason, now)
    try:
        # Read-write (though it only reads): the last connection to close tidies the -wal.
        src = sqlite3.connect(source) if os.access(source, os.W_OK) else None
    except sqlite3.Error:
        src = None
    src = src or sqlite3.connect(read_only_uri(source), uri=True)
    try:
        src.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        copy_into(src, target)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"Cannot back up {source.name}: {exc}.") from exc
    finally:
        src.close()
    return target


def backup_now(
    paths: DataPaths,
    db_or_path: Database | Path,
    reason: str = "manual",
    *,
    now: datetime | None = None,
    thin: bool = True,
) -> Path:
    """Back up the data file (open or not) into the backups folder; thin old copies."""
    if now is None:
        now = db_or_path.now() if isinstance(db_or_path, Database) else utc_now()
    if isinstance(db_or_path, Database):
        make_private_dir(paths.backups)
        target = target_name(paths.backups, reason, now)
        with db_or_path.connection() as src:
            try:
                copy_into(src, target)
            except sqlite3.DatabaseError as exc:
                raise DatabaseError(f"Cannot back up the data file: {exc}.") from exc
    else:
        target = backup_file(db_or_path, paths.backups, reason, now)
    if thin:
        thin_backups(paths.backups, now)
    return target


# -- listing and thinning -----------------------------------------------------------------


def _parse(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match["stamp"], STAMP)
    except ValueError:
        return None
    return created, match["reason"]


def _backup_files(folder: Path) -> list[tuple[Path, datetime, str]]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        parsed = _parse(path)
        if parsed is not None and path.is_file():
            found.append((path, *parsed))
    # Newest first; the same second sorts by name so ".2" comes before the first copy.
    found.sort(key=lambda item: (item[1], item[0].name), reverse=True)
    return found


def count_contacts(path: Path) -> int | None:
    """How many contacts a Rapport file holds, or None when it cannot be read."""
    try:
        with read_only(path) as conn:
            row = conn.execute("SELECT count(*) FROM contacts").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])


def list_backups(folder: DataPaths | Path) -> list[BackupInfo]:
    """Every backup in the folder, newest first, with its date and how many contacts it has."""
    if isinstance(folder, DataPaths):
        folder = folder.backups
    return [
        BackupInfo(path, created, reason, count_contacts(path), path.stat().st_size)
        for path, created, reason in _backup_files(folder)
    ]


def backups_to_keep(stamps: Iterable[tuple[Path, datetime]], today: date) -> set[Path]:
    """The copies a thinning keeps: all of today's, then the newest of each of the last
    7 days, 4 ISO weeks and 6 months that have a backup (Anki's scheme).

    Today's copies all stay so that a restore made today can still be undone.
    """
    ordered = sorted(stamps, key=lambda item: (item[1], item[0].name), reverse=True)
    keep = {path for path, created in ordered if created.date() >= today}
    for period, limit in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: set[object] = set()
        for path, created in ordered:
            bucket = period(created)
            if bucket in seen:
                continue
            if len(seen) == limit:
                break
            seen.add(bucket)
            keep.add(path)
    return keep


def thin_backups(folder: Path, now: datetime) -> list[Path]:
    """Delete the backups `backups_to_keep` does not keep; return what was deleted."""
    files = _backup_files(folder)
    keep = backups_to_keep(((path, created) for path, created, _ in files), now.date())
    removed = []
    for path, _created, _reason in files:
        if path not in keep:
            for doomed in (path, *sidecars(path)):
                with contextlib.suppress(FileNotFoundError):
                    doomed.unlink()
            removed.append(path)
    return removed


# -- automatic backup on close ------------------------------------------------------------


def backup_on_close(paths: DataPaths, db: Database, *, changed: bool) -> Path | None:
    """The close-time backup: only when data changed, at most one automatic copy a day.

    Changes made after the day's copy are remembered in the settings table, so the next
    close on another day backs them up even if that session changed nothing.
    """
    now = db.now()
    with db.connection() as conn:
        pending = conn.execute("SELECT 1 FROM settings WHERE key = ?", (PENDING_KEY,)).fetchone()
        if not (changed or pending):
            return None
        made_today = any(
            reason == AUTO and created.date() == now.date()
            for _path, created, reason in _backup_files(paths.backups)
        )
        if made_today:
            conn.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (PENDING_KEY, "1")
            )
            return None
        conn.execute("DELETE FROM settings WHERE key = ?", (PENDING_KEY,))
    return backup_now(paths, db, AUTO, now=now)


# -- restoring ----------------------------------------------------------------------------


def sidecars(db_file: Path) -> list[Path]:
    return [db_file.with_name(db_file.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
