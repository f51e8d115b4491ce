"""A damaged data file: one sentence saying so, and the newest backup that is sound."""

from __future__ import annotations

from pathlib import Path

from crm.errors import DamagedFileError, DatabaseError
from crm.store.backups import BackupInfo, list_backups
from crm.store.paths import DataPaths

MAX_REASON = 160


def newest_good_backup(paths: DataPaths) -> BackupInfo | None:
    """The newest backup that passes the checks a restore makes, or None."""
    from crm.store.integrity import check_backup

    for info in list_backups(paths):
        try:
            check_backup(info.path)
        except DatabaseError:
            continue
        return info
    return None


def damaged(paths: DataPaths, reason: str) -> DamagedFileError:
    """The error for a data file that cannot be opened, naming the backup to restore."""
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        reason = reason[: MAX_REASON - 1].rstrip() + "…"
    backup = newest_good_backup(paths)
    if backup is None:
        offer = f"No sound backup was found in {paths.backups}."
    else:
        people = "contact" if backup.contacts == 1 else "contacts"
        offer = (
            f"The newest sound backup, from {backup.created_at:%Y-%m-%d %H:%M} UTC with "
            f"{backup.contacts} {people}, is {backup.path}; restore it with "
            f'`rapport restore "{backup.path}"`.'
        )
    path: Path | None = backup.path if backup else None
    return DamagedFileError(f"{reason.rstrip('.')}. {offer}", path)
